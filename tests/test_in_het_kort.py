"""Officials: every case answers the questions a decision needs ("In het kort"), each fact
from a source or saying it is not known; the same facts in open data, JSON-LD, the finder's
filters and the coverage page.

The expected values are worked out here from the case files and the schema, written out
plainly, not with the generator's own model code.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import yaml

from conftest import REPO

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "practices").glob("*.yaml"))}
SCHEMA = yaml.safe_load((REPO / "scripts" / "sitegen" / "data" / "schema.yaml").read_text(encoding="utf-8"))
SITE = yaml.safe_load((REPO / "scripts" / "sitegen" / "data" / "site.yaml").read_text(encoding="utf-8"))
KEYS = ["doelgroep", "doelgroepen", "schaal", "start", "status", "financiering", "contact", "onderbouwing", "bereik"]
UNKNOWN = SITE["kort"]["onbekend"]


def shown(case: dict, key: str) -> str:
    """What the page shows for one fact: the label of an enum value, a list joined, a year."""
    value, labels = case.get(key), SCHEMA["properties"][key].get("x-labels", {})
    if value in (None, "", []):
        return UNKNOWN
    if isinstance(value, list):
        return ", ".join(labels[v] for v in value)
    text = labels.get(value, " ".join(str(value).split()))
    years = [s["jaar"] for s in case["bronnen"] if s.get("jaar")]
    if key == "status" and years:
        return SITE["kort"]["status_stand"].format(status=text, jaar=max(years))
    return text


class Facts(HTMLParser):
    """The <dt>/<dd> pairs of the "In het kort" block and its year line."""

    def __init__(self):
        super().__init__()
        self.pairs, self.year = [], ""
        self._in, self._tag, self._text, self._note = False, None, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._note = self._note or tag == "sup"  # a citation's footnote number is not the value
        if tag == "section" and "kort" in (attrs.get("class") or "").split():
            self._in = True
        if self._in and tag in ("dt", "dd") or (self._in and tag == "p" and "kort__jaar" in (attrs.get("class") or "")):
            self._tag, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == "sup":
            self._note = False
        if tag == self._tag:
            text = " ".join("".join(self._text).split())
            if tag == "dt":
                self.pairs.append([text, None])
            elif tag == "dd":
                self.pairs[-1][1] = text
            else:
                self.year = text
            self._tag = None
        if tag == "section" and self._in:
            self._in = False

    def handle_data(self, text):
        if self._tag and not self._note:
            self._text.append(text)


def facts_of(html: str) -> Facts:
    parser = Facts()
    parser.feed(html)
    return parser


def test_every_case_page_has_in_het_kort_with_every_fact_sourced_or_not_known(built_site):
    for slug, case in CASES.items():
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        facts = facts_of(html)
        assert facts.pairs == [[SCHEMA["properties"][key]["title"], shown(case, key)] for key in KEYS], slug
        years = [s["jaar"] for s in case["bronnen"] if s.get("jaar")]
        assert facts.year == (SITE["kort"]["informatie"].format(jaar=max(years)) if years
                              else SITE["kort"]["informatie_onbekend"]), slug
        # Before the prose: the block comes before the summary and the first heading after it.
        summary = " ".join(case["samenvatting"].split())[:40]
        text = re.sub(r"\s+", " ", html)
        title = text.index("<h1")  # the summary is also in the head's description
        assert title < text.index('class="kort"') < text.index(summary.replace("&", "&amp;"), title) \
            < text.index('id="themas"'), slug


def test_a_case_whose_sources_say_nothing_shows_each_fact_as_not_known(large_built_site):
    synthetic = next(p for p in sorted((large_built_site.parent / "practices").glob("*.yaml"))
                     if not any(k in yaml.safe_load(p.read_text(encoding="utf-8")) for k in KEYS))
    html = (large_built_site / "praktijken" / synthetic.stem / "index.html").read_text(encoding="utf-8")
    assert [value for _, value in facts_of(html).pairs] == [UNKNOWN] * len(KEYS)


def test_every_source_shows_its_year_or_says_it_is_not_known(built_site):
    for slug, case in CASES.items():
        html = re.sub(r"\s+", " ", (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8"))
        sources = html[html.index('id="bronnen"'):]
        for source in case["bronnen"]:
            year = str(source["jaar"]) if source.get("jaar") else "jaar onbekend"
            assert re.search(rf"{re.escape(source['titel'][:30].replace('&', '&amp;'))}.*?, {year}\.", sources), (slug, year)


def test_open_data_and_structured_data_carry_the_facts(built_site):
    records = {r["slug"]: r for r in json.loads((built_site / "data" / "praktijken.json").read_text(encoding="utf-8"))["praktijken"]}
    rows = {row["adres"].rstrip("/").rsplit("/", 1)[-1]: row for row in csv.DictReader(
        io.StringIO((built_site / "data" / "praktijken.csv").read_text(encoding="utf-8-sig")), delimiter=";")}
    for slug, case in CASES.items():
        assert records[slug]["kort"] == {key: case.get(key) for key in KEYS}, slug
        assert {key: rows[slug][key] for key in KEYS} == {
            key: "" if shown(case, key) == UNKNOWN else re.sub(r", volgens de bron uit \d+$", "", shown(case, key))
            for key in KEYS}, slug
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        article = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert [p["propertyID"] for p in article["additionalProperty"]] == [k for k in KEYS if case.get(k) not in (None, [])]
        assert ("audience" in article) == bool(case.get("doelgroep")), slug


def test_the_finder_filters_on_status_evidence_and_scale_with_counts(built_site):
    overview = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    for key in ("doelgroepen", "status", "onderbouwing", "schaal"):
        prop = SCHEMA["properties"][key]
        enum = prop["items"]["enum"] if prop["type"] == "array" else prop["enum"]
        values = [*enum, *([] if "onbekend" in enum else ["onbekend"])]
        counted = {value: int(n) for value, n in re.findall(
            rf'name="{key}" value="([a-z-]+)"> [^<]* <span class="filters__aantal">\((\d+)\)', overview)}
        def has(case, value):
            given = case.get(key) or ["onbekend"]
            return value in (given if isinstance(given, list) else [given])
        assert counted == {value: sum(has(case, value) for case in CASES.values()) for value in values}, key


def test_the_coverage_page_counts_what_the_sources_do_not_say(built_site):
    page = re.sub(r"\s+", " ", (built_site / "dekking" / "index.html").read_text(encoding="utf-8"))
    table = page[page.index('id="dekking-kort"'):]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td[^>]*>(\d+)</td><td>(\d+)</td>', table)
    assert rows == [(SCHEMA["properties"][key]["title"], str(sum(case.get(key) in (None, [], "") for case in CASES.values())),
                     str(sum(case.get(key) not in (None, [], "") for case in CASES.values()))) for key in KEYS]


def test_the_evidence_scale_has_its_own_page_and_each_level_is_linked(built_site):
    page = (built_site / "onderbouwing" / "index.html").read_text(encoding="utf-8")
    levels = SCHEMA["properties"]["onderbouwing"]["x-labels"]
    assert re.findall(r'<h2 id="([a-z]+)">\d\. ([^<]+)</h2>', page) == list(levels.items())
    for slug, case in CASES.items():
        if case.get("onderbouwing"):
            html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
            assert f'onderbouwing/#{case["onderbouwing"]}"' in html, slug
