"""The "Praktijk aanmelden" issue form, and turning a submitted form into a case file.

The form is generated from the same data files as everything else, so its
provinces and terms cannot drift. A submitted issue body (GitHub renders each
field as ``### Label`` followed by the answer) becomes a YAML case file that
is then checked like any other; nothing in the body is trusted or executed.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jinja2
import yaml

from . import data
from .paths import PRACTICES, REPO, TEMPLATES
from .validate import slug_for

FORM_FILE = REPO / ".github" / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml"
LABEL = "praktijk-aanmelding"
NO_ANSWER = "_No response_"
# A checkbox label ends with the slug in parentheses: "Participatie (participatie)".
CHECKED = re.compile(r"^\s*-\s*\[[xX]\]\s*.*\(([a-z0-9-]+)\)\s*$", re.MULTILINE)

# Form fields in case-file order: (id, form type, required in the form, help text).
_FIELDS = [
    ("titel", "input", True, "Begin met de plaats, bijvoorbeeld: Zwolle: gezond in de wijk"),
    ("gemeente", "input", False, "Vul gemeente, regio of allebei in."),
    ("regio", "input", False, "Alleen bij een regionale aanpak."),
    ("provincie", "dropdown", True, ""),
    ("samenvatting", "textarea", True, "Eén alinea van twee à vier zinnen."),
    ("sporen", "checkboxes", True, "Kies minstens één."),
    ("pijlers", "checkboxes", True, "Kies minstens één."),
    ("ketenaanpakken", "checkboxes", False, "Alleen als de aanpak eraan bijdraagt."),
    ("aanpak", "textarea", True, "Wat doet de gemeente, met wie en hoe? Markdown mag, HTML niet."),
    ("resultaten", "textarea", False, "Wat heeft de aanpak tot nu toe opgeleverd?"),
    ("lessen", "textarea", True, "Eén les per regel."),
    ("partners", "textarea", False, "Eén organisatie per regel."),
    ("bronnen", "textarea", True, "Eén bron per regel: titel | uitgever | jaar | webadres (alleen de titel is verplicht)."),
]
LIST_FIELDS = {"lessen", "partners"}


def _form_fields() -> list[dict]:
    schema = data.source_schema()["properties"]
    taxonomies = data.taxonomies()
    fields = []
    for field_id, kind, required, help_text in _FIELDS:
        options = []
        if kind == "dropdown":
            options = [p.name for p in data.provinces()]
        elif kind == "checkboxes":
            options = [f"{t.label} ({t.slug})" for t in taxonomies[field_id].terms]
        fields.append({"id": field_id, "type": kind, "label": schema[field_id]["title"],
                       "description": help_text, "required": required, "options": options})
    return fields


def form_yaml() -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env.get_template("issue-form.yml.j2").render(fields=_form_fields(), label=LABEL)


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
    for field_id, kind, _required, _help in _FIELDS:
        answer = answers.get(field_id, "")
        if kind == "checkboxes":
            value = CHECKED.findall(answer)
        elif field_id in LIST_FIELDS:
            value = [line.lstrip("-* ").strip() for line in answer.split("\n") if line.strip()]
        elif field_id == "bronnen":
            value = [_source(line.lstrip("-* ")) for line in answer.split("\n") if line.strip()]
        else:
            value = answer
        if value or field_id in ("titel", "provincie", "samenvatting", "aanpak", "sporen",
                                 "pijlers", "lessen", "bronnen"):
            case[field_id] = value
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
    name = slug_for(case.get("titel") or "") if case.get("titel") else f"praktijk-{number}.yaml"
    target = practices / name
    if target.exists():
        target = practices / f"{target.stem}-{number}.yaml"
    target.write_text(case_yaml(case), encoding="utf-8")
    return target
