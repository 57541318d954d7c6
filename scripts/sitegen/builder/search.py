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

import contextlib
import gzip
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from .. import data

PAGEFIND_VERSION = "1.5.2"  # the version whose fragment format page_ids() reads
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's marker before the JSON of a fragment
SITE_INDEX = "pagefind"  # the site's own index, in the built site (Pagefind's default folder)
ENTRY = "pagefind-entry.json"
BODY_START = "<div data-pagefind-body>"  # what Pagefind indexes (docs/overrides/main.html) ...
BODY_END = "<!-- einde zoektekst -->"  # ... ends where main.html puts this comment  # Pagefind's own description of an index, with its version


class SearchIndexError(Exception):
    """Pagefind's output is not what this module can read; the message is Dutch."""


def run_pagefind(pages: Path, output: Path) -> subprocess.CompletedProcess:
    """Builds a Dutch search index (stemming from <html lang="nl">) of the pages in
    ``pages`` into ``output``."""
    return subprocess.run(_pagefind(pages, output), capture_output=True, text=True, check=False)


def _pagefind(pages: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(pages), "--quiet", "--output-path", str(output)]


def _pages_then_pagefind(make_pages, pages: Path, output: Path, log: Path) -> None:
    """In the child process: write the pages, then index them; the exit code tells how it went.

    Niced and on one thread: the build's own work on the other core comes first,
    and this still ends long before the site's index, which waits for MkDocs.
    """
    os.nice(10)
    make_pages(pages)
    done = subprocess.run(_pagefind(pages, output), capture_output=True, text=True, check=False,
                          env={**os.environ, "RAYON_NUM_THREADS": "1"})
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    os._exit(done.returncode)  # not sys.exit: that would print the parent's unflushed output again


@contextlib.contextmanager
def in_background(make_pages, pages: Path, output: Path):
    """``make_pages(pages)``, then Pagefind over them, in a child process while the build goes on;
    yields a function that waits for it.

    The finder's index needs only the model, so it is made while the pages
    are rendered and built: one core for the build, the other for this. A
    forked child shares the model without copying it. Leaving the block stops
    a run that was not waited for.
    """
    log = output.with_name(output.name + ".log")
    sys.stdout.flush()
    sys.stderr.flush()
    child = multiprocessing.get_context("fork").Process(
        target=_pages_then_pagefind, args=(make_pages, pages, output, log), daemon=True)
    child.start()

    def wait() -> subprocess.CompletedProcess:
        child.join()
        text = log.read_text(encoding="utf-8") if log.is_file() else ""
        return subprocess.CompletedProcess(["pagefind", str(pages)], child.exitcode, text, "")
    try:
        yield wait
    finally:
        if child.is_alive():
            child.kill()
            child.join()


def finder_index(site_dir: Path) -> Path:
    """Where the finder's Pagefind index goes in a built site."""
    settings = data.settings()
    return site_dir / settings.cases_folder / settings.finder_index


def write_search_copies(site_dir: Path, folder: Path) -> int:
    """What Pagefind reads of each page it indexes: the head and the data-pagefind-body part.

    Pagefind parses every page whole to find that part, and Material's
    header, navigation and icons are most of a page; reading only the part
    halves the time of the site's index at 5,000 cases, with the same index
    (test_build.py compares them). Pages are written in one fixed order, as
    Pagefind lists values in the order it meets them. Returns how many pages.
    """
    count = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        start = text.find(BODY_START)
        if start < 0:
            continue
        end = text.index(BODY_END, start)
        copy = folder / page.relative_to(site_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text[: text.index("</head>")] + "</head><body>" + text[start:end] + "</body></html>",
                        encoding="utf-8")
        count += 1
    return count


def index_site(site_dir: Path, work: Path) -> subprocess.CompletedProcess:
    """The site's own index (``pagefind/``) of a built site, made from copies in ``work``."""
    write_search_copies(site_dir, work)
    return run_pagefind(work, site_dir / SITE_INDEX)


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
