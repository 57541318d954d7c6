"""The "Praktijk aanmelden" issue form, and turning a submitted form into a case file.

The form is generated from the same data files as everything else, so its
provinces and terms cannot drift. A submitted issue body (GitHub renders each
field as ``### Label`` followed by the answer) becomes a YAML case file that
is then checked like any other; nothing in the body is trusted or executed.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .. import data
from ..paths import PRACTICES, REPO
from ..render.render import template_environment
from ..check.addresses import slug_for

FORM_FILE = REPO / ".github" / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml"
NO_ANSWER = "_No response_"
# A checkbox label ends with the slug in parentheses: "Participatie (participatie)".
CHECKED = re.compile(r"^\s*-\s*\[[xX]\]\s*.*\(([a-z0-9-]+)\)\s*$", re.MULTILINE)


def _form_fields() -> list[dict]:
    """The form's fields: types and help from formulier.yaml, labels and options from the data."""
    schema = data.source_schema()
    taxonomies = data.taxonomies()
    fields = []
    for field in data.form()["velden"]:
        field_id, kind = field["id"], field["type"]
        options = []
        if kind == "dropdown":
            options = [p.name for p in data.provinces()]
        elif kind == "checkboxes":
            options = [f"{t.label} ({t.slug})" for t in taxonomies[field_id].terms]
        fields.append({"id": field_id, "type": kind, "label": schema["properties"][field_id]["title"],
                       "description": field["uitleg"], "required": field_id in schema["required"],
                       "options": options, "is_list": field.get("lijst", False)})
    return fields


def form_yaml() -> str:
    return template_environment().get_template("issue-form.yml.j2").render(fields=_form_fields(),
                                                         label=data.form()["label"])


def _answers(body: str) -> dict[str, str]:
    """Label -> answer text, from GitHub's rendering of an issue form."""
    labels = {f["label"]: f["id"] for f in _form_fields()}
    answers, current, lines = {}, None, []
    for line in body.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if heading:
            if current:
                answers[current] = "\n".join(lines).strip()
            current, lines = labels.get(heading.group(1)), []
        elif current:
            lines.append(line)
    if current:
        answers[current] = "\n".join(lines).strip()
    return {k: ("" if v == NO_ANSWER else v) for k, v in answers.items()}


def _source(line: str) -> dict:
    parts = [p.strip() for p in line.split("|")]
    source: dict = {"titel": parts[0]}
    for key, value in zip(("uitgever", "jaar", "url"), parts[1:]):
        if value:
            source[key] = int(value) if key == "jaar" and value.isdigit() else value
    return source


def case_from_body(body: str, today: datetime.date) -> dict:
    """The case as a mapping, in schema order; empty optional fields left out."""
    answers = _answers(body)
    case: dict = {}
    for field in _form_fields():
        answer = answers.get(field["id"], "")
        lines = [line.lstrip("-* ").strip() for line in answer.split("\n") if line.strip()]
        if field["type"] == "checkboxes":
            value = CHECKED.findall(answer)
        elif field["is_list"]:
            value = lines
        elif field["id"] == "bronnen":
            value = [_source(line) for line in lines]
        else:
            value = answer
        if value or field["required"]:
            case[field["id"]] = value
    case["gepubliceerd"] = today.isoformat()
    return case


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line text as a readable | block."""


_BlockDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def case_yaml(case: dict) -> str:
    return yaml.dump(case, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=80)


def write_case_from_issue(body: str, number: int, practices: Path = PRACTICES,
                          today: datetime.date | None = None) -> Path:
    case = case_from_body(body, today or datetime.date.today())
    name = slug_for(case["titel"]) if case.get("titel") else f"praktijk-{number}.yaml"
    target = practices / name
    if target.exists():
        target = practices / f"{target.stem}-{number}.yaml"
    target.write_text(case_yaml(case), encoding="utf-8")
    return target
