"""Measures the site at N synthetic cases, side by side in one run.

    python3 scripts/dev.py benchmark                 # N = 10, 1000, 5000
    python3 scripts/dev.py benchmark --n 10 100      # other sizes
    python3 scripts/dev.py benchmark --n 5 --uitvoer /tmp/b   # (the test suite's smoke run)

For each N the script copies the repository's sources into a temporary
folder, writes N valid synthetic cases (sentences, terms and provinces drawn
from the real cases, so text lengths and vocabulary are alike), and measures:

- ``check`` of all files, and of one file, each including Python start-up;
- the full ``build`` (check, generation, MkDocs, word index), and, on the same
  generated Markdown, ``mkdocs build`` alone: the floor of this stack;
- the rebuild after three everyday edits, each continuing the last build
  (incremental.py): one case's summary, one case's title (which list, term
  and province pages show, and related cases name), and one new case
  published today (it heads every list it is on, so all their pages shift);
  each as a ratio to ``mkdocs build`` alone. The background deletion of the
  previous site after a build is waited for before the next measurement;
- with ``serve`` and Chromium: the seconds from saving one case's title to
  the open page showing it, without a reload by hand;
- peak memory (largest process, over the builds), site size, HTML bytes of a case page and of
  the overview;
- the bytes a static host sends (gzip, as GitHub Pages) for the search files
  when Chromium opens the search page and runs one query, next to the size of
  Material's built-in search index for the same pages;
- the word index (gzip, all its files), and the same index without compound
  parts: what splitting compounds costs;
- the bytes of a first visit to the home page, the overview, the largest term
  and province pages, and the finder: one query with words and two filters,
  the same filters alone, and the heaviest of a few words found in almost
  every case.

It writes a Markdown table to ``docs/prestaties.md`` and a plot to
``docs/assets/prestaties.png`` (or to ``--uitvoer``), and prints the table.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from sitegen import data  # noqa: E402

QUERY = "wijken"  # a common word: many hits, so the query loads real index chunks
# The finder's query: that word and two filters, so the counts need extra queries too.
FINDER_QUERY = f"q={QUERY}&spoor=participatie&provincie=utrecht"
# Words in nearly every case (and in the real ones): the finder's worst queries.
COMMON_WORDS = ["gemeente", "gezondheid", "bewoners", "preventie", "partners"]
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PREFIXES = ["Noord", "Zuid", "Oost", "West", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein",
            "Ter", "Sint"]
SUFFIXES = ["veen", "dam", "dorp", "broek", "horst", "wijk", "berg", "hoven", "kerk", "zijl",
            "meer", "rode", "sum", "lo", "werf"]
QUALIFIERS = ["", " aan Zee", " aan de Vaart", " aan de Maas", " aan de IJssel", " bij Oost",
              "-Centrum", " op Zand", " in de Polder", " aan de Rijn", " op de Heide", " aan het Meer",
              " over de Brug", " aan de Linge", " onder de Dijk", " aan de Berkel", " bij de Zee",
              " in het Woud", " aan de Vecht", " op de Kop", " aan de Dommel", " aan de Aa",
              " in het Veld", " aan de Lek", " bij de Kust", " aan de Schelde", " op de Berg",
              " aan de Waal", " aan de Hunze", " aan de Eem"]  # 12 x 15 x 30 = 5,400 distinct places


# -- synthetic cases -----------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s) > 30]


def _pool() -> dict[str, list[str]]:
    """Sentences of the real cases, per field, to build look-alike texts from."""
    pool: dict[str, list[str]] = {"samenvatting": [], "aanpak": [], "resultaten": [], "lessen": []}
    for path in sorted((REPO / "practices").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        pool["samenvatting"] += _sentences(case["samenvatting"])
        pool["aanpak"] += _sentences(re.sub(r"^#+ .*$", "", case["aanpak"], flags=re.M))
        pool["resultaten"] += _sentences(case.get("resultaten", ""))
        pool["lessen"] += case["lessen"]
    return pool


def synthetic_cases(count: int, seed: int = 2026) -> dict[str, dict]:
    """``count`` valid case files (name -> content), varied but reproducible."""
    rng = random.Random(seed)
    pool = _pool()
    taxonomies = data.taxonomies()
    provinces = data.provinces()
    places = rng.sample([p + s + q for p in PREFIXES for s in SUFFIXES for q in QUALIFIERS], count)
    cases = {}
    for number, place in enumerate(places):
        slug = re.sub(r"[^a-z]+", "-", place.lower()).strip("-") + f"-{number}"
        words = rng.sample(pool["aanpak"], min(len(pool["aanpak"]), rng.randint(6, 14)))
        approach = (f"## Aanpak in {place}\n\n" + " ".join(words[: len(words) // 2])
                    + "\n\n## Samen met partners\n\n" + " ".join(words[len(words) // 2:])
                    + f" Het project {place}-{number} heet intern 'code{number:05d}'.")
        case = {
            "titel": f"{place}: {rng.choice(pool['samenvatting'])[:70].rstrip(' .,')}",
            "gemeente": place,
            "provincie": rng.choice(provinces).name,
            "samenvatting": " ".join(rng.sample(pool["samenvatting"], 2)),
            "aanpak": approach,
            "resultaten": " ".join(rng.sample(pool["resultaten"], min(3, len(pool["resultaten"])))),
            "lessen": rng.sample(pool["lessen"], rng.randint(2, 4)),
            "partners": [f"Gemeente {place}", f"Stichting Welzijn {place}", "GGD"],
            "bronnen": [{"titel": f"Verslag {place} {number}", "uitgever": "Synthetisch", "jaar": 2025}],
            "gepubliceerd": (datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 700)).isoformat(),
        }
        for key, taxonomy in taxonomies.items():
            low = 0 if key == "ketenaanpakken" else 1
            chosen = rng.sample(taxonomy.terms, rng.randint(low, 3))
            if chosen:
                case[key] = [term.slug for term in chosen]
        cases[slug] = case
    return cases


# -- measuring -----------------------------------------------------------------

def timed(command: list, cwd: Path) -> tuple[float, int, subprocess.CompletedProcess]:
    """Seconds, peak memory (MB, largest process) and result of one command."""
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
             "sys.exit(r.returncode)")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", probe, *map(str, command)], cwd=cwd,
                            env=MKDOCS_ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return seconds, peak_kb // 1024, result


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def sandbox(target: Path, count: int) -> Path:
    for name in ("scripts", "docs", "mkdocs.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    practices = target / "practices"
    practices.mkdir()
    for slug, case in synthetic_cases(count).items():
        (practices / f"{slug}.yaml").write_text(
            yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _recording_host(site: Path):
    """The site served as GitHub Pages serves it (gzip for text, 404.html), on a free port.

    Returns the server, its address and a list that receives (path, bytes) for
    every response: headers plus body as they go over the wire. Counting at the
    host sees every request, also those of workers and imports that a page's
    own network events can miss.
    """
    import functools
    import http.server
    import threading

    from lighthouse import GzipStaticHost

    sent: list[tuple[str, int]] = []

    class RecordingHost(GzipStaticHost):
        def flush_headers(self):
            self._header_bytes = sum(map(len, getattr(self, "_headers_buffer", [])))
            super().flush_headers()

        def _send(self, status, body, kind, encoding=None):
            super()._send(status, body, kind, encoding)
            sent.append((self.path, self._header_bytes + (0 if self.command == "HEAD" else len(body))))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(RecordingHost, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", sent


def _visit(browser, base: str, path: str, sent: list, ready: str | None = None) -> int:
    """Bytes the host sends for one first visit (empty cache) to ``path``."""
    context = browser.new_context()
    page = context.new_page()
    sent.clear()
    page.goto(base + path)
    if ready:
        page.wait_for_function(ready)
    page.wait_for_load_state("networkidle")
    total = sum(size for _, size in sent)
    context.close()
    return total


def _browser(playwright):
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


def search_transfer(site: Path) -> int:
    """Bytes of search files (gzip, as a host sends them) for the search page plus one query."""
    from playwright.sync_api import sync_playwright

    server, base, sent = _recording_host(site)
    try:
        with sync_playwright() as playwright:
            browser = _browser(playwright)
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/zoeken/?q={QUERY}")
            page.wait_for_selector(".zoekresultaat__titel a")
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    searched = (f"/{data.settings().word_index}/", f"/{data.settings().finder_cards}/",
                data.settings().finder_columns, "/zoeken.js", "/zoekhulp.js")
    return sum(size for path, size in sent if any(part in path for part in searched))


def word_index_sizes(root: Path) -> tuple[int, int]:
    """Bytes (gzip, each file apart, as a host sends them) of the built word index, and of
    the same index without compound parts."""
    from sitegen.builder import search
    from sitegen.check.validate import check_paths
    from sitegen.render.model import build_site_model

    site_dir = root / ".cache" / "site"
    folder = site_dir / data.settings().word_index
    built = sum(len(gzip.compress(path.read_bytes(), 6)) for path in folder.glob("*.json"))
    model = build_site_model(check_paths([root / "practices"]).valid_files)
    pages = search.built_pages(site_dir, {data.case_address(case.slug) for case in model.cases})
    plain = search.build_index(model, pages, compounds=False)
    without = sum(len(gzip.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 6))
                  for content in plain.values())
    return built, without


def _busiest(site_dir: Path, folder: str) -> str:
    """The term or province page whose list is longest (it has the most list pages)."""
    pages = {}
    for listing in (site_dir / folder).glob("*/index.html"):
        extra = listing.parent / "pagina"
        pages[listing.parent.name] = len(list(extra.glob("*/index.html"))) if extra.is_dir() else 0
    return max(sorted(pages), key=pages.get)


FINDER_READY = "() => /gevonden/.test(document.getElementById('filter-resultaat').textContent)"
EDITOR_READY = "() => !!document.getElementById('veld-titel')"  # the form is built


def page_weights(site: Path, finder_query: str) -> dict:
    """KB a first-time visitor transfers (gzip, headers included) per page type, in Chromium.

    Every request counts: HTML, CSS, scripts, images, the sitemap Material
    fetches, and for the finder what one query loads (filter columns, the word
    index's parts for the words, the result cards). Besides the benchmark's
    finder query (QUERY and two filters) it reports the same two filters
    without words, and the heaviest of COMMON_WORDS with them: words found in
    almost every case load the largest parts of the word index.
    """
    from playwright.sync_api import sync_playwright

    fixed = data.settings().pages  # addresses from site.yaml paginas
    home, overview = fixed["home"].address, fixed["overzicht"].address
    term = fixed["sporen"].address.strip("/") + "/" + _busiest(site, fixed["sporen"].address.strip("/"))
    province = data.settings().provinces_folder + "/" + _busiest(site, data.settings().provinces_folder)
    filters = finder_query.split("&", 1)[1]
    pages = {"home_kb": (home, None), "overzicht_kb": (overview, None),
             "term_kb": (f"/{term}/", None), "provincie_kb": (f"/{province}/", None),
             "vinder_kb": (f"{overview}?{finder_query}", FINDER_READY),
             "vinder_filters_kb": (f"{overview}?{filters}", FINDER_READY),
             "editor_kb": (fixed["editor"].address, EDITOR_READY)}
    server, base, sent = _recording_host(site)
    try:
        with sync_playwright() as playwright:
            browser = _browser(playwright)
            result = {key: _visit(browser, base, path, sent, ready) / 1e3
                      for key, (path, ready) in pages.items()}
            result["vinder_zwaarst_kb"] = max(
                _visit(browser, base, f"{overview}?q={word}&{filters}", sent, FINDER_READY)
                for word in COMMON_WORDS) / 1e3
            browser.close()
    finally:
        server.shutdown()
    return result


def material_index(sandbox_dir: Path) -> tuple[int, int]:
    """Size of Material's built-in search index (raw, gzip) for the same generated pages."""
    sources = sandbox_dir / ".cache" / "bron"  # what the last build gave MkDocs
    project = (sandbox_dir / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: []" in project, "mkdocs.yml changed: adapt the Material-search variant"
    variant = sources / "mkdocs-material-zoeken.yml"  # the staged config, with Material's search on
    variant.write_text("INHERIT: mkdocs.yml\nplugins:\n  - search:\n      lang: nl\n", encoding="utf-8")
    out = sandbox_dir / "site-material-zoeken"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", variant, "-d", out, "--quiet"],
                   cwd=sandbox_dir, env=MKDOCS_ENV, check=True, capture_output=True)
    index = (out / "search" / "search_index.json").read_bytes()
    return len(index), len(gzip.compress(index, 6))


DEFAULT_SIZES = [10, 1000, 5000]
ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"  # made by `scripts/dev.py benchmark`


def zensical_pages(sandbox_dir: Path, work: Path) -> tuple[int, int]:
    """Builds the generated Markdown with Zensical (no MkDocs, no theme overrides):
    how many case pages it produced, out of how many cases."""
    project = work / "zensical"
    shutil.copytree(sandbox_dir / ".cache" / "bron" / "docs", project / "docs",
                    ignore=shutil.ignore_patterns("overrides"))
    (project / "mkdocs.yml").write_text(
        "site_name: Zensical-controle\nsite_url: http://127.0.0.1:8000/\ndocs_dir: docs\n"
        "theme:\n  name: material\n  language: nl\n", encoding="utf-8")
    subprocess.run([ZENSICAL, "build", "-f", project / "mkdocs.yml"], cwd=project, check=True,
                   capture_output=True)
    slugs = [p.stem for p in (sandbox_dir / "practices").glob("*.yaml")]
    built = [s for s in slugs if (project / "site" / "praktijken" / s / "index.html").is_file()]
    return len(built), len(slugs)


def measure(count: int, work: Path) -> dict:
    root = sandbox(work / f"n{count}", count)
    generate = [sys.executable, root / "scripts" / "generate.py"]
    files = sorted((root / "practices").glob("*.yaml"))
    row: dict = {"n": count}

    row["check_alle_s"], _, _ = timed([*generate, "check", root / "practices"], root)
    row["check_een_s"], _, _ = timed([*generate, "check", files[0]], root)
    row["bouw_s"], row["geheugen_mb"], _ = timed([*generate, "build"], root)
    sources = root / ".cache" / "bron"  # the Markdown and config the build gave MkDocs
    row["mkdocs_s"], _, _ = timed([sys.executable, "-m", "mkdocs", "build", "-f", sources / "mkdocs.yml",
                                    "-d", work / f"floor{count}", "--quiet"], root)
    row["verhouding_bouw"] = row["bouw_s"] / row["mkdocs_s"]

    site = root / ".cache" / "site"
    case_page = site / "praktijken" / files[0].stem / "index.html"
    row["site_mb"] = folder_bytes(site) / 1e6
    row["praktijk_html_kb"] = case_page.stat().st_size / 1e3
    row["overzicht_html_kb"] = (site / "praktijken" / "index.html").stat().st_size / 1e3
    row["overzicht_gzip_kb"] = len(gzip.compress((site / "praktijken" / "index.html").read_bytes(), 6)) / 1e3
    row["zoeken_kb"] = search_transfer(site) / 1e3
    with_parts, without_parts = word_index_sizes(root)
    row["woordindex_kb"], row["woordindex_zonder_delen_kb"] = with_parts / 1e3, without_parts / 1e3
    row.update(page_weights(site, FINDER_QUERY))
    raw, packed = material_index(root)
    row["material_index_kb"], row["material_index_gzip_kb"] = raw / 1e3, packed / 1e3
    if ZENSICAL.is_file() and count <= 100:  # the clean build's Markdown, before the edits add a case
        row["zensical"] = zensical_pages(root, work / f"z{count}")

    # Three everyday edits, each followed by a build that continues the last one (incremental.py).
    for key, edit in (("herbouw", edit_text), ("herbouw_titel", edit_title), ("herbouw_nieuw", add_case)):
        edit(root, files)
        wait_for_clean_up(root)  # the previous site is deleted in the background after each swap
        row[f"{key}_s"], memory, _ = timed([*generate, "build"], root)
        row["geheugen_mb"] = max(row["geheugen_mb"], memory)
        row[f"verhouding_{key}"] = row[f"{key}_s"] / row["mkdocs_s"]
    wait_for_clean_up(root)
    row["serve_s"] = serve_seconds(root, files[0].stem)
    wait_for_clean_up(root)
    shutil.rmtree(root, ignore_errors=True)  # 1 GB at 5,000 cases
    return row


def _rewrite(path: Path, change) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(case)
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_text(root: Path, files: list[Path]) -> None:
    """One case's summary: its page, its card, feeds and open data."""
    _rewrite(files[len(files) // 2], lambda case: case.update(samenvatting="Bijgewerkt. " + case["samenvatting"]))


def edit_title(root: Path, files: list[Path]) -> None:
    """One case's title: also the list, term and province pages that show it, and related cases."""
    _rewrite(files[len(files) // 3], lambda case: case.update(titel=case["titel"] + " (bijgewerkt)"))


def add_case(root: Path, files: list[Path]) -> None:
    """A new case published today: it heads the overview and its lists, so every page of those shifts."""
    case = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    case.update(titel="Nieuwe praktijk: gezond opgroeien in Bergen op Zoom", gemeente="Bergen op Zoom",
                gepubliceerd=datetime.date.today().isoformat())
    (root / "practices" / "nieuwe-praktijk-bergen-op-zoom.yaml").write_text(
        yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")


def wait_for_clean_up(root: Path) -> None:
    """So that one measurement does not pay for the last one's background clean-up."""
    from sitegen.builder.build import finish_discarding

    finish_discarding(root / ".cache")


def serve_seconds(root: Path, slug: str) -> float:
    """Seconds from saving one case to the open page showing it, with `serve` and Chromium:
    what a contributor waits for, no reload by hand."""
    import socket

    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, root / "scripts" / "generate.py", "serve", "--port", str(port)],
                               cwd=root, env=MKDOCS_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in process.stdout:  # the first build, then the address
            if "De site staat op" in line:
                break
        else:
            raise RuntimeError("serve stopped before serving")
        wait_for_clean_up(root)
        with sync_playwright() as playwright:
            browser = _browser(playwright)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/praktijken/{slug}/")
            title = "Zichtbaar na opslaan"
            start = time.perf_counter()
            _rewrite(root / "practices" / f"{slug}.yaml", lambda case: case.update(titel=title))
            page.wait_for_function(f"document.querySelector('h1').innerText === {json.dumps(title)}",
                                   timeout=600_000)
            seconds = time.perf_counter() - start
            browser.close()
    finally:
        process.terminate()
        process.wait()
    return seconds


# -- reporting -----------------------------------------------------------------

COLUMNS = [  # key, heading, format
    ("n", "N", "{:d}"),
    ("check_alle_s", "check alles (s)", "{:.2f}"),
    ("check_een_s", "check 1 bestand (s)", "{:.2f}"),
    ("bouw_s", "bouw (s)", "{:.1f}"),
    ("mkdocs_s", "alleen mkdocs (s)", "{:.1f}"),
    ("verhouding_bouw", "bouw ÷ mkdocs", "{:.2f}"),
    ("herbouw_s", "herbouw: tekst van 1 praktijk (s)", "{:.1f}"),
    ("verhouding_herbouw", "÷ mkdocs", "{:.2f}"),
    ("herbouw_titel_s", "herbouw: titel van 1 praktijk (s)", "{:.1f}"),
    ("verhouding_herbouw_titel", "÷ mkdocs", "{:.2f}"),
    ("herbouw_nieuw_s", "herbouw: 1 praktijk erbij (s)", "{:.1f}"),
    ("verhouding_herbouw_nieuw", "÷ mkdocs", "{:.2f}"),
    ("serve_s", "serve: opslaan tot zichtbaar (s)", "{:.1f}"),
    ("geheugen_mb", "piekgeheugen (MB)", "{:d}"),
    ("site_mb", "site (MB)", "{:.1f}"),
    ("praktijk_html_kb", "praktijkpagina (KB)", "{:.1f}"),
    ("overzicht_html_kb", "overzicht (KB)", "{:.0f}"),
    ("overzicht_gzip_kb", "overzicht gzip (KB)", "{:.0f}"),
    ("zoeken_kb", "zoeken: 1 vraag, gzip (KB)", "{:.0f}"),
    ("woordindex_kb", "woordindex, gzip (KB)", "{:.0f}"),
    ("woordindex_zonder_delen_kb", "woordindex zonder delen van samenstellingen, gzip (KB)", "{:.0f}"),
    ("home_kb", "bezoek: home (KB)", "{:.0f}"),
    ("overzicht_kb", "bezoek: overzicht (KB)", "{:.0f}"),
    ("term_kb", "bezoek: grootste term (KB)", "{:.0f}"),
    ("provincie_kb", "bezoek: grootste provincie (KB)", "{:.0f}"),
    ("vinder_kb", "bezoek: vinder, woorden + 2 filters (KB)", "{:.0f}"),
    ("vinder_filters_kb", "bezoek: vinder, 2 filters (KB)", "{:.0f}"),
    ("editor_kb", "bezoek: editor (KB)", "{:.0f}"),
    ("vinder_zwaarst_kb", "bezoek: vinder, zwaarste veelvoorkomende woord + 2 filters (KB)", "{:.0f}"),
    ("material_index_kb", "Material-index (KB)", "{:.0f}"),
    ("material_index_gzip_kb", "Material-index gzip (KB)", "{:.0f}"),
]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(h for _, h, _ in COLUMNS) + " |",
             "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(f.format(row[k]) for k, _, f in COLUMNS) + " |")
    return "\n".join(lines)


def html_table(rows: list[dict]) -> str:
    """The same table for the site: a scroll region that keyboard users can reach (WCAG 2.1.1),
    like the coverage tables; a table with a class is not wrapped again by Material."""
    head = "".join(f'<th scope="col">{h}</th>' for _, h, _ in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{f.format(row[k])}</td>" for k, _, f in COLUMNS) + "</tr>\n"
                   for row in rows)
    return ('<div class="tabel-scroll" role="region" aria-labelledby="prestaties-tabel" tabindex="0">\n'
            '<table class="prestaties">\n<caption id="prestaties-tabel">Metingen per aantal praktijken'
            f'</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>')


def plot(rows: list[dict], target: Path) -> None:
    """Build time and site size against N (log scale), drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    import math

    width, height, margin = 1000, 560, 90
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=18)
    series = [("bouw_s", "bouw (s)", "#303fa1"), ("mkdocs_s", "alleen mkdocs (s)", "#8a8a8a"),
              ("herbouw_nieuw_s", "herbouw (s)", "#c0392b"), ("site_mb", "site (MB)", "#1e8449")]
    ns = [row["n"] for row in rows]
    values = [row[key] for row in rows for key, _, _ in series]
    x_low, x_high = math.log10(min(ns)), math.log10(max(ns)) or 1
    y_low, y_high = math.log10(max(min(values), 0.01)), math.log10(max(values))

    def point(n, value):
        x = margin + (math.log10(n) - x_low) / ((x_high - x_low) or 1) * (width - 2 * margin)
        y = height - margin - (math.log10(max(value, 0.01)) - y_low) / ((y_high - y_low) or 1) * (height - 2 * margin)
        return x, y

    draw.rectangle([margin, margin, width - margin, height - margin], outline="#444")
    for n in ns:
        x, _ = point(n, 1)
        draw.text((x, height - margin + 10), f"N={n}", fill="black", font=font, anchor="mt")
    for exponent in range(math.floor(y_low), math.ceil(y_high) + 1):
        value = 10 ** exponent
        if y_low <= exponent <= y_high:
            _, y = point(ns[0], value)
            draw.line([margin, y, width - margin, y], fill="#ddd")
            draw.text((margin - 10, y), f"{value:g}", fill="black", font=font, anchor="rm")
    for index, (key, label, colour) in enumerate(series):
        points = [point(row["n"], row[key]) for row in rows]
        if len(points) > 1:
            draw.line(points, fill=colour, width=4)
        for x, y in points:
            draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=colour)
        draw.text((margin + 10 + index * 220, 30), label, fill=colour, font=font)
    draw.text((width / 2, height - 30), "aantal praktijken (logaritmisch)", fill="black", font=font, anchor="mm")
    image.save(target, optimize=True)


def zensical_line(rows: list[dict]) -> str:
    checked = [row for row in rows if "zensical" in row]
    if not checked:
        return "Zensical is niet gecontroleerd (geen `.venv-zensical`)."
    parts = [f"N = {row['n']}: {row['zensical'][0]} van {row['zensical'][1]}" for row in checked]
    return ("Dezelfde gegenereerde Markdown gebouwd met Zensical 0.0.73, zonder MkDocs en zonder "
            "de thema-aanpassingen van deze site; praktijkpagina's gebouwd: " + "; ".join(parts) + ".")


def page(rows: list[dict], command: str, measured: str | None = None) -> str:
    measured = measured or datetime.date.today().isoformat()
    return f"""---
title: Prestaties
description: "Hoe snel en hoe groot de site is bij 10 tot 5.000 praktijken, gemeten met een script dat iedereen kan herhalen."
zoekindex: false
---

# Prestaties

Gemeten op {measured} met synthetische praktijken (zinnen, thema's en provincies uit de echte praktijken), op de machine waarop het script draaide. Alle tijden zijn wandkloktijden inclusief het opstarten van Python. *Alleen mkdocs* is `mkdocs build` op dezelfde gegenereerde Markdown: de ondergrens van deze techniek. *Bouw* is een schone bouw (zoals de publicatie doet); een *herbouw* gaat verder op de vorige bouw en bouwt alleen de pagina's opnieuw die veranderden: na een gewijzigde samenvatting van één praktijk, na een gewijzigde titel van één praktijk (die ook in lijsten en bij vergelijkbare praktijken staat) en na één nieuwe praktijk van vandaag (die bovenaan elke lijst komt waar hij in staat, zodat alle pagina's van die lijsten verschuiven). *Serve* is de tijd van opslaan tot de geopende pagina in Chromium de nieuwe titel toont, zonder zelf te herladen. *Zoeken* is wat de server aan zoekbestanden verstuurt om de zoekpagina te openen en één vraag (*{QUERY}*) te stellen, gecomprimeerd zoals een webserver ze verstuurt; *Woordindex* is de hele index van de zoekfunctie (alle bestanden, elk apart gecomprimeerd), met en zonder de delen van samengestelde woorden (*wijkaanpak* ook onder *wijk* en *aanpak*): het verschil is wat het splitsen kost; een bezoeker laadt alleen de delen van zijn woorden. *Material-index* is de zoekindex die de ingebouwde zoekfunctie van Material in zijn geheel zou laten downloaden. *Bezoek* is alles wat de server bij een eerste bezoek van Chromium aan die pagina verstuurt (HTML, CSS, scripts, afbeeldingen, headers), met gzip zoals GitHub Pages. De *vinder* is het overzicht met zoekwoord *{QUERY}* en twee filters, tot de resultaten en aantallen er staan; daarnaast dezelfde twee filters zonder woorden, en het zwaarste van de woorden {', '.join(f'*{w}*' for w in COMMON_WORDS)} met die filters: woorden die in bijna elke praktijk staan laden de grootste delen van de zoekindex.

{html_table(rows)}

{zensical_line(rows)}

![Bouwtijd, alleen-mkdocs-tijd, herbouwtijd na een nieuwe praktijk en sitegrootte tegen het aantal praktijken, beide assen logaritmisch](assets/prestaties.png)

Opnieuw meten:

```
{command}
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--uitvoer", type=Path, default=REPO / "docs",
                        help="map voor prestaties.md en assets/prestaties.png")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark-") as work:
        for count in args.n:
            print(f"N = {count} ...", file=sys.stderr, flush=True)
            rows.append(measure(count, Path(work)))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    command = "python3 scripts/dev.py benchmark" + (
        "" if args.n == DEFAULT_SIZES else " --n " + " ".join(map(str, args.n)))
    (args.uitvoer / "assets").mkdir(parents=True, exist_ok=True)
    (args.uitvoer / "prestaties.md").write_text(page(rows, command), encoding="utf-8")
    plot(rows, args.uitvoer / "assets" / "prestaties.png")
    (args.uitvoer / "prestaties.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
