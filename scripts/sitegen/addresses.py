"""Permanent addresses: a register of every address ever published, and
redirect pages for the former addresses a case declares.

Advisers put case links in newsletters, so an address may never stop
working. ``practices/adressen.txt`` lists every address a build has
published; the check fails, naming the address, when one of them would no
longer resolve: a case file renamed or removed without ``eerdere-adressen:``
in the case that replaces it. A declared former address becomes a small
static HTML page that forwards to the new one, anchor included, so it works
on any static host and with any builder.
"""

from __future__ import annotations

from pathlib import Path

from . import data, problems
from .load import LoadedFile
from .problems import Problem

REGISTER = "adressen.txt"  # in the practices folder, next to the cases
_HEADER = ("# Every address this site has published. Updated by `generate.py build`;\n"
           "# commit it with your change. An address here must keep working: see\n"
           "# 'eerdere-adressen' in docs/bijdragen.md.\n")


def fixed_addresses() -> set[str]:
    """Generated addresses that exist whatever the cases: lists, terms, provinces."""
    site = data.site()
    result = {"/", f"/{site['map_praktijken']}/", f"/{site['map_provincies']}/", "/dekking/"}
    for taxonomy in data.taxonomies().values():
        result.add(f"/{taxonomy.folder}/")
        result.update(f"/{taxonomy.folder}/{term.slug}/" for term in taxonomy.terms)
    result.update(f"/{site['map_provincies']}/{p.slug}/" for p in data.provinces())
    return result


def former_addresses(loaded: LoadedFile) -> list[str]:
    value = loaded.data.get("eerdere-adressen") if isinstance(loaded.data, dict) else None
    return [a for a in value or [] if isinstance(a, str)]


def read_register(practices: Path) -> list[str]:
    path = practices / REGISTER
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_register(practices: Path, addresses: set[str]) -> None:
    """Adds ``addresses`` to the register; nothing is ever taken out by the build."""
    known = set(read_register(practices)) | addresses
    text = _HEADER + "".join(f"{address}\n" for address in sorted(known))
    path = practices / REGISTER
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def published_addresses(case_files: list[Path], loaded: list[LoadedFile]) -> set[str]:
    """Every address the site will have: cases, their former addresses, fixed pages."""
    cases = {data.case_address(file.stem) for file in case_files}
    former = {address for file in loaded for address in former_addresses(file)}
    return cases | former | fixed_addresses()


def register_problems(practices: Path, case_files: list[Path], loaded: list[LoadedFile],
                      shown) -> list[Problem]:
    """Registered addresses that would break, and former addresses that clash."""
    found = []
    case_addresses = {data.case_address(file.stem): file for file in case_files}
    claimed: dict[str, LoadedFile] = {}
    for file in loaded:
        for address in former_addresses(file):
            line = file.line_of(("eerdere-adressen",))
            if address in case_addresses:
                found.append(problems.make(file.path, line, "adres_in_gebruik", key="eerdere-adressen",
                                           adres=address, bestanden=shown(case_addresses[address])))
            elif address in claimed:
                found.append(problems.make(file.path, line, "adres_dubbel_geclaimd",
                                           key="eerdere-adressen", adres=address,
                                           bestanden=claimed[address].path))
            claimed.setdefault(address, file)
    register = shown(practices / REGISTER)
    current = published_addresses(case_files, loaded)
    for address in read_register(practices):
        if address not in current:
            found.append(problems.make(register, 1, "adres_verdwenen", adres=address,
                                       register=register))
    return found
