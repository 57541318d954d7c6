"""``nieuw``: a new case file from the template, with a name that can be an address."""

from __future__ import annotations

import datetime
from pathlib import Path

from . import data
from .paths import PRACTICES, shown_path
from .render import front_matter_value, template_environment
from .addresses import slug_for


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
