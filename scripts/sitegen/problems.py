"""Problems are data; reporters turn them into text, GitHub annotations or JSON.

A Problem carries everything a contributor needs: which file, which line,
which key, what is wrong and how to fix it. The Dutch wording comes from the
message table (data/messages.yaml), looked up by ``code``, so checks never
hold user-facing strings themselves.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field

from . import data

ERROR = "fout"
WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    key: str
    message: str
    fix: str
    severity: str = field(default=ERROR)


class _Blank(dict):
    """Leaves unknown placeholders empty instead of raising KeyError."""

    def __missing__(self, key):
        return ""


def make(path: str, line: int, code: str, *, column: int = 1, key: str = "",
         severity: str = ERROR, **values) -> Problem:
    """Builds a Problem with the Dutch texts for ``code`` filled in."""
    entry = data.messages()[code]
    fill = _Blank(sleutel=key, **{k: str(v) for k, v in values.items()})
    return Problem(
        path=path,
        line=max(line, 1),
        column=max(column, 1),
        code=code,
        key=key,
        message=entry["melding"].format_map(fill),
        fix=entry["oplossing"].format_map(fill),
        severity=severity,
    )


def did_you_mean(value: str, allowed: list[str]) -> str:
    """A Dutch "did you mean" sentence, or "" when nothing is close."""
    matches = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    if not matches:
        lowered = {a.lower().replace(" ", "-"): a for a in allowed}
        guess = lowered.get(str(value).lower().replace(" ", "-"))
        matches = [guess] if guess else []
    return data.messages()["bedoelt_u"].format(suggestie=matches[0]) if matches else ""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code, p.key))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


# -- reporters ---------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def report_text(problems: list[Problem], files_checked: int) -> str:
    """For people: ``practices/x.yaml:7: fout: ... Oplossing: ...`` and a summary."""
    lines = [
        f"{p.path}:{p.line}: {p.severity}: {_one_line(p.message)} "
        f"Oplossing: {_one_line(p.fix)}"
        for p in sort_problems(problems)
    ]
    return "\n".join([*lines, _summary_line(problems, files_checked)])


def _summary_line(problems: list[Problem], files_checked: int) -> str:
    """``5 bestand(en) gecontroleerd: ...``, the last line of every report."""
    n_errors = len(errors(problems))
    template = "samenvatting_fout" if problems else "samenvatting_goed"
    return data.messages()[template].format(
        aantal=files_checked, fouten=n_errors, waarschuwingen=len(problems) - n_errors)


def _escape_workflow(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow command escaping, see "Workflow commands for GitHub Actions".
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def report_github(problems: list[Problem], files_checked: int) -> str:
    """GitHub workflow commands, so each problem shows on its line in a pull request."""
    lines = []
    for p in sort_problems(problems):
        kind = "error" if p.severity == ERROR else "warning"
        props = ",".join([
            f"file={_escape_workflow(p.path, property_value=True)}",
            f"line={p.line}",
            f"col={p.column}",
            f"title={_escape_workflow(p.key or p.code, property_value=True)}",
        ])
        body = _escape_workflow(f"{_one_line(p.message)} Oplossing: {_one_line(p.fix)}")
        lines.append(f"::{kind} {props}::{body}")
    lines.append(_summary_line(problems, files_checked))
    return "\n".join(lines)


def report_json(problems: list[Problem], files_checked: int) -> str:
    """For tools: one object with the files checked and every problem."""
    return json.dumps(
        {"bestanden": files_checked, "problemen": [asdict(p) for p in sort_problems(problems)]},
        ensure_ascii=False,
        indent=2,
    )


def cell(text: str) -> str:
    """A Markdown table cell that shows a contributor's value literally, HTML included."""
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def report_markdown(problems: list[Problem], files_checked: int) -> str:
    """A Dutch job summary for a pull request: what to fix, or ready for review."""
    texts = data.messages()["samenvatting_pr"]
    found = errors(problems)
    if not found:
        return f"## {texts['klaar']}\n\n{_summary_line(problems, files_checked)}\n"
    lines = [f"## {texts['niet_klaar']}", "", texts["uitleg"], "",
             "| " + " | ".join(texts["kolommen"]) + " |", "|---|---|---|---|"]
    lines += [f"| `{p.path}` | {p.line} | {cell(p.message)} | {cell(p.fix)} |"
              for p in sort_problems(found)]
    return "\n".join(lines) + "\n"


REPORTERS = {"tekst": report_text, "github": report_github, "json": report_json,
             "markdown": report_markdown}
