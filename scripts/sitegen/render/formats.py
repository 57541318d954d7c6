"""Renders the site model into the files that are not pages: Atom feeds and
open data (JSON, CSV). Like the Markdown, they are plain files in docs/ that
any static builder copies as they are.

Dates come from the case files (``gepubliceerd``, ``bijgewerkt``), never from
the build or from git: CI checkouts are shallow, and a rebuild must not make
every entry look new.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import markdown
import markupsafe

from .. import data
from .model import FACT_KEYS, Case, Site, facts_from, last_changed

OPEN_DATA = "data"
# In a CSV cell: one value per line (names hold commas, never line breaks), a list item
# marked as on paper, and the characters a spreadsheet reads as the start of a formula.
LIST_SEPARATOR = "\n"
BULLET = "• "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _PlainText(HTMLParser):
    """The text of rendered Markdown: paragraphs and list items on their own lines, a list
    item after a bullet, a link's text followed by its address."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        after_bullet = self.parts[-1:] == [BULLET]  # a paragraph inside a list item
        if tag in ("p", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr") and not after_bullet:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append(BULLET)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and href not in "".join(self.parts[-3:]):
                self.parts.append(f" ({href})")

    def handle_data(self, text):
        # Line breaks in the source text are not structure (the tags are): they become spaces.
        if text.strip() or self.parts[-1:] not in ([BULLET], ["\n"], []):
            self.parts.append(re.sub(r"\s+", " ", text))


def plain_text(text: str | None) -> str | None:
    """A contributor's Markdown as plain text for a spreadsheet: no **, ### or list dashes."""
    if not text:
        return text
    reader = _PlainText()
    reader.feed(markdown.markdown(text))
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def spreadsheet_cell(value) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading
    apostrophe, as OWASP's guidance on CSV injection advises."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def feed_page(page: str) -> str:
    """Where the feed of a listing page lives: sporen/participatie.md -> feed-sporen-participatie.xml.

    Feeds sit in the site root because Material's JavaScript fetches
    "sitemap.xml" next to every <link rel="alternate"> (meant for language
    versions); in a subfolder that request fails and logs a console error.
    The root sitemap.xml is a small index, so that fetch stays cheap.
    """
    stem = page.removesuffix(".md").removesuffix("/index")
    if stem in ("index", data.settings().cases_folder):
        return "feed.xml"
    return f"feed-{stem.replace('/', '-')}.xml"


def _updated(cases: list[Case], site: Site) -> str:
    """The newest date among the feed's cases (or the site's, for an empty feed)."""
    return (last_changed(cases) or last_changed(site.cases) or "2026-01-01") + "T00:00:00Z"


def feed_list(pages) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every feed, grouped as the Volgen page lists them: (group, [(label, address)])."""
    site, absolute = pages.site, pages.absolute
    groups = [(data.settings().feeds["alle"], [(data.settings().feeds["alle"],
                                                absolute(feed_page(f"{data.settings().cases_folder}/index.md")))])]
    for taxonomy in site.taxonomies.values():
        groups.append((taxonomy.name, [(term.label, absolute(feed_page(pages.term_page(term))))
                                       for term in taxonomy.terms]))
    groups.append((data.settings().pages["provincies"].menu,
                   [(p.name, absolute(feed_page(pages.province_page(p)))) for p in site.provinces]))
    return groups


def render_feeds(pages) -> dict[str, str]:
    """One feed of all cases, and one per term and per province: path -> Atom XML."""
    site = pages.site
    template = pages.env.get_template("atom.xml")
    overview = f"{data.settings().cases_folder}/index.md"
    absolute = pages.absolute

    texts = data.settings().feeds
    # A case is in about ten feeds; its entry is rendered once (Markup: already escaped).
    entry = pages.env.get_template("atom-entry.xml")
    entries: dict[str, markupsafe.Markup] = {}

    def feed(page: str, title: str, subtitle: str, cases: list[Case]) -> tuple[str, str]:
        # Readers poll feeds often: only the newest cases, as news sites do (RFC 4287
        # lets a feed hold a part of a collection). The pages list every case.
        cases = cases[: texts["aantal"]]
        for case in cases:
            if case.slug not in entries:
                entries[case.slug] = markupsafe.Markup(entry.render(
                    case=case, absolute=absolute, pages=pages, site=site).strip("\n"))
        path = feed_page(page)
        return path, template.render(
            title=title, subtitle=subtitle, cases=cases, entries=entries, feed_url=absolute(path),
            page_url=absolute(page), updated=_updated(cases, site), labels=data.settings(),
            follow_url=absolute(data.settings().pages["volgen"].file))

    feeds = [feed(overview, texts["alle"], texts["alle_uitleg"], site.cases)]
    for taxonomy in site.taxonomies.values():
        for term in taxonomy.terms:
            feeds.append(feed(pages.term_page(term), texts["term"].format(label=term.label),
                              texts["term_uitleg"].format(indeling=taxonomy.singular.lower(), label=term.label),
                              site.cases_for(term)))
    for province in site.provinces:
        feeds.append(feed(pages.province_page(province), texts["term"].format(label=province.name),
                          texts["provincie_uitleg"].format(label=province.name), site.cases_in(province)))
    return dict(feeds)


def case_record(case: Case, pages) -> dict:
    """Every field of a case, with term labels and its permanent address."""
    return {
        "adres": pages.absolute(pages.case_page(case)),
        "slug": case.slug,
        "titel": case.title,
        "gemeente": case.municipality or None,
        "regio": case.region or None,
        "provincie": case.province.name,
        "samenvatting": case.summary,
        **{key: [{"slug": t.slug, "label": t.label} for t in terms] for key, terms in case.terms.items()},
        "aanpak": case.approach,
        "resultaten": case.results or None,
        "lessen": case.lessons,
        "partners": case.partners,
        "bronnen": [{"titel": s.title, "uitgever": s.publisher or None, "jaar": s.year,
                     "url": s.url or None, "toelichting": s.note or None} for s in case.sources],
        "gepubliceerd": case.published.isoformat(),
        "bijgewerkt": case.updated.isoformat() if case.updated else None,
        # In het kort: the value as written (slug, year, list) or None where no source gives it,
        # and the year the information dates from (the newest source year).
        "kort": {fact.key: fact.raw if fact.known else None for fact in case.facts},
        "informatie_uit": case.information_year,
    }


def render_open_data(pages) -> dict[str, str]:
    """All cases as JSON and as CSV for Dutch Excel (UTF-8 with BOM, ';' between fields): in
    the CSV plain text, lists one value per line, no cell that a spreadsheet runs as a formula."""
    settings = data.settings()
    records = [case_record(case, pages) for case in pages.site.cases]
    as_json = json.dumps({"licentie": settings.licence, "licentie_url": settings.licence_url,
                          "bron": data.site_url(), "aantal": len(records), "praktijken": records},
                         ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    columns = ["adres", "titel", "gemeente", "regio", "provincie", "samenvatting",
               *pages.site.taxonomies, "aanpak", "resultaten", "lessen", "partners",
               "bronnen", "gepubliceerd", "bijgewerkt", *FACT_KEYS, "informatie_uit"]
    writer.writerow(columns)
    one_line = lambda text: " ".join(str(text).split())  # noqa: E731 - a value within a list
    for record in records:
        row = dict(record)
        for key in pages.site.taxonomies:
            row[key] = LIST_SEPARATOR.join(t["label"] for t in record[key])
        row["aanpak"], row["resultaten"] = plain_text(record["aanpak"]), plain_text(record["resultaten"])
        row["lessen"] = LIST_SEPARATOR.join(one_line(plain_text(lesson)) for lesson in record["lessen"])
        row["partners"] = LIST_SEPARATOR.join(one_line(partner) for partner in record["partners"])
        row["bronnen"] = LIST_SEPARATOR.join(source_line(source) for source in record["bronnen"])
        for fact in facts_from(record["kort"]):  # in words, as on the page: Excel reads labels
            row[fact.key] = fact.value or None
        writer.writerow([spreadsheet_cell(row[c]) for c in columns])
    return {f"{OPEN_DATA}/praktijken.json": as_json,
            f"{OPEN_DATA}/praktijken.csv": "\ufeff" + buffer.getvalue()}


def source_line(source: dict) -> str:
    """A source in one line: title, publisher and year, and its address."""
    named = ", ".join(str(part) for part in (source["titel"], source["uitgever"], source["jaar"]) if part)
    return " ".join(f"{named} {source['url'] or ''}".split())


def render_robots() -> dict[str, str]:
    """robots.txt: everything may be indexed; where the sitemap is.

    Crawlers only read robots.txt at the root of a host, so under a subpath
    (GitHub project pages) this file is informative only.
    """
    return {"robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {data.site_url()}sitemap.xml\n"}
