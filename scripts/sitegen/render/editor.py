"""What the contributors' editor (/bijdragen/editor/) reads: one JSON file made from the data.

The editor in the browser (scripts/editor/src/, bundled into
docs/assets/editor/editor.js) builds its form from the schema, words problems
from the message table and applies the text rules of regels.yaml: the very data
`check` uses, so no field, rule or message is written twice. This module only
gathers them; nothing here knows about HTML.
"""

from __future__ import annotations

import json

from .. import data
from ..paths import PRACTICES

EDITOR_DATA = "gegevens.json"  # beside the editor page
CASE_FILES = "data/praktijken"  # every case file as written, for "Wijzig deze praktijk"



def checked_on_github() -> list[str]:
    """The message codes the editor cannot find by itself (messages.yaml alleen_op_github)."""
    return data.messages()["alleen_op_github"]


def editor_data() -> dict:
    settings = data.settings()
    texts = data.messages()
    # What is wrong, per code; the fix a form shows is in formulier_oplossingen. The file's
    # fix (`oplossing`) is for `check`, and would only add bytes to the editor's page.
    codes = {code: {"melding": entry["melding"]} for code, entry in texts.items()
             if isinstance(entry, dict) and {"melding", "oplossing"} <= set(entry)}
    return {
        "schema": data.schema(),
        "termen": {taxonomy.key: [{"slug": t.slug, "label": t.label, "uitleg": " ".join(filter(None, [t.explanation, t.note and f"{data.settings().editor_texts['let_op']} {t.note}"]))}
                                  for t in taxonomy.terms]
                   for taxonomy in data.taxonomies().values()},
        "provincies": [p.name for p in data.provinces()],
        "meldingen": codes,
        "formulier_oplossingen": texts["formulier_oplossingen"],
        "invulregels": texts["invulregels"],
        "typenamen": texts["typenamen"],
        "type_hulp": texts["type_hulp"],
        "yaml_fouten_editor": texts["yaml_fouten_editor"],
        "yaml_uitleg": texts["yaml_uitleg"],
        "editor": settings.editor_texts,
        "koppen": settings.case_headings,
        "adres_max": settings.editor_address_limit,
        "praktijkmap": PRACTICES.name,
        "regels": data.rules(),
        "max_kb": settings.max_file_kb,
        "repository": settings.repository,
        "tak": settings.branch,
        "redactie": settings.editors_email,
        "daarna": settings.pages["daarna"].address.lstrip("/"),
        "schema_adres": data.site_url() + "schema/praktijk.schema.json",
        "praktijken": f"{CASE_FILES}/",
    }


def render_editor_data() -> str:
    return json.dumps(editor_data(), ensure_ascii=False, separators=(",", ":"))
