"""What advisers rely on: feeds, open data, sitemap, previews, sharing, addresses.

Expected values come from the case files and data files, never typed in.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
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
    feed = feedparser.parse((built_site / "feeds" / "alle.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "nl" or feed.feed.get("title")
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


@pytest.mark.parametrize("taxonomy", list(data.taxonomies()))
def test_every_term_has_a_feed_with_exactly_its_cases(built_site, taxonomy):
    tax = data.taxonomies()[taxonomy]
    for term in tax.terms:
        feed = feedparser.parse((built_site / "feeds" / tax.folder / f"{term.slug}.xml").read_bytes())
        assert not feed.bozo, (term.slug, feed.bozo_exception)
        listed = sorted(e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries)
        assert listed == sorted(s for s, c in CASES.items() if term.slug in (c.get(taxonomy) or []))


def test_province_feeds_and_rel_alternate_links(built_site):
    for province in data.provinces():
        feed = feedparser.parse((built_site / "feeds" / "provincies" / f"{province.slug}.xml").read_bytes())
        assert not feed.bozo
        expected = sorted(s for s, c in CASES.items()
                          if data.province_by_name(c["provincie"]) == province)
        assert sorted(e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries) == expected
    html = (built_site / "sporen" / "participatie" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="../../feeds/sporen/participatie.xml"' in html
    assert ">Volg nieuwe praktijken</a>" in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and "feeds/alle.xml" in home


def test_every_feed_date_is_a_case_date(built_site):
    """No build time or git date sneaks in: each <updated>/<published> is a date from a case file."""
    allowed = {str(c["gepubliceerd"]) for c in CASES.values()} | {case_date(c) for c in CASES.values()}
    for path in (built_site / "feeds").rglob("*.xml"):
        root = ET.parse(path).getroot()
        dates = [e.text[:10] for e in root.iter() if e.tag.endswith(("updated", "published"))]
        assert dates and set(dates) <= allowed, path


# -- open data -----------------------------------------------------------------

def test_open_data_json_has_every_case_and_field(built_site):
    document = json.loads((built_site / "data" / "praktijken.json").read_text(encoding="utf-8"))
    assert document["licentie"] == data.site()["licentie"]
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


def test_open_data_is_linked_with_its_licence(built_site):
    overview = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/praktijken.json"' in overview and 'href="../data/praktijken.csv"' in overview
    assert data.site()["licentie"] in overview
    about = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    assert "data/praktijken.csv" in about and data.site()["licentie"] in about


# -- sitemap and robots ----------------------------------------------------------

def test_sitemap_lastmod_comes_from_case_dates(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((built_site / "sitemap.xml").read_bytes())
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
