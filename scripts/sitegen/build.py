"""Builds the site atomically, and serves it while watching for changes.

Nothing half-built is ever published: every case is checked first, the
Markdown is rendered and MkDocs builds in a private staging folder, and only a
complete, successful build replaces ``site/`` and the generated Markdown in
``docs/``. A failure leaves both exactly as they were.

MkDocs is called as a command (``python -m mkdocs build --strict``) on a plain
copy of ``docs/`` plus the generated pages, so another builder could take its
place without touching the generator. Pagefind then indexes the built HTML, and
a second time the finder's own pages; finder.py adds its filter columns and
result cards beside them.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import data, finder, previews, reporters
from .model import build_site_model
from .paths import DOCS, MKDOCS_YML, PRACTICES, REPO, shown_path
from .render import render_site
from .validate import check_paths

MANIFEST = ".gegenereerd.json"  # in docs/: which files the last build generated
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _previously_generated(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _stage_docs(docs: Path, target: Path, pages: dict[str, str]) -> None:
    """Hand-written docs/ (minus the last build's output) plus the new pages."""
    old = _previously_generated(docs) | {MANIFEST}

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(docs)
        return {n for n in names if (relative / n).as_posix() in old}

    shutil.copytree(docs, target, ignore=ignore)
    for page, text in pages.items():
        path = target / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _publish_pages(docs: Path, pages: dict[str, str]) -> None:
    """Writes the generated Markdown into docs/, removing pages that are gone.

    Unchanged files are not rewritten, so their timestamps (and any watcher)
    stay quiet.
    """
    stale = _previously_generated(docs) - set(pages)
    for page in sorted(stale):
        (docs / page).unlink(missing_ok=True)
    for page, text in pages.items():
        path = docs / page
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (docs / MANIFEST).write_text(json.dumps(sorted(pages), indent=1), encoding="utf-8")
    # Folders that only held removed pages (e.g. a province without cases) go too.
    for folder in sorted({(docs / p).parent for p in stale}, reverse=True):
        if folder != docs and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _swap_in(new_site: Path, site_dir: Path, staging: Path) -> None:
    """Replaces site_dir by new_site with two renames on one file system."""
    if site_dir.exists():
        site_dir.rename(staging / "vorige-site")
    new_site.rename(site_dir)


def run_mkdocs(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **QUIET_MKDOCS, "SITE_URL": data.site_url()}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, check=False,
    )


def run_pagefind(site_dir: Path, output: Path | None = None) -> subprocess.CompletedProcess:
    """Builds a Dutch search index (stemming from <html lang="nl">) of the pages in
    ``site_dir``: into site_dir/pagefind/, or into ``output``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    if output:
        command += ["--output-path", str(output)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def build_site(site_dir: Path, *, reporter: str = "tekst", practices: Path = PRACTICES,
               docs: Path = DOCS, config: Path = MKDOCS_YML) -> int:
    """check → model → render → mkdocs, pagefind and finder files in staging → swap. Returns the exit code.

    Writes nothing outside ``site_dir`` and the generated pages in ``docs/``:
    a contributor's working tree stays as it was (the address register needs
    no update, see addresses.py).
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
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=site_dir.parent))
    try:
        _stage_docs(docs, staging / "docs", pages)
        # Images go straight to the staged docs: binary build output, not for docs/.
        previews.write_previews(site.cases, practices.parent / ".cache" / previews.FOLDER,
                                staging / "docs")
        previews.write_thumbnails(site.cases[: data.site()["nieuwste_op_home"]], staging / "docs")
        shutil.copy2(config, staging / "mkdocs.yml")
        built = run_mkdocs(staging / "mkdocs.yml", staging / "site")
        if built.returncode == 0:
            built = run_pagefind(staging / "site")
        if built.returncode == 0:  # the finder's own index, of one small page per case
            finder.write_search_pages(site, staging / "vinder")
            built = run_pagefind(staging / "vinder", finder.search_index(staging / "site"))
        if built.returncode != 0:
            print((built.stdout + built.stderr).strip())
            print(texts["bouw_mislukt"])
            return 1
        try:
            finder.write_finder_files(site, staging / "site")
        except ValueError as problem:  # a case missing from the finder's index
            print(problem)
            return 1
        _publish_pages(docs, pages)
        _swap_in(staging / "site", site_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(texts["bouw_klaar"].format(naam=shown_path(site_dir), aantal=len(result.valid_files)))
    return 0


# -- serve ---------------------------------------------------------------------


def _fingerprint(roots: list[Path], skip: set[Path]) -> tuple:
    """Names, sizes and mtimes of every source file: changes when anything is saved."""
    entries = []
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if path.is_file() and path not in skip and "__pycache__" not in path.parts:
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


RELOAD_PATH = "/.herladen"  # answers the version of the site being served
# Added to each HTML page as `serve` sends it (never written to site/): polls the
# version and reloads the page once a rebuild has swapped in a new site.
RELOAD_SCRIPT = ('<script>(function(){{var v="{version}";setInterval(function(){{'
                 'fetch("{path}",{{cache:"no-store"}}).then(function(r){{return r.text()}})'
                 '.then(function(t){{if(t!==v)location.reload()}}).catch(function(){{}})}},1000)}})();'
                 '</script>')


def site_version(site_dir: Path) -> str:
    """Changes exactly when a build swaps in a new site (a new folder, so a new inode)."""
    try:
        stat = site_dir.stat()
    except OSError:
        return ""
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


class _LiveReloadHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the last good site and makes open pages reload after a successful rebuild."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - name of the base class
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        site_dir = Path(self.directory)
        if address == RELOAD_PATH:
            return self._send(200, "text/plain; charset=utf-8", site_version(site_dir).encode())
        path = Path(self.translate_path(self.path))
        if path.is_dir() and address.endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().do_GET()
        script = RELOAD_SCRIPT.format(version=site_version(site_dir), path=RELOAD_PATH)
        html = path.read_text(encoding="utf-8")
        html = html.replace("</body>", script + "</body>", 1) if "</body>" in html else html + script
        return self._send(200, "text/html; charset=utf-8", html.encode("utf-8"))


def serve(site_dir: Path, port: int) -> int:
    """Builds, serves site_dir on localhost and rebuilds when a source changes.

    Open pages reload by themselves after a successful rebuild. A broken save
    prints the Dutch problems and keeps the last good site online, unreloaded.
    """
    site_dir = site_dir.resolve()
    build_site(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_LiveReloadHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    texts = data.messages()
    print(texts["serve_adres"].format(naam=f"http://127.0.0.1:{port}/"), flush=True)

    roots = [PRACTICES, DOCS, MKDOCS_YML, REPO / "scripts" / "sitegen"]

    def fingerprint() -> tuple:
        generated = {DOCS / p for p in _previously_generated(DOCS)} | {DOCS / MANIFEST}
        return _fingerprint(roots, generated)

    last = fingerprint()
    try:
        while True:
            time.sleep(1)
            current = fingerprint()
            if current != last:
                print(texts["serve_wijziging"], flush=True)
                # A fresh process, so edited data files and code count too.
                subprocess.run([sys.executable, str(REPO / "scripts" / "generate.py"), "build",
                                "--site-dir", str(site_dir)], check=False)
                last = fingerprint()
    finally:
        server.shutdown()
