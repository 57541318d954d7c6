"""Checks case files: loads each, applies every rule, returns problems as data.

The rules live by job: schema_rules.py (the JSON Schema in data/schema.yaml),
content_rules.py (what a schema cannot say: HTML, links, dates in order),
across_files.py (look-alikes, two files for one address) and addresses.py
(file names that can be addresses, published addresses that must stay).
This module only walks the files and collects; reporters.py words the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import across_files, addresses, problems
from .content_rules import content_problems
from .load import LoadedFile, load_file
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
    # jsonschema may report the same spot through two keywords; keep one.
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


def check_paths(paths: list[Path], shown=lambda p: str(p),
                base_addresses: set[str] = frozenset()) -> CheckResult:
    """Checks every case file under ``paths``; all problems of all files, sorted.

    ``base_addresses`` are the addresses the published version has (see
    addresses.addresses_at); they must survive, like those in the register.
    """
    files, found = case_files(paths)
    loaded_files = []
    for file in files:
        name = shown(file)
        loaded = load_file(file, name)
        loaded.problems = validate_loaded(loaded) + addresses.file_name_problems(file, name)
        loaded_files.append(loaded)
        found.extend(loaded.problems)
    found.extend(across_files.duplicate_addresses(files, shown))
    found.extend(across_files.look_alike_cases(loaded_files))
    for folder in paths:  # addresses are checked when a whole practices folder is
        if folder.is_dir() and ((folder / addresses.REGISTER).is_file() or base_addresses):
            found.extend(addresses.register_problems(folder, files, loaded_files, shown,
                                                     base_addresses))
    return CheckResult(loaded_files, problems.sort_problems(found))
