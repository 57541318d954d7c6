"""Builds the site atomically from the cases and the hand-written pages.

Nothing half-built is ever published: every case is checked first; then the
hand-written pages of ``docs/`` and the rendered Markdown are staged together
in a private folder, MkDocs builds from there, search.py indexes the result's words,
and only a complete, successful build replaces the site. ``docs/`` holds only
what people wrote: the generator never writes into it, so there is no list of
generated files to keep and nothing for a watcher to skip.

The cache folder (``.cache/`` beside ``mkdocs.yml``, the one folder a build
adds to a working tree) keeps the preview images by content, the built site
(``.cache/site/`` unless ``--site-dir`` says otherwise) and the Markdown of the
last good build with its config (``.cache/bron/``): plain Markdown that MkDocs
or another builder can build again, as the benchmark does. The next build
starts from those two and writes only what changed (incremental.py);
``--volledig`` builds everything again, as the publish workflow does.

MkDocs is called as a command (``python -m mkdocs build --strict``), so
another builder could take its place without touching the generator.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import data
from ..render import editor, previews
from . import finder, incremental, search
from ..check import reporters
from ..render.model import build_site_model
from ..paths import DOCS, MKDOCS_YML, PRACTICES, shown_path
from ..render.render import render_site
from ..render.sitemap import SITEMAP, render_sitemap
from ..check.validate import check_paths

QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CACHE = ".cache"  # beside mkdocs.yml: the one folder a build adds to a working tree
CHECKED = "controle.pickle"  # in the cache: each case file as the last check loaded and judged it
SOURCES = "bron"  # in the cache: mkdocs.yml and docs/ of the last good build
CONFIG = "mkdocs.yml"  # in the sources folder: the project's config plus the navigation
PROJECT_CONFIG = "mkdocs.project.yml"  # the project's mkdocs.yml, as the staged config inherits it
DIRTY_CONFIG = "mkdocs.incrementeel.yml"  # the staged config for an incremental build
DOCS_FOLDER = "docs"  # in the sources folder
STYLESHEET = "assets/site.css"  # gets the site's colours (site.yaml kleuren) as custom properties


def cache_folder(config: Path) -> Path:
    return config.parent / CACHE


def default_site_dir(config: Path = MKDOCS_YML) -> Path:
    return cache_folder(config) / "site"


def _sources(site, pages: dict[str, str], docs: Path, practices: Path, config: Path,
             cache: Path, site_dir: Path) -> incremental.Wanted:
    """Every file MkDocs builds from, by its path in the sources folder: content, or a cached image.

    The hand-written pages of docs/ plus the generated ones, the stylesheet
    with the site's colours, each case file as written (open data, and what
    "Wijzig deze praktijk" loads), the preview images, the sitemap, and
    mkdocs.yml with what site.yaml defines once.
    """
    wanted: incremental.Wanted = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            wanted[f"{DOCS_FOLDER}/{path.relative_to(docs).as_posix()}"] = path.read_bytes()
    for page, text in pages.items():
        name = f"{DOCS_FOLDER}/{page}"
        if name in wanted:  # a hand-written page and a generated one at one address
            raise ValueError(data.messages()["pagina_dubbel"].format(naam=page))
        wanted[name] = text.encode("utf-8")
    sheet = f"{DOCS_FOLDER}/{STYLESHEET}"
    wanted[sheet] = _colours().encode("utf-8") + wanted[sheet]
    for case in site.cases:
        wanted[f"{DOCS_FOLDER}/{editor.CASE_FILES}/{case.slug}.yaml"] = (practices / f"{case.slug}.yaml").read_bytes()
    for page, image in previews.write_previews(site.cases, cache / previews.FOLDER).items():
        wanted[f"{DOCS_FOLDER}/{page}"] = image
    markdown = {name.removeprefix(DOCS_FOLDER + "/"): content.decode("utf-8") for name, content in wanted.items()
                if name.endswith(".md") and not name.startswith(incremental.THEME)}
    wanted[f"{DOCS_FOLDER}/{SITEMAP}"] = render_sitemap(markdown).encode("utf-8")
    wanted.update(_config(config))
    wanted[incremental.STAMP] = incremental.stamp(site_dir)
    return wanted


def _config(config: Path) -> dict[str, bytes]:
    """mkdocs.yml for the staged pages: the project's own, plus what site.yaml defines once.

    MkDocs' INHERIT merges the two: the site's one name (site.yaml naam), the navigation, and for the theme's
    templates (header, footer, 404.html) the address of every fixed page.
    JSON is valid YAML, so no YAML writer is needed. The second file is for
    incremental builds: MkDocs reads only the changed pages then, so it cannot
    know the headings of the others that links point into; anchors are checked
    by every clean build (``--volledig``, and the publish workflow).
    """
    pages = data.settings().pages.values()
    extra = {"paginas": {p.name: p.address.lstrip("/") for p in pages},
             "voettekst": {p.address.lstrip("/"): p.footer for p in pages if p.footer}}
    nav = [{p.menu: p.file} for p in pages if p.menu]
    staged = (f"INHERIT: {PROJECT_CONFIG}\nsite_name: {json.dumps(data.settings().name, ensure_ascii=False)}\n"
              f"nav: {json.dumps(nav, ensure_ascii=False)}\n"
              f"extra: {json.dumps(extra, ensure_ascii=False)}\n")
    return {PROJECT_CONFIG: config.read_bytes(), CONFIG: staged.encode("utf-8"),
            DIRTY_CONFIG: f"INHERIT: {CONFIG}\nvalidation:\n  anchors: info\n".encode("utf-8")}


def _colours() -> str:
    """The colours of site.yaml, to put in front of the stylesheet as --kleur-<name>."""
    names = "".join(f"  --kleur-{name}: {value};\n" for name, value in data.settings().colours.items())
    return f"/* site.yaml kleuren (build.py) */\n:root {{\n{names}}}\n"


def _replace(new: Path, old: Path, staging: Path, name: str) -> None:
    """Puts ``new`` where ``old`` was with two renames; the previous one goes to staging."""
    if old.exists():
        old.rename(staging / name)
    old.parent.mkdir(parents=True, exist_ok=True)
    new.rename(old)


DIRTY_NOTICE = "A 'dirty' build is being performed"  # MkDocs' warning on every --dirty build


DISCARDED = "-weg"  # the suffix of a previous site that is being deleted in the background


def _discard(folder: Path) -> None:
    """Deletes ``folder`` in a process of its own: tens of thousands of files at 5,000
    cases, seconds that nobody needs to wait for once the new site is in place."""
    hidden = folder.with_name(folder.name + DISCARDED)
    folder.rename(hidden)
    subprocess.Popen(["rm", "-rf", "--", str(hidden)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def finish_discarding(folder: Path) -> None:
    """Deletes what builds in ``folder`` are still deleting in the background, for callers that
    must not measure or see it (tests, the benchmark). Deleting alongside ``rm -rf`` is harmless."""
    for leftover in folder.glob(f".bouw-*{DISCARDED}"):
        shutil.rmtree(leftover, ignore_errors=True)


def run_mkdocs(config: Path, site_dir: Path, *, dirty: bool = False) -> subprocess.CompletedProcess:
    """``mkdocs build --strict``; with ``dirty``, ``--dirty`` into a site that is already there.

    MkDocs warns on every dirty build, and strict mode counts that warning
    too, so a dirty build runs without --strict and fails here on any other
    warning: the same rule.
    """
    env = {**os.environ, **QUIET_MKDOCS, "SITE_URL": data.site_url()}
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)]
    built = subprocess.run([*command, "--dirty", "--no-strict"] if dirty else [*command, "--strict"],
                           capture_output=True, text=True, env=env, check=False)
    if dirty and built.returncode == 0:
        warnings = [line for line in (built.stdout + built.stderr).splitlines()
                    if line.startswith("WARNING") and DIRTY_NOTICE not in line]
        if warnings:
            return subprocess.CompletedProcess(built.args, 1, "\n".join(warnings), "")
    return built


def _rewritten() -> list[str]:
    """What the build writes into the site after MkDocs: the word index and the finder's files."""
    settings = data.settings()
    return [settings.word_index, f"{settings.cases_folder}/{settings.finder_columns}"]  # cards: only changed ones (finder.py)


class BuildFailed(Exception):
    """A build that stopped; its message is the Dutch text of what went wrong."""


@dataclass(frozen=True)
class Built:
    clean_reason: str | None  # why it was a clean build (a key of bouw_schoon); None: incremental
    changes: incremental.Changes


def _build(site, staging: Path, cache: Path, site_dir: Path, practices: Path, docs: Path,
           config: Path, clean: bool) -> Built:
    """Sources, MkDocs, the word index and the finder's files, in ``staging``; raises BuildFailed."""
    pages = render_site(site)
    try:
        wanted = _sources(site, pages, docs, practices, config, cache, site_dir)
    except ValueError as problem:
        raise BuildFailed(str(problem)) from problem
    previous = cache / SOURCES
    usable = not clean and incremental.last_good(previous, site_dir)
    sources = staging / SOURCES
    changes = incremental.write_sources(previous if usable else None, sources, wanted)
    reason = changes.clean_build_reason((CONFIG, PROJECT_CONFIG, DIRTY_CONFIG)) if usable else (
        "gevraagd" if clean else "geen_vorige")
    if reason is None:
        incremental.copy_site(site_dir, staging / "site", changes, DOCS_FOLDER, _rewritten())
        built = run_mkdocs(sources / DIRTY_CONFIG, staging / "site", dirty=True)
    else:
        built = run_mkdocs(sources / CONFIG, staging / "site")
    if built.returncode != 0:
        raise BuildFailed((built.stdout + built.stderr).strip() + "\n" + data.messages()["bouw_mislukt"])
    search.write_index(site, staging / "site")
    finder.write_finder_files(site, staging / "site")
    return Built(reason, changes)


def build_site(site_dir: Path | None = None, *, reporter: str = "tekst", practices: Path = PRACTICES,
               docs: Path = DOCS, config: Path = MKDOCS_YML, clean: bool = False,
               publishing: bool = False) -> int:
    """check → model → render → sources → mkdocs → word index → finder files → swap.

    Returns the exit code. Writes nothing outside ``site_dir`` and the cache
    folder: a contributor's working tree stays as it was (the address register
    needs no update, see addresses.py). Unless ``clean`` is set, it continues
    the last good build of ``site_dir`` where it can (see incremental.py).
    ``publishing`` stops when site.yaml does not say who publishes the site and
    where to write (the colofon page); any other build only warns.
    """
    texts = data.messages()
    missing = " en ".join(f"'{key}'" for key in data.settings().identity_missing)
    if missing:  # a published site says who stands behind it (the colofon page)
        print(texts["afzender_ontbreekt" if publishing else "afzender_waarschuwing"].format(naam=missing))
        if publishing:
            return 1
    result = check_paths([practices], shown=shown_path, cache=cache_folder(config) / CHECKED)
    if result.problems:
        print(reporters.REPORTERS[reporter](result.problems, len(result.files)))
    if not result.ok:
        print(texts["bouw_gestopt"])
        return 1

    site = build_site_model(result.valid_files)
    cache = cache_folder(config)
    site_dir = (site_dir or default_site_dir(config)).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside site_dir, so that the swap is a rename on one file system.
    staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=site_dir.parent))
    try:
        try:
            built = _build(site, staging, cache, site_dir, practices, docs, config, clean)
        except BuildFailed as failure:
            print(failure)
            return 1
        _replace(staging / "site", site_dir, staging, "vorige-site")
        # The sources just built: for the next build, for another builder, or a look at what was generated.
        previous = cache / SOURCES
        incremental.remember_site(staging / SOURCES, site_dir)
        shutil.rmtree(previous, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / SOURCES, previous)
        # The previous site and sources are no longer served: deleted while the next edit is made.
        _discard(staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a failure; the staging folder is gone otherwise
    how = texts["bouw_schoon"][built.clean_reason] if built.clean_reason else texts["bouw_bijgewerkt"].format(
        aantal=sum(name.endswith(".md") for name in built.changes.written))
    print(texts["bouw_klaar"].format(naam=shown_path(site_dir), aantal=len(result.valid_files), hoe=how))
    return 0
