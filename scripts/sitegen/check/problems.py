"""Problems are data: where, which rule, which values. Never finished sentences.

A Problem says which file, line and column, which field of the case (as a
path into the data, ``("bronnen", 0, "url")``), which rule was broken (its
``code`` in data/messages.yaml) and the raw values the message needs (a
term, a number, a JSON type name). Turning that into Dutch is the job of a
reporter (reporters.py) and of the site's editor, which both read the same
message table; so a check never holds a user-facing string, and a form can
word the same problem in its own terms.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

ERROR = "fout"
WARNING = "waarschuwing"

Value = str | int | list  # a placeholder's raw value; lists are rendered joined


@dataclass(frozen=True)
class Problem:
    path: str  # the file, as the contributor knows it
    line: int
    column: int
    code: str  # the key of its entry in messages.yaml
    field: tuple = ()  # where in the data: ("bronnen", 0, "url"); () for the whole file
    values: tuple[tuple[str, Any], ...] = ()  # placeholder -> raw value, in a hashable form
    severity: str = ERROR

    @property
    def key(self) -> str:
        """The field as contributors read it: ``bronnen nr. 1 → url``."""
        return describe_key(self.field)

    @property
    def value_map(self) -> dict[str, Any]:
        return {name: list(value) if isinstance(value, tuple) else value
                for name, value in self.values}


def make(path: str, line: int, code: str, *, column: int = 1, field: tuple = (),
         severity: str = ERROR, **values: Value) -> Problem:
    """A Problem at ``line``/``column`` of ``path``; ``values`` fill the message's placeholders."""
    frozen = tuple(sorted((name, tuple(v) if isinstance(v, list) else v)
                          for name, v in values.items() if v is not None))
    return Problem(path=path, line=max(int(line), 1), column=max(int(column), 1), code=code,
                   field=tuple(field), values=frozen, severity=severity)


def describe_key(path: tuple) -> str:
    """A key path as contributors read it: ``bronnen nr. 2 → url``."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]} nr. {part + 1}"
        else:
            parts.append(str(part))
    return " → ".join(parts)


def closest(value: str, allowed: list[str]) -> str:
    """The allowed value a contributor probably meant, or "" when nothing is close."""
    matches = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {a.lower().replace(" ", "-"): a for a in allowed}
    return lowered.get(str(value).lower().replace(" ", "-"), "")


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code, p.key))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
