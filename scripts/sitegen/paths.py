"""Where things are in the repository, and the source documents beside it."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRACTICES = REPO / "practices"
DOCS = REPO / "docs"
MKDOCS_YML = REPO / "mkdocs.yml"
PACKAGE = Path(__file__).resolve().parent  # the generator: its code, data and templates
TEMPLATES = PACKAGE / "templates"

# The source documents (third-party publications, as text) are not in the
# repository. CI has them beside it; anyone else names their folder.
SOURCE_DOCUMENTS_VARIABLE = "BRONDOCUMENTEN"
DEFAULT_SOURCE_DOCUMENTS = REPO.parent / "shared" / "seeds"


def source_documents() -> Path | None:
    """The folder with the source documents (``*.txt``), or None where there is none.

    A folder named in ``BRONDOCUMENTEN`` must exist: a typo there would otherwise
    quietly turn every check against the sources into a skip.
    """
    named = os.environ.get(SOURCE_DOCUMENTS_VARIABLE)
    if named:
        folder = Path(named).expanduser().resolve()
        if not folder.is_dir() or not any(folder.glob("*.txt")):
            raise FileNotFoundError(f"{SOURCE_DOCUMENTS_VARIABLE}={named}: geen map met brondocumenten (*.txt)")
        return folder
    return DEFAULT_SOURCE_DOCUMENTS if DEFAULT_SOURCE_DOCUMENTS.is_dir() else None


def shown_path(path: Path) -> str:
    """A path as contributors know it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)
