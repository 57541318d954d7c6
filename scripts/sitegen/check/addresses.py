"""Permanent addresses: what has been published must keep resolving, and which
former addresses a case declares (render.py makes their redirect pages).

Advisers put case links in newsletters, so an address may never stop
working. What counts as published comes from two places:

* the **base version** (``check --basis origin/main``): every case on ``main``
  has been published by the publish workflow, so its address, and each of its
  ``eerdere-adressen``, must still resolve after a pull request. This is derived
  from git, so a contributor never records a new address by hand;
* the **register** ``practices/adressen.txt``: addresses published earlier that
  no case on ``main`` carries any more, kept by hand by maintainers.

A maintainer withdraws an address on purpose with a register line
``/praktijken/naam/ ingetrokken: reden``. A declared former address becomes a
small static HTML page that forwards to the new one, anchor included, so it
works on any static host and with any builder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

import yaml

from .. import data
from . import problems
from ..gitcmd import git
from .load import LoadedFile
from .problems import Problem

REGISTER = "adressen.txt"  # in the practices folder, next to the cases
WITHDRAWN = "ingetrokken:"  # "/praktijken/x/ ingetrokken: reden" in the register
CASE_SUFFIXES = (".yaml", ".yml")
# A file name that can be an address as it is: /praktijken/<name>/.
FILE_NAME = data.rule("bestandsnaam")  # data/regels.yaml


def slug_for(file_name: str) -> str:
    """The file name (and so the address) a title or a bad file name should become."""
    stem = file_name.rsplit(".", 1)[0] if file_name.lower().endswith(CASE_SUFFIXES) else file_name
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")
    return f"{slug or 'praktijk'}.yaml"


def file_name_problems(file: Path, shown: str) -> list[Problem]:
    """A file whose name cannot be its address, with the name it should have."""
    if FILE_NAME.match(file.name):
        return []
    return [problems.make(shown, 1, "bestandsnaam", waarde=file.name, naam=slug_for(file.name))]


def fixed_addresses() -> set[str]:
    """Addresses that exist whatever the cases: every fixed page (site.yaml paginas),
    every term and every province."""
    settings = data.settings()
    result = {page.address for page in settings.pages.values()}
    for taxonomy in data.taxonomies().values():
        result.update(f"/{taxonomy.folder}/{term.slug}/" for term in taxonomy.terms)
    result.update(f"/{settings.provinces_folder}/{p.slug}/" for p in data.provinces())
    return result


def former_addresses(loaded: LoadedFile) -> list[str]:
    value = loaded.data.get("eerdere-adressen") if isinstance(loaded.data, dict) else None
    return [a for a in value or [] if isinstance(a, str)]


def _register_lines(practices: Path) -> list[str]:
    path = practices / REGISTER
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def read_register(practices: Path) -> list[str]:
    """Addresses that must keep resolving (withdrawn ones left out)."""
    return [line.split()[0] for line in _register_lines(practices) if WITHDRAWN not in line]


def withdrawn_addresses(practices: Path) -> set[str]:
    return {line.split()[0] for line in _register_lines(practices) if WITHDRAWN in line}


def published_addresses(case_files: list[Path], loaded: list[LoadedFile]) -> set[str]:
    """Every address the site will have: cases, their former addresses, fixed pages."""
    cases = {data.case_address(file.stem) for file in case_files}
    former = {address for file in loaded for address in former_addresses(file)}
    return cases | former | fixed_addresses()


def addresses_at(base: str, practices: Path) -> set[str]:
    """The case addresses (and their former addresses) in git version ``base``.

    Read with git, not from a checkout, so a pull request is compared with what
    ``main`` publishes without switching branches. Unreadable files count by
    their name alone: their address was published all the same. Raises
    gitcmd.GitError when ``base`` cannot be read (e.g. a shallow clone).
    """
    top = Path(git(practices, "rev-parse", "--show-toplevel").strip())
    folder = practices.resolve().relative_to(top.resolve()).as_posix()
    names = git(practices, "ls-tree", "--full-tree", "--name-only", f"{base}:{folder}").splitlines()
    result = set()
    for name in names:
        if PurePosixPath(name).suffix not in (".yaml", ".yml"):
            continue
        result.add(data.case_address(PurePosixPath(name).stem))
        try:
            case = yaml.safe_load(git(practices, "show", f"{base}:{folder}/{name}"))
            result.update(a for a in case.get("eerdere-adressen") or [] if isinstance(a, str))
        except (yaml.YAMLError, AttributeError, TypeError):
            pass
    return result


def register_problems(practices: Path, case_files: list[Path], loaded: list[LoadedFile],
                      shown, base_addresses: set[str] = frozenset()) -> list[Problem]:
    """Published addresses that would break, and former addresses that clash."""
    found = []
    case_addresses = {data.case_address(file.stem): file for file in case_files}
    claimed: dict[str, LoadedFile] = {}
    for file in loaded:
        listed = file.data.get("eerdere-adressen") if isinstance(file.data, dict) else None
        for index, address in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(address, str):
                continue
            at = ("eerdere-adressen", index)
            if address in case_addresses:
                found.append(file.problem("adres_in_gebruik", ("eerdere-adressen",), at=at,
                                          adres=address, bestanden=shown(case_addresses[address])))
            elif address in claimed:
                found.append(file.problem("adres_dubbel_geclaimd", ("eerdere-adressen",), at=at,
                                          adres=address, bestanden=claimed[address].path))
            claimed.setdefault(address, file)
    register = shown(practices / REGISTER)
    current = published_addresses(case_files, loaded)
    must_stay = (set(read_register(practices)) | set(base_addresses)) - withdrawn_addresses(practices)
    for address in sorted(must_stay - current):
        found.append(problems.make(register, 1, "adres_verdwenen", adres=address, register=register))
    return found
