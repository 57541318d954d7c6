"""Renders the site model into plain Markdown pages with YAML front matter.

The output is ordinary Markdown with relative ``.md`` links, so MkDocs,
Zensical or any other static builder can read it; nothing here depends on
MkDocs internals. Templates live in ``templates/`` (Jinja2); Dutch labels
come from the data files. Beside the pages: linked_data.py (JSON-LD in the case
template), redirects.py (forwarding pages), sitemap.py, formats.py (feeds, open
data, robots.txt).
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from dataclasses import dataclass

import jinja2

from .. import data
from . import editor, formats, previews
from .linked_data import case_json_ld
from .redirects import render_redirects
from .model import FACT_FILTERS, FACT_KEYS, Case, Site, last_changed
from ..paths import TEMPLATES

SCHEMA_PAGE = "schema/praktijk.schema.json"  # published for editors (yaml-language-server)

_HEADING = re.compile(r"^(#{1,6})(?=\s)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]|])")


def md_text(text: str) -> str:
    """Plain text made safe for Markdown: shows ``*``, ``<`` and ``&`` literally."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = re.sub(r"^([#+-])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def contributed_markdown(text: str) -> str:
    """A contributor's Markdown, with headings pushed below the page's own (### and lower)."""
    lines, in_fence = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = _HEADING.sub(lambda m: "#" * max(len(m.group(1)), 3), line)
        lines.append(line)
    return "\n".join(lines)


def note_id(claim: str) -> str:
    """The footnote of a claim's citation: 'les 2' -> 'citaat-les-2' (apart from any a
    contributor's Markdown may have)."""
    return "citaat-" + claim.replace(" ", "-")


def note(case: Case, claim: str) -> str:
    """A footnote reference after a claim that has a citation, else nothing."""
    return f"[^{note_id(claim)}]" if claim in case.citations else ""


def cited_results(case: Case) -> str:
    """``resultaten`` with the footnote of each result's citation after its last line."""
    items = []
    for number, item in enumerate(case.result_items(), start=1):
        body = item.rstrip()
        items.append(body + note(case, f"resultaat {number}") + item[len(body):])
    return "".join(items)


def date_nl(value) -> str:
    months = data.settings().months
    return f"{value.day} {months[value.month - 1]} {value.year}"


def front_matter_value(value: str) -> str:
    """A YAML scalar for front matter; JSON strings are valid YAML."""
    return json.dumps(" ".join(str(value).split()), ensure_ascii=False)


def first_sentence(text: str) -> str:
    return sentences(text, 1, 1)


def sentences(text: str, least: int, most: int, length: int = 320) -> str:
    """The first sentences of ``text``: ``least`` of them (as far as there are), and more up
    to ``most`` while the whole stays within ``length`` characters (a newsletter snippet)."""
    found = re.findall(r".+?[.!?](?=\s|$)|.+$", " ".join(text.split()))
    result = "".join(found[:least])
    for sentence in found[least:most]:
        if len(result) + len(sentence) > length:
            break
        result += sentence
    return result.strip()


def template_environment() -> jinja2.Environment:
    """The one Jinja2 set-up for every template: pages, the case template, the issue form."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(["xml"], default_for_string=False, default=False),
    )
    env.filters.update(md=md_text, markdown=contributed_markdown, date_nl=date_nl,
                       fm=front_matter_value, first_sentence=first_sentence, sentences=sentences,
                       q=lambda value: json.dumps(value, ensure_ascii=False))
    env.globals.update(changed=last_changed, json_ld=case_json_ld, image_page=previews.image_page,
                       page=fixed_page,
                       note=note, note_id=note_id, cited_results=cited_results)
    return env


def fixed_page(name: str) -> str:
    """The Markdown file of a fixed page by its name in site.yaml (``page("lessen")`` in a template)."""
    return data.settings().pages[name].file


@dataclass(frozen=True)
class Pager:
    """Where one page of a paged list stands: page ``number`` of ``len(paths)``.

    Lists of cases (overview, term and province pages) are cut into pages of a
    fixed size, so each page weighs the same at 10 or 5,000 cases and every case
    stays reachable by plain links, without JavaScript.
    """
    number: int
    paths: tuple[str, ...]  # the Markdown file of each page, page 1 first
    items: int  # how many cases the whole list has

    @property
    def total(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.total else None

    def window(self, around: int = 2) -> list[tuple[int, str | None]]:
        """Page numbers to link: first, last and a few around this one; None marks a gap."""
        shown = sorted({1, self.total, *range(max(1, self.number - around),
                                               min(self.total, self.number + around) + 1)})
        result, last = [], 0
        for number in shown:
            if number > last + 1:
                result.append((0, None))
            result.append((number, self.paths[number - 1]))
            last = number
        return result


def paged_path(first: str, number: int) -> str:
    """praktijken/index.md, 2 -> praktijken/pagina/2.md; sporen/participatie.md, 3 ->
    sporen/participatie/pagina/3.md (published at .../pagina/3/)."""
    if number == 1:
        return first
    folder = first.removesuffix("/index.md") if first.endswith("/index.md") else first.removesuffix(".md")
    return f"{folder}/pagina/{number}.md"


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """posixpath.relpath, remembered: the same few hundred links recur on thousands of pages."""
    return posixpath.relpath(target, start)


class Pages:
    """Collects pages and knows each page's address, for relative links."""

    def __init__(self, site: Site):
        self.site = site
        self.pages: dict[str, str] = {}
        self.env = template_environment()

    # -- addresses ----------------------------------------------------------
    @staticmethod
    def case_page(case: Case) -> str:
        return f"{data.settings().cases_folder}/{case.slug}.md"

    def term_page(self, term) -> str:
        return f"{self.site.taxonomies[term.taxonomy].folder}/{term.slug}.md"

    @staticmethod
    def taxonomy_page(taxonomy) -> str:
        return f"{taxonomy.folder}/index.md"

    @staticmethod
    def province_page(province) -> str:
        return f"{data.settings().provinces_folder}/{province.slug}.md"

    @staticmethod
    def address(page: str) -> str:
        """The folder a page is published at: praktijken/x.md -> praktijken/x, index.md -> ."""
        stem = page.removesuffix(".md")
        folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        return folder or "."

    @staticmethod
    def absolute(page: str) -> str:
        """The full published address of a page (or of a file such as a feed), from SITE_URL."""
        if not page.endswith(".md"):
            return data.site_url() + page
        address = Pages.address(page)
        return data.site_url() + ("" if address == "." else address + "/")

    # -- rendering ----------------------------------------------------------
    def render_paged(self, template: str, first: str, cases: list, **context) -> None:
        """Renders ``template`` once per page of ``cases``; page 1 at ``first``, with the feed."""
        size = data.settings().per_page
        count = max(1, -(-len(cases) // size))
        paths = tuple(paged_path(first, number) for number in range(1, count + 1))
        for number, path in enumerate(paths, start=1):
            self.render(template, path, feed_of=first, listed=cases[(number - 1) * size:number * size],
                        pager=Pager(number, paths, len(cases)), **context)

    def render(self, template: str, page: str, **context) -> None:
        """Renders ``template`` into the site's page ``page``."""
        self.pages[page] = self.text(template, page, **context)

    def text(self, template: str, page: str, *, absolute_links: bool = False,
             feed_of: str | None = None, **context) -> str:
        """``template`` rendered as page ``page`` would show it; ``feed_of`` names the page whose
        feed it links (a list's later pages link page 1's); ``absolute_links`` is for text shown
        outside the site, such as a pull-request comment."""
        def link(target: str) -> str:
            """A Markdown link to another page's .md file (the builder rewrites it),
            or, for text shown outside the site, its published address."""
            if absolute_links:
                return self.absolute(target)
            return _relative(target, posixpath.dirname(page) or ".")

        def url(target: str) -> str:
            """A link in raw HTML, which builders leave alone: the published address."""
            return _relative(self.address(target), self.address(page)) + "/"

        return self.env.get_template(template).render(
            site=self.site, labels=data.settings(), link=link, url=url, pages=self,
            feed=formats.feed_page(feed_of or page), absolute=self.absolute(page), **context)


def case_preview(site: Site, case: Case) -> str:
    """A case page as GitHub renders it in a pull-request comment (see case-voorbeeld.md.j2)."""
    pages = Pages(site)
    text = pages.text("case-voorbeeld.md.j2", pages.case_page(case), absolute_links=True, case=case)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_site(site: Site) -> dict[str, str]:
    """Every generated page: relative path under docs/ -> Markdown text."""
    pages = Pages(site)
    fixed = data.settings().pages
    pages.render("home.md.j2", fixed["home"].file, newest=site.cases[: data.settings().newest_on_home])
    pages.render_paged("overview.md.j2", fixed["overzicht"].file, site.cases,
                       fact_filters=FACT_FILTERS, schema=data.source_schema())
    for case in site.cases:
        pages.render("case.md.j2", pages.case_page(case), case=case)
    for taxonomy in site.taxonomies.values():
        pages.render("taxonomy.md.j2", pages.taxonomy_page(taxonomy), taxonomy=taxonomy)
        for term in taxonomy.terms:
            pages.render_paged("term.md.j2", pages.term_page(term), site.cases_for(term),
                               taxonomy=taxonomy, term=term)
    pages.render("coverage.md.j2", fixed["dekking"].file, fact_keys=FACT_KEYS, schema=data.source_schema())
    pages.render("lessons.md.j2", fixed["lessen"].file)
    pages.render("provinces.md.j2", fixed["provincies"].file)
    for province in site.provinces:  # all twelve: a province's address must outlive its cases
        pages.render_paged("province.md.j2", pages.province_page(province), site.cases_in(province),
                           province=province)
    pages.render("fields.md.j2", fixed["velden"].file, schema=data.source_schema())
    pages.render("evidence.md.j2", fixed["onderbouwing"].file, schema=data.source_schema())
    pages.render("editor.md.j2", fixed["editor"].file)
    pages.render("colophon.md.j2", fixed["colofon"].file)
    pages.render("follow.md.j2", fixed["volgen"].file, feeds=formats.feed_list(pages))
    pages.render("search.md.j2", fixed["zoeken"].file)
    pages.render("next.md.j2", fixed["daarna"].file)
    pages.pages[f"{Pages.address(fixed['editor'].file)}/{editor.EDITOR_DATA}"] = editor.render_editor_data()
    pages.pages.update(render_redirects(pages))
    pages.pages.update(formats.render_feeds(pages))
    pages.pages.update(formats.render_open_data(pages))
    pages.pages.update(formats.render_robots())
    pages.pages[SCHEMA_PAGE] = json.dumps(data.published_schema(), ensure_ascii=False, indent=2) + "\n"  # = scaffold.schema_json()
    return pages.pages
