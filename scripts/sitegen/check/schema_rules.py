"""Schema errors to problems: each jsonschema error becomes a Dutch-ready Problem.

The schema (data/schema.yaml, enums filled in by data.schema) is checked with
the jsonschema library. Its errors say which keyword failed at which path;
this module picks the message code a contributor understands for it (a word
YAML read as yes/no is not "a wrong type") and the raw values the message
needs, at the position of the offending value.
"""

from __future__ import annotations

import functools
import json
from typing import Iterator

import jsonschema

from .. import data
from . import problems
from .load import LoadedFile, json_type
from .problems import Problem


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = data.schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_problems(loaded: LoadedFile) -> list[Problem]:
    """Every problem the schema finds in one loaded case."""
    found, required_at = [], set()
    for error in _validator().iter_errors(loaded.data):
        if error.validator == "required":  # one error per missing field, each naming them all
            if tuple(error.absolute_path) in required_at:
                continue
            required_at.add(tuple(error.absolute_path))
        found.extend(_translate(loaded, error))
    return found


def _type_problem(loaded: LoadedFile, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    value, expected = error.instance, error.validator_value
    if expected == "string" and isinstance(value, bool):
        return loaded.problem("ja_nee_valkuil", path, waarde=loaded.raw_scalars.get(path, str(value)))
    if expected == "string" and isinstance(value, (int, float)):
        return loaded.problem("getal_valkuil", path, waarde=str(value))
    if expected == "array" and isinstance(value, (str, int, float, bool)):
        return loaded.problem("lijst_verwacht", path, waarde=str(value))
    found = json_type(value)
    return loaded.problem("verkeerd_type", path, verwacht=expected, gevonden=found,
                          hulp="null" if value is None else expected)


def _translate(loaded: LoadedFile, error: jsonschema.ValidationError) -> Iterator[Problem]:
    """One jsonschema error becomes zero or more problems."""
    path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if instance == "" and kind in ("minLength", "enum", "pattern"):
        if kind == "enum":
            yield loaded.problem("leeg", path, kies_uit=_allowed_values(error))
        else:
            yield loaded.problem("leeg", path, beschrijving=error.schema.get("description", ""))
    elif kind == "type":
        yield _type_problem(loaded, error)
    elif kind == "required":
        for missing in error.validator_value:
            if missing not in instance:
                yield loaded.problem("ontbrekende_sleutel", (*path, missing), at=path, veld=missing,
                                     **_example_for(error.schema, missing))
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in sorted(set(instance) - set(allowed), key=str):
            extra = "" if extra is None else extra  # an empty key (": tekst"), as the editor names it
            yield loaded.problem("onbekende_sleutel", (*path, extra), key=True,
                                 suggestie=problems.closest(extra, allowed), toegestaan=allowed)
    elif kind == "enum":
        allowed = _allowed_values(error)
        if path[:1] == ("provincie",):
            yield loaded.problem("onbekende_provincie", path, waarde=shown(instance),
                                 suggestie=problems.closest(shown(instance), allowed), kies_uit=allowed)
        else:  # an item of a taxonomy list: named by its list, placed at the item
            yield loaded.problem("onbekende_term", path[:1], at=path, waarde=shown(instance),
                                 suggestie=problems.closest(shown(instance), allowed), kies_uit=allowed)
    elif kind == "minItems":
        yield loaded.problem("te_weinig", path, aantal=len(instance), limiet=error.validator_value)
    elif kind == "uniqueItems":
        seen = set()
        for index, item in enumerate(instance):
            marker = repr(item)
            if marker in seen:
                yield loaded.problem("dubbel_in_lijst", path, at=(*path, index), waarde=shown(item))
            seen.add(marker)
    elif kind in ("minLength", "maxLength"):
        yield loaded.problem("te_kort" if kind == "minLength" else "te_lang", path,
                             aantal=len(instance), limiet=error.validator_value)
    elif kind == "format":
        yield loaded.problem("ongeldige_datum", path, waarde=str(instance))
    elif kind == "pattern":  # the schema may name its own message (x-melding)
        yield loaded.problem(error.schema.get("x-melding", "ongeldige_url"), path, waarde=str(instance))
    elif kind == "anyOf" and "x-melding" in error.schema:  # named by the first branch's field
        yield loaded.problem(error.schema["x-melding"], (*path, error.validator_value[0]["required"][0]), at=path)
    elif kind in ("minimum", "maximum"):
        yield loaded.problem("getal_buiten_bereik", path, waarde=str(instance),
                             minimum=str(error.schema.get("minimum")),
                             maximum=str(error.schema.get("maximum")))
    else:  # a schema keyword without its own message: still Dutch, still a position
        yield loaded.problem("schema_overig", path)


def shown(value) -> str:
    """A value as a message quotes it: a list or mapping as JSON (py() in the editor's
    rules.js does the same), not as Python would print it."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _allowed_values(error: jsonschema.ValidationError) -> list[str]:
    """An enum's values as contributors should write them (provinces without other spellings)."""
    if tuple(error.absolute_path)[:1] == ("provincie",):
        return [p.name for p in data.provinces()]
    return [str(v) for v in error.validator_value]


def _example_for(schema: dict, key: str) -> dict[str, str]:
    """The schema's first example of a field, as the placeholder that shows it."""
    examples = schema.get("properties", {}).get(key, {}).get("examples")
    if not examples:
        return {"voorbeeld": "..."}
    if isinstance(examples[0], list):
        return {"voorbeeld_lijst": str(examples[0][0])}
    return {"voorbeeld": str(examples[0])}
