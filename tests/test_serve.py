"""`serve` as a contributor uses it: save a file, the open page shows the change by itself."""

from __future__ import annotations

import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from conftest import REPO

CASE = "helmond-integrale-aanpak"


class Serving:
    """`generate.py serve` in a copy of the project, with its output read line by line."""

    def __init__(self, root: Path):
        for name in ("scripts", "docs", "practices"):
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.root, self.lines = root, queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, str(root / "scripts" / "generate.py"), "serve", "--port", str(self.port)],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.wait_for("De site staat op")
        except AssertionError:
            self.stop()
            raise

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 180) -> str:
        """Reads the output until ``text``; fails at once, with the output, if serve stopped."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    raise AssertionError(f"serve stopped (exit code {self.process.returncode}) before "
                                         f"printing {text!r}:\n{''.join(seen)}") from None
                continue
            seen.append(line)
            if text in line:
                return "".join(seen)
        raise AssertionError(f"{text!r} not printed; got:\n{''.join(seen)}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serving(tmp_path):
    server = Serving(tmp_path)
    try:
        yield server
    finally:
        server.stop()


def test_serve_reloads_the_open_page_after_a_save_and_keeps_the_last_good_site(serving, page):
    case_file = serving.root / "practices" / f"{CASE}.yaml"
    original = case_file.read_text(encoding="utf-8")
    page.goto(f"{serving.url}/praktijken/{CASE}/")
    old_title = page.locator("h1").inner_text()

    case_file.write_text(original.replace(old_title, "Helmond: bijgewerkte titel", 1), encoding="utf-8")
    # During the reload there is a moment without an h1: the condition must not throw then.
    page.wait_for_function("document.querySelector('h1')?.innerText === 'Helmond: bijgewerkte titel'",
                           timeout=90_000)  # no F5: the page reloaded itself
    assert "bijgewerkt:" in serving.wait_for("Site gebouwd")  # only the changed pages were rebuilt

    page.evaluate("window.nietHerladen = true")  # gone if the page reloads
    case_file.write_text(original + "\nsporen: [kapot\n", encoding="utf-8")
    output = serving.wait_for("De vorige versie van de site blijft staan.")
    assert f"{CASE}.yaml:" in output  # the Dutch problem names the file and line
    # Two answers to the page's version poll after the failed build: it had every chance to reload.
    for _ in range(2):
        with page.expect_response(lambda response: response.url.endswith("/.herladen")):
            pass
    assert page.evaluate("window.nietHerladen") is True
    assert page.locator("h1").inner_text() == "Helmond: bijgewerkte titel"
    served = urlopen(f"{serving.url}/praktijken/{CASE}/").read().decode()
    assert "Helmond: bijgewerkte titel" in served


def test_the_reload_script_is_added_when_served_not_written_to_the_site(serving):
    served = urlopen(f"{serving.url}/praktijken/{CASE}/").read().decode()
    on_disk = (serving.root / ".cache" / "site" / "praktijken" / CASE / "index.html").read_text(encoding="utf-8")
    assert "/.herladen" in served and "/.herladen" not in on_disk
    # The page carries the version it was served with; /.herladen answers the same until a rebuild.
    version = urlopen(f"{serving.url}/.herladen").read().decode()
    assert version and f'var v="{version}"' in served
    css = urlopen(f"{serving.url}/assets/site.css").read().decode()
    assert "/.herladen" not in css
