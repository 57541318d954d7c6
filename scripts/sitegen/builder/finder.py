"""The finder's own data: what each case is filed under, and a card to list it by.

The finder on the overview (docs/assets/vinder.js) combines words with five
filter groups and shows a count next to every option. What it downloads stays
small at 5,000 cases because every part is made for that one job. build.py
writes them after MkDocs and the site's Pagefind index, with these functions:

- ``vinder.json``: per case, newest first, a bit mask per filter group and the
  case's id in the finder's search index. Pagefind's own filters and sort did
  the same job with about 80 KB of downloads at 5,000 cases (five filter files
  of page numbers and a sort order); these columns hold the same facts in
  about 30 KB, and a choice without words needs no search index at all.
- ``kaarten/<id>.json``: per case the title, place and summary a result shows
  (a few hundred bytes, where Pagefind's fragment carries the whole page text).
- ``zoekindex/``: a Pagefind index of the cases alone, made from one small
  page per case (write_search_pages) with each word of the case once, the
  title as its heading so that title words rank first. The site's own
  index (pagefind/, for /zoeken/) stores every occurrence of a word for its
  excerpts; a word found in nearly every case then costs about 100 KB to
  look up. The finder shows summaries, not excerpts, and only needs to know
  which cases have the word: about half the bytes.

Pagefind's search results name pages only by id; search.py reads the ids
from Pagefind's output. A case without one stops the build.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

from .. import data
from . import search
from ..render.model import Case, Site

SHORT_ID = 5  # hex digits of a Pagefind id kept per case; longer where two pages share them
BASE32 = "0123456789abcdefghijklmnopqrstuv"


WORD = re.compile(r"\w+(?:[-'’]\w+)*")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")  # Markdown link targets, bare addresses


def search_words(case: Case) -> tuple[list[str], list[str]]:
    """The words of a case's title, and every other word on its page, each once.

    The same text Pagefind reads on the case page (see case.md.j2), minus
    link targets; a word counts as seen in any capitalisation.
    """
    text = " ".join([
        case.place_and_province, case.summary, " ".join(t.label for t in case.all_terms()),
        case.approach, case.results, " ".join(case.lessons), " ".join(case.partners),
        " ".join(f"{s.title} {s.publisher} {s.year or ''} {s.note}" for s in case.sources)])
    seen: set[str] = set()

    def first_time(words: list[str]) -> list[str]:
        fresh = []
        for word in words:
            if word.casefold() not in seen:
                seen.add(word.casefold())
                fresh.append(word)
        return fresh

    title = first_time(WORD.findall(case.title))
    return title, first_time(WORD.findall(LINK_TARGET.sub("] ", text)))


def write_search_pages(site: Site, folder: Path) -> None:
    """One small page per case, at its own address under ``folder``: for Pagefind to
    index into search.finder_index() (build.py runs it)."""
    for case in site.cases:
        title, words = search_words(case)
        page = folder / data.case_address(case.slug).strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>'
            f'{html.escape(case.title)}</title></head><body><h1>{html.escape(" ".join(title))}</h1>'
            f'<p>{html.escape(" ".join(words))}</p></body></html>', encoding="utf-8")


def _base32(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        digits.append(BASE32[digit])
    return "".join(reversed(digits))


def card_keys(site: Site, ids: dict[str, str]) -> list[str]:
    """Per case its Pagefind id cut to SHORT_ID digits, or whole where another page shares those.

    The key names the case's card file; vinder.js finds a search result's case by it.
    """
    missing = [data.case_address(case.slug) for case in site.cases
               if data.case_address(case.slug) not in ids]
    if missing:
        raise ValueError(data.messages()["vinder_zonder_zoekindex"].format(adressen=", ".join(missing)))
    shared = Counter(page_id[:SHORT_ID] for page_id in ids.values())
    keys = []
    for case in site.cases:
        page_id = ids[data.case_address(case.slug)]
        keys.append(page_id[:SHORT_ID] if shared[page_id[:SHORT_ID]] == 1 else page_id)
    return keys


def finder_index(site: Site, keys: list[str]) -> dict:
    """The content of vinder.json: cases newest first, as in ``site.cases``.

    ``kenmerken`` holds per filter group one string with a fixed number of
    base-32 digits per case: the bit mask of its values in the order of
    ``groepen``. ``ids`` holds SHORT_ID digits of each case's id in the
    finder's search index;
    ``lange_ids`` names the cases whose short id another page shares.
    """
    groups = site.filter_groups()
    columns = {}
    for name, values in groups.items():
        width = -(-len(values) // 5)  # five bits per base-32 digit
        columns[name] = "".join(
            _base32(sum(1 << values.index(value) for value in site.filter_values(case)[name]), width)
            for case in site.cases)
    return {
        "aantal": len(site.cases),
        "groepen": groups,
        "kenmerken": columns,
        "ids": "".join(key[:SHORT_ID] for key in keys),
        "lange_ids": {key: position for position, key in enumerate(keys) if len(key) > SHORT_ID},
    }


def card(case: Case) -> dict:
    """What one result shows: title, place and summary, and where the case is."""
    return {"adres": data.case_address(case.slug).lstrip("/"), "titel": case.title,
            "plaats": case.place_and_province, "samenvatting": case.summary}


def write_finder_files(site: Site, site_dir: Path) -> None:
    """Writes the filter columns and one card per case into a built site whose
    finder index (search.finder_index()) Pagefind has written."""
    settings = data.settings()
    folder = site_dir / settings.cases_folder
    keys = card_keys(site, search.page_ids(search.finder_index(site_dir)))
    (folder / settings.finder_columns).write_text(
        json.dumps(finder_index(site, keys), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    cards = folder / settings.finder_cards
    cards.mkdir(parents=True, exist_ok=True)
    wanted = {f"{key}.json": json.dumps(card(case), ensure_ascii=False).encode("utf-8")
              for key, case in zip(keys, site.cases)}
    for old in cards.iterdir():
        if old.name not in wanted:
            old.unlink()
    for name, content in wanted.items():
        path = cards / name
        if path.is_file() and path.read_bytes() == content:
            continue  # an incremental build keeps it: the same file as in the last good site
        path.unlink(missing_ok=True)  # a new file, never a write into the last good site's
        path.write_bytes(content)
