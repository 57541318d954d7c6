"""Checks case files against the schema and the rules a schema cannot express.

The schema (data/schema.yaml) is checked with the jsonschema library; each of
its errors is translated into a Problem with a Dutch message, the line of the
offending value and a concrete fix. Rules that JSON Schema cannot say well
(HTML in text, unsafe links, file names that cannot be addresses, dates in
order) are separate small functions below.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import jsonschema

from . import addresses, data, problems
from .load import LoadedFile, describe_key, json_type, load_file
from .problems import Problem

FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$")
CASE_SUFFIXES = (".yaml", ".yml")

# An HTML tag, closing tag, comment or declaration; a lone "<" in prose is fine.
HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z][A-Za-z0-9-]*|!)")
# Link targets in Markdown: [text](target), [ref]: target, <scheme:...> autolinks.
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s>]*)>")
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


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


def slug_for(file_name: str) -> str:
    """The address a file name would get, as a suggestion for a bad name."""
    stem = file_name.rsplit(".", 1)[0] if file_name.lower().endswith(CASE_SUFFIXES) else file_name
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")
    return f"{slug or 'praktijk'}.yaml"


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = data.schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _type_problem(loaded: LoadedFile, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    key = describe_key(path)
    line = loaded.line_of(path)
    value = error.instance
    expected = error.validator_value
    texts = data.messages()
    if expected == "string" and isinstance(value, bool):
        return problems.make(loaded.path, line, "ja_nee_valkuil", key=key,
                             waarde=loaded.raw_scalars.get(path, value))
    if expected == "string" and isinstance(value, (int, float)):
        return problems.make(loaded.path, line, "getal_valkuil", key=key, waarde=value)
    if expected == "array" and isinstance(value, (str, int, float, bool)):
        return problems.make(loaded.path, line, "lijst_verwacht", key=key, waarde=value)
    hint = texts["leeg_veld"] if value is None else texts["type_hulp"].get(expected, "")
    return problems.make(
        loaded.path, line, "verkeerd_type", key=key,
        verwacht=texts["typenamen"].get(expected, expected),
        gevonden=texts["typenamen"][json_type(value)], hulp=hint)


def _translate(loaded: LoadedFile, error: jsonschema.ValidationError) -> Iterator[Problem]:
    """One jsonschema error becomes zero or more Dutch problems."""
    path = tuple(error.absolute_path)
    key = describe_key(path)
    kind = error.validator
    instance = error.instance
    make = problems.make
    if instance == "" and kind in ("minLength", "enum", "pattern"):
        hint = _choose_from(error) if kind == "enum" else error.schema.get("description", "")
        yield make(loaded.path, loaded.line_of(path), "leeg", key=key, hulp=hint)
        return
    if kind == "type":
        yield _type_problem(loaded, error)
    elif kind == "required":
        for missing in error.validator_value:
            if missing not in instance:
                example = _example_for(error.schema, missing)
                yield make(loaded.path, loaded.line_of(path), "ontbrekende_sleutel",
                           key=describe_key((*path, missing)), voorbeeld=example)
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in sorted(set(instance) - set(allowed), key=str):
            yield make(loaded.path, loaded.line_of((*path, extra), key=True), "onbekende_sleutel",
                       key=describe_key((*path, extra)),
                       suggestie=problems.did_you_mean(extra, allowed),
                       toegestaan=", ".join(allowed))
    elif kind == "enum":
        is_province = path[:1] == ("provincie",)
        yield make(loaded.path, loaded.line_of(path),
                   "onbekende_provincie" if is_province else "onbekende_term",
                   key=key if is_province else describe_key(path[:1]), waarde=instance,
                   suggestie=problems.did_you_mean(str(instance), _allowed_values(error)),
                   kies_uit=_choose_from(error))
    elif kind == "minItems":
        yield make(loaded.path, loaded.line_of(path), "te_weinig", key=key,
                   aantal=len(instance), limiet=error.validator_value)
    elif kind == "uniqueItems":
        seen = set()
        for index, item in enumerate(instance):
            marker = repr(item)
            if marker in seen:
                yield make(loaded.path, loaded.line_of((*path, index)), "dubbel_in_lijst",
                           key=key, waarde=item)
            seen.add(marker)
    elif kind in ("minLength", "maxLength"):
        code = "te_kort" if kind == "minLength" else "te_lang"
        yield make(loaded.path, loaded.line_of(path), code, key=key,
                   aantal=len(instance), limiet=error.validator_value)
    elif kind == "format":
        yield make(loaded.path, loaded.line_of(path), "ongeldige_datum", key=key, waarde=instance)
    elif kind == "pattern":  # the schema may name its own message (x-melding)
        yield make(loaded.path, loaded.line_of(path), error.schema.get("x-melding", "ongeldige_url"),
                   key=key, waarde=instance)
    elif kind in ("minimum", "maximum"):
        sub = error.schema
        yield make(loaded.path, loaded.line_of(path), "getal_buiten_bereik", key=key,
                   waarde=instance, naam=f"{sub.get('minimum')}–{sub.get('maximum')}")
    else:  # a schema keyword without its own message: still Dutch, still a line
        yield make(loaded.path, loaded.line_of(path), "schema_overig", key=key)


def _allowed_values(error: jsonschema.ValidationError) -> list[str]:
    """An enum's values as contributors should write them (provinces without other spellings)."""
    if tuple(error.absolute_path)[:1] == ("provincie",):
        return [p.name for p in data.provinces()]
    return [str(v) for v in error.validator_value]


def _choose_from(error: jsonschema.ValidationError) -> str:
    return data.messages()["kies_uit"].format(toegestaan=", ".join(_allowed_values(error)))


def _example_for(schema: dict, key: str) -> str:
    sub = schema.get("properties", {}).get(key, {})
    examples = sub.get("examples")
    if examples:
        example = examples[0]
        if isinstance(example, list):
            return data.messages()["voorbeeld_lijst"].format(sleutel=key, waarde=example[0])
        return f"{key}: {example}"
    return f"{key}: ..."


def _strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _text_safety(loaded: LoadedFile) -> Iterator[Problem]:
    """Refuses raw HTML and links that are not http(s) or mailto, in every text."""
    for path, text in _strings(loaded.data):
        line = loaded.line_of(path)
        key = describe_key(path)
        html = HTML.search(text)
        autolinks = [m.group(1) for m in AUTOLINK.finditer(text)]
        if html and not any(text[html.start():].startswith(f"<{a}>") for a in autolinks):
            snippet = text[html.start(): html.start() + 30].split("\n")[0]
            yield problems.make(loaded.path, line, "html_in_tekst", key=key, waarde=snippet)
        targets = [m.group(1) for m in MARKDOWN_LINK.finditer(text)]
        targets += [m.group(1) for m in REFERENCE_LINK.finditer(text)] + autolinks
        for target in targets:
            if not SAFE_LINK.match(target):
                yield problems.make(loaded.path, line, "onveilige_link", key=key, waarde=target[:60])


def _case_rules(loaded: LoadedFile) -> Iterator[Problem]:
    """Rules across fields, which JSON Schema cannot phrase helpfully."""
    case = loaded.data
    if "gemeente" not in case and "regio" not in case:
        yield problems.make(loaded.path, 1, "gemeente_of_regio", key="gemeente")
    summary = case.get("samenvatting")
    if isinstance(summary, str) and re.search(r"\n\s*\n", summary.strip()):
        yield problems.make(loaded.path, loaded.line_of(("samenvatting",)), "platte_tekst",
                            key="samenvatting", waarde=data.messages()["nieuwe_regels"])
    published, updated = case.get("gepubliceerd"), case.get("bijgewerkt")
    if isinstance(published, str) and isinstance(updated, str) and updated < published:
        yield problems.make(loaded.path, loaded.line_of(("bijgewerkt",)),
                            "bijgewerkt_voor_gepubliceerd", key="bijgewerkt",
                            waarde=updated, naam=published)


def validate_loaded(loaded: LoadedFile) -> list[Problem]:
    """All problems of one loaded file (its load problems included)."""
    found = list(loaded.problems)
    if loaded.data is None or not isinstance(loaded.data, dict):
        return found
    for error in _validator().iter_errors(loaded.data):
        found.extend(_translate(loaded, error))
    found.extend(_case_rules(loaded))
    found.extend(_text_safety(loaded))
    # jsonschema may report the same spot through two keywords; keep one.
    return list(dict.fromkeys(found))


def _file_name_problems(file: Path, shown: str) -> list[Problem]:
    if FILE_NAME.match(file.name):
        return []
    return [problems.make(shown, 1, "bestandsnaam", waarde=file.name, naam=slug_for(file.name))]


def case_files(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expands folders into their case files; a missing path is a problem."""
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in CASE_SUFFIXES))
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
        loaded.problems = validate_loaded(loaded) + _file_name_problems(file, name)
        loaded_files.append(loaded)
        found.extend(loaded.problems)
    found.extend(_duplicate_addresses(files, shown))
    found.extend(_look_alike_cases(loaded_files))
    for folder in paths:  # addresses are checked when a whole practices folder is
        if folder.is_dir() and ((folder / addresses.REGISTER).is_file() or base_addresses):
            found.extend(addresses.register_problems(folder, files, loaded_files, shown,
                                                     base_addresses))
    return CheckResult(loaded_files, problems.sort_problems(found))


def _look_alike_cases(files: list[LoadedFile]) -> list[Problem]:
    """Warns on the newer of two cases with the same place and a similar title."""
    cases = [f for f in files if isinstance(f.data, dict) and isinstance(f.data.get("titel"), str)]

    def place(file: LoadedFile) -> str:
        return str(file.data.get("gemeente") or file.data.get("regio") or "").strip().lower()

    def order(file: LoadedFile) -> tuple:
        return str(file.data.get("gepubliceerd", "")), file.path

    by_place: dict[str, list[LoadedFile]] = {}
    for case in cases:
        if place(case):
            by_place.setdefault(place(case), []).append(case)
    result = []
    for group in by_place.values():  # only cases in the same place are compared
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                result.extend(_similar_titles(first, second, order))
    return result


def _similar_titles(first: LoadedFile, second: LoadedFile, order) -> list[Problem]:
    ratio = difflib.SequenceMatcher(None, first.data["titel"].lower(),
                                    second.data["titel"].lower()).ratio()
    if ratio < data.site()["gelijkenis_titel"]:
        return []
    older, newer = sorted((first, second), key=order)
    return [problems.make(newer.path, newer.line_of(("titel",)), "lijkt_dubbel", key="titel",
                          severity=problems.WARNING, bestanden=older.path)]


def _duplicate_addresses(files: list[Path], shown) -> list[Problem]:
    by_slug: dict[str, list[Path]] = {}
    for file in files:
        by_slug.setdefault(slug_for(file.name), []).append(file)
    result = []
    for slug, group in by_slug.items():
        if len(group) > 1:
            address = data.case_address(Path(slug).stem)
            for file in group:
                others = ", ".join(shown(o) for o in group if o != file)
                result.append(problems.make(shown(file), 1, "dubbel_adres", adres=address,
                                            bestanden=others))
    return result
