"""The generator's layers (load → validate → model → render → build): no module imports
one from a higher layer, so each can be read, tested and replaced from the bottom up."""

from __future__ import annotations

import ast

from conftest import REPO

PACKAGE = REPO / "scripts" / "sitegen"
# Lowest first. A module may import from its own layer or a lower one.
LAYERS = [
    {"paths", "data", "gitcmd"},  # where things are, the data files, git
    {"problems"},  # problems as data
    {"load", "reporters"},  # reading a file; turning problems into words
    {"schema_rules", "content_rules", "addresses"},  # rules about one case, addresses
    {"across_files", "validate"},  # rules across files, and the walk over them
    {"model", "linkcheck"},
    {"formats", "previews", "render", "issue_form", "scaffold", "editor"},
    {"search", "finder", "incremental"},  # the build's parts
    {"build"},
    {"serve", "github"},
    {"cli"},
]


def imported_modules(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set().union(*LAYERS)


def test_no_import_runs_from_a_lower_layer_back_up():
    layer_of = {name: index for index, layer in enumerate(LAYERS) for name in layer}
    upward = []
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem == "__init__":
            continue
        for target in imported_modules(path):
            if layer_of[target] > layer_of[path.stem]:
                upward.append(f"{path.stem} -> {target}")
    assert upward == []
