"""Reads one case file safely and remembers where every value stands.

The YAML is parsed with PyYAML's SafeLoader (nothing is ever executed) after
cheap checks on the raw bytes (size, UTF-8, tabs). Explicit tags and aliases
are refused at the event level, before anything is constructed, so that
``!!python/object`` and "billion laughs" documents cost microseconds.

The node tree gives each value its line and column, which is how every later
problem can point at ``file:line:column`` — the approach of publiccode-parser-go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import data
from . import problems
from .problems import Problem

Path_ = tuple  # a path into the data: ("bronnen", 0, "url")
Position = tuple[int, int]  # (line, column), both from 1


class CaseLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema can check them itself.

    PyYAML would turn ``2025-02-30`` into an exception and ``2025-02-03`` into a
    ``date``; keeping the text lets one rule report both clearly.
    """


class FastCaseLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader on libyaml (C), about ten times faster on valid files.

    libyaml words its syntax errors differently, so a file it refuses is read
    again with ``CaseLoader``, whose messages messages.yaml translates.
    """


for _loader in (CaseLoader, FastCaseLoader):
    _loader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )


@dataclass
class LoadedFile:
    path: str  # as given on the command line or relative to the repo
    data: Any = None
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    raw_scalars: dict[Path_, str] = field(default_factory=dict)  # text as typed
    problems: list[Problem] = field(default_factory=list)

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """Line and column of a value (or of its key), falling back to the nearest parent."""
        path = tuple(path)
        while True:
            table = self.key_positions if key and path in self.key_positions else self.value_positions
            if path in table:
                return table[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def line_of(self, path: Path_, *, key: bool = False) -> int:
        return self.position_of(path, key=key)[0]

    def problem(self, code: str, path: Path_ = (), *, at: Path_ | None = None, key: bool = False,
                **values) -> Problem:
        """A problem about field ``path``, placed where ``at`` (default: the field) stands."""
        line, column = self.position_of(path if at is None else at, key=key)
        return problems.make(self.path, line, code, column=column, field=path, **values)


# Rules on the text itself, before YAML reads it (data/regels.yaml, which the editor reads too).
TEXT_RULES = ("tab_inspringing", "vreemd_regeleinde", "stuurteken")
BLANK = " \t\r\n"  # what an empty file may hold


def _yaml_detail(error: yaml.YAMLError) -> str:
    """Dutch description of a PyYAML error, from the table in messages.yaml."""
    texts = data.messages()
    english = " ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)]))
    for prefix, name in texts["yaml_fouten"].items():
        if prefix in english:
            return texts["yaml_uitleg"][name]
    return texts["yaml_uitleg"]["onbekend"]


def _mark_position(error: yaml.YAMLError) -> Position:
    """Where to point: where the quote or bracket opened if the file ran out first."""
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    opened = getattr(error, "context", "") or ""
    # An unclosed quote or bracket is reported where the file ran out; the
    # contributor needs the line where it was opened.
    points_back = "flow" in opened or "quoted scalar" in opened
    mark = context if (points_back and context) else (problem or context)
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _scan_events(loaded: LoadedFile, text: str, loader_class) -> None:
    """Refuses tags, anchors, aliases and a second document before any object is built."""
    documents = 0
    for event in yaml.parse(text, Loader=loader_class):
        at = {"line": event.start_mark.line + 1, "column": event.start_mark.column + 1}
        # An alias (*naam), or the anchor (&naam) it would point at: neither is needed in a case.
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            loaded.problems.append(problems.make(loaded.path, code="yaml_verwijzing", **at))
            return  # one is enough; a bomb has thousands
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                loaded.problems.append(problems.make(loaded.path, code="meerdere_documenten", **at))
                return
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            loaded.problems.append(problems.make(loaded.path, code="yaml_label", waarde=shown, **at))


def _index(loaded: LoadedFile, node: yaml.Node, path: Path_ = ()) -> None:
    """Records the position of every value and key; reports duplicate keys."""
    loaded.value_positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        loaded.raw_scalars[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:null":  # ": tekst", "? ", "~: tekst"
                loaded.problems.append(problems.make(loaded.path, line, "lege_sleutel", column=column))
            if key in seen:  # reported here; the last value counts, so its positions do too
                loaded.problems.append(problems.make(
                    loaded.path, line, "dubbele_sleutel", column=column, field=(*path, key),
                    regel=seen[key]))
            else:
                seen[key] = line
            loaded.key_positions[(*path, key)] = (line, column)
            _index(loaded, value_node, (*path, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(loaded, item, (*path, index))


def _parse(loaded: LoadedFile, text: str, loader_class) -> None:
    """Events first (tags, aliases), then the node tree (lines), then the data."""
    _scan_events(loaded, text, loader_class)
    if loaded.problems:
        return
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _index(loaded, node)  # duplicate keys are reported; the last one counts
        loaded.data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def load_file(file: Path, shown_path: str) -> LoadedFile:
    """Loads one case file; problems found on the way are in ``.problems``."""
    loaded = LoadedFile(path=shown_path)
    limit_kb = data.settings().max_file_kb
    raw = file.read_bytes()
    if len(raw) > limit_kb * 1024:
        loaded.problems.append(problems.make(
            shown_path, 1, "bestand_te_groot", aantal=len(raw) // 1024, limiet=limit_kb))
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        # In characters, as an editor counts (the line's bytes before it, read as far as they go).
        before = raw[raw.rfind(b"\n", 0, error.start) + 1: error.start]
        column = len(before.decode("utf-8-sig" if line == 1 else "utf-8", errors="replace")) + 1
        loaded.problems.append(problems.make(shown_path, line, "geen_utf8", column=column))
        return loaded
    if not text.strip(BLANK):  # YAML's blanks only: Python's strip() also takes \x1e and the like
        loaded.problems.append(problems.make(shown_path, 1, "leeg_bestand"))
        return loaded
    for code in TEXT_RULES:
        for match in data.rule(code).finditer(text):
            offset = match.end() - 1 if code == "tab_inspringing" else match.start()  # at the tab
            loaded.problems.append(problems.make(shown_path, code=code, **_text_position(text, offset)))
    if loaded.problems:
        return loaded

    try:
        _parse(loaded, text, FastCaseLoader)
    except yaml.YAMLError as fast_error:
        loaded = LoadedFile(path=shown_path)
        try:
            _parse(loaded, text, CaseLoader)  # for PyYAML's wording of the error
            error = fast_error
        except yaml.YAMLError as slow_error:
            error = slow_error
        line, column = _mark_position(error)
        loaded.problems.append(problems.make(
            shown_path, line, "yaml_syntax", column=column, detail=_yaml_detail(error)))
        return loaded
    if loaded.problems:
        return loaded

    if loaded.data is None:
        loaded.problems.append(problems.make(shown_path, 1, "leeg_bestand"))
    elif not isinstance(loaded.data, dict):
        loaded.problems.append(problems.make(shown_path, 1, "geen_mapping",
                                             gevonden=json_type(loaded.data)))
    return loaded


def _text_position(text: str, offset: int) -> dict[str, int]:
    """Line and column of a character offset, counting only \\n as a line break (as editors do)."""
    start = text.rfind("\n", 0, offset) + 1
    return {"line": text.count("\n", 0, offset) + 1, "column": offset - start + 1}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


