"""Shared fixtures: the real generator, a real build, a real browser."""

from __future__ import annotations

import functools
import http.server
import os
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


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
