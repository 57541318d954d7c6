"""Citations (``citaten``) against their case and their source documents.

A citation names what it supports (``bij``: a lesson, a result or a fact of "In
het kort") and the passage of a source it rests on. It must point at something
the case has, at a source the case lists, and, where the source documents'
text is at hand (paths.source_documents: CI and the redactie have it, a clone
of the repository alone does not), its passage must stand in that document
word for word. Whitespace, case, punctuation and hyphenation across line
breaks do not count: the documents are text taken from PDFs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Iterator

from .. import data, paths
from .load import LoadedFile
from .problems import Problem

_ITEM = re.compile(r"^(les|resultaat) (\d+)$")
_RESULT = re.compile(r"^- ", re.MULTILINE)  # a result: a top-level bullet of resultaten


def normal(text: str) -> str:
    """Letters and digits, one space between words: 'gezondheids- verschillen' is one word."""
    text = text.lower().replace("\u00ad", "")
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)
    return " ".join(re.findall(r"[0-9a-zà-ÿ]+", text))


@functools.cache
def _documents(folder) -> dict[str, str]:
    return {p.name: normal(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(folder.glob("*.txt"))}


def documents() -> dict[str, str]:
    """The source documents' text, normalised; empty where none are at hand."""
    folder = paths.source_documents()
    return _documents(folder) if folder else {}


def documents_version() -> bytes:
    """Part of the check cache's key: a cached result is stale once the documents change."""
    return hashlib.sha256("\0".join(f"{n}\0{t}" for n, t in documents().items()).encode()).digest()


def result_items(results) -> list[str]:
    """The results of a case, the one definition ("resultaat 2" in a citation; its footnote on
    the page): ``resultaten`` cut before each top-level bullet after the first, so that text
    before or after the list belongs to the first or last result; one result without bullets."""
    if not isinstance(results, str) or not results.strip():
        return []
    cuts = [m.start() for m in _RESULT.finditer(results)][1:]
    return [results[start:end] for start, end in zip([0, *cuts], [*cuts, len(results)])]


def citation_problems(loaded: LoadedFile) -> Iterator[Problem]:
    case = loaded.data
    citations = case.get("citaten")
    if not isinstance(citations, list):
        return
    sources = case.get("bronnen") if isinstance(case.get("bronnen"), list) else []
    texts = documents()
    for index, citation in enumerate(citations):
        if not isinstance(citation, dict) or not isinstance(citation.get("bij"), str):
            continue  # the schema says what is wrong with it
        target = citation["bij"]
        item = _ITEM.match(target)
        lessons = case.get("lessen") if isinstance(case.get("lessen"), list) else []
        there = (int(item.group(2)) <= (len(lessons) if item.group(1) == "les" else len(result_items(case.get("resultaten"))))
                 if item else target in data.fact_keys() and case.get(target) not in (None, "", []))
        if not there and (item or target in data.fact_keys()):
            yield loaded.problem("citaat_bij_ontbreekt", ("citaten", index, "bij"), waarde=target)
        number = citation.get("bron", 1)
        if isinstance(number, int) and not isinstance(number, bool) and number > len(sources):
            yield loaded.problem("citaat_bron_ontbreekt", ("citaten", index, "bron"), waarde=number,
                                 aantal=len(sources))
            continue
        passage = citation.get("citaat")
        if texts and isinstance(passage, str) and isinstance(number, int) and 0 < number <= len(sources):
            source = sources[number - 1] if isinstance(sources[number - 1], dict) else {}
            title = normal(str(source.get("titel", "")))
            # The document that carries the source's title; a source without a title of its
            # own ("[Zonder titel: ...]") may be any of them.
            holding = [t for t in texts.values() if title and title in t] or list(texts.values())
            if not any(normal(passage) in text for text in holding):
                yield loaded.problem("citaat_niet_in_bron", ("citaten", index, "citaat"),
                                     naam=f"bron {number} ({source.get('titel', '')})")
