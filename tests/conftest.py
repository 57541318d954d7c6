"""Shared fixtures: the real generator, a real build, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

GENERATE = REPO / "scripts" / "generate.py"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def generate(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Runs scripts/generate.py as a contributor would."""
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_DEBUG"}
    return subprocess.run([sys.executable, str(GENERATE), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """A real `build` of the real practices/ into a fresh folder."""
    site = tmp_path_factory.mktemp("bouw") / "site"
    result = generate("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


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


def serve_folder(folder: Path):
    """Serves a built site over HTTP on a free port, as a static host would."""
    handler = functools.partial(_StaticHost, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    yield from serve_folder(built_site)


def sandbox_copy(target: Path) -> Path:
    """A copy of the repository's sources, so builds there cannot touch the real docs/."""
    for name in ("practices", "docs", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def build_sandbox(sandbox: Path) -> int:
    from sitegen.build import build_site

    return build_site(sandbox / "site", practices=sandbox / "practices", docs=sandbox / "docs",
                      config=sandbox / "mkdocs.yml")


@pytest.fixture(scope="session")
def search_site_url(tmp_path_factory) -> str:
    """The real cases plus tests/fixtures/zoeken/, whose words occur in one form only."""
    sandbox = sandbox_copy(tmp_path_factory.mktemp("zoeken"))
    for case in (REPO / "tests" / "fixtures" / "zoeken").glob("*.yaml"):
        shutil.copy(case, sandbox / "practices" / case.name)
    assert build_sandbox(sandbox) == 0
    yield from serve_folder(sandbox / "site")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
