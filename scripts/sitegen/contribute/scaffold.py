"""``nieuw``: a new case file from the template, with a name that can be an address;
and the JSON Schema its first line points editors to."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .. import data
from ..paths import PRACTICES, REPO, shown_path
from ..render.render import front_matter_value, template_environment
from ..check.addresses import slug_for


# Committed, so that VS Code (yaml-language-server) finds it in a fresh clone, before any
# build; `generate.py formulier` writes it from the data, and a test keeps it current.
# The build publishes the same schema on the site (render.SCHEMA_PAGE).
SCHEMA_FILE = REPO / "schema" / "praktijk.schema.json"


def schema_json() -> str:
    return json.dumps(data.published_schema(), ensure_ascii=False, indent=2) + "\n"


def new_case(title: str, practices: Path = PRACTICES, today: datetime.date | None = None) -> int:
    target = practices / slug_for(title)
    if target.exists():
        print(data.messages()["nieuw_bestaat"].format(naam=shown_path(target)))
        return 1
    text = template_environment().get_template("nieuwe-praktijk.yaml.j2").render(
        title=front_matter_value(title), today=(today or datetime.date.today()).isoformat())
    practices.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(data.messages()["nieuw_klaar"].format(naam=shown_path(target),
                                                adres=data.case_address(target.stem)))
    return 0
