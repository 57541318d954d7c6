"""Rules about one case that JSON Schema cannot say well.

Raw HTML and links that are not http(s) or mailto in any text (a case page
must never carry a contributor's markup or script), and dates in order. A place
to file the case under and a one-paragraph summary are in the schema (anyOf,
pattern), so the published JSON Schema warns about them too.
"""

from __future__ import annotations

from typing import Any, Iterator

from .. import data
from .load import LoadedFile
from .problems import Problem

# The patterns live in data/regels.yaml, which the editor in the browser reads too.
# An HTML tag, closing tag, comment or declaration (a lone "<" in prose is fine);
# link targets in Markdown: [text](target), [ref]: target, <scheme:...> autolinks.
HTML = data.rule("html")
MARKDOWN_LINK = data.rule("markdown_link")
REFERENCE_LINK = data.rule("referentie_link")
AUTOLINK = data.rule("autolink")
SAFE_LINK = data.rule("veilige_link")


def content_problems(loaded: LoadedFile) -> list[Problem]:
    return [*_case_rules(loaded), *_text_safety(loaded)]


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _text_safety(loaded: LoadedFile) -> Iterator[Problem]:
    """Refuses raw HTML and links that are not http(s) or mailto, in every text."""
    for path, text in _strings(loaded.data):
        html = HTML.search(text)
        autolinks = [m.group(1) for m in AUTOLINK.finditer(text)]
        if html and not any(text[html.start():].startswith(f"<{a}>") for a in autolinks):
            snippet = text[html.start(): html.start() + 30].split("\n")[0]
            yield loaded.problem("html_in_tekst", path, waarde=snippet)
        targets = [m.group(1) for m in MARKDOWN_LINK.finditer(text)]
        targets += [m.group(1) for m in REFERENCE_LINK.finditer(text)] + autolinks
        for target in targets:
            if not SAFE_LINK.match(target):
                yield loaded.problem("onveilige_link", path, waarde=target[:60])


def _case_rules(loaded: LoadedFile) -> Iterator[Problem]:
    """Rules across fields, which JSON Schema cannot phrase helpfully."""
    case = loaded.data
    published, updated = case.get("gepubliceerd"), case.get("bijgewerkt")
    if isinstance(published, str) and isinstance(updated, str) and updated < published:
        yield loaded.problem("bijgewerkt_voor_gepubliceerd", ("bijgewerkt",), waarde=updated,
                             naam=published)
