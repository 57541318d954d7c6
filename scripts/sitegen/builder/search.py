"""The site's word index: which page each Dutch word finds, for both search boxes.

One rule decides what a word finds (data/zoeken.yaml): a word finds a page
when its *key*, its Dutch base form, is one of the page's keys. This module
applies the rule to every page at build time; docs/assets/zoekhulp.js applies
it to what a visitor types, with the rule read from the index itself
(``woorden/index.json``), so the two cannot drift apart unnoticed
(tests/test_search.py compares them on every query of its table).

Why not a general search engine (the site used Pagefind until 2026-12): it
cuts a word that is found nowhere down until it matches something
("eenzaamheid" found every case by "een"), drops a word without matches
("gezonde school" found every case by "gezond*"), and does not split
compounds. Officials stop trusting a search that answers a word the site
does not contain with every page. This index holds only whole keys, so a
word found nowhere finds nothing, and the visitor is told so.

Layout in the built site (folder ``woorden/``, site.yaml woordindex):

- ``index.json``: the rule, the number of cases, the names of the files
  below (so that a word found nowhere costs no request), and per other page
  (not a case) its address, title and description.
- ``<xy>.json``, one per first two letters of a key: key -> [the word as it
  is usually written, page numbers, page numbers where it is in the title],
  numbers as differences from the one before. Page numbers 0..n-1 are the
  cases in the finder's order (newest first, vinder.json), then the other
  pages in the order of index.json. A query loads only the files of its keys.
"""

from __future__ import annotations

import functools
import html.parser
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import data
from ..render.model import Case, Site

META = "index.json"
BODY_START = "<div data-zoektekst>"  # the searchable part of a page (docs/overrides/main.html) ...
BODY_END = "<!-- einde zoektekst -->"  # ... ends where main.html puts this comment
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a hyphen splits: "SPUK-uitkering" is two words
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")  # Markdown link targets, bare addresses
VOWELS = "aeiou"
LONG_VOWEL = re.compile(r"(^|[^aeiou])([aeiou])\2([^aeiou])$")  # straat -> strat, as straten -> strat


@dataclass(frozen=True)
class Rule:
    """data/zoeken.yaml, typed."""
    min_length: int
    min_stem: int
    endings: tuple[str, ...]
    min_part: int
    links: tuple[str, ...]
    stop_words: frozenset[str]
    raw: dict  # as written, for the browser


@functools.cache
def rule() -> Rule:
    raw = data.search_rule()
    return Rule(int(raw["min_lengte"]), int(raw["min_stam"]), tuple(raw["uitgangen"]),
                int(raw["min_deel"]), tuple(raw["verbindingen"]), frozenset(raw["stopwoorden"]), raw)


def fold(word: str) -> str:
    """Lower case, accents off, letters and digits only: 'Fryslân' -> 'fryslan'."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _cut(word: str, r: Rule) -> str:
    for ending in r.endings:
        rest = len(word) - len(ending)
        if word.endswith(ending) and rest >= r.min_stem and not (ending in ("e", "en") and word[rest - 1] == "e"):
            return word[:rest]
    return word


@functools.lru_cache(maxsize=None)  # a site repeats its words: each is worked out once
def key(word: str) -> str | None:
    """The Dutch base form a word is indexed and searched by; None for a stop word or a short one."""
    r = rule()
    word = word.replace("’", "'")
    apostrophe_plural = word.lower().endswith("'s")  # foto's, thema's
    folded = fold(word[:-2] if apostrophe_plural else word)
    if len(folded) < r.min_length or folded in r.stop_words:
        return None
    stem = folded if apostrophe_plural else _cut(folded, r)
    if len(stem) > 1 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        stem = stem[:-1]  # wijkk, mann, verschill
    if stem[-1] in "vz":
        stem = stem[:-1] + {"v": "f", "z": "s"}[stem[-1]]  # initiatiev -> initiatief, huiz -> huis
    return LONG_VOWEL.sub(r"\1\2\3", stem)


@functools.lru_cache(maxsize=None)
def forms(word: str) -> tuple[str, ...]:
    """The keys a word stands for: its own, and for a word ending in s also that of the word
    without it (pilots: pilot; plaats keeps 'plaats' as well). Empty for a stop word."""
    own = key(word)
    if own is None:
        return ()
    if fold(word).endswith("s") and not word.replace("’", "'").lower().endswith("'s"):
        shorter = key(fold(word)[:-1])
        if shorter is not None and shorter != own:
            return own, shorter
    return (own,)


@functools.lru_cache(maxsize=None)
def splits(word: str) -> tuple[tuple[str, str], ...]:
    """Every way to read a word as two parts, as key pairs: 'wijkaanpak' -> ('wijk', 'aanpak'), ...

    Whether a pair counts depends on the keys known (see page_keys and zoekhulp.js).
    """
    r = rule()
    folded = fold(word)
    pairs = []
    for cut in range(r.min_part, len(folded) - r.min_part + 1):
        left = key(folded[:cut])
        if left is None:
            continue
        rest = folded[cut:]
        for link in r.links:
            if rest.startswith(link) and len(rest) - len(link) >= r.min_part:
                right = key(rest[len(link):])
                if right is not None and (left, right) not in pairs:
                    pairs.append((left, right))
    return tuple(pairs)


def words_of(text: str) -> list[str]:
    return TOKEN.findall(LINK_TARGET.sub("] ", text))


def case_text(case: Case) -> tuple[str, str]:
    """The title of a case, and every other text on its page that search reads."""
    return case.title, " ".join([
        case.place_and_province, case.summary, " ".join(t.label for t in case.all_terms()),
        case.approach, case.results, " ".join(case.lessons), " ".join(case.partners),
        " ".join(f"{s.title} {s.publisher} {s.year or ''} {s.note}" for s in case.sources)])


@dataclass(frozen=True)
class Page:
    """A page that is not a case, as search shows it."""
    address: str
    title: str
    description: str
    text: str


class _SearchText(html.parser.HTMLParser):
    """The text of a page's searchable part, without what it marks data-zoek-negeren."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside an ignored element

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.skipping or any(name == "data-zoek-negeren" for name, _ in attrs) or tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.skipping:
            self.skipping -= 1

    def handle_data(self, text):
        if not self.skipping:
            self.parts.append(text)


def built_pages(site_dir: Path, case_addresses: set[str]) -> list[Page]:
    """Every searchable page of a built site that is not a case, by address."""
    pages = []
    for file in sorted(site_dir.rglob("index.html")):
        address = "/" + file.parent.relative_to(site_dir).as_posix().strip(".") + "/"
        address = address.replace("//", "/")
        if address in case_addresses:
            continue  # a case's words come from its file (case_text)
        text = file.read_text(encoding="utf-8")
        start = text.find(BODY_START)
        if start < 0:
            continue
        reader = _SearchText()
        reader.feed(text[start:text.index(BODY_END, start)])
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text[start:], re.S)
        description = re.search(r'<meta name="description" content="([^"]*)"', text)
        pages.append(Page(address, html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else "",
                          html.unescape(description.group(1)) if description else "", " ".join(reader.parts)))
    return pages


def page_keys(title: str, text: str, known: set[str]) -> tuple[set[str], set[str]]:
    """The keys of a page's title, and of all its words, each with the parts of its compounds
    whose keys are ``known`` (the keys of the site's words as they stand)."""
    def keys_of(words: list[str]) -> set[str]:
        found = set()
        for word in words:
            whole = forms(word)
            if not whole:
                continue
            found.update(whole)
            for left, right in splits(word):
                if left in known and right in known:
                    found.update((left, right))
        return found
    title_keys = keys_of(words_of(title))
    return title_keys, title_keys | keys_of(words_of(text))


def _deltas(numbers: list[int]) -> list[int]:
    return [number - before for number, before in zip(numbers, [0, *numbers])]


def shard_name(page_key: str) -> str:
    return page_key[:2]


def build_index(site: Site, pages: list[Page], *, compounds: bool = True) -> dict[str, dict]:
    """File name -> content of the word index, for the cases (in site order) and ``pages``.

    ``compounds=False`` leaves compound parts out: only for the benchmark,
    which shows what they cost.
    """
    texts = [case_text(case) for case in site.cases] + [(page.title, page.text) for page in pages]
    written: dict[str, Counter] = defaultdict(Counter)  # key -> how its words are written
    for title, text in texts:
        for word in words_of(f"{title} {text}"):
            for found in forms(word):
                written[found][word.lower()] += 1
    known = set(written) if compounds else set()
    postings: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for number, (title, text) in enumerate(texts):
        title_keys, all_keys = page_keys(title, text, known)
        for found in all_keys:
            postings[found][0].append(number)
            if found in title_keys:
                postings[found][1].append(number)
    shards: dict[str, dict] = defaultdict(dict)
    for found in sorted(postings):
        pages_with, in_title = postings[found]
        usual = written[found].most_common(1)[0][0] if written[found] else found
        shards[shard_name(found)][found] = [usual, _deltas(pages_with), _deltas(in_title)]
    files = {f"{name}.json": content for name, content in shards.items()}
    files[META] = {"regels": rule().raw, "praktijken": len(site.cases), "delen": sorted(shards),
                   "paginas": [[page.address.lstrip("/"), page.title, page.description] for page in pages]}
    return files


def write_index(site: Site, site_dir: Path) -> None:
    """Writes ``woorden/`` into a built site."""
    cases = {data.case_address(case.slug) for case in site.cases}
    folder = site_dir / data.settings().word_index
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, content in build_index(site, built_pages(site_dir, cases)).items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
