"""What a visitor sees and clicks, in Debian's real Chromium."""

from __future__ import annotations

import re

import pytest

RESULT_LINK = ".zoekresultaat__titel a"


def search_from_header(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "/")
    page.get_by_label("Zoek in de praktijken").first.fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q="))
    page.wait_for_selector(RESULT_LINK)
    return page.eval_on_selector_all(RESULT_LINK, "els => els.map(e => e.getAttribute('href'))")


def test_inflected_dutch_word_reaches_case_then_term_page_and_back(page, site_url):
    # "renovaties" does not occur on the Utrecht page; "renovatie" does.
    results = search_from_header(page, site_url, "renovaties")
    assert results[0].endswith("/praktijken/utrecht-health-in-all-policies/")

    page.locator(RESULT_LINK).first.click()
    page.wait_for_url(re.compile(r"/praktijken/utrecht-health-in-all-policies/$"))
    heading = page.locator("h1").inner_text()
    assert heading == "Utrecht: gezonde stad van en voor iedereen"
    body = page.locator("article").inner_text().lower()
    assert "renovatie" in body and "renovaties" not in body

    page.get_by_role("link", name="Fysieke omgeving", exact=True).first.click()
    page.wait_for_url(re.compile(r"/sporen/fysieke-omgeving/$"))
    assert page.locator("h1").inner_text() == "Fysieke omgeving"
    listed = page.locator("article").get_by_role("link", name=heading, exact=True)
    assert listed.get_attribute("href").endswith("praktijken/utrecht-health-in-all-policies/")

    page.go_back()
    page.wait_for_url(re.compile(r"/praktijken/utrecht-health-in-all-policies/$"))
    assert page.locator("h1").inner_text() == heading


@pytest.mark.parametrize("query, expected", [
    ("fryslan", "/praktijken/sudwest-fryslan-samen-gezond/"),  # no accent typed
    ("pilots", "/praktijken/emmen-van-onderop/"),  # plural of "pilot"
    ("Portaal", "/praktijken/utrecht-health-in-all-policies/"),  # a partner name
])
def test_search_is_dutch_and_accent_blind(page, site_url, query, expected):
    results = search_from_header(page, site_url, query)
    assert any(r.endswith(expected) for r in results), results
