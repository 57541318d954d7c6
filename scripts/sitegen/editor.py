"""What the contributors' editor (/bijdragen/editor/) reads: one JSON file made from the data.

The editor in the browser (scripts/editor/src/, bundled into
docs/assets/editor/editor.js) builds its form from the schema, words problems
from the message table and applies the text rules of regels.yaml: the very data
`check` uses, so no field, rule or message is written twice. This module only
gathers them; nothing here knows about HTML.
"""

from __future__ import annotations

import json

from . import data
from .paths import PRACTICES

EDITOR_DATA = "gegevens.json"  # beside the editor page
CASE_FILES = "data/praktijken"  # every case file as written, for "Wijzig deze praktijk"

# The message codes the editor cannot find by itself, because they need the other
# cases or the published version: `check` on GitHub finds them (the page says so).
CHECKED_ON_GITHUB = ["lijkt_dubbel", "dubbel_adres", "adres_in_gebruik", "adres_dubbel_geclaimd",
                     "adres_verdwenen", "basis_onbekend", "pad_bestaat_niet", "bestandsnaam"]


def editor_data() -> dict:
    settings = data.settings()
    texts = data.messages()
    codes = {code: entry for code, entry in texts.items()
             if isinstance(entry, dict) and {"melding", "oplossing"} <= set(entry)}
    return {
        "schema": data.schema(),
        "termen": {taxonomy.key: [{"slug": t.slug, "label": t.label, "uitleg": t.explanation}
                                  for t in taxonomy.terms]
                   for taxonomy in data.taxonomies().values()},
        "provincies": [p.name for p in data.provinces()],
        "meldingen": codes,
        "invulregels": texts["invulregels"],
        "typenamen": texts["typenamen"],
        "type_hulp": texts["type_hulp"],
        "samenvatting": {"goed": texts["samenvatting_goed"], "fout": texts["samenvatting_fout"]},
        "yaml_fouten_editor": texts["yaml_fouten_editor"],
        "yaml_onbekend": texts["yaml_onbekend"],
        "editor": data.site()["editor"],
        "praktijkmap": PRACTICES.name,
        "regels": data.rules(),
        "max_kb": settings.max_file_kb,
        "op_github": CHECKED_ON_GITHUB,
        "map": settings.cases_folder,
        "repository": settings.repository,
        "tak": settings.branch,
        "redactie": settings.editors_email,
        "schema_adres": data.site_url() + "schema/praktijk.schema.json",
        "praktijken": f"{CASE_FILES}/",
    }


def render_editor_data() -> str:
    return json.dumps(editor_data(), ensure_ascii=False, separators=(",", ":"))
