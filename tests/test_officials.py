"""What officials do, in Debian's real Chromium: filter, read the coverage
tables, search, follow related cases, use only a keyboard, print, and find
every page accessible (axe-core, WCAG 2.1 AA) on a wide screen and a phone.

Expected answers are computed from the case files in practices/, never typed in.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
import yaml

from conftest import REPO
from sitegen import data

AXE = REPO / ".venv" / "js" / "node_modules" / "axe-core" / "axe.min.js"  # dev.py installs it
# pa11y's own engine (the fork pa11y 9 depends on), run in our Chromium instead of pa11y's
# Puppeteer, which would download a browser.
HTMLCS = REPO / ".venv" / "js" / "node_modules" / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"
RESULT_LINK = ".zoekresultaat__titel a"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
         for p in sorted((REPO / "practices").glob("*.yaml"))}
# One page of every type, with a wait for what JavaScript fills in.
PAGE_TYPES = {
    "home": ("/", None),
    "overzicht": ("/praktijken/", "#filters[data-klaar]"),
    "overzicht gefilterd": ("/praktijken/?spoor=participatie&provincie=fryslan", "#filters[data-klaar]"),
    "dekking": ("/dekking/", None),
    "praktijk": ("/praktijken/utrecht-health-in-all-policies/", None),
    "onderwerp": ("/sporen/participatie/", None),
    "indeling": ("/pijlers/", None),
    "provincie": ("/provincies/fryslan/", None),
    "zoeken met resultaten": ("/zoeken/?q=wijken", RESULT_LINK),
    "toegankelijkheid": ("/toegankelijkheid/", None),
    "colofon": ("/colofon/", None),
    "volgen": ("/volgen/", None),
    "404": ("/bestaat-niet/", None),
    "lessen": ("/lessen/", None),
    "pijler met lessen": ("/pijlers/differentiatie-is-een-must/", None),
    "prestaties": ("/prestaties/", None),
    "velden": ("/velden/", None),
    "bijdragen": ("/bijdragen/", None),
    "over": ("/over/", None),
    "provincies": ("/provincies/", None),
}


def case_slug(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1]


def open_page(page, site_url: str, path: str, ready: str | None, until: str = "load") -> None:
    """The page with its images and (deferred) scripts run, and ``ready`` shown; ``until``
    "networkidle" also waits for what the scripts fetch later (half a second of quiet)."""
    page.goto(site_url + path, wait_until=until)
    if ready:
        page.wait_for_selector(ready)
    if until == "networkidle":
        page.wait_for_load_state("networkidle")


def shown_cases(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".praktijk:not([hidden]) .praktijk__titel a", "links => links.map(a => a.getAttribute('href'))")
    return sorted(case_slug(h) for h in hrefs)


def expected(**chosen: list[str]) -> list[str]:
    """Cases matching the filters: any value within a group, every group (see test_finder)."""
    from test_finder import expected as matching

    return matching(CASES, **chosen)


# The finder on the overview (words, filters, counts, pages) is tested in test_finder.py.


def test_search_by_keyboard_alone(page, site_url):
    open_page(page, site_url, "/praktijken/utrecht-health-in-all-policies/", None)
    tab_to(page, "el => el.id === 'zoekveld'")
    page.keyboard.type("preventieakkoord")
    page.keyboard.press("Enter")  # the header box leads to the finder
    page.wait_for_url(re.compile(r"/praktijken/\?q=preventieakkoord"))
    expect(page.locator("#filter-resultaat")).to_have_text(re.compile("gevonden$"))
    tab_to(page, "el => el.matches('#praktijken-lijst .praktijk__titel a')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/praktijken/[a-z-]+/$"))
    assert "preventieakkoord" in page.locator("article").inner_text().lower()


def tab_to(page, predicate: str, limit: int = 250) -> None:
    """Presses Tab until the focused element satisfies the JavaScript predicate."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return
    raise AssertionError(f"never reached by Tab: {predicate}")


# -- coverage ------------------------------------------------------------------

def test_coverage_cells_count_cases_and_link_to_the_filtered_overview(page, site_url):
    open_page(page, site_url, "/dekking/", None)
    table = page.get_by_role("table", name=re.compile("^Sporen"))
    # The busiest combination of a spoor and a ketenaanpak, from the case files.
    count, spoor, chain = max((len(expected(spoor=[s.slug], ketenaanpak=[k.slug])), s.slug, k.slug)
                              for s in data.taxonomies()["sporen"].terms
                              for k in data.taxonomies()["ketenaanpakken"].terms)
    assert count > 0
    cell = table.locator(f"a[href*='spoor={spoor}'][href*='ketenaanpak={chain}']")
    assert cell.inner_text().split()[0] == str(count)
    assert table.locator("th[scope=row]").count() == len(data.taxonomies()["sporen"].terms)

    with page.expect_navigation(url=re.compile(r"/praktijken/\?")):
        cell.click()
    page.wait_for_selector("#filters[data-klaar]")
    page.wait_for_function(f"document.getElementById('filter-resultaat')?.textContent.startsWith('{count} ')")
    assert shown_cases(page) == expected(spoor=[spoor], ketenaanpak=[chain])

    # A combination without cases shows 0 and no link.
    empty = len(data.taxonomies()["sporen"].terms) * len(data.taxonomies()["ketenaanpakken"].terms)
    page.go_back()
    page.wait_for_url(re.compile(r"/dekking/$"))
    zero_cells = page.get_by_role("table", name=re.compile("^Sporen")).locator("td.dekking__leeg")
    assert zero_cells.count() == sum(
        not expected(spoor=[s.slug], ketenaanpak=[k.slug])
        for s in data.taxonomies()["sporen"].terms for k in data.taxonomies()["ketenaanpakken"].terms)
    assert zero_cells.count() < empty
    assert zero_cells.locator("a").count() == 0


# -- search --------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "initiatieven",  # the page only says "initiatief"
    "wijken",  # the page only says "wijk"
    "cooperatie",  # the page only says "coöperatie"
    "Kwartelkoning",  # a partner
    "Zoekstad",  # the place
])
def test_search_finds_other_word_forms_without_accents(page, search_site_url, query):
    page.goto(f"{search_site_url}/zoeken/?q={query}")
    page.wait_for_selector(RESULT_LINK)
    links = page.locator(RESULT_LINK)
    hrefs = [case_slug(links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert "zoekvoorbeeld" in hrefs, hrefs


def test_search_result_shows_title_place_and_snippet(page, search_site_url):
    page.goto(f"{search_site_url}/zoeken/?q=Kwartelkoning")
    result = page.locator(".zoekresultaat").first
    result.locator(RESULT_LINK).wait_for()
    assert result.locator(RESULT_LINK).inner_text() == "Zoekstad: een proef met één initiatief"
    from sitegen.render.render import date_nl
    case = yaml.safe_load((REPO / "tests" / "fixtures" / "zoeken" / "zoekvoorbeeld.yaml").read_text(encoding="utf-8"))
    assert result.locator(".zoekresultaat__plaats").inner_text() == f"Zoekstad, Zeeland · {date_nl(case['gepubliceerd'])}"
    # A partner's name, not in the title or summary: the summary, and where the word is.
    assert result.locator(".zoekresultaat__fragment").inner_text() == " ".join(case["samenvatting"].split())
    assert result.locator(".zoekresultaat__elders").inner_text() == "De woorden staan verderop op de pagina."
    assert page.locator("#zoekstatus").inner_text() == "1 praktijk gevonden voor ‘Kwartelkoning’"
    page.goto(f"{search_site_url}/zoeken/?q=Zoekstad")
    marks = page.locator(".zoekresultaat").first.locator("mark")
    expect(marks.first).to_have_text("Zoekstad")


# -- related cases ---------------------------------------------------------------

def shared_terms(a: dict, b: dict) -> int:
    return sum(len(set(a.get(k) or []) & set(b.get(k) or [])) for k in data.taxonomies())


@pytest.mark.parametrize("slug", sorted(CASES))
def test_related_cases_share_the_most_terms(page, site_url, slug):
    open_page(page, site_url, f"/praktijken/{slug}/", None)
    section = page.locator("h2:has-text('Vergelijkbare praktijken') + p + ul")
    related = [case_slug(h) for h in section.locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    others = [s for s in CASES if s != slug and shared_terms(CASES[slug], CASES[s])]
    limit = data.settings().related_cases
    assert len(related) == min(limit, len(others))
    scores = [shared_terms(CASES[slug], CASES[r]) for r in related]
    assert scores == sorted(scores, reverse=True)
    best_left_out = max((shared_terms(CASES[slug], CASES[s]) for s in others if s not in related),
                        default=0)
    assert not scores or min(scores) >= best_left_out


def test_related_cases_stay_few_as_cases_grow():
    from sitegen.render.model import Case, link_related_cases

    taxonomies = data.taxonomies()
    provinces = data.provinces()

    def synthetic(n: int) -> list[Case]:
        cases = []
        for i in range(n):
            terms = {key: [t for j, t in enumerate(tax.terms) if (i >> j) % 3 == 0 or j == i % len(tax.terms)]
                     for key, tax in taxonomies.items()}
            cases.append(Case(f"p{i}", f"Praktijk {i}", f"Plaats {i}", "", provinces[i % 12], "s",
                              terms, "a", "", ["l"], [], [], None, None))
        return cases

    limit = data.settings().related_cases
    for n in (10, 400):
        cases = synthetic(n)
        link_related_cases(cases, limit)
        for case in cases:
            assert case not in case.related and len(case.related) <= limit
            own = {(t.taxonomy, t.slug) for t in case.all_terms()}
            scores = [len(own & {(t.taxonomy, t.slug) for t in r.all_terms()}) for r in case.related]
            assert scores == sorted(scores, reverse=True)
        assert all(len(c.related) == limit for c in cases)


def test_related_cases_are_exactly_the_best_by_terms_province_and_order():
    """The fast selection (bit masks, best levels only) against the rule written out plainly,
    on random cases with many equal sets of terms and ties."""
    import random

    from sitegen.render.model import Case, link_related_cases

    taxonomies, provinces = data.taxonomies(), data.provinces()
    rng = random.Random(7)
    limit = data.settings().related_cases
    for n in (1, 2, 5, 60, 300):
        cases = [Case(f"p{i}", f"Praktijk {i}", f"Plaats {i}", "", rng.choice(provinces[:3]), "s",
                      {key: rng.sample(tax.terms, rng.randint(0, 2)) for key, tax in taxonomies.items()},
                      "a", "", ["l"], [], [], None, None) for i in range(n)]
        link_related_cases(cases, limit)
        for position, case in enumerate(cases):
            mine = set(case.all_terms())
            ranked = sorted(((-len(mine & set(other.all_terms())), other.province != case.province, index)
                             for index, other in enumerate(cases) if index != position))
            expected = [cases[index] for score, _, index in ranked if score < 0][:limit]
            assert [c.slug for c in case.related] == [c.slug for c in expected], (n, position)


# -- accessibility -------------------------------------------------------------

def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        # Violations only: axe then skips collecting what passed (half the time on long pages).
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


def htmlcs_errors(page) -> list[str]:
    """HTML_CodeSniffer's WCAG2AA errors, as pa11y reports them by default (no warnings, no notices)."""
    page.add_script_tag(path=str(HTMLCS))
    return page.evaluate("""() => new Promise(done => HTMLCS.process('WCAG2AA', document, () => done(
        HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR).map(m =>
            `${m.code}: ${m.msg} (${m.element.outerHTML.slice(0, 120)})`))))""")


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_is_accessible_on_a_wide_screen_and_a_phone(tab, site_url, name):
    """axe-core (WCAG 2.1 A and AA) at 1280 × 900 and at 375 × 800, HTML_CodeSniffer's WCAG2AA
    errors at 1280 (a second engine: pa11y 9 reported the theme's unnamed toggle checkboxes,
    which axe let pass), and no sideways scrolling at 320 CSS pixels (WCAG 1.4.10), reached by
    narrowing the phone's window as the criterion describes. Each width loads the page anew."""
    found = {}
    wide = tab()
    open_page(wide, site_url, *PAGE_TYPES[name])
    found["axe 1280"], found["HTML_CodeSniffer 1280"] = axe_violations(wide), htmlcs_errors(wide)
    phone = tab(viewport={"width": 375, "height": 800})
    open_page(phone, site_url, *PAGE_TYPES[name])
    found["axe 375"] = axe_violations(phone)
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.wait_for_function("window.innerWidth === 320")
    width = phone.evaluate("document.documentElement.scrollWidth")
    found["breder dan 320"] = [f"{width} px"] if width > 320 else []
    assert found == {key: [] for key in found}


def test_htmlcs_catches_an_unnamed_field(page, site_url):
    open_page(page, site_url, "/", None)
    page.evaluate("() => document.querySelector('article').append(document.createElement('input'))")
    assert sorted(e.split(":")[0] for e in htmlcs_errors(page)) == [
        "WCAG2AA.Principle1.Guideline1_3.1_3_1.F68", "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputText.Name"]


def test_axe_catches_a_real_violation(page, site_url):
    """Guards the guard: an image without alt text must be reported."""
    open_page(page, site_url, "/", None)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('article').append(img);
    }""")
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_focus_is_visible_on_every_tab_stop(page, site_url):
    open_page(page, site_url, "/praktijken/helmond-integrale-aanpak/", None)
    invisible = []
    for _ in range(200):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => {
            const el = document.activeElement, s = getComputedStyle(el);
            return {tag: el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== 'none'};
        }""")
        if style["tag"].startswith("BODY"):
            break  # wrapped round: every tab stop was seen
        if not (style["outline"] or style["shadow"]):
            invisible.append(style["tag"])
    assert invisible == []


def test_accessibility_statement_is_linked_from_every_page(page, site_url):
    """Every page type's footer links the statement and the colofon (where the links lead,
    resolved by the browser); following one from one page shows the statement."""
    footer_link = page.locator("footer").get_by_role("link", name="Toegankelijkheid")
    colophon = page.locator("footer").get_by_role("link", name="Colofon en contact")
    for path, _ in PAGE_TYPES.values():
        page.goto(site_url + path)
        assert footer_link.evaluate("a => a.href") == site_url + "/toegankelijkheid/", path
        assert colophon.evaluate("a => a.href") == site_url + "/colofon/", path
    page.goto(site_url + "/")
    with page.expect_navigation(url=re.compile(r"/toegankelijkheid/$")):
        footer_link.click()
    assert page.locator("h1").inner_text() == "Toegankelijkheidsverklaring"


# -- phone and paper -----------------------------------------------------------

def test_the_content_column_starts_at_one_place_on_every_page_type(page, site_url):
    """At 1280 px: home, overview, case, term, taxonomy and fixed pages put their text at one x."""
    starts = {}
    for name in ("home", "overzicht", "praktijk", "onderwerp", "indeling", "provincie", "colofon", "lessen"):
        open_page(page, site_url, *PAGE_TYPES[name])
        starts[name] = round(page.locator("article h1").bounding_box()["x"])
    assert len(set(starts.values())) == 1, starts


def test_a_phone_header_shows_the_site_name_and_one_search_box(tab, site_url):
    page = tab(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    for path in ("/praktijken/emmen-van-onderop/", "/"):
        page.goto(site_url + path)
        name = page.locator(".md-header__topic").first
        expect(name).to_have_text(data.settings().name)
        box = name.bounding_box()
        assert box["width"] > 0 and box["x"] + box["width"] <= 375
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sticks out
        assert page.locator("form[role=search]").count() == 1  # the home page's own box, not two


def test_phone_layout_keeps_search_and_menu_reachable(tab, site_url):
    page = tab(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    open_page(page, site_url, "/praktijken/emmen-van-onderop/", None)
    assert page.get_by_label("Zoek in de praktijken").is_visible()
    menu = page.locator(".md-header label[for='__drawer']")
    assert menu.is_visible() and menu.inner_text() == "Menu"
    menu.click()
    assert page.locator(".md-nav--primary").get_by_role("link", name="Dekking").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator("h1").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.mark.parametrize("slug", sorted(CASES))
def test_a_printed_case_is_at_most_two_pages_with_the_site_name_and_in_het_kort_first(page, site_url, slug):
    """An official attaches the page to a note: at most two A4 pages, the site's name and
    "In het kort" on the first, the content to its end, no share or edit blocks, and no
    addresses of the site's own index pages (the taxonomy links)."""
    from pypdf import PdfReader

    open_page(page, site_url, f"/praktijken/{slug}/", None)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    text = unicodedata.normalize("NFKC", "\n".join(pages))  # the PDF's "ﬂ" ligature is "fl"
    flat = re.sub(r"\s+", "", text)  # URLs and words may wrap across lines in the PDF

    case = CASES[slug]
    assert len(pages) <= 2, (slug, len(pages))
    site_name = data.settings().name
    assert site_name in pages[0] and data.settings().case_headings["kort"] in pages[0]
    assert re.sub(r"\s+", "", case["titel"]) in flat
    assert re.sub(r"\s+", "", case["lessen"][-1]) in flat  # the end of the content is kept
    assert re.sub(r"\s+", "", case["bronnen"][-1]["titel"]) in flat
    for source in case["bronnen"]:
        if source.get("url"):
            assert source["url"] in flat
    assert "/sporen/" not in flat and "/provincies/" not in flat
    for chrome in ("Zoek in de praktijken", "Over deze site", "Toegankelijkheid", "Succespijlers\nKetenaanpakken",
                   "Delen", "Wijzig deze praktijk", "Vergelijkbare praktijken"):
        assert chrome not in text, chrome


# -- privacy -------------------------------------------------------------------

def test_no_page_type_requests_another_host(page, site_url):
    foreign = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).netloc != urlsplit(site_url).netloc else None)
    for path, ready in PAGE_TYPES.values():
        open_page(page, site_url, path, ready, until="networkidle")  # every request the page makes
    assert foreign == []
    assert page.context.cookies() == []  # as the colofon says: no cookies


def test_text_under_a_subheading_in_a_case_has_full_colour(page, site_url):
    """Place lines in case lists are quieter; running text under a ### inside a case is not."""
    page.goto(f"{site_url}/praktijken/emmen-van-onderop/")
    colours = page.evaluate("""() => {
        const body = getComputedStyle(document.querySelector('article.md-content__inner h1 ~ p')).color;
        const under = [...document.querySelectorAll('article.md-content__inner h3 + p')]
            .map(p => getComputedStyle(p).color);
        return {body, under};
    }""")
    assert colours["under"] and set(colours["under"]) == {colours["body"]}
    page.goto(f"{site_url}/sporen/participatie/")
    place = page.evaluate("getComputedStyle(document.querySelector('.praktijk__plaats')).color")
    assert place != colours["body"]  # the place line in a list stays quieter


@pytest.mark.parametrize("path", ["/dekking/", "/prestaties/"])
def test_wide_tables_fit_at_desktop_width_and_scroll_in_their_own_region_on_a_phone(tab, site_url, path):
    """At 1280 px every coverage column, Totaal included, is visible without scrolling; at
    320 px a table scrolls inside a focusable region and the page itself does not."""
    for width, fits in ((1280, path == "/dekking/"), (320, False)):
        page = tab(viewport={"width": width, "height": 900})
        page.goto(site_url + path)
        regions = page.evaluate("""() => [...document.querySelectorAll('.tabel-scroll')].map(r => ({
            scrolls: r.scrollWidth > r.clientWidth + 1, focusable: r.tabIndex === 0}))""")
        assert regions and all(r["focusable"] for r in regions)
        if fits:
            assert not any(r["scrolls"] for r in regions), (width, regions)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


# -- text fields can be seen (WCAG 1.4.11: 3:1 for the boundary of a control) ----------

def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


FIELD_COLOURS = """field => {
    const rgba = text => text.match(/[\\d.]+/g).map(Number);
    let node = field.parentElement, behind = [255, 255, 255];
    for (; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour.length < 4 || colour[3] > 0) { behind = colour; break; }
    }
    const style = getComputedStyle(field);
    return { border: rgba(style.borderTopColor), width: parseFloat(style.borderTopWidth),
             fill: rgba(style.backgroundColor), behind: behind };
}"""


@pytest.mark.parametrize("name", ["home", "overzicht", "zoeken met resultaten", "praktijk"])
def test_every_text_field_has_a_boundary_that_can_be_seen(page, site_url, name):
    path, ready = PAGE_TYPES[name]
    open_page(page, site_url, path, ready)
    fields = page.locator("input[type=search], input[type=text]")
    assert fields.count() > 0
    for index in range(fields.count()):
        colours = fields.nth(index).evaluate(FIELD_COLOURS)
        # The boundary is the border, or the field's own fill where it differs from behind it.
        fill_visible = len(colours["fill"]) < 4 or colours["fill"][3] > 0
        edges = [colours["border"]] if colours["width"] >= 1 else []
        if fill_visible:
            edges.append(colours["fill"])
        behind = _luminance(colours["behind"])
        ratios = [(max(_luminance(e), behind) + 0.05) / (min(_luminance(e), behind) + 0.05) for e in edges]
        assert ratios and max(ratios) >= 3, (name, index, colours)


def test_the_favicon_is_the_site_s_mark_in_the_site_s_colour():
    """docs/assets/logo.svg repeats the mark of partials/logo.html on site.yaml's primary colour."""
    svg = (REPO / "docs" / "assets" / "logo.svg").read_text(encoding="utf-8")
    mark = (REPO / "docs" / "overrides" / "partials" / "logo.html").read_text(encoding="utf-8")
    assert f'fill="{data.settings().colours["primair"]}"' in svg
    assert re.search(r'points="([^"]+)"', svg).group(1) == re.search(r'points="([^"]+)"', mark).group(1)


def test_the_nl_design_system_css_is_what_the_pinned_packages_give(tmp_path):
    """docs/assets/nlds.css is written from scripts/huisstijl/package-lock.json, never by hand."""
    sys.path.insert(0, str(REPO / "scripts"))
    import dev

    target = tmp_path / "nlds.css"
    dev.bundle_house_style(target)
    assert target.read_bytes() == dev.STYLE_BUNDLE.read_bytes(), "run: python3 scripts/dev.py huisstijl"


def test_buttons_and_fields_are_nl_design_system_components(built_site):
    """Every button and text field the site draws is one of the NL Design System's
    components, coloured by the site's tokens; none is left in Material's own style."""
    pages = ["praktijken/index.html", "zoeken/index.html", "index.html"]
    for name in pages:
        html = (built_site / name).read_text(encoding="utf-8")
        assert 'href="../assets/nlds.css"' in html or 'href="assets/nlds.css"' in html, name
        article = html.split("<article", 1)[1]
        assert "md-button" not in article, name
        for button in re.findall(r"<button[^>]*>", article):
            assert "utrecht-button" in button, (name, button)
        for field in re.findall(r'<input[^>]*type="(?:search|text)"[^>]*>', article):
            assert "utrecht-textbox" in field, (name, field)
    css = (built_site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "--utrecht-button-primary-action-background-color: var(--kleur-primair);" in css


def test_every_page_type_stays_within_its_weight_as_a_visitor_gets_it(built_site):
    """KB a first visit transfers (gzip, headers included, every request), as the benchmark
    measures it: at most 120 KB a page, 200 KB for the editor, 300 KB for a finder query.
    In its own process: Playwright allows one sync session per thread."""
    import json
    import subprocess

    probe = ("import json, sys; sys.path.insert(0, 'scripts'); import benchmark; from pathlib import Path; "
             f"print(json.dumps(benchmark.page_weights(Path({str(built_site)!r}), benchmark.FINDER_QUERY)))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    weights = json.loads(done.stdout.strip().splitlines()[-1])
    assert {key: kb for key, kb in weights.items() if kb > 120 and key not in {"editor_kb", "vinder_kb",
            "vinder_filters_kb", "vinder_zwaarst_kb"}} == {}
    assert weights["editor_kb"] <= 200, weights
    assert max(weights["vinder_kb"], weights["vinder_filters_kb"], weights["vinder_zwaarst_kb"]) <= 300, weights
