"""Lighthouse scores (mobile) for the home page, the overview and a case page.

    python3 scripts/dev.py lighthouse

Builds the site, serves it like a static host (gzip, 404.html), installs
Lighthouse from scripts/lighthouse/package-lock.json and runs it with
Debian's Chromium. Prints a Markdown table of the four category scores; the
README quotes its output. A measurement, not a test: scores move with the
machine's load, so nothing here fails on a number.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from sitegen import data  # noqa: E402

TOOL = REPO / "scripts" / "lighthouse"
_FIXED = data.settings().pages  # addresses from site.yaml paginas
PAGES = {"Home": _FIXED["home"].address, "Overzicht": _FIXED["overzicht"].address,
         "Praktijk": data.case_address("utrecht-health-in-all-policies")}
CATEGORIES = {"performance": "Prestaties", "accessibility": "Toegankelijkheid",
              "best-practices": "Goede praktijken", "seo": "SEO"}
CHROMIUM_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                  "--disable-component-update --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipStaticHost(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: gzip for text files, 404.html for missing addresses."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self._send(404, (Path(self.directory) / "404.html").read_bytes(), "text/html")
            return None
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send(200, gzip.compress(body, 6), kind, encoding="gzip")
        else:
            self._send(200, body, kind)
        return None

    def _send(self, status: int, body: bytes, kind: str, encoding: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def main() -> int:
    site = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    subprocess.run([sys.executable, REPO / "scripts" / "generate.py", "build", "--site-dir", site],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["npm", "ci", "--prefix", TOOL, "--no-audit", "--no-fund", "--loglevel=error"],
                   check=True)
    handler = lambda *args: GzipStaticHost(*args, directory=str(site))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    for name, path in PAGES.items():
        report = site.parent / f"lighthouse-{name.lower()}.json"
        subprocess.run(
            [TOOL / "node_modules" / ".bin" / "lighthouse", base + path, "--quiet",
             "--output=json", f"--output-path={report}", f"--chrome-flags={CHROMIUM_FLAGS}",
             "--only-categories=" + ",".join(CATEGORIES)],
            check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        result = json.loads(report.read_text(encoding="utf-8"))
        scores = [round(result["categories"][key]["score"] * 100) for key in CATEGORIES]
        failed = [audit["id"] for audit in result["audits"].values()
                  if audit.get("score") is not None and audit["score"] < 1
                  and audit.get("scoreDisplayMode") in ("binary", "metricSavings")]
        rows.append((name, path, scores, failed))
    server.shutdown()
    print("| Pagina | " + " | ".join(CATEGORIES.values()) + " |")
    print("|---|" + "---:|" * len(CATEGORIES))
    for name, path, scores, _ in rows:
        print(f"| {name} (`{path}`) | " + " | ".join(map(str, scores)) + " |")
    for name, _, _, failed in rows:
        if failed:
            print(f"\n{name}: niet volledig gehaald: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
