"""The finder's own data: what each case is filed under, and a card to list it by.

The finder on the overview (docs/assets/vinder.js) combines words with five
filter groups and shows a count next to every option. What it downloads stays
small at 5,000 cases because every part is made for that one job. build.py
writes them after MkDocs, with these functions:

- ``vinder.json``: per case, newest first, a bit mask per filter group and
  the key of its card. Pagefind's own filters and sort did the same job with
  about 80 KB of downloads at 5,000 cases (five filter files of page numbers
  and a sort order); these columns hold the same facts in about 30 KB, and a
  choice without words needs no word index at all.
- ``kaarten/<key>.json``: per case the title, place, date and summary a
  result shows (a few hundred bytes). The key comes from the case's address,
  so a card keeps its name from build to build and stays cached.

Words go to the site's word index (search.py); its page numbers are the
positions in vinder.json.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from .. import data
from ..render.render import date_nl
from ..render.model import Case, Site

SHORT_ID = 5  # hex digits of a card key; longer where two cases share them
BASE32 = "0123456789abcdefghijklmnopqrstuv"


def _base32(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        digits.append(BASE32[digit])
    return "".join(reversed(digits))


def card_keys(site: Site) -> list[str]:
    """Per case the name of its card file, from a hash of its address (short_keys)."""
    return short_keys([hashlib.sha1(data.case_address(case.slug).encode("utf-8")).hexdigest()
                       for case in site.cases])


def short_keys(ids: list[str]) -> list[str]:
    """Each id cut to SHORT_ID digits, or whole where another id starts with the same ones."""
    shared = Counter(page_id[:SHORT_ID] for page_id in ids)
    return [page_id[:SHORT_ID] if shared[page_id[:SHORT_ID]] == 1 else page_id for page_id in ids]


def finder_index(site: Site, keys: list[str]) -> dict:
    """The content of vinder.json: cases newest first, as in ``site.cases``.

    ``kenmerken`` holds per filter group one string with a fixed number of
    base-32 digits per case: the bit mask of its values in the order of
    ``groepen``. ``ids`` holds SHORT_ID digits of each case's card key;
    ``lange_ids`` names the cases whose key is longer.
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
    """What one result shows: title, place, date and summary, and where the case is."""
    return {"adres": data.case_address(case.slug).lstrip("/"), "titel": case.title,
            "plaats": case.place_and_province, "datum": case.published.isoformat(),
            "datum_tekst": date_nl(case.published), "samenvatting": case.summary}


def write_finder_files(site: Site, site_dir: Path) -> None:
    """Writes the filter columns and one card per case into a built site."""
    settings = data.settings()
    folder = site_dir / settings.cases_folder
    keys = card_keys(site)
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
