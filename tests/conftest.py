"""Shared fixtures: one real build of the real cases per test session, a real browser.

Tests that only read a site share ``built_site``; a test that changes files
builds its own copy (helpers.sandbox_copy). Tests that use the browser are
marked ``browser``, and slow ones ``traag``, so either can be selected:
``python3 scripts/dev.py test -m "not browser"``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from helpers import (GENERATE, answering_host, build_sandbox, generate, parse,  # noqa: E402,F401
                     sandbox_copy, static_host)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_addoption(parser):
    parser.addoption("--fuzz-volledig", action="store_true",
                     help="the fuzz test with 10,000 examples (the scheduled workflow)")


def pytest_configure(config):
    import os
    import random

    from hypothesis import HealthCheck, settings

    # One seed per run for test_incremental's random sequences, chosen here before xdist
    # starts its workers (they inherit it), so that every worker collects the same tests.
    if not hasattr(config, "workerinput"):
        os.environ.setdefault("INCREMENTEEL_ZAAD", str(random.SystemRandom().randrange(10**6)))

    # Hypothesis keeps what it learns in the one cache folder, not in .hypothesis/.
    settings.register_profile("standaard", max_examples=300, deadline=None,
                              suppress_health_check=list(HealthCheck))
    settings.register_profile("volledig", max_examples=10_000, deadline=None,
                              suppress_health_check=list(HealthCheck))
    settings.load_profile("volledig" if config.getoption("--fuzz-volledig") else "standaard")

    # Every browser test waits for a condition, never for a fixed time; on a busy machine that
    # condition may take longer than Playwright's 5 s, and a missed wait is a flake.
    from playwright.sync_api import expect
    expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


SOURCES_MISSING = ("source documents not found: put their text files (*.txt) in ../shared/seeds beside "
                   "the repository, or name their folder with BRONDOCUMENTEN=FOLDER or "
                   "'python3 scripts/dev.py test --bronnen FOLDER' (they are third-party publications, "
                   "so the repository does not hold them)")


def _source_documents():
    from sitegen import paths
    return paths.source_documents()


# On every test that reads the source documents (they are not in the repository: GitHub has
# only the repository, CI has them beside it). Skipped with this reason where they are absent.
needs_source_documents = pytest.mark.skipif(_source_documents() is None, reason=SOURCES_MISSING)


@pytest.fixture(scope="session")
def source_folder() -> Path:
    """The source documents' folder; a test that reads them is also marked needs_source_documents."""
    folder = _source_documents()
    if folder is None:
        pytest.skip(SOURCES_MISSING)
    return folder


def built_once(tmp_path_factory, name: str, make) -> Path:
    """``make(folder)`` once per test run, shared by xdist's workers (each would otherwise
    build every session fixture again): the first worker builds under a lock, the others
    wait for it and read the same folder. Read it, never change it."""
    import fcntl
    import os
    import shutil

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, done = base / name, base / f"{name}.klaar"
    with open(base / f"{name}.slot", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_sandbox(tmp_path_factory) -> Path:
    """A copy of the project with the real cases, built once: read it, never change it."""
    def make(root: Path) -> None:
        sandbox_copy(root)
        assert build_sandbox(root) == 0
    return built_once(tmp_path_factory, "bouw", make)


@pytest.fixture(scope="session")
def built_site(built_sandbox) -> Path:
    """The real cases, built by the real generator into a fresh folder."""
    return built_sandbox / "site"


@pytest.fixture(scope="session")
def large_built_site(tmp_path_factory) -> Path:
    """The real cases, synthetic ones and one with every punctuation mark that HTML
    escapes in its title and summary, 55 in all: three pages of every list."""
    import yaml
    from benchmark import synthetic_cases

    def make(root: Path) -> None:
        sandbox_copy(root)
        for slug, case in synthetic_cases(45).items():
            (root / "practices" / f"{slug}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True),
                                                             encoding="utf-8")
        (root / "practices" / "leestekens.yaml").write_bytes(
            (REPO / "tests" / "fixtures" / "geldig" / "leestekens.yaml").read_bytes())
        assert build_sandbox(root) == 0
    return built_once(tmp_path_factory, "groot", make) / "site"


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with static_host(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def search_site_url(tmp_path_factory, built_sandbox) -> str:
    """The real cases plus tests/fixtures/zoeken/, whose words occur in one form only."""
    def make(root: Path) -> None:
        sandbox_copy(root, source=built_sandbox)
        for case in (REPO / "tests" / "fixtures" / "zoeken").glob("*.yaml"):
            (root / "practices" / case.name).write_bytes(case.read_bytes())
        assert build_sandbox(root) == 0
    with static_host(built_once(tmp_path_factory, "zoeken", make) / "site") as url:
        yield url


@pytest.fixture
def answering():
    """A local web server answering 200, 301, 302, 403, 404, 410, 500 and once never."""
    with answering_host() as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tabs:
    """New tabs in browser contexts that one worker's tests share, one context per set of
    options (viewport, locale, JavaScript). Measured once, a tab in a new context cost 0.80
    core-seconds with a page load and a new tab in a kept one 0.45: the kept context keeps a
    renderer process running (its anchor tab, on the same site as every test host:
    127.0.0.1), so a new tab does not start one. The browser tests open over 200 tabs.

    Each test still starts as a first-time visitor in a new context: the last test's tabs
    are closed, and this test's first tab in a context first clears cookies, permissions,
    the HTTP cache and the stored data of every origin the context has sent a request to.
    (Every static host of a worker also gets a port of its own: helpers.static_host.)"""

    def __init__(self, browser, anchor_url: str):
        self.browser, self.anchor_url = browser, anchor_url
        self.contexts, self.anchors, self.visited, self.opened = {}, {}, {}, set()

    def open(self, **options):
        options = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL", **options}
        key = repr(sorted(options.items()))
        if key not in self.contexts:
            context = self.contexts[key] = self.browser.new_context(**options)
            self.anchors[context] = context.new_page()
            self.anchors[context].goto(self.anchor_url)
            origins = self.visited[context] = set()
            context.on("request", lambda request: origins.add(_origin(request.url)))
        context = self.contexts[key]
        page = context.new_page()
        if context not in self.opened:  # this test's first tab in this context
            context.clear_cookies()
            context.clear_permissions()
            session = context.new_cdp_session(page)
            session.send("Network.clearBrowserCache")
            for origin in sorted(self.visited[context] - {"null"}):
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            session.detach()
            self.opened.add(context)
        return page

    def close_all(self) -> None:
        """Closes every tab the test opened, popups included; the anchors stay."""
        for context in self.opened:
            for page in context.pages:
                if page is not self.anchors[context]:
                    page.close()
        self.opened.clear()


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else "null"


@pytest.fixture(scope="session")
def _tabs(browser, tmp_path_factory):
    anchor = tmp_path_factory.mktemp("anker")
    (anchor / "index.html").write_text("<!doctype html><title>anker</title>", encoding="utf-8")
    with static_host(anchor) as url:
        tabs = Tabs(browser, url + "/")
        yield tabs
        for context in tabs.contexts.values():
            context.close()


@pytest.fixture
def tab(_tabs):
    """``tab(viewport=..., java_script_enabled=False, ...)``: a new tab with those options
    (Playwright's new_context options; by default 1280 × 900 and Dutch), closed after the test."""
    yield _tabs.open
    _tabs.close_all()


@pytest.fixture
def page(tab):
    return tab()
