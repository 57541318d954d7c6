"""``serve``: the last good site on localhost, rebuilt whenever a source is saved.

Open pages reload by themselves after a successful rebuild (a small script
added as each page is sent, never written to the site). A broken save prints
the Dutch problems and keeps the last good site online, unreloaded.

Watching is a poll of names, sizes and modification times once a second:
the standard library is enough for a few hundred source files, and a
rebuild takes longer than the poll anyway (watchfiles was considered; it
would add a compiled dependency to save under a second per save).
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

from .. import data
from .build import build_site, default_site_dir
from ..paths import DOCS, MKDOCS_YML, PRACTICES, REPO

POLL_SECONDS = 1


def fingerprint(roots: list[Path]) -> tuple:
    """Names, sizes and mtimes of every source file: changes when anything is saved.

    Only sources are watched; the build writes into the cache folder, never
    into them, so nothing has to be skipped.
    """
    entries = []
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
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


def serve(site_dir: Path | None, port: int) -> int:
    """Builds, serves site_dir on localhost and rebuilds when a source changes.

    Open pages reload by themselves after a successful rebuild. A broken save
    prints the Dutch problems and keeps the last good site online, unreloaded.
    """
    site_dir = (site_dir or default_site_dir()).resolve()
    build_site(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_LiveReloadHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    texts = data.messages()
    print(texts["serve_adres"].format(naam=f"http://127.0.0.1:{port}/"), flush=True)

    roots = [PRACTICES, DOCS, MKDOCS_YML, REPO / "scripts" / "sitegen"]
    last = fingerprint(roots)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            current = fingerprint(roots)
            if current != last:
                print(texts["serve_wijziging"], flush=True)
                # A fresh process, so edited data files and code count too.
                subprocess.run([sys.executable, str(REPO / "scripts" / "generate.py"), "build",
                                "--site-dir", str(site_dir)], check=False)
                last = fingerprint(roots)
    finally:
        server.shutdown()
