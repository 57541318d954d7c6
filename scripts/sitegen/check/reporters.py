"""Reporters: the only place where a Problem becomes words.

Every text comes from data/messages.yaml: the entry of the problem's code
gives ``melding`` and ``oplossing``, and the table ``invulregels`` says how a
raw value becomes words (a JSON type name becomes "tekst", a suggested term
becomes " Bedoelt u '…'?"). The site's editor renders the same table the same
way (scripts/editor/src/words.js, from the table that editor.py publishes), so
a contributor sees one wording wherever a problem is found.
"""

from __future__ import annotations

import json
from typing import Any

from .. import data
from .problems import ERROR, Problem, describe_key, errors, sort_problems


class _Blank(dict):
    """Leaves placeholders that a problem has no value for empty."""

    def __missing__(self, key):
        return ""


def _words(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def placeholders(problem: Problem, overrides: dict[str, Any] | None = None) -> dict[str, str]:
    """The placeholder texts of a problem: its raw values turned into words by the rules."""
    texts = data.messages()
    raw = {"sleutel": problem.key, **problem.value_map, **(overrides or {})}
    plain = _Blank({name: _words(value) for name, value in raw.items()})
    filled = _Blank(plain)
    for name, rule in texts["invulregels"].items():
        value = plain.get(name, "")
        if "woorden" in rule:
            filled[name] = texts[rule["woorden"]].get(value, value) if value else ""
        elif "als_gevuld" in rule:
            filled[name] = rule["als_gevuld"].format_map(_Blank(plain, waarde=value)) if value else ""
    return filled


def render(problem: Problem, overrides: dict[str, Any] | None = None) -> tuple[str, str]:
    """(melding, oplossing) of a problem in Dutch; ``overrides`` replace values (a form's label)."""
    entry = data.messages()[problem.code]
    fill = placeholders(problem, overrides)
    return (_one_line(entry["melding"].format_map(fill)),
            _one_line(entry["oplossing"].format_map(fill)))


def form_fix(problem: Problem, label: str, kind: str | None = None) -> str:
    """The fix in a form's words (messages.yaml formulier_oplossingen), for the editor and
    the issue form alike (formFix in words.js): ``check`` speaks of the file, a form of its
    fields. ``kind``: checkboxes, textarea, input or dropdown, where the wording differs."""
    fix = data.messages()["formulier_oplossingen"][problem.code]
    if isinstance(fix, dict):
        fix = fix.get(kind) or fix["standaard"]
    return _one_line(fix.replace("{veld}", label))


def form_label(field: tuple, number: str, whole_file: str) -> str:
    """How a form names a problem's field (fieldLabel in the editor's words.js): by the
    schema's titles, ``Bronnen, nr. 1 (Webadres)``. A key the schema does not know has no
    title, so it keeps its own name; a problem of the whole file is ``whole_file``."""
    if not field:
        return whole_file
    properties = data.source_schema()["properties"]
    if field[0] not in properties:
        return describe_key(field)
    schema = properties[field[0]]
    label = schema["title"]
    rest = list(field[1:])
    if rest and isinstance(rest[0], int):
        label += f", {number} {rest.pop(0) + 1}"
    item = schema.get("items", {}).get("properties", {})
    if rest and rest[0] in item:
        label += f" ({item[rest[0]]['title']})"
    return label


def _one_line(text: str) -> str:
    return " ".join(text.split())


def summary_line(problems: list[Problem], files_checked: int) -> str:
    """``5 bestand(en) gecontroleerd: ...``, the last line of every report."""
    n_errors = len(errors(problems))
    template = "samenvatting_fout" if problems else "samenvatting_goed"
    return data.messages()[template].format(
        aantal=files_checked, fouten=n_errors, waarschuwingen=len(problems) - n_errors)


def report_text(problems: list[Problem], files_checked: int) -> str:
    """For people: ``practices/x.yaml:7:12: fout: ... Oplossing: ...`` and a summary."""
    lines = []
    for p in sort_problems(problems):
        message, fix = render(p)
        lines.append(f"{p.path}:{p.line}:{p.column}: {p.severity}: {message} Oplossing: {fix}")
    return "\n".join([*lines, summary_line(problems, files_checked)])


def _escape_workflow(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow command escaping, see "Workflow commands for GitHub Actions".
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def report_github(problems: list[Problem], files_checked: int) -> str:
    """GitHub workflow commands, so each problem shows at its line and column in a pull request."""
    lines = []
    for p in sort_problems(problems):
        kind = "error" if p.severity == ERROR else "warning"
        props = ",".join([
            f"file={_escape_workflow(p.path, property_value=True)}",
            f"line={p.line}",
            f"col={p.column}",
            f"title={_escape_workflow(p.key or p.code, property_value=True)}",
        ])
        message, fix = render(p)
        lines.append(f"::{kind} {props}::{_escape_workflow(f'{message} Oplossing: {fix}')}")
    lines.append(summary_line(problems, files_checked))
    return "\n".join(lines)


def as_json(problem: Problem) -> dict:
    """A problem for tools: the data (code, field, values) and the Dutch texts made from it."""
    message, fix = render(problem)
    return {"bestand": problem.path, "regel": problem.line, "kolom": problem.column,
            "code": problem.code, "veld": list(problem.field), "sleutel": problem.key,
            "waarden": problem.value_map, "ernst": problem.severity,
            "melding": message, "oplossing": fix}


def report_json(problems: list[Problem], files_checked: int) -> str:
    """For tools: the files checked and every problem, data and words."""
    return json.dumps(
        {"bestanden": files_checked, "problemen": [as_json(p) for p in sort_problems(problems)]},
        ensure_ascii=False, indent=2)


def cell(text: str) -> str:
    """A Markdown table cell that shows a contributor's value literally, HTML included."""
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def report_markdown(problems: list[Problem], files_checked: int) -> str:
    """A Dutch job summary for a pull request: what to fix, or ready for review."""
    texts = data.messages()["samenvatting_pr"]
    found = errors(problems)
    if not found:
        return f"## {texts['klaar']}\n\n{summary_line(problems, files_checked)}\n"
    lines = [f"## {texts['niet_klaar']}", "", texts["uitleg"], "",
             "| " + " | ".join(texts["kolommen"]) + " |", "|---|---|---|---|"]
    for p in sort_problems(found):
        message, fix = render(p)
        lines.append(f"| `{p.path}` | {p.line} | {cell(message)} | {cell(fix)} |")
    return "\n".join(lines) + "\n"


REPORTERS = {"tekst": report_text, "github": report_github, "json": report_json,
             "markdown": report_markdown}
