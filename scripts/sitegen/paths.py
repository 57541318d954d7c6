"""Where things are in the repository."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRACTICES = REPO / "practices"
DOCS = REPO / "docs"
MKDOCS_YML = REPO / "mkdocs.yml"
PACKAGE = Path(__file__).resolve().parent  # the generator: its code, data and templates
TEMPLATES = PACKAGE / "templates"


def shown_path(path: Path) -> str:
    """A path as contributors know it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)
