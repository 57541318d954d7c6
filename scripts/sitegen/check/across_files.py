"""Checks that need every case at once: two files for one address, look-alike cases."""

from __future__ import annotations

import difflib
from pathlib import Path

from . import addresses, problems
from .. import data
from .load import LoadedFile
from .problems import Problem


def look_alike_cases(files: list[LoadedFile]) -> list[Problem]:
    """Warns on the newer of two cases with the same place and a similar title."""
    cases = [f for f in files if isinstance(f.data, dict) and isinstance(f.data.get("titel"), str)]

    def place(file: LoadedFile) -> str:
        return str(file.data.get("gemeente") or file.data.get("regio") or "").strip().lower()

    by_place: dict[str, list[LoadedFile]] = {}
    for case in cases:
        if place(case):
            by_place.setdefault(place(case), []).append(case)
    result = []
    for group in by_place.values():  # only cases in the same place are compared
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                result.extend(_similar_titles(first, second))
    return result


def _similar_titles(first: LoadedFile, second: LoadedFile) -> list[Problem]:
    ratio = difflib.SequenceMatcher(None, first.data["titel"].lower(),
                                    second.data["titel"].lower()).ratio()
    if ratio < data.settings().title_similarity:
        return []
    older, newer = sorted((first, second), key=lambda f: (str(f.data.get("gepubliceerd", "")), f.path))
    line, column = newer.position_of(("titel",))
    return [problems.make(newer.path, line, "lijkt_dubbel", column=column, field=("titel",),
                          severity=problems.WARNING, bestanden=older.path)]


def duplicate_addresses(files: list[Path], shown) -> list[Problem]:
    """Two file names that become one address (``Zorg.yaml`` and ``zorg.yaml``)."""
    by_slug: dict[str, list[Path]] = {}
    for file in files:
        by_slug.setdefault(addresses.slug_for(file.name), []).append(file)
    result = []
    for slug, group in by_slug.items():
        if len(group) > 1:
            address = data.case_address(Path(slug).stem)
            for file in group:
                others = ", ".join(shown(o) for o in group if o != file)
                result.append(problems.make(shown(file), 1, "dubbel_adres", adres=address,
                                            bestanden=others))
    return result
