"""Incremental builds: only changed files are written, and MkDocs rebuilds only those pages.

The last good build leaves its sources (mkdocs.yml and docs/) in the cache
folder, beside the site built from them. A new build then:

1. makes its sources in the staging folder as hard links to the last good
   ones (instant, no extra space) and writes only the files whose content
   changed. The others keep their modification time, which is how MkDocs'
   ``--dirty`` tells an unchanged page: its output is newer than its source.
2. links the last good site into the staging folder, and removes from that
   copy every file that will be written again: the outputs of the changed
   sources, the theme's static templates and what the build writes after
   MkDocs. A link is the same file as in the published site, so writing
   into it in place would change the published site before the swap; a
   removed link leaves the published file alone, and the new file is a new one.
3. runs MkDocs with ``--dirty``.

A clean build is made instead when there is no last good build for this site
folder, when the versions of MkDocs or Material changed (the stamp),
when the configuration or the theme's templates changed (they shape every
page), or when a page was removed (pages that linked to it must be checked
again). Nothing here depends on what MkDocs does inside; only on the
documented meaning of ``--dirty`` and on where it writes a page.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

STAMP = ".stempel.json"  # in the sources folder: what a build can only be continued by
SITE_INODE = ".site"  # in the sources folder: which built folder these sources made
THEME = "docs/overrides/"  # the theme's templates: each page is made with them
# The theme's static templates, written by every MkDocs build, dirty or not.
ALWAYS_WRITTEN = ("404.html", "sitemap.xml", "sitemap.xml.gz")

Wanted = dict[str, "bytes | Path"]  # path in the sources folder -> content, or a cached file to link


@dataclass
class Changes:
    """What a build changed in the sources, as paths in the sources folder."""
    written: set[str] = field(default_factory=set)  # added or changed
    removed: set[str] = field(default_factory=set)

    def clean_build_reason(self, config_files: tuple[str, ...]) -> str | None:
        """Why these changes need a clean build (a code of messages.yaml), or None."""
        touched = self.written | self.removed
        if STAMP in touched:
            return "versies"
        if any(path in config_files or path.startswith(THEME) for path in touched):
            return "configuratie"
        if any(path.endswith(".md") for path in self.removed):
            return "pagina_weg"
        return None


def stamp(site_dir: Path) -> bytes:
    """The stamp of a build: the site folder and the versions of the tools that made it."""
    versions = {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material")}
    return json.dumps({"site": str(site_dir), **versions}, sort_keys=True).encode()


def last_good(sources: Path, site_dir: Path) -> bool:
    """Whether ``sources`` are what ``site_dir`` (as it stands) was built from."""
    try:
        return (sources / SITE_INODE).read_text() == str(site_dir.stat().st_ino)
    except OSError:
        return False


def remember_site(sources: Path, site_dir: Path) -> None:
    (sources / SITE_INODE).write_text(str(site_dir.stat().st_ino))


def link_tree(source: Path, target: Path) -> None:
    """A copy of ``source`` made of hard links: no file is copied."""
    shutil.copytree(source, target, copy_function=os.link, symlinks=True)


def _files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if not path.is_dir()}


def _same(path: Path, content: bytes | Path) -> bool:
    try:
        if isinstance(content, Path):
            return os.path.samefile(path, content)
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _prune(root: Path, paths: set[str]) -> None:
    """Removes folders that ``paths`` leave empty, up to ``root``."""
    for path in sorted(paths, key=len, reverse=True):
        folder = (root / path).parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def write_sources(previous: Path | None, target: Path, wanted: Wanted) -> Changes:
    """Makes ``target`` hold exactly ``wanted``, starting from a linked copy of ``previous``.

    Only files whose content differs are written (as new files, so the
    previous sources keep theirs); the others keep their modification time.
    Cached files (a Path) are linked, not copied: the preview images.
    """
    if previous is not None:
        link_tree(previous, target)
    existing = _files(target) if previous is not None else set()
    changes = Changes()
    for name, content in wanted.items():
        path = target / name
        if name in existing and _same(path, content):
            continue
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            try:
                os.link(content, path)
            except OSError:  # another file system
                shutil.copyfile(content, path)
        else:
            path.write_bytes(content)
        changes.written.add(name)
    changes.removed = existing - wanted.keys()
    for name in changes.removed:
        (target / name).unlink()
    _prune(target, changes.removed)
    return changes


def site_outputs(source: str) -> list[str]:
    """Where MkDocs puts a file of docs/, with its default directory addresses:
    ``a/b.md`` -> ``a/b/index.html``, ``a/index.md`` -> ``a/index.html``; other files as they are."""
    if not source.endswith(".md"):
        return [source]
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return [f"{stem}.html"]
    return [f"{stem}/index.html"]


def copy_site(last_site: Path, target: Path, changes: Changes, docs: str, rewritten: list[str]) -> None:
    """The last good site as links in ``target``, without what this build writes again:
    the outputs of changed or removed files of ``docs`` (the docs folder's path in the
    sources folder), the theme's static templates and the ``rewritten`` paths (files or
    folders the build writes after MkDocs)."""
    link_tree(last_site, target)
    prefix = docs.rstrip("/") + "/"
    gone = set()
    for name in changes.written | changes.removed:
        if name.startswith(prefix):
            gone.update(site_outputs(name.removeprefix(prefix)))
    gone.update(ALWAYS_WRITTEN)
    for name in [*gone, *rewritten]:
        _remove(target / name)
    _prune(target, gone)
