"""What a visitor sees and clicks, in Debian's real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

RESULT_LINK = "#praktijken-lijst .praktijk__titel a"  # the finder's results, in their order
COUNTED = re.compile(r"(gevonden\.?|Alle \d+ praktijken)$")  # the finder's status once it has answered


def finder_results(page) -> list[str]:
    """The finder's results once it has answered, in the order shown."""
    expect(page.locator("#filter-resultaat")).to_have_text(COUNTED)
    return page.eval_on_selector_all(RESULT_LINK, "els => els.map(e => e.getAttribute('href'))")


def search_from_header(page, site_url: str, query: str, start: str = "/over/") -> list[str]:
    """Types into the header's box on another page and presses Enter, as a visitor would."""
    page.goto(site_url + start)
    page.get_by_label("Zoek in de praktijken").first.fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/praktijken/\?q="))
    return finder_results(page)


def search_from_home(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "/")
    page.get_by_label(re.compile(r"^Zoek in \d+ praktijken")).fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/praktijken/\?q="))
    return finder_results(page)


def search_every_page(page, site_url: str, query: str) -> list[str]:
    """The case pages that /zoeken/ (the site's own index, every page) finds."""
    page.goto(f"{site_url}/zoeken/?q={query}")
    status = page.locator("#zoekstatus")
    expect(status).to_have_text(re.compile(r"gevonden"))
    said = status.inner_text()  # "3 praktijken en 2 andere pagina's gevonden voor ‘…’"

    def counted(what: str) -> int:
        match = re.search(rf"(\d+) {what}", said)
        return int(match.group(1)) if match else 0

    cases, others = counted("praktijk"), counted("andere pagina")
    found = cases + others
    results = page.locator("#zoekresultaten .zoekresultaat__titel a")
    shown = 0
    while True:  # ten at a time (zoeken.js): show them all
        shown = min(found, shown + 10)
        expect(results).to_have_count(shown)
        if shown == found:
            break
        page.get_by_role("button", name="Meer resultaten tonen").click()
    hrefs = page.eval_on_selector_all(".zoekresultaat__titel a", "els => els.map(e => e.getAttribute('href'))")
    listed_cases = [h for h in hrefs if re.search(r"/praktijken/[a-z0-9-]+/$", h)]
    assert len(listed_cases) == cases and len(hrefs) == found, said  # the count says what the list shows
    return listed_cases


def slugs(hrefs: list[str]) -> list[str]:
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


# Every query of the search tests (here and in test_officials.py).
QUERIES = ["initiatieven", "wijken", "cooperatie", "Kwartelkoning", "Zoekstad", "renovaties", "fryslan",
           "pilots", "Portaal", "preventieakkoord"]


@pytest.mark.parametrize("query", QUERIES)
def test_header_box_and_home_box_give_the_same_cases_as_every_page_search(page, search_site_url, query):
    from_header = search_from_header(page, search_site_url, query)
    from_home = search_from_home(page, search_site_url, query)
    assert from_header, query
    assert slugs(from_header) == slugs(from_home)  # one place: the same top cases, in order
    # The finder's own index and the site's index find the same cases for the same words.
    assert sorted(slugs(from_header)) == sorted(slugs(search_every_page(page, search_site_url, query)))


def test_inflected_dutch_word_reaches_case_then_term_page_and_back(page, site_url):
    # "renovaties" does not occur on the Utrecht page; "renovatie" does.
    results = search_from_header(page, site_url, "renovaties")
    assert results[0].endswith("/praktijken/utrecht-health-in-all-policies/")

    with page.expect_navigation(url=re.compile(r"/praktijken/utrecht-health-in-all-policies/$")):
        page.locator(RESULT_LINK).first.click()
    heading = page.locator("h1").inner_text()
    assert heading == "Utrecht: gezonde stad van en voor iedereen"
    body = page.locator("article").inner_text().lower()
    assert "renovatie" in body and "renovaties" not in body

    with page.expect_navigation(url=re.compile(r"/sporen/fysieke-omgeving/$")):
        page.get_by_role("link", name="Fysieke omgeving", exact=True).first.click()
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


def test_each_test_s_tab_starts_without_what_the_last_test_left(_tabs, site_url):
    """The shared contexts of conftest.Tabs: stored data, cookies and permissions that one
    test leaves are gone in the next, as in a new context; its tabs are closed."""
    page = _tabs.open()
    page.goto(site_url + "/")
    page.evaluate("localStorage.setItem('proef', '1'); document.cookie = 'proef=1; path=/'")
    page.context.grant_permissions(["clipboard-read"])
    _tabs.close_all()
    assert page.is_closed()
    page = _tabs.open()
    page.goto(site_url + "/")
    assert page.evaluate("[localStorage.length, document.cookie]") == [0, ""]
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
    _tabs.close_all()
