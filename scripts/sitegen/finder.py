"""The finder's own data: what each case is filed under, and a card to list it by.

The finder on the overview (docs/assets/vinder.js) combines words with five
filter groups and shows a count next to every option. Pagefind answers the
words; everything else comes from two kinds of small files written here, next
to the built site, after Pagefind has run:

- ``praktijken/vinder.json``: per case, newest first, a bit mask per filter
  group and the case's Pagefind page id. Pagefind's own filters and sort did
  the same job with about 80 KB of downloads at 5,000 cases (five filter files
  of page numbers and a sort order); these columns hold the same facts in
  about 30 KB, and a choice without words needs no Pagefind at all.
- ``praktijken/kaarten/<id>.json``: per case the title, place and summary a
  result shows (a few hundred bytes, where Pagefind's fragment carries the
  whole page text).

Pagefind's search results name pages only by id (a hash of the page), so the
ids are read from the fragments Pagefind wrote: the one place this project
reads Pagefind's output. A case without a fragment stops the build.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from . import data
from .model import Case, Site

SHORT_ID = 5  # hex digits of a Pagefind id kept per case; longer where two pages share them
BASE32 = "0123456789abcdefghijklmnopqrstuv"
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's marker before the JSON of a fragment


def pagefind_ids(site_dir: Path) -> dict[str, str]:
    """Page address (``/praktijken/x/``) -> Pagefind id without language (``a1b2c3d``)."""
    ids = {}
    for fragment in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        if raw.startswith(FRAGMENT_SIGNATURE):
            raw = raw[len(FRAGMENT_SIGNATURE):]
        page_id = fragment.name.removesuffix(".pf_fragment")
        ids[json.loads(raw)["url"]] = page_id.split("_", 1)[-1]
    return ids


def filter_groups(site: Site) -> dict[str, list[str]]:
    """Filter name (as in the finder's form and address) -> its values, in bit order."""
    groups = {taxonomy.parameter: taxonomy.slugs for taxonomy in site.taxonomies.values()}
    groups["provincie"] = [province.slug for province in site.provinces]
    groups["soort"] = list(data.site()["filters"]["soorten"])
    return groups


def case_values(site: Site, case: Case) -> dict[str, list[str]]:
    """Filter name -> the values this case has."""
    values = {taxonomy.parameter: [term.slug for term in case.terms[key]]
              for key, taxonomy in site.taxonomies.items()}
    values["provincie"] = [case.province.slug]
    values["soort"] = [case.kind]
    return values


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
    ``groepen``. ``ids`` holds SHORT_ID digits of each case's Pagefind id;
    ``lange_ids`` names the cases whose short id another page shares.
    """
    groups = filter_groups(site)
    columns = {}
    for name, values in groups.items():
        width = -(-len(values) // 5)  # five bits per base-32 digit
        columns[name] = "".join(
            _base32(sum(1 << values.index(value) for value in case_values(site, case)[name]), width)
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
    """Writes the filter columns and one card per case into a built site with Pagefind's index."""
    settings = data.site()
    folder = site_dir / settings["map_praktijken"]
    keys = card_keys(site, pagefind_ids(site_dir))
    (folder / settings["vinder_kolommen"]).write_text(
        json.dumps(finder_index(site, keys), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    cards = folder / settings["vinder_kaarten"]
    cards.mkdir(parents=True, exist_ok=True)
    for key, case in zip(keys, site.cases):
        (cards / f"{key}.json").write_text(json.dumps(card(case), ensure_ascii=False), encoding="utf-8")
