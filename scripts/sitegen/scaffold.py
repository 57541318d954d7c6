"""``nieuw``: a new case file from the template, with a name that can be an address."""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from . import data
from .paths import PRACTICES, TEMPLATES, shown_path
from .render import front_matter_value
from .validate import slug_for


def new_case(title: str, practices: Path = PRACTICES, today: datetime.date | None = None) -> int:
    target = practices / slug_for(title)
    if target.exists():
        print(data.messages()["nieuw_bestaat"].format(naam=shown_path(target)))
        return 1
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True)
    text = env.get_template("nieuwe-praktijk.yaml.j2").render(
        title=front_matter_value(title), today=(today or datetime.date.today()).isoformat())
    practices.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    address = f"/{data.site()['map_praktijken']}/{target.stem}/"
    print(data.messages()["nieuw_klaar"].format(naam=shown_path(target), adres=address))
    return 0
