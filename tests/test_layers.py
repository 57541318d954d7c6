"""The generator's layers (sitegen.LAYERS: basis → check → render → builder → contribute →
cli): every module sits in its layer's folder, no module imports one from a higher layer,
and the README's layer table names the same folders and modules in the same order."""

from __future__ import annotations

import ast
import re

from conftest import REPO
from sitegen import LAYERS

PACKAGE = REPO / "scripts" / "sitegen"
LAYER_OF = {(folder, module): index for index, (_, folder, modules) in enumerate(LAYERS) for module in modules}


def where(path) -> tuple[str, str]:
    relative = path.relative_to(PACKAGE)
    return ("/".join(relative.parts[:-1]), relative.stem)


def imported_modules(path) -> set[tuple[str, str]]:
    """(folder, module) of every module of the package that ``path`` imports (relative imports:
    ``from .x import a``, ``from . import x`` and ``from ..folder import x``)."""
    folder, _ = where(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.ImportFrom) and node.level):
            continue
        base = folder.split("/") if folder else []
        parts = base[:len(base) - (node.level - 1)] + (node.module.split(".") if node.module else [])
        named = ("/".join(parts[:-1]), parts[-1]) if parts else None
        if named in LAYER_OF:  # from .model import Case
            found.add(named)
        else:  # from . import data, or from ..check import problems
            found.update(("/".join(parts), alias.name) for alias in node.names
                         if ("/".join(parts), alias.name) in LAYER_OF)
    return found


def modules():
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.stem != "__init__"]


def test_every_module_sits_in_its_layer_s_folder():
    assert sorted(where(p) for p in modules()) == sorted(LAYER_OF)
    assert len([p for p in PACKAGE.glob("*.py") if p.stem != "__init__"]) <= 7  # the root stays small


def test_no_import_runs_from_a_lower_layer_back_up():
    upward = [f"{where(p)} -> {target}" for p in modules() for target in imported_modules(p)
              if LAYER_OF[target] > LAYER_OF[where(p)]]
    assert upward == []


def test_the_import_reader_sees_every_kind_of_import():
    """Guards the guard: each form of relative import is read as the module it names."""
    render = PACKAGE / "render" / "render.py"
    assert {("", "data"), ("render", "previews"), ("render", "model")} <= imported_modules(render)


def test_the_readme_layer_table_is_this_list():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| `([\w/]*)` \| ([\w, ]+) \|", readme, re.MULTILINE)
    assert [(layer, folder.rstrip("/"), tuple(m.strip() for m in names.split(","))) for layer, folder, names in rows] \
        == [(layer, folder, modules) for layer, folder, modules in LAYERS]
