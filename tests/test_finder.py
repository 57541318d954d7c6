"""The finder on /praktijken/: words and filters together, counted, paged and kept in the
address, in Debian's Chromium against a built site; and the paged lists without JavaScript.

Expected answers are computed from the case files, never typed in.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, static_host
from sitegen import data

PER_PAGE = data.settings().per_page
FOLDER = data.settings().cases_folder
COLUMNS, CARDS = data.settings().finder_columns, data.settings().finder_cards
WORD_INDEX = data.settings().word_index
KEYS = {t.parameter: t.key for t in data.taxonomies().values()}
PROVINCE_SLUG = {name: p.slug for p in data.provinces() for name in (p.name, *p.other_names)}


def read_cases(folder) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))}


CASES = read_cases(REPO / "practices")


FACT_GROUPS = ("doelgroepen", "status", "onderbouwing", "schaal")


def values(case: dict, group: str) -> set[str]:
    if group == "provincie":
        return {PROVINCE_SLUG[case["provincie"]]}
    if group == "soort":
        return {"gemeente" if case.get("gemeente") else "regio"}
    if group in FACT_GROUPS:  # In het kort: a case whose sources do not say counts as "onbekend"
        given = case.get(group) or "onbekend"
        return set(given) if isinstance(given, list) else {given}
    return set(case.get(KEYS[group]) or [])


def case_text(case: dict) -> str:
    def strings(value):
        if isinstance(value, dict):
            return " ".join(strings(v) for v in value.values())
        if isinstance(value, list):
            return " ".join(strings(v) for v in value)
        return str(value)
    return strings(case).lower()


def expected(cases: dict, words: str = "", **chosen: list[str]) -> list[str]:
    """Cases with, per group, one of the chosen values, and every word as the search
    rule reads it (search_oracle.py; test_search.py checks that rule on its own)."""
    with_words = set(cases) if not words else set(ORACLE.answer(words)["cases"])
    return sorted(slug for slug, case in cases.items()
                  if slug in with_words and all(values(case, group) & set(wanted) for group, wanted in chosen.items()))


class _LazyOracle:
    """The rule's answers for the real cases, from the session's built site (read once)."""
    oracle = None

    def answer(self, words: str) -> dict:
        if self.oracle is None:
            raise RuntimeError("the finder tests read words only through a test with site_url")
        return self.oracle.answer(words)


ORACLE = _LazyOracle()


@pytest.fixture(scope="module", autouse=True)
def _oracle(built_site):
    from search_oracle import Oracle
    ORACLE.oracle = Oracle.of(REPO / "practices", built_site)


def count_text(count: int, total_pages: int = 1, page: int = 1) -> str:
    texts = data.settings().filters
    text = (texts["aantal_geen"] if count == 0 else texts["aantal_een"] if count == 1
            else texts["aantal_meer"].replace("{n}", str(count)))
    if total_pages > 1:
        text += " (" + texts["pagina"].replace("{p}", str(page)).replace("{t}", str(total_pages)) + ")"
    return text


def shown(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".praktijk__titel a", "links => links.map(a => a.getAttribute('href'))")
    return sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs)


def status(page):
    return page.locator("#filter-resultaat")


def box(page, value: str, group: str | None = None):
    """An option of the finder; ``group`` where two groups share a value (soort and schaal: gemeente)."""
    named = f"[name='{group}']" if group else ""
    return page.locator(f"#filters input{named}[value='{value}']")


def count_of(page, value: str, group: str) -> str:
    return page.locator(f"#filters label:has(input[name='{group}'][value='{value}']) .filters__aantal").inner_text()


def open_finder(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#filters[data-klaar]")


# -- with the real cases -------------------------------------------------------------

def test_words_and_two_facets_give_exactly_the_matching_cases(page, site_url):
    words, spoor, province = "preventieakkoord", "preventie-en-zorg", "fryslan"
    only_words = expected(CASES, words)
    both = expected(CASES, words, spoor=[spoor], provincie=[province])
    assert 0 < len(both) < len(only_words), "pick words and filters that narrow the list"

    open_finder(page, site_url + "/praktijken/")
    page.get_by_label("Zoekwoorden").fill(words)
    page.get_by_label("Zoekwoorden").press("Enter")
    expect(status(page)).to_have_text(count_text(len(only_words)))
    assert shown(page) == only_words

    box(page, spoor).check()
    box(page, province).check()
    expect(status(page)).to_have_text(count_text(len(both)))
    assert shown(page) == both
    assert parse_qs(urlsplit(page.url).query) == {"q": [words], "spoor": [spoor], "provincie": [province]}
    assert status(page).get_attribute("role") == "status" and status(page).get_attribute("aria-live") == "polite"


def test_counts_follow_the_other_groups_and_or_within_a_group(page, site_url):
    open_finder(page, site_url + "/praktijken/?spoor=participatie")
    participation = expected(CASES, spoor=["participatie"])
    expect(status(page)).to_have_text(count_text(len(participation)))
    for group in ("spoor", "pijler", "ketenaanpak", "provincie", "soort", *FACT_GROUPS):
        for option in page.locator(f"#filters input[name='{group}']").all():
            value = option.get_attribute("value")
            # Own group: OR, so the count is that of the option alone (with the other groups).
            chosen = {"spoor": ["participatie"]} if group != "spoor" else {}
            want = expected(CASES, **{**chosen, group: [value]})
            assert count_of(page, value, group) == f"({len(want)})", (group, value)

    box(page, "drenthe").check()
    box(page, "fryslan").check()
    either = expected(CASES, spoor=["participatie"], provincie=["fryslan", "drenthe"])
    expect(status(page)).to_have_text(count_text(len(either)))
    assert shown(page) == either


def test_address_restores_the_state_and_back_undoes_a_choice(page, site_url):
    open_finder(page, site_url + "/praktijken/")
    box(page, "participatie").check()
    participation = expected(CASES, spoor=["participatie"])
    expect(status(page)).to_have_text(count_text(len(participation)))
    box(page, "fryslan").check()
    both = expected(CASES, spoor=["participatie"], provincie=["fryslan"])
    expect(status(page)).to_have_text(count_text(len(both)))

    other = page.context.new_page()  # a mailed link opens the same view
    open_finder(other, page.url)
    expect(status(other)).to_have_text(count_text(len(both)))
    assert shown(other) == both and box(other, "fryslan").is_checked()
    other.close()

    page.go_back()
    expect(status(page)).to_have_text(count_text(len(participation)))
    assert not box(page, "fryslan").is_checked() and shown(page) == participation

    page.get_by_role("button", name="Wis zoekwoorden en filters").click()
    assert urlsplit(page.url).query == ""
    expect(status(page)).to_have_text(data.settings().filters["aantal_alle"].replace("{n}", str(len(CASES))))


def test_the_form_does_not_push_the_list_down_when_its_script_comes_late(page, site_url):
    """Layout shift (CLS) as Lighthouse counts it: a form that appears only once
    vinder.js has run moves the whole list, which officials may be reading already."""
    held = []  # the script waits here until the list has been painted
    page.route("**/assets/vinder.js", lambda route: held.append(route))
    with page.expect_request("**/assets/vinder.js"):
        page.goto(site_url + "/praktijken/", wait_until="commit")
    page.wait_for_selector("#praktijken-lijst .praktijk__titel a")
    page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
    assert held and not page.locator("#filters[data-klaar]").count()
    held[0].continue_()
    page.wait_for_selector("#filters[data-klaar]")
    # Shifts are reported once a frame is drawn: two frames after the script ran.
    shift = page.evaluate("""() => new Promise(resolve => {
        let total = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) total += e.value; }))
          .observe({ type: "layout-shift", buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
    })""")
    assert shift < 0.01


def test_no_matching_case_says_so(page, site_url):
    regions = expected(CASES, soort=["regio"])
    province = next(p.slug for p in data.provinces() if expected(CASES, provincie=[p.slug])
                    and not set(expected(CASES, provincie=[p.slug])) & set(regions))
    open_finder(page, site_url + f"/praktijken/?soort=regio&provincie={province}")
    expect(status(page)).to_have_text(count_text(0))
    assert shown(page) == []
    # The way out it names is there: the chosen filters, each a button that removes it.
    expect(page.locator("#zoekhulp .zoekhulp__filters")).to_have_text(data.settings().filters["met_filters"])
    expect(page.locator("#gekozen button")).to_have_count(2)


def test_finder_works_by_keyboard_alone(page, site_url):
    from test_officials import tab_to

    open_finder(page, site_url + "/praktijken/")
    tab_to(page, "el => el.type === 'checkbox' && el.value === 'kansrijke-start'")
    page.keyboard.press("Space")
    want = expected(CASES, ketenaanpak=["kansrijke-start"])
    expect(status(page)).to_have_text(count_text(len(want)))
    assert shown(page) == want and "ketenaanpak=kansrijke-start" in page.url
    tab_to(page, "el => el.id === 'wis-filters'")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text(data.settings().filters["aantal_alle"].replace("{n}", str(len(CASES))))


def test_filters_alone_load_no_word_index_and_words_load_only_their_part(page, site_url, built_site):
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    open_finder(page, site_url + "/praktijken/?spoor=participatie&soort=gemeente")
    want = expected(CASES, spoor=["participatie"], soort=["gemeente"])
    expect(status(page)).to_have_text(count_text(len(want)))
    assert shown(page) == want
    assert not [path for path in asked if f"/{WORD_INDEX}/" in path]
    assert len([path for path in asked if f"/{CARDS}/" in path]) == min(len(want), PER_PAGE)

    page.get_by_label("Zoekwoorden").fill("preventieakkoord")
    page.get_by_label("Zoekwoorden").press("Enter")
    want = expected(CASES, "preventieakkoord", spoor=["participatie"], soort=["gemeente"])
    expect(status(page)).to_have_text(count_text(len(want)))
    # The rule, the part of the index its keys start in, and for each way to cut the
    # word in two whose left part is a key, the part its right part starts in.
    from sitegen.builder import search
    meta = json.loads((built_site / WORD_INDEX / "index.json").read_text(encoding="utf-8"))
    known = {key for name in meta["delen"] for key in json.loads(
        (built_site / WORD_INDEX / f"{name}.json").read_text(encoding="utf-8"))}
    word = "preventieakkoord"
    parts = {key[:2] for key in search.forms(word)} | {left[:2] for left, _ in search.splits(word)} | {
        right[:2] for left, right in search.splits(word) if left in known}
    assert sorted(path for path in asked if f"/{WORD_INDEX}/" in path) == sorted(
        [f"/{WORD_INDEX}/index.json"] + [f"/{WORD_INDEX}/{name}.json" for name in parts & set(meta["delen"])])
    assert len(parts & set(meta["delen"])) <= 3


# -- the finder's own files ------------------------------------------------------------

def decode_finder_index(site) -> list[dict]:
    """vinder.json read back as finder.py documents it: per case its key and values per group."""
    raw = json.loads((site / FOLDER / COLUMNS).read_text(encoding="utf-8"))
    count = raw["aantal"]
    whole = {position: key for key, position in raw["lange_ids"].items()}
    short = len(raw["ids"]) // count
    rows = []
    for i in range(count):
        row = {"key": whole.get(i, raw["ids"][i * short:(i + 1) * short])}
        for group, options in raw["groepen"].items():
            width = len(raw["kenmerken"][group]) // count
            mask = int(raw["kenmerken"][group][i * width:(i + 1) * width], 32)
            row[group] = {value for bit, value in enumerate(options) if mask >> bit & 1}
        rows.append(row)
    return rows


def test_finder_index_files_every_case_as_its_case_file_says(built_site):
    rows = decode_finder_index(built_site)
    slugs = []
    for row in rows:
        card = json.loads((built_site / FOLDER / CARDS / f"{row['key']}.json").read_text(encoding="utf-8"))
        slug = card["adres"].strip("/").rsplit("/", 1)[-1]
        slugs.append(slug)
        for group in ("spoor", "pijler", "ketenaanpak", "provincie", "soort"):
            assert row[group] == values(CASES[slug], group), (slug, group)
        assert card["titel"] == CASES[slug]["titel"].strip()
        assert card["samenvatting"] == " ".join(CASES[slug]["samenvatting"].split())
        assert card["datum"] == str(CASES[slug]["gepubliceerd"])
    assert sorted(slugs) == sorted(CASES)
    dates = [str(CASES[slug]["gepubliceerd"]) for slug in slugs]
    assert dates == sorted(dates, reverse=True)  # newest first: the order without words
    assert len(list((built_site / FOLDER / CARDS).glob("*.json"))) == len(CASES)


def test_words_only_on_a_neighbour_or_a_label_do_not_find_a_case(built_site):
    """Related cases' titles would make a case a hit for another case's words, and
    "Gepubliceerd" on every case page would make that word match them all."""
    from search_oracle import Oracle
    from sitegen.builder import search

    oracle = Oracle.of(REPO / "practices", built_site)
    assert oracle.answer("gepubliceerd")["cases"] == [] and oracle.answer("vergelijkbare")["cases"] == []
    for case in _site_model().cases:
        html = (built_site / "praktijken" / case.slug / "index.html").read_text(encoding="utf-8")
        related = re.findall(r'<li><a href="\.\./([^/]+)/">', html.split('id="vergelijkbare-praktijken"')[1])
        assert related, case.slug
        words = search.words_of(" ".join(search.case_text(case)))
        own = {form for word in words for form in search.forms(word)} | {
            part for word in words for pair in search.splits(word) for part in pair}
        keys = oracle.keys[oracle.slugs.index(case.slug)]
        assert keys <= own, case.slug
        for other in related:
            theirs = {form for word in search.words_of(CASES[other]["titel"]) for form in search.forms(word)}
            assert not (theirs - own) & keys, (case.slug, other)


def test_a_case_with_a_whole_id_is_found_and_shown(page, built_site, tmp_path):
    """When two cases share the first digits of their card key, vinder.json keeps the
    whole key (lange_ids); the browser must still find and draw that case."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index_file = site / FOLDER / COLUMNS
    index = json.loads(index_file.read_text(encoding="utf-8"))
    rows = decode_finder_index(site)
    position = next(i for i, row in enumerate(rows) if len(row["key"]) == len(index["ids"]) // index["aantal"])
    short = rows[position]["key"]
    whole = short + "0123456789abcdef"
    index["lange_ids"][whole] = position
    index_file.write_text(json.dumps(index), encoding="utf-8")
    cards = site / FOLDER / CARDS
    (cards / f"{short}.json").rename(cards / f"{whole}.json")
    card = json.loads((cards / f"{whole}.json").read_text(encoding="utf-8"))
    slug = card["adres"].strip("/").rsplit("/", 1)[-1]
    word = re.split(r"[^\w]+", CASES[slug].get("gemeente") or CASES[slug]["regio"])[0]

    with static_host(site) as url:
        open_finder(page, f"{url}/praktijken/?q={word}")
        expect(status(page)).not_to_have_text(data.settings().filters["bezig"])
        assert slug in shown(page)
        expect(page.locator(".praktijk__titel a", has_text=card["titel"])).to_be_visible()
        kind = values(CASES[slug], "soort").pop()  # without words: the card by its whole id
        open_finder(page, f"{url}/praktijken/?soort={kind}")
        expect(status(page)).to_have_text(count_text(len(expected(CASES, soort=[kind]))))
        assert slug in shown(page)


def _site_model():
    from sitegen.render.model import build_site_model
    from sitegen.check.validate import check_paths

    return build_site_model(check_paths([REPO / "practices"]).valid_files)


def test_every_written_word_of_a_case_is_in_its_search_text():
    from sitegen.builder import search

    for case in _site_model().cases:
        title, text = search.case_text(case)
        raw = CASES[case.slug]
        written = " ".join([raw["titel"], raw["samenvatting"], raw["aanpak"], raw.get("resultaten", ""),
                            *raw["lessen"], *(raw.get("partners") or []),
                            *(f"{s['titel']} {s.get('uitgever', '')}" for s in raw["bronnen"])])
        written = re.sub(r"\]\([^)]*\)|https?://\S+", " ", written)
        assert set(re.findall(r"\w+", written.casefold())) <= set(re.findall(r"\w+", f"{title} {text}".casefold())), case.slug


def test_a_short_key_two_cases_share_is_kept_whole():
    from sitegen.builder import finder

    keys = finder.short_keys(["abcde01ff", "abcde99ff", "12345aa"])
    assert keys == ["abcde01ff", "abcde99ff", "12345"]
    site = _site_model()
    index = finder.finder_index(site, ["abcde01ff", *finder.card_keys(site)[1:]])
    assert index["lange_ids"] == {"abcde01ff": 0}
    assert len(index["ids"]) == finder.SHORT_ID * len(site.cases)


# -- with more cases than fit on one page ------------------------------------------------

@pytest.fixture(scope="session")
def large_site(large_built_site):
    """The real cases plus synthetic ones: three pages of results."""
    with static_host(large_built_site) as url:
        yield url, read_cases(large_built_site.parent / "practices")


def follow_page_link(page, name: str, target: int) -> None:
    """Follows a page link once it leads to ``target`` and waits for the address that causes.

    By keyboard (focus, Enter), as a keyboard user pages: under load a mouse click once
    landed while the page still scrolled to the status it had just focused, hit nothing,
    and the test read the old page's status."""
    link = page.get_by_role("link", name=name)
    expect(link).to_have_attribute("href", re.compile(rf"[?&]pagina={target}(&|$)"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]pagina={target}(&|$)"))


def test_paged_results_reach_every_case(page, large_site):
    url, cases = large_site
    group = {"soort": ["gemeente"]}
    want = expected(cases, **group)
    pages = -(-len(want) // PER_PAGE)
    assert pages >= 2
    open_finder(page, url + "/praktijken/?soort=gemeente")
    seen = []
    for number in range(1, pages + 1):
        expect(status(page)).to_have_text(count_text(len(want), pages, number))
        batch = shown(page)
        assert len(batch) == (PER_PAGE if number < pages else len(want) - PER_PAGE * (pages - 1))
        seen += batch
        if number < pages:
            follow_page_link(page, "Volgende", number + 1)
    assert sorted(seen) == want
    assert parse_qs(urlsplit(page.url).query)["pagina"] == [str(pages)]
    page.go_back()  # back to the page before
    expect(page).to_have_url(re.compile(rf"[?&]pagina={pages - 1}(&|$)"))
    expect(status(page)).to_have_text(count_text(len(want), pages, pages - 1))


def test_a_unique_word_on_a_large_site_finds_its_one_case(page, large_site):
    url, cases = large_site
    slug = next(s for s, c in cases.items() if "code00007" in c.get("aanpak", ""))
    open_finder(page, url + "/praktijken/?q=code00007")
    expect(status(page)).to_have_text(count_text(1))
    assert shown(page) == [slug]


def test_without_javascript_paged_lists_reach_every_case(tab, large_site):
    url, cases = large_site
    page = tab(java_script_enabled=False)

    def walk(start: str) -> list[str]:
        page.goto(start)
        assert not page.locator("#filters").is_visible()
        seen = shown(page)
        while page.locator("a[rel=next]").count():
            # Follow the link's own address: goto returns once that page has loaded (a click's
            # navigation was missed twice under load, with JavaScript off).
            page.goto(urljoin(page.url, page.locator("a[rel=next]").get_attribute("href")))
            batch = shown(page)
            assert 0 < len(batch) <= PER_PAGE
            seen += batch
        return sorted(seen)

    assert walk(url + "/praktijken/") == sorted(cases)
    term = "participatie"
    assert walk(url + f"/sporen/{term}/") == expected(cases, spoor=[term])
    province = max(data.provinces(), key=lambda p: len(expected(cases, provincie=[p.slug])))
    assert walk(url + f"/provincies/{province.slug}/") == expected(cases, provincie=[province.slug])
    # Each list page shows its place in the list.
    page.goto(url + "/praktijken/pagina/2/")
    assert page.locator("[aria-current=page]").inner_text().strip().endswith("2")


# -- the home page shows the collection -------------------------------------------------

def test_home_cards_count_cases_per_term_and_name_the_gaps(page, site_url):
    page.goto(site_url + "/")
    for taxonomy in data.taxonomies().values():
        card = page.locator(f"#kaart-{taxonomy.key}").locator("xpath=..")
        for term in taxonomy.terms:
            count = len(expected(CASES, **{taxonomy.parameter: [term.slug]}))
            row = card.locator("li", has=page.get_by_role("link", name=term.label, exact=True))
            assert row.locator(".kaart__aantal").inner_text().split()[0] == str(count), term.slug
    gaps = page.locator("li", has_text="Succespijlers:").inner_text()
    for term in data.taxonomies()["pijlers"].terms:
        assert (term.label in gaps) == (not expected(CASES, pijler=[term.slug])), term.slug


def test_home_shows_the_newest_cases_without_repeating_their_titles(page, site_url):
    """Title, then only what it does not say: the province if the title lacks it, and the date."""
    newest = sorted(CASES.items(), key=lambda item: item[1]["titel"])
    newest.sort(key=lambda item: str(item[1]["gepubliceerd"]), reverse=True)
    newest = newest[: data.settings().newest_on_home]
    page.goto(site_url + "/")
    items = page.locator(".nieuw__item")
    assert items.count() == len(newest)
    for index, (slug, case) in enumerate(newest):
        item = items.nth(index)
        assert item.locator(".nieuw__titel").inner_text() == case["titel"]
        assert item.locator(".nieuw__titel a").get_attribute("href").rstrip("/").endswith(slug)
        line = item.locator(".nieuw__plaats").inner_text()
        assert (case.get("gemeente") or case.get("regio")) not in line, line  # the title names it
        assert item.locator("img").count() == 0  # no preview image with the title drawn in it


def test_home_search_box_leads_to_the_finder(page, site_url):
    page.goto(site_url + "/")
    field = page.get_by_label(re.compile(r"^Zoek in \d+ praktijken"))
    field.fill("preventieakkoord")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/praktijken/\?q=preventieakkoord"))
    want = expected(CASES, "preventieakkoord")
    expect(status(page)).to_have_text(count_text(len(want)))
    assert shown(page) == want


# -- on a phone -----------------------------------------------------------------------

def test_on_a_phone_the_filters_fold_away_and_the_first_result_shows_at_once(tab, site_url):
    """At 375 × 667 with a filter chosen, the first result is in the first screen; the
    groups sit behind one button that says how many are ticked (as GOV.UK finders do)."""
    page = tab(viewport={"width": 375, "height": 667})
    open_finder(page, site_url + "/praktijken/?spoor=participatie")
    want = expected(CASES, spoor=["participatie"])
    expect(status(page)).to_have_text(count_text(len(want)))
    first = page.locator("#praktijken-lijst .praktijk__titel a").first
    where = first.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert 0 < where["y"] and where["y"] + where["height"] <= 667, where

    fold = page.get_by_role("button", name="Filters (1 gekozen)")
    expect(fold).to_have_attribute("aria-expanded", "false")
    expect(box(page, "participatie")).to_be_hidden()
    fold.click()
    expect(fold).to_have_attribute("aria-expanded", "true")
    box(page, "fryslan").check()
    expect(page.get_by_role("button", name="Filters (2 gekozen)")).to_be_visible()
    expect(status(page)).to_have_text(count_text(len(expected(CASES, spoor=["participatie"],
                                                              provincie=["fryslan"]))))


def test_on_a_wide_screen_the_filters_show_without_a_button(page, site_url):
    open_finder(page, site_url + "/praktijken/?spoor=participatie")
    expect(box(page, "participatie")).to_be_visible()
    expect(page.locator("#filters-tonen")).to_be_hidden()
