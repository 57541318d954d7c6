"""Every Pagefind run of the build, and the one place that reads Pagefind's output.

The site has one search subsystem in the browser (docs/assets/zoekhulp.js,
used by the search page and by the finder) on two indexes that this module
builds: the site's own (``pagefind/``: every page, every occurrence of a
word, for excerpts) and the finder's (``praktijken/zoekindex/``: one small
page per case, each word once, see finder.py).

Pagefind's JavaScript names a result only by its page id, so the finder needs
the id of each case. Those ids are read here from the fragments Pagefind
wrote, a format Pagefind does not document: it is read only for the pinned
version (PAGEFIND_VERSION, the one in pyproject.toml), and any other version
or an unexpected fragment stops the build with a Dutch message instead of a
finder that silently shows nothing.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from . import data

PAGEFIND_VERSION = "1.5.2"  # the version whose fragment format page_ids() reads
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's marker before the JSON of a fragment
ENTRY = "pagefind-entry.json"  # Pagefind's own description of an index, with its version


class SearchIndexError(Exception):
    """Pagefind's output is not what this module can read; the message is Dutch."""


def run_pagefind(site_dir: Path, output: Path | None = None) -> subprocess.CompletedProcess:
    """Builds a Dutch search index (stemming from <html lang="nl">) of the pages in
    ``site_dir``: into site_dir/pagefind/, or into ``output``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    if output:
        command += ["--output-path", str(output)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def finder_index(site_dir: Path) -> Path:
    """Where the finder's Pagefind index goes in a built site."""
    settings = data.settings()
    return site_dir / settings.cases_folder / settings.finder_index


def index_site(site_dir: Path, finder_pages: Path) -> subprocess.CompletedProcess:
    """Both indexes of a built site: the site's own, then the finder's of ``finder_pages``."""
    built = run_pagefind(site_dir)
    if built.returncode == 0:
        built = run_pagefind(finder_pages, finder_index(site_dir))
    return built


def _check_version(bundle: Path) -> None:
    texts = data.messages()
    try:
        version = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        raise SearchIndexError(texts["pagefind_formaat"].format(naam=bundle / ENTRY)) from None
    if version != PAGEFIND_VERSION:
        raise SearchIndexError(texts["pagefind_versie"].format(
            gevonden=version, verwacht=PAGEFIND_VERSION))


def fragments(bundle: Path) -> dict[str, dict]:
    """Pagefind id without language (``a1b2c3d``) -> what Pagefind stored of that page
    (its ``url``, the ``content`` it indexed, ...)."""
    _check_version(bundle)
    found = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        try:
            raw = gzip.decompress(fragment.read_bytes())
            if raw.startswith(FRAGMENT_SIGNATURE):
                raw = raw[len(FRAGMENT_SIGNATURE):]
            stored = json.loads(raw)
            stored["url"] + stored["content"]  # the two fields this project reads
        except (OSError, ValueError, KeyError, TypeError):
            raise SearchIndexError(data.messages()["pagefind_formaat"].format(naam=fragment)) from None
        found[fragment.name.removesuffix(".pf_fragment").split("_", 1)[-1]] = stored
    return found


def page_ids(bundle: Path) -> dict[str, str]:
    """Page address (``/praktijken/x/``) -> Pagefind id without language (``a1b2c3d``)."""
    return {stored["url"]: page_id for page_id, stored in fragments(bundle).items()}
