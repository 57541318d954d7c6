"""Builds the site atomically from the cases and the hand-written pages.

Nothing half-built is ever published: every case is checked first; then the
hand-written pages of ``docs/`` and the rendered Markdown are staged together
in a private folder, MkDocs builds from there, search.py indexes the result,
and only a complete, successful build replaces the site. ``docs/`` holds only
what people wrote: the generator never writes into it, so there is no list of
generated files to keep and nothing for a watcher to skip.

The cache folder (``.cache/`` beside ``mkdocs.yml``, the one folder a build
adds to a working tree) keeps the preview images by content, the built site
(``.cache/site/`` unless ``--site-dir`` says otherwise) and the Markdown of the
last good build with its config (``.cache/bron/``): plain Markdown that MkDocs
or another builder can build again, as the benchmark does.

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
from pathlib import Path

from . import data, editor, finder, previews, reporters, search
from .model import build_site_model
from .paths import DOCS, MKDOCS_YML, PRACTICES, shown_path
from .render import render_site
from .validate import check_paths

QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CACHE = ".cache"  # beside mkdocs.yml: the one folder a build adds to a working tree
SOURCES = "bron"  # in the cache: mkdocs.yml and docs/ of the last good build
PROJECT_CONFIG = "mkdocs.project.yml"  # the project's mkdocs.yml, as the staged config inherits it
STYLESHEET = "assets/site.css"  # gets the site's colours (site.yaml kleuren) as custom properties


def cache_folder(config: Path) -> Path:
    return config.parent / CACHE


def default_site_dir(config: Path = MKDOCS_YML) -> Path:
    return cache_folder(config) / "site"


def _stage_docs(docs: Path, target: Path, pages: dict[str, str]) -> None:
    """The hand-written pages of docs/ plus the generated ones, in one folder to build."""
    shutil.copytree(docs, target, ignore=shutil.ignore_patterns("__pycache__"))
    for page, text in pages.items():
        path = target / page
        if path.exists():  # a hand-written page and a generated one at one address
            raise ValueError(data.messages()["pagina_dubbel"].format(naam=page))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _stage_config(config: Path, sources: Path) -> None:
    """mkdocs.yml for the staged pages: the project's own, plus what site.yaml defines once.

    MkDocs' INHERIT merges the two: the navigation, and for the theme's
    templates (header, footer, 404.html) the address of every fixed page.
    JSON is valid YAML, so no YAML writer is needed.
    """
    shutil.copy2(config, sources / PROJECT_CONFIG)
    pages = data.settings().pages.values()
    extra = {"paginas": {p.name: p.address.lstrip("/") for p in pages},
             "voettekst": {p.address.lstrip("/"): p.footer for p in pages if p.footer}}
    nav = [{p.menu: p.file} for p in pages if p.menu]
    (sources / "mkdocs.yml").write_text(
        f"INHERIT: {PROJECT_CONFIG}\nnav: {json.dumps(nav, ensure_ascii=False)}\n"
        f"extra: {json.dumps(extra, ensure_ascii=False)}\n", encoding="utf-8")


def _stage_colours(docs: Path) -> None:
    """Puts the colours of site.yaml in front of the stylesheet, as --kleur-<name>."""
    sheet = docs / STYLESHEET
    names = "".join(f"  --kleur-{name}: {value};\n" for name, value in data.settings().colours.items())
    sheet.write_text(f"/* site.yaml kleuren (build.py) */\n:root {{\n{names}}}\n"
                     + sheet.read_text(encoding="utf-8"), encoding="utf-8")


def _replace(new: Path, old: Path, staging: Path, name: str) -> None:
    """Puts ``new`` where ``old`` was with two renames; the previous one goes to staging."""
    if old.exists():
        old.rename(staging / name)
    old.parent.mkdir(parents=True, exist_ok=True)
    new.rename(old)


def run_mkdocs(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **QUIET_MKDOCS, "SITE_URL": data.site_url()}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, check=False,
    )


def build_site(site_dir: Path | None = None, *, reporter: str = "tekst",
               practices: Path = PRACTICES, docs: Path = DOCS, config: Path = MKDOCS_YML) -> int:
    """check → model → render → stage → mkdocs → search indexes → finder files → swap.

    Returns the exit code. Writes nothing outside ``site_dir`` and the cache
    folder: a contributor's working tree stays as it was (the address register
    needs no update, see addresses.py).
    """
    texts = data.messages()
    result = check_paths([practices], shown=shown_path)
    if result.problems:
        print(reporters.REPORTERS[reporter](result.problems, len(result.files)))
    if not result.ok:
        print(texts["bouw_gestopt"])
        return 1

    site = build_site_model(result.valid_files)
    pages = render_site(site)
    cache = cache_folder(config)
    site_dir = (site_dir or default_site_dir(config)).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Beside site_dir, so that the swap is a rename on one file system.
    staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=site_dir.parent))
    sources = staging / SOURCES
    try:
        try:
            _stage_docs(docs, sources / "docs", pages)
        except ValueError as problem:
            print(problem)
            return 1
        _stage_colours(sources / "docs")
        # Each case file as written: open data, and what "Wijzig deze praktijk" loads.
        (sources / "docs" / editor.CASE_FILES).mkdir(parents=True, exist_ok=True)
        for case in site.cases:
            shutil.copy2(practices / f"{case.slug}.yaml", sources / "docs" / editor.CASE_FILES)
        previews.write_previews(site.cases, cache / previews.FOLDER, sources / "docs")
        previews.write_thumbnails(site.cases[: data.settings().newest_on_home], sources / "docs")
        _stage_config(config, sources)
        built = run_mkdocs(sources / "mkdocs.yml", staging / "site")
        if built.returncode == 0:  # the finder's own index is made from one small page per case
            finder.write_search_pages(site, staging / "vinder")
            built = search.index_site(staging / "site", staging / "vinder")
        if built.returncode != 0:
            print((built.stdout + built.stderr).strip())
            print(texts["bouw_mislukt"])
            return 1
        try:
            finder.write_finder_files(site, staging / "site")
        except (ValueError, search.SearchIndexError) as problem:
            print(problem)
            return 1
        _replace(staging / "site", site_dir, staging, "vorige-site")
        # The Markdown just built, for another builder or a look at what was generated.
        shutil.rmtree(cache / SOURCES, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        shutil.move(sources, cache / SOURCES)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(texts["bouw_klaar"].format(naam=shown_path(site_dir), aantal=len(result.valid_files)))
    return 0
