"""What advisers rely on: feeds, open data, sitemap, previews, sharing, addresses.

Expected values come from the case files and data files, never typed in.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import feedparser
import pytest
from playwright.sync_api import expect
import yaml

from conftest import REPO
from sitegen import data

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
         for p in sorted((REPO / "practices").glob("*.yaml"))}
SITE_URL = data.site_url()


def case_date(case: dict) -> str:
    return str(case.get("bijgewerkt") or case["gepubliceerd"])


# -- feeds ---------------------------------------------------------------------

def test_feed_of_all_cases_lists_every_case_newest_first(built_site):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == data.settings().feeds["alle"]
    links = [entry.link for entry in feed.entries]
    assert sorted(links) == sorted(f"{SITE_URL}praktijken/{slug}/" for slug in CASES)
    assert [entry.id for entry in feed.entries] == links  # the permanent address is the id
    published = [entry.published[:10] for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        case = CASES[entry.link.rstrip("/").rsplit("/", 1)[-1]]
        assert entry.published[:10] == str(case["gepubliceerd"])
        assert entry.updated[:10] == case_date(case)
        assert entry.title == case["titel"]
    assert feed.feed.updated[:10] == max(case_date(c) for c in CASES.values())


ATOM, XHTML = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/1999/xhtml}"


def test_every_feed_is_atom_with_only_xhtml_beside_it(built_site):
    """The readable page is XHTML inside the feed (extension elements, RFC 4287 6.4): every
    other element is Atom, and every feed links the page that explains following."""
    feeds = sorted(built_site.glob("feed*.xml"))
    assert len(feeds) == 1 + sum(len(t.terms) for t in data.taxonomies().values()) + len(data.provinces())
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert '<?xml-stylesheet type="text/css" href="assets/feed.css"?>' in text
        root = ET.fromstring(text)
        for element in root.iter():
            assert element.tag.startswith((ATOM, XHTML)), (path.name, element.tag)
        assert {a.get("href") for a in root.iter(f"{XHTML}a")} >= {f"{SITE_URL}volgen/"}
        assert not feedparser.parse(text.encode()).bozo
    assert (built_site / "assets" / "feed.css").is_file()


def test_a_feed_opened_in_the_browser_is_a_readable_page(page, site_url):
    """Not the raw XML: the feed's title and entries are laid out, and its links work."""
    page.goto(site_url + "/feed.xml")
    shown = page.evaluate("""() => {
        const atom = "http://www.w3.org/2005/Atom";
        const visible = (el) => getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
        const entries = [...document.getElementsByTagNameNS(atom, "entry")];
        return {title: visible(document.getElementsByTagNameNS(atom, "title")[0]),
                id: visible(document.getElementsByTagNameNS(atom, "id")[0]),
                entries: entries.filter((e) => visible(e.getElementsByTagNameNS(atom, "title")[0])).length,
                all: entries.length};
    }""")
    assert shown == {"title": True, "id": False, "entries": len(CASES), "all": len(CASES)}
    # Real links (the feed's addresses are the published ones, SITE_URL), reachable by Tab.
    links = page.evaluate("""() => [...document.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "a")]
        .map((a) => [a instanceof HTMLAnchorElement, a.textContent, a.href])""")
    assert [True, "Zo volgt u nieuwe praktijken", f"{SITE_URL}volgen/"] in links
    assert sum(text == "Lees de praktijk" for _, text, _ in links) == len(CASES)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zo volgt u nieuwe praktijken"


def test_the_follow_page_lists_every_feed(built_site):
    html = (built_site / "volgen" / "index.html").read_text(encoding="utf-8")
    # Every feed once, by its published address, and nothing else that looks like one.
    listed = re.findall(r'href="([^"]*feed[^"]*\.xml)"', html)
    assert sorted(listed) == sorted(SITE_URL + p.name for p in built_site.glob("feed*.xml"))


def test_feeds_hold_only_the_newest_cases_when_there_are_many(tmp_path):
    from benchmark import synthetic_cases
    from sitegen.render.formats import render_feeds
    from sitegen.render.model import build_site_model
    from sitegen.render.render import Pages
    from sitegen.check.validate import check_paths

    limit = data.settings().feeds["aantal"]
    for slug, case in synthetic_cases(3 * limit).items():
        (tmp_path / f"{slug}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    site = build_site_model(check_paths([tmp_path]).valid_files)
    feeds = render_feeds(Pages(site))
    everything = feedparser.parse(feeds["feed.xml"].encode())
    newest = [f"{SITE_URL}praktijken/{case.slug}/" for case in site.cases[:limit]]
    assert [entry.link for entry in everything.entries] == newest
    term = site.taxonomies["sporen"].terms[0]
    per_term = feedparser.parse(feeds[f"feed-sporen-{term.slug}.xml"].encode())
    assert len(site.cases_for(term)) > limit
    assert [e.link for e in per_term.entries] == [
        f"{SITE_URL}praktijken/{case.slug}/" for case in site.cases_for(term)[:limit]]


@pytest.mark.parametrize("taxonomy", list(data.taxonomies()))
def test_every_term_has_a_feed_with_exactly_its_cases(built_site, taxonomy):
    tax = data.taxonomies()[taxonomy]
    for term in tax.terms:
        feed = feedparser.parse((built_site / f"feed-{tax.folder}-{term.slug}.xml").read_bytes())
        assert not feed.bozo, (term.slug, feed.bozo_exception)
        listed = sorted(e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries)
        assert listed == sorted(s for s, c in CASES.items() if term.slug in (c.get(taxonomy) or []))


def test_province_feeds_and_rel_alternate_links(built_site):
    for province in data.provinces():
        feed = feedparser.parse((built_site / f"feed-provincies-{province.slug}.xml").read_bytes())
        assert not feed.bozo
        expected = sorted(s for s, c in CASES.items()
                          if data.province_by_name(c["provincie"]) == province)
        assert sorted(e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries) == expected
    html = (built_site / "sporen" / "participatie" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="../../feed-sporen-participatie.xml"' in html
    assert ">Volg nieuwe praktijken</a>" in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and "feed.xml" in home


def test_every_feed_date_is_a_case_date(built_site):
    """No build time or git date sneaks in: each <updated>/<published> is a date from a case file."""
    allowed = {str(c["gepubliceerd"]) for c in CASES.values()} | {case_date(c) for c in CASES.values()}
    for path in built_site.glob("feed*.xml"):
        root = ET.parse(path).getroot()
        dates = [e.text[:10] for e in root.iter() if e.tag.endswith(("updated", "published"))]
        assert dates and set(dates) <= allowed, path


# -- open data -----------------------------------------------------------------

def test_open_data_json_has_every_case_and_field(built_site):
    document = json.loads((built_site / "data" / "praktijken.json").read_text(encoding="utf-8"))
    assert document["licentie"] == data.settings().licence
    records = {r["slug"]: r for r in document["praktijken"]}
    assert set(records) == set(CASES) and document["aantal"] == len(CASES)
    for slug, case in CASES.items():
        record = records[slug]
        assert record["adres"] == f"{SITE_URL}praktijken/{slug}/"
        assert record["titel"] == case["titel"]
        assert record["lessen"] == [" ".join(lesson.split()) for lesson in case["lessen"]]
        for key, taxonomy in data.taxonomies().items():
            assert [t["slug"] for t in record[key]] == (case.get(key) or [])
            assert [t["label"] for t in record[key]] == [taxonomy.term(s).label for s in case.get(key) or []]
        assert [s["titel"] for s in record["bronnen"]] == [s["titel"] for s in case["bronnen"]]


def test_open_data_csv_opens_in_dutch_excel(built_site):
    raw = (built_site / "data" / "praktijken.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 (Fryslân, coördinator)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["adres"] for r in rows) == sorted(f"{SITE_URL}praktijken/{s}/" for s in CASES)
    by_address = {r["adres"]: r for r in rows}
    friesland = by_address[f"{SITE_URL}praktijken/sudwest-fryslan-samen-gezond/"]
    assert friesland["provincie"] == "Fryslân"
    assert friesland["titel"] == CASES["sudwest-fryslan-samen-gezond"]["titel"]


MARKDOWN_MARKUP = ("**", "](", "`")  # inline Markdown; block markup is checked per line below


def csv_rows(text: str) -> list[dict]:
    """The CSV as Dutch Excel reads it: UTF-8 with BOM, ';' between fields, quoted line breaks."""
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";", dialect="excel"))


def assert_plain_safe_cells(rows: list[dict]) -> None:
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell[:60])
            assert not any(mark in cell for mark in MARKDOWN_MARKUP), (column, cell[:60])
            for line in cell.splitlines():
                assert not line.startswith(("#", "- ", "* ", "> ")), (column, line[:60])


def test_open_data_csv_is_plain_text_with_one_value_per_line(built_site):
    rows = {r["adres"]: r for r in csv_rows((built_site / "data" / "praktijken.csv").read_text(encoding="utf-8"))}
    assert_plain_safe_cells(list(rows.values()))
    for slug, case in CASES.items():
        row = rows[f"{SITE_URL}praktijken/{slug}/"]
        assert row["partners"].split("\n") == [" ".join(p.split()) for p in case.get("partners") or []] or \
            (row["partners"] == "" and not case.get("partners"))
        assert len(row["lessen"].split("\n")) == len(case["lessen"])
        sources = row["bronnen"].split("\n")
        assert len(sources) == len(case["bronnen"])
        for line, source in zip(sources, case["bronnen"]):
            for part in (source["titel"], source.get("uitgever"), source.get("jaar"), source.get("url")):
                assert part is None or " ".join(str(part).split()) in line, (line, part)
        for key in data.taxonomies():  # term labels, one per line
            labels = [data.taxonomies()[key].term(t).label for t in case.get(key) or []]
            assert (row[key].split("\n") if row[key] else []) == labels


def test_a_case_that_looks_like_a_formula_stays_text_in_excel(tmp_path):
    """OWASP's CSV injection: a cell that starts with = + - @ is what a spreadsheet runs."""
    from sitegen.check.validate import check_paths
    from sitegen.render.formats import render_open_data
    from sitegen.render.model import build_site_model
    from sitegen.render.render import Pages

    case = yaml.safe_load((REPO / "tests" / "fixtures" / "geldig" / "volledig.yaml").read_text(encoding="utf-8"))
    case.update(titel="=HYPERLINK(\"https://voorbeeld.nl\";\"klik\")", samenvatting="-2+3 " + case["samenvatting"],
                partners=["@gemeente", "+31 GGD, afdeling A"], lessen=["=1+1 " + case["lessen"][0]])
    (tmp_path / "formule.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    result = check_paths([tmp_path])
    assert result.ok, result.problems
    pages = Pages(build_site_model(result.valid_files))
    [row] = csv_rows(render_open_data(pages)["data/praktijken.csv"])
    assert_plain_safe_cells([row])
    assert row["titel"] == "'" + case["titel"] and row["samenvatting"] == "'" + case["samenvatting"]
    assert row["partners"] == "'@gemeente\n+31 GGD, afdeling A"  # one cell: only its start runs


def test_open_data_is_linked_with_its_licence(built_site):
    overview = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/praktijken.json"' in overview and 'href="../data/praktijken.csv"' in overview
    assert data.settings().licence in overview
    about = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    assert "data/praktijken.csv" in about and data.settings().licence in about


# -- sitemap and robots ----------------------------------------------------------

def test_sitemap_is_a_small_index_that_list_pages_can_fetch(built_site):
    """Material fetches sitemap.xml on every page with a feed link: it must stay tiny."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring((built_site / "sitemap.xml").read_bytes())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [loc.text for loc in index.iterfind("s:sitemap/s:loc", namespace)] == [
        f"{SITE_URL}sitemap-paginas.xml"]
    assert (built_site / "sitemap.xml").stat().st_size < 400
    assert not index.findall("s:url", namespace)


def test_sitemap_lastmod_comes_from_case_dates(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((built_site / "sitemap-paginas.xml").read_bytes())
    lastmod = {u.find("s:loc", namespace).text: getattr(u.find("s:lastmod", namespace), "text", None)
               for u in root.findall("s:url", namespace)}
    for slug, case in CASES.items():
        assert lastmod[f"{SITE_URL}praktijken/{slug}/"] == case_date(case)
    participation = [c for c in CASES.values() if "participatie" in (c.get("sporen") or [])]
    assert lastmod[f"{SITE_URL}sporen/participatie/"] == max(case_date(c) for c in participation)
    assert not any("404" in loc for loc in lastmod)


def test_robots_txt_points_to_the_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


# -- permanent addresses -----------------------------------------------------------

def test_every_registered_and_fixed_address_resolves(built_site):
    from sitegen.check import addresses

    register = addresses.read_register(REPO / "practices")
    assert register, "the register lists the addresses published before this scheme"
    expected = set(register) | addresses.fixed_addresses() | {f"/praktijken/{slug}/" for slug in CASES}
    for address in expected:
        assert (built_site / address.strip("/") / "index.html").is_file(), address


def test_build_leaves_the_contributors_working_tree_alone(tmp_path):
    """No file to add after a build: the register is not rewritten (addresses.py)."""
    from conftest import build_sandbox, sandbox_copy

    sandbox = sandbox_copy(tmp_path)
    shutil.copy(REPO / "tests" / "fixtures" / "geldig" / "volledig.yaml", sandbox / "practices" / "nieuw.yaml")
    before = (sandbox / "practices" / "adressen.txt").read_bytes()
    assert build_sandbox(sandbox) == 0
    assert (sandbox / "practices" / "adressen.txt").read_bytes() == before
    assert sorted(p.name for p in (sandbox / "practices").iterdir()) == sorted(
        [p.name for p in (REPO / "practices").iterdir()] + ["nieuw.yaml"])


def test_removing_a_published_case_fails_and_names_its_address(tmp_path, capsys):
    from conftest import build_sandbox, sandbox_copy
    from helpers import file_hashes

    sandbox = sandbox_copy(tmp_path)
    assert build_sandbox(sandbox) == 0
    before = file_hashes(sandbox / "site")
    (sandbox / "practices" / "emmen-van-onderop.yaml").unlink()
    assert build_sandbox(sandbox) == 1
    output = capsys.readouterr().out
    assert "/praktijken/emmen-van-onderop/ is eerder gepubliceerd" in output
    assert "eerdere-adressen" in output
    assert file_hashes(sandbox / "site") == before
    # `check` of the folder says the same, before anyone builds.
    from conftest import generate
    result = generate("check", str(sandbox / "practices"))
    assert result.returncode == 1 and "/praktijken/emmen-van-onderop/" in result.stdout


def test_former_address_may_not_be_a_live_case(tmp_path, capsys):
    from conftest import build_sandbox, sandbox_copy

    sandbox = sandbox_copy(tmp_path)
    helmond = sandbox / "practices" / "helmond-integrale-aanpak.yaml"
    helmond.write_text(helmond.read_text(encoding="utf-8")
                       + "eerdere-adressen:\n  - /praktijken/emmen-van-onderop/\n", encoding="utf-8")
    assert build_sandbox(sandbox) == 1
    assert "kan niet doorsturen" in capsys.readouterr().out


def test_renamed_case_forwards_its_old_address_with_anchor(tmp_path, page):
    from conftest import build_sandbox, sandbox_copy, static_host

    sandbox = sandbox_copy(tmp_path)
    assert build_sandbox(sandbox) == 0
    old = sandbox / "practices" / "emmen-van-onderop.yaml"
    new = sandbox / "practices" / "emmen-gezond-van-onderop.yaml"
    new.write_text(old.read_text(encoding="utf-8")
                   + "eerdere-adressen:\n  - /praktijken/emmen-van-onderop/\n", encoding="utf-8")
    old.unlink()
    assert build_sandbox(sandbox) == 0
    with static_host(sandbox / "site") as base:
        page.goto(f"{base}/praktijken/emmen-van-onderop/#pilot-in-emmerhout")
        page.wait_for_url("**/praktijken/emmen-gezond-van-onderop/#pilot-in-emmerhout")
        assert page.locator("h1").inner_text() == CASES["emmen-van-onderop"]["titel"]


# -- link previews and sharing ---------------------------------------------------------

PREVIEW_PAGES = ["index.html", "praktijken/index.html", "praktijken/utrecht-health-in-all-policies/index.html",
                 "sporen/participatie/index.html", "provincies/fryslan/index.html", "dekking/index.html",
                 "over/index.html", "zoeken/index.html"]


@pytest.mark.parametrize("path", PREVIEW_PAGES)
def test_every_page_type_has_absolute_preview_tags(built_site, path):
    from html.parser import HTMLParser

    class Head(HTMLParser):
        def __init__(self):
            super().__init__()
            self.meta, self.links, self.title = {}, {}, None
            self._in_title = False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta":
                self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
            if tag == "link":
                self.links[attrs.get("rel")] = attrs.get("href")
            self._in_title = tag == "title"

        def handle_data(self, text):
            if self._in_title:
                self.title = (self.title or "") + text

        def handle_endtag(self, tag):
            self._in_title = False

    head = Head()
    head.feed((built_site / path).read_text(encoding="utf-8"))
    address = SITE_URL + path.removesuffix("index.html")
    assert head.title and head.meta["description"]
    assert head.links["canonical"] == address
    assert head.meta["og:url"] == address
    assert head.meta["og:title"] and head.meta["og:description"] == head.meta["description"]
    assert head.meta["og:locale"] == "nl_NL" and head.meta["og:site_name"]
    assert head.meta["og:type"] in ("article", "website")
    assert head.meta["og:image"].startswith(SITE_URL) and head.meta["og:image"].endswith(".png")
    assert (built_site / head.meta["og:image"].removeprefix(SITE_URL)).is_file()
    assert head.meta["og:image:alt"]
    assert head.meta["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_case_has_its_own_preview_image_and_json_ld(built_site, slug):
    from PIL import Image, ImageStat

    image = Image.open(built_site / "voorbeelden" / f"{slug}.png")
    assert image.size == (1200, 630)
    assert max(ImageStat.Stat(image.convert("L")).stddev) > 20  # not blank
    html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
    assert f'content="{SITE_URL}voorbeelden/{slug}.png"' in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    document = json.loads(block)
    assert document["@type"] == "Article" and document["headline"] == CASES[slug]["titel"]
    assert document["url"] == f"{SITE_URL}praktijken/{slug}/"
    assert document["datePublished"] == str(CASES[slug]["gepubliceerd"])
    assert document["inLanguage"] == "nl"


def test_preview_images_are_only_drawn_again_when_their_case_changes(tmp_path):
    from sitegen.render.model import build_site_model
    from sitegen.render.previews import image_page, write_previews
    from sitegen.check.validate import check_paths

    site = build_site_model(check_paths([REPO / "practices"]).valid_files)
    cache = tmp_path / "cache"
    first = write_previews(site.cases, cache)
    assert len(first) == len(site.cases) + 1 + 1  # cases, the site image, the logo
    drawn = {path: path.stat().st_mtime_ns for path in first.values()}
    assert write_previews(site.cases, cache) == first
    assert {path: path.stat().st_mtime_ns for path in first.values()} == drawn  # nothing drawn again
    site.cases[0].title += " (bijgewerkt)"
    second = write_previews(site.cases, cache)
    assert {page for page in first if first[page] != second[page]} == {image_page(site.cases[0])}
    assert sorted(cache.glob("*.png")) == sorted(set(second.values()))  # the stale images are gone


def test_share_block_has_text_link_citation_and_copy_button(page, site_url):
    slug = "helmond-integrale-aanpak"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}/praktijken/{slug}/")
    text = page.locator("#deeltekst").inner_text()
    assert CASES[slug]["titel"] in text and f"{SITE_URL}praktijken/{slug}/" in text
    assert CASES[slug]["titel"] in page.locator(".delen__citaat").inner_text()
    page.get_by_role("button", name="Kopieer tekst").click()
    expect(page.locator(".delen__melding")).to_have_text("Tekst gekopieerd.")  # set once the clipboard answers
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#deeltekst").text_content()


def test_share_text_names_the_place_once_with_a_snippet_the_link_and_its_source(built_site):
    """For a newsletter: title with the place once, two or three sentences of the summary,
    the permanent link and an attribution line naming the source and the site."""
    from html import unescape
    site_name = data.settings().name
    for slug, case in CASES.items():
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        text = unescape(re.search(r'<div class="delen__tekst" id="deeltekst">(.*?)</div>', html, re.S).group(1))
        title, snippet, link, attribution = text.split("\n")
        place = case.get("gemeente") or case.get("regio")
        province = data.province_by_name(case["provincie"]).name
        # The place once at most (a region's name may hold it), the province once: not
        # "Utrecht: ... (Utrecht, Utrecht)".
        assert title.count(place) <= 1 and title.count(province) == 1, title
        assert title.startswith(case["titel"]) and link == f"{SITE_URL}praktijken/{slug}/"
        summary = " ".join(case["samenvatting"].split())
        said = re.findall(r"[.!?](?=\s|$)", snippet)
        assert summary.startswith(snippet) and (2 <= len(said) <= 3 or snippet == summary), snippet
        source = case["bronnen"][0]
        assert attribution.startswith(f"Bron: {source['titel']}") and attribution.endswith(f", via {site_name}.")
        assert all(str(part) in attribution for part in (source.get("uitgever"), source.get("jaar")) if part)


def test_share_text_is_selectable_without_javascript(tab, site_url):
    page = tab(java_script_enabled=False)
    page.goto(f"{site_url}/praktijken/emmen-van-onderop/")
    assert page.locator("#deeltekst").is_visible()
    assert not page.get_by_role("button", name="Kopieer tekst").is_visible()
