"""What many tests need, written once: the generator as a contributor runs it, copies of
the project to build in, a static host like GitHub Pages, a host that answers every
HTTP status (for the link check), and an HTML link reader.

Nothing here writes into the working tree: every build happens in a copy under
pytest's temporary folder, with its own cache folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "scripts" / "generate.py"
SOURCES = ("practices", "docs", "mkdocs.yml")  # what a build reads besides the generator


def generate(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Runs scripts/generate.py as a contributor would: the one in ``cwd`` if it has one."""
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_DEBUG"}
    script = cwd / "scripts" / "generate.py"
    return subprocess.run([sys.executable, str(script if script.is_file() else GENERATE), *args],
                          cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def sandbox_copy(target: Path, source: Path = REPO, names: tuple[str, ...] = SOURCES) -> Path:
    """A copy of the project's sources (or of another sandbox), so builds cannot touch them."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / name, target / name)
    return target


def build_sandbox(sandbox: Path) -> int:
    """Builds a sandbox into sandbox/site with the real generator, in this process."""
    from sitegen.builder.build import build_site

    return build_site(sandbox / "site", practices=sandbox / "practices", docs=sandbox / "docs",
                      config=sandbox / "mkdocs.yml")


def wait_until_cleaned_up(folder: Path) -> None:
    """Finishes the deletion that a successful build leaves running in the background
    (build._discard), with no polling. Any other staging folder left behind is a defect and
    stays for the test to see."""
    from sitegen.builder.build import DISCARDED, finish_discarding

    finish_discarding(folder)
    assert not list(folder.glob(f".bouw-*{DISCARDED}")), list(folder.glob(f".bouw-*{DISCARDED}"))


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path, with a hash of its bytes: two trees are the
    same when these are equal, and a difference names the files."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files like GitHub Pages does: a missing address gets 404.html, status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page while a file is still coming closes the connection: no
    traceback in the test log for that. Any other error is still printed."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


_served_ports: set[int] = set()  # every port a static host of this process has had


def _server_on_a_new_port(handler) -> _QuietServer:
    """A server on a port that no earlier static host of this process had. The browser
    tests share contexts (conftest.Tabs): a file that the browser kept from an earlier site
    at the same address must never stand in for this site's."""
    taken = []
    while True:
        server = _QuietServer(("127.0.0.1", 0), handler)
        if server.server_address[1] not in _served_ports:
            break
        taken.append(server)  # stays bound until a new port is found, so it is not offered again
    for old in taken:
        old.server_close()
    _served_ports.add(server.server_address[1])
    return server


@contextlib.contextmanager
def static_host(folder: Path) -> Iterator[str]:
    """Serves a built site on a free port as a static host would, a port that this process
    has not served another site on; always stops."""
    handler = functools.partial(_StaticHost, directory=str(folder))
    server = _server_on_a_new_port(handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class PageLinks(HTMLParser):
    """Everything a page points at (href, src, og: images, meta refresh), its scripts,
    its <html lang> and its visible text."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[dict] = []  # the attributes of each <script src>
        self.lang = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for attribute in ("href", "src"):
            if attrs.get(attribute):
                self.urls.append((tag, attribute, attrs[attribute]))
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs)
        content = attrs.get("content") or ""
        if tag == "meta" and (attrs.get("property") or "").startswith("og:") and content.startswith("http"):
            self.urls.append((tag, "content", content))
        if tag == "meta" and attrs.get("http-equiv") == "refresh" and "url=" in content:
            self.urls.append((tag, "content", content.split("url=", 1)[1]))

    def handle_data(self, text):
        self.text.append(text)

    @property
    def references(self) -> list[str]:
        return [url for _tag, _attribute, url in self.urls]


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


ANSWERS = {"/goed": 200, "/verhuisd": 301, "/tijdelijk": 302, "/geweigerd": 403, "/weg": 404,
           "/opgeheven": 410, "/kapot": 500, "/pagina": 200}  # and /stil, which never answers
# What /pagina shows: an HTML page whose text a citation can be checked against.
PAGE = ("<html><head><style>p{}</style><script>var x='verborgen tekst';</script></head><body>"
        "<p>De gemeente investeerde in <b>gezondheids-</b>\n<b>verschillen</b> en werkte samen met de GGD.</p>"
        "</body></html>")


class _Answers(http.server.BaseHTTPRequestHandler):
    """A web server whose every path gives one kind of answer (ANSWERS), for the link check."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - name of the base class
        self.server.asked.append(self.path)
        if self.path == "/stil":  # accepts the connection, never answers
            self.server.release.wait()
            return
        status = ANSWERS.get(self.path, 404)
        body = PAGE.encode() if self.path == "/pagina" else b"ok"
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", "/goed")
        self.send_header("Content-Type", "text/html; charset=utf-8" if self.path == "/pagina" else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def answering_host():
    """(server, base address) of an _Answers server on a free port; always stops, the
    never-answering request included. ``server.asked`` lists the paths asked."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    server.daemon_threads = True
    server.asked, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
