"""Checks case files: loads each, applies every rule, returns problems as data.

The rules live by job: schema_rules.py (the JSON Schema in data/schema.yaml),
content_rules.py (what a schema cannot say: HTML, links, dates in order),
across_files.py (look-alikes, two files for one address) and addresses.py
(file names that can be addresses, published addresses that must stay).
This module only walks the files and collects; reporters.py words the result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from . import across_files, addresses, problems
from .content_rules import content_problems
from .passages import citation_problems, documents_version
from .load import LoadedFile, load_file
from ..paths import PACKAGE
from .problems import Problem
from .schema_rules import schema_problems


@dataclass
class CheckResult:
    files: list[LoadedFile]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not problems.errors(self.problems)

    @property
    def valid_files(self) -> list[LoadedFile]:
        return [f for f in self.files if not problems.errors(f.problems)]


def validate_loaded(loaded: LoadedFile) -> list[Problem]:
    """All problems of one loaded file (its load problems included)."""
    found = list(loaded.problems)
    if loaded.data is None or not isinstance(loaded.data, dict):
        return found
    found.extend(schema_problems(loaded))
    found.extend(content_problems(loaded))
    found.extend(citation_problems(loaded))
    # Two rules may find the same problem (a wrong type inside anyOf and the type itself); keep one.
    return list(dict.fromkeys(found))


def case_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expands folders into their case files; a missing path is a problem."""
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in addresses.CASE_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(problems.make(str(path), 1, "pad_bestaat_niet", waarde=str(path)))
    return files, missing


def _rules_version() -> bytes:
    """Changes whenever what a rule finds can change: any code or data file of the generator,
    or the source documents the citations are checked against."""
    digest = hashlib.sha256(documents_version())  # citations are checked against them
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _remembered(cache: Path | None) -> dict[str, LoadedFile]:
    try:
        with cache.open("rb") as stream:
            return pickle.load(stream)
    except (OSError, AttributeError, pickle.UnpicklingError, EOFError, ImportError, TypeError):
        return {}  # no cache yet, or one from another version of this code


def _remember(cache: Path, checked: dict[str, LoadedFile]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_name(cache.name + ".nieuw")
    with partial.open("wb") as stream:
        pickle.dump(checked, stream, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(cache)


def check_paths(paths: list[Path], shown=lambda p: str(p),
                base_addresses: set[str] = frozenset(), cache: Path | None = None) -> CheckResult:
    """Checks every case file under ``paths``; all problems of all files, sorted.

    ``base_addresses`` are the addresses the published version has (see
    addresses.addresses_at); they must survive, like those in the register.
    With a ``cache`` file (the build gives one), a file whose content, name and
    rules are as at the last check is not loaded and checked again: about 3
    of the 4 seconds of a check at 5,000 cases. The rules across files
    always run.
    """
    files, found = case_files(paths)
    version = _rules_version() if cache else b""
    remembered = _remembered(cache) if cache else {}
    checked: dict[str, LoadedFile] = {}
    loaded_files = []
    for file in files:
        name = shown(file)
        key = hashlib.sha256(version + name.encode() + b"\0" + file.read_bytes()).hexdigest() if cache else ""
        loaded = remembered.get(key)
        if loaded is None:
            loaded = load_file(file, name)
            loaded.problems = validate_loaded(loaded)
        checked[key] = loaded
        loaded = dataclasses.replace(loaded, problems=loaded.problems + addresses.file_name_problems(file, name))
        loaded_files.append(loaded)
        found.extend(loaded.problems)
    if cache and checked.keys() != remembered.keys():
        _remember(cache, checked)
    found.extend(across_files.duplicate_addresses(files, shown))
    found.extend(across_files.look_alike_cases(loaded_files))
    for folder in paths:  # addresses are checked when a whole practices folder is
        if folder.is_dir() and ((folder / addresses.REGISTER).is_file() or base_addresses):
            found.extend(addresses.register_problems(folder, files, loaded_files, shown,
                                                     base_addresses))
    return CheckResult(loaded_files, problems.sort_problems(found))
