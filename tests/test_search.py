"""Search finds what is there and nothing else, in the finder and on /zoeken/ alike.

Three checks on one rule (data/zoeken.yaml):
- a table of Dutch queries with the exact cases each must find, typed from
  reading the case files (grep), answered by the rule's Python side and by
  the browser in both places;
- the browser's side (docs/assets/zoekhulp.js, run under Node on the built
  site) against the Python side, whole answers, over the table and over
  generated words: words of the site, their other forms, compounds of two
  of them, words found nowhere and stop words;
- the property that no listed page lacks a query word.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import REPO
from search_oracle import Oracle
from sitegen import data
from sitegen.builder import search
from test_browser import finder_results, search_every_page, slugs

AMERSFOORT, EMMEN, FRIESLAND = "amersfoort-gezonde-wijkaanpak", "emmen-van-onderop", "friese-preventie-aanpak"
GRONINGEN, HELMOND, LEIDEN = "groningen-welzijn-op-recept", "helmond-integrale-aanpak", "leiden-van-zorg-naar-gezondheid"
SUDWEST, UTRECHT = "sudwest-fryslan-samen-gezond", "utrecht-health-in-all-policies"
WESTLAND = "westland-schieland-delfland-gezondheidsakkoord"
WITH_WIJK = {AMERSFOORT, EMMEN, HELMOND, LEIDEN, SUDWEST, UTRECHT}  # grep -il wijk; all nine have "aanpak"

# query -> the cases it must find, exactly.
TABLE = {
    "eenzaamheid": set(),  # in no case: never cut down to "een"
    "gezonde school": set(),  # "school" is in no case: not dropped
    "wijkaanpak": WITH_WIJK,  # also "aanpak in de wijk", "wijkgericht ... aanpak"
    "wijk aanpak": WITH_WIJK,  # also "wijkaanpak"
    "aanpak in de wijk": WITH_WIJK,  # "in" and "de" are left out
    "wijken": WITH_WIJK,  # plural
    "jongeren sport": set(),  # each word is in a case, never both in one
    "jongeren": {SUDWEST},
    "jongere": {SUDWEST},  # singular
    "sport": {EMMEN, FRIESLAND, GRONINGEN, LEIDEN, WESTLAND},  # also "Ministerie van VWS" in a source
    "initiatieven": {EMMEN, HELMOND, UTRECHT},  # v/f: also "initiatief"
    "initiatief": {EMMEN, HELMOND, UTRECHT},
    "fryslan": {FRIESLAND, SUDWEST},  # accents folded
    "Fryslân": {FRIESLAND, SUDWEST},
    "renovaties": {UTRECHT},  # plural in s of "renovatie"
    "pilots": {EMMEN},
    "voedselapotheek": {AMERSFOORT},
    "welzijn op recept": {GRONINGEN},
    "overgewicht": {FRIESLAND},
    "kansrijke start": {FRIESLAND},
    "valpreventie": {FRIESLAND},
    "Portaal": {UTRECHT},  # a partner's name
    "GGD": {AMERSFOORT, EMMEN, FRIESLAND, GRONINGEN, SUDWEST, WESTLAND},
    "GGD voedselapotheek": {AMERSFOORT},
    "pilots GGD": {EMMEN},
    "inwoners": {AMERSFOORT, EMMEN, HELMOND, LEIDEN, SUDWEST, UTRECHT, WESTLAND},
    "de het een": set(),  # only stop words: nothing is searched
    "succespijler": set(),  # on the about pages, in no case
    "gepubliceerd": set(),  # a label of every case page, not its text
    "preventieakkoord": {HELMOND, SUDWEST, FRIESLAND, GRONINGEN, LEIDEN, WESTLAND},  # the last four by its parts
}
FIRST = {"preventieakkoord": {HELMOND, SUDWEST}, "wijkaanpak": {AMERSFOORT}}  # the word itself ranks first
NODE_SCRIPT = REPO / "tests" / "zoekhulp_in_node.js"


@pytest.fixture(scope="module")
def oracle(built_site) -> Oracle:
    return Oracle.of(REPO / "practices", built_site)


def in_node(site, queries: list[str], words: list[str]) -> dict:
    done = subprocess.run(["node", str(NODE_SCRIPT)], input=json.dumps({"site": str(site), "queries": queries,
                                                                          "words": words}),
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_table_has_enough_queries_of_each_kind():
    assert len(TABLE) >= 25
    assert sum(not found for found in TABLE.values()) >= 5  # words found nowhere, stop words


@pytest.mark.parametrize("query", sorted(TABLE))
def test_the_rule_finds_exactly_the_cases_of_the_table(oracle, query):
    answer = oracle.answer(query)
    assert set(answer["cases"]) == TABLE[query]
    if query in FIRST:
        assert set(answer["cases"][:len(FIRST[query])]) == FIRST[query]


def _generated_queries(count: int) -> list[str]:
    """Words of the site as written, their other forms, compounds of two, two-word queries,
    words found nowhere and stop words; the same ones every run."""
    draw = random.Random(20261203)
    site_words = sorted({word for _, text in [search.case_text(c) for c in _model().cases]
                         for word in search.words_of(text)})
    stop = sorted(search.rule().stop_words)
    queries = []
    for _ in range(count):
        word = draw.choice(site_words)
        kind = draw.randrange(7)
        if kind == 0:
            queries.append(word + draw.choice(["en", "s", "je", "tjes", "e"]))
        elif kind == 1:
            queries.append(word + draw.choice(site_words).lower())
        elif kind == 2:
            queries.append(f"{word} {draw.choice(site_words)}")
        elif kind == 3:
            queries.append("".join(draw.sample("abcdefghijklmnopqrstuvwxyz", draw.randint(3, 12))))
        elif kind == 4:
            queries.append(f"{draw.choice(stop)} {word}")
        elif kind == 5:
            queries.append(word.upper())
        else:
            queries.append(word)
    return queries


def _model():
    from sitegen.check.validate import check_paths
    from sitegen.render.model import build_site_model
    return build_site_model(check_paths([REPO / "practices"]).valid_files)


def test_the_browser_and_the_rule_give_the_same_whole_answer(oracle, built_site):
    """Every query of the table and 600 generated ones: the cases and other pages in their
    order, what each word finds, what was left out; and no listed page lacks a query word."""
    queries = sorted(TABLE) + _generated_queries(600)
    answers = in_node(built_site, queries, [])["answers"]
    nowhere = 0
    for query, got in zip(queries, answers):
        want = oracle.answer(query)
        got["cases"] = [oracle.slugs[n] for n in got["cases"]]
        assert got == want, query
        for word, pages in want["words"].items():  # the property, page by page
            forms, pairs = set(search.forms(word)), search.splits(word)
            for number in pages:
                keys = oracle.keys[number]
                assert forms & keys or any(left in keys and right in keys for left, right in pairs), (query, number)
        nowhere += not want["cases"] and not want["pages"]
    assert nowhere >= 50  # words found nowhere were among them, and found nothing


def test_the_browser_reads_words_as_the_build_does(built_site):
    """Forms, compound splits and word boundaries, on every word of the site and on texts
    with accents, apostrophes, hyphens, digits and other scripts."""
    words = sorted({word for case in _model().cases for word in search.words_of(" ".join(search.case_text(case)))})
    tricky = ["foto's", "thema’s", "SPUK-uitkering", "coöperatie", "ideeën", "Fryslân", "2024", "één",
              "naïef", "straße", "Ⅻ", "x", "ab", "a'b'c", "gezondheidsverschillen", "wijkje", "huisjes",
              "İstanbul", "ǅemal", "ﬁets", "e\u0301en"]
    got = in_node(built_site, [], words + tricky)["words"]
    for word, answer in zip(words + tricky, got):
        assert answer == {"forms": list(search.forms(word)), "splits": [list(p) for p in search.splits(word)],
                          "tokens": search.words_of(word)}, word


def test_planting_a_difference_in_the_browser_rule_is_caught(built_site, tmp_path):
    """The comparison can fail: a site whose rule says another minimum length answers otherwise."""
    import shutil
    site = tmp_path / "site"
    shutil.copytree(built_site / "woorden", site / "woorden")
    meta = json.loads((site / "woorden" / "index.json").read_text(encoding="utf-8"))
    meta["regels"]["uitgangen"] = [ending for ending in meta["regels"]["uitgangen"] if ending != "en"]
    (site / "woorden" / "index.json").write_text(json.dumps(meta), encoding="utf-8")
    got = in_node(site, ["wijken"], ["wijken"])
    assert got["words"][0]["forms"] == ["wijk" + "en"] != search.forms("wijken")


# -- in the browser: both places ------------------------------------------------------

def test_the_finder_lists_exactly_the_cases_of_the_table(page, site_url):
    for query in sorted(TABLE):
        page.goto(f"{site_url}/praktijken/?q={quote(query)}")
        assert set(slugs(finder_results(page))) == TABLE[query], query


def test_every_page_search_lists_exactly_the_cases_of_the_table(page, site_url):
    for query in sorted(TABLE):
        assert set(slugs(search_every_page(page, site_url, quote(query)))) == TABLE[query], query


def advice(page):
    block = page.locator("#zoekhulp")
    expect(block).to_be_visible()
    return block


def test_when_not_every_word_matches_each_word_is_offered_alone(page, site_url):
    texts = data.settings().filters
    page.goto(f"{site_url}/praktijken/?q=jongeren%20sport")
    finder_results(page)
    line = advice(page).locator(".zoekhulp__per-woord")
    expect(line).to_have_text(texts["niet_alle_woorden"] + " " + ", ".join(
        texts["met_woord"].replace("{w}", word).replace("{n}", str(len(TABLE[word]))) for word in ("jongeren", "sport")))
    line.get_by_role("link", name=re.compile("sport")).click()
    expect(page).to_have_url(re.compile(r"\?q=sport$"))
    assert set(slugs(finder_results(page))) == TABLE["sport"]
    expect(page.locator("#zoekhulp")).to_be_hidden()


def test_a_word_found_nowhere_gets_close_words_and_the_way_on(page, site_url):
    texts = data.settings().filters
    page.goto(f"{site_url}/praktijken/?q=wijkaanpk")
    finder_results(page)
    said = advice(page).locator(".zoekhulp__nergens")
    expect(said).to_have_text(texts["nergens"].replace("{w}", "wijkaanpk") + " " + texts["bedoelt_u"] + " wijkaanpak?")
    hrefs = advice(page).locator(".zoekhulp__verder a").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs == ["/dekking/", "/bijdragen/editor/"]
    assert page.locator(".zoekhulp__filters").count() == 0  # nothing is ticked: no word about filters
    said.get_by_role("link", name="wijkaanpak").click()
    assert set(slugs(finder_results(page))) == TABLE["wijkaanpak"]

    page.goto(f"{site_url}/zoeken/?q=eenzaamheid")
    expect(page.locator("#zoekstatus")).to_have_text("Niets gevonden voor ‘eenzaamheid’.")
    expect(advice(page).locator(".zoekhulp__nergens")).to_have_text(texts["nergens"].replace("{w}", "eenzaamheid"))


def test_stop_words_are_said_to_be_left_out_and_subjects_are_offered(page, site_url):
    texts = data.settings().filters
    page.goto(f"{site_url}/praktijken/?q=de%20jongeren%20sport")
    finder_results(page)
    expect(advice(page).locator(".zoekhulp__genegeerd")).to_have_text(texts["genegeerd"].replace("{w}", "‘de’"))
    subjects = advice(page).locator(".zoekhulp__onderwerpen a")
    expect(subjects).to_have_text(["Kinderen en jongeren"])  # the only option whose name has one of the words
    subjects.first.click()
    expect(page).to_have_url(re.compile(r"\?doelgroepen=kinderen-en-jongeren$"))


def test_filters_show_as_chips_that_remove_them_and_results_show_date_and_place(page, site_url):
    page.goto(f"{site_url}/praktijken/?q=wijkaanpak&spoor=participatie&provincie=drenthe")
    finder_results(page)
    chips = page.locator("#gekozen button")
    expect(chips).to_have_text(["Verwijder filter Sporen: Participatie×", "Verwijder filter Provincie: Drenthe×"])
    chips.nth(1).click()
    expect(page).to_have_url(re.compile(r"\?q=wijkaanpak&spoor=participatie$"))
    expect(chips).to_have_count(1)
    first = page.locator("#praktijken-lijst .praktijk").first
    when = first.locator(".praktijk__plaats time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", when.get_attribute("datetime"))
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}", when.inner_text())


def test_results_can_be_sorted_newest_first_and_the_address_keeps_it(page, site_url, oracle):
    page.goto(f"{site_url}/praktijken/?q=preventieakkoord")
    best = slugs(finder_results(page))
    assert set(best[:2]) == FIRST["preventieakkoord"]
    page.get_by_label("Volgorde").select_option("nieuwste")
    expect(page).to_have_url(re.compile(r"volgorde=nieuwste"))
    newest = slugs(finder_results(page))
    assert newest == [slug for slug in oracle.slugs if slug in TABLE["preventieakkoord"]] != best
    page.reload()
    assert slugs(finder_results(page)) == newest


def test_on_a_desktop_the_first_result_is_in_view_while_searching(tab, site_url):
    page = tab(viewport={"width": 1280, "height": 800})
    for address in ("/praktijken/?q=wijkaanpak", "/praktijken/?spoor=participatie&soort=gemeente"):
        page.goto(site_url + address)
        finder_results(page)
        box = page.locator("#praktijken-lijst .praktijk__titel a").first.bounding_box()
        assert page.evaluate("window.scrollY") == 0
        assert 0 < box["y"] and box["y"] + box["height"] <= 800, (address, box)


def test_every_page_search_offers_each_word_alone_counting_every_page(page, site_url, oracle):
    texts = data.settings().filters
    page.goto(f"{site_url}/zoeken/?q=jongeren%20sport")
    expect(page.locator("#zoekstatus")).to_have_text("Niets gevonden voor ‘jongeren sport’.")
    counts = {word: len(oracle.answer(word)["cases"]) + len(oracle.answer(word)["pages"]) for word in ("jongeren", "sport")}
    expect(advice(page).locator(".zoekhulp__per-woord")).to_have_text(texts["niet_alle_paginas"] + " " + ", ".join(
        texts["met_woord"].replace("{w}", word).replace("{n}", str(n)) for word, n in counts.items()))
    advice(page).get_by_role("link", name=re.compile("jongeren")).click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=jongeren$"))
    expect(page.locator("#zoekstatus")).to_have_text(re.compile("gevonden voor ‘jongeren’"))
    expect(page.locator(".zoekresultaat")).to_have_count(counts["jongeren"])  # drawn after the count
