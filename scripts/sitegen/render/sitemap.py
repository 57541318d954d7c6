"""The sitemap of every page, with each case page's date: written by the generator, so an
incremental build still names every page."""

from __future__ import annotations

import html
import re

from .render import Pages

SITEMAP = "sitemap-paginas.xml"  # every address; the theme's sitemap.xml is a small index naming it
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_CHANGED = re.compile(r"^gewijzigd:[ \t]*(\S+)[ \t]*$", re.M)


def render_sitemap(markdown_pages: dict[str, str]) -> str:
    """The sitemap of every page (path under docs/ -> Markdown), lastmod from front matter.

    Written by the generator, not by the theme: a builder that rebuilds only
    changed pages does not read the others' front matter, and the sitemap must
    still name every page with its date. ``gewijzigd`` comes from the case
    dates; hand-written pages have none and get no lastmod.
    """
    entries = []
    for page, text in markdown_pages.items():
        front = _FRONT_MATTER.match(text)
        changed = _CHANGED.search(front.group(1)) if front else None
        entries.append((Pages.absolute(page), changed.group(1) if changed else None))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for address, changed in sorted(entries):
        lastmod = f"<lastmod>{changed}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{html.escape(address)}</loc>{lastmod}</url>")
    return "\n".join([*lines, "</urlset>", ""])
