"""Do the web addresses of the sources still answer? (``generate.py bronnen``)

Officials check a claim by opening its source, so a dead link is a defect
like a wrong sentence. This module finds every ``bronnen[].url`` with its file
and line, asks each address politely (one host at a time per worker, a pause
between requests to the same host, a few retries, redirects followed) and
tells apart what a maintainer must do:

- ``verhuisd``: a permanent redirect (301, 308): update the address;
- ``niet_gevonden`` (404) and ``verdwenen`` (410): find the document elsewhere;
- ``serverfout`` (5xx), ``geen_antwoord`` (time-out), ``onbereikbaar``
  (no connection): often passing, so they count only after the retries;
- ``geweigerd`` (another 4xx): the host refuses a checker; look by hand;
- ``citaat_weg``: the page answers, but a passage a case cites from it
  (``citaten`` with this ``bron``) no longer stands in its text, word for word
  as check/passages.py compares them. Only HTML and plain text are read; a PDF
  is not, so its passages are checked only against the source documents.

The verdicts are data; report() words them from messages.yaml, with the last
date each address was seen working. source_issue.py keeps them in one issue.
"""

from __future__ import annotations

import datetime
import html.parser
import json
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import data
from ..check.load import load_file
from ..check.passages import normal
from ..check.reporters import cell

GOOD = "goed"
PERMANENT = (301, 308)
STATE_MARKER = "bronnen-staat"  # hidden JSON in the report: the last date each address worked


@dataclass(frozen=True)
class Link:
    path: str  # the case file, as contributors know it
    line: int
    title: str  # the case's title
    url: str
    passages: tuple[str, ...] = ()  # what the case cites from this source (citaten)


@dataclass(frozen=True)
class Verdict:
    link: Link
    kind: str  # GOOD or a key of messages.yaml bronnen.soorten
    status: int | None = None
    moved_to: str = ""


def source_links(files: list[Path], shown) -> list[Link]:
    """Every source address of the cases, with its file and line."""
    links = []
    for file in files:
        loaded = load_file(file, shown(file))
        case = loaded.data if isinstance(loaded.data, dict) else {}
        citations = [c for c in case.get("citaten") or [] if isinstance(c, dict) and isinstance(c.get("citaat"), str)]
        for index, source in enumerate(case.get("bronnen") or []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                line = loaded.line_of(("bronnen", index, "url"))
                cited = tuple(c["citaat"] for c in citations if c.get("bron", 1) == index + 1)
                links.append(Link(loaded.path, line, str(case.get("titel") or file.stem), source["url"], cited))
    return links


class _Text(html.parser.HTMLParser):
    """The visible text of an HTML page (scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, text):
        if not self._skip:
            self.parts.append(text)


def page_text(body: bytes, kind: str) -> str | None:
    """The text of a fetched page, or None where it cannot be read here (a PDF, an image)."""
    if not kind.startswith(("text/html", "text/plain", "application/xhtml")):
        return None
    text = body.decode("utf-8", errors="replace")
    if kind.startswith("text/plain"):
        return text
    parser = _Text()
    parser.feed(text)
    return " ".join(parser.parts)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, so that a permanent one can be told apart."""

    def redirect_request(self, *args, **kwargs):
        return None


MAX_PAGE = 5_000_000  # bytes read of a page whose passages are checked


def _ask(url: str, timeout: float, read: list | None = None) -> tuple[int | None, str, str]:
    """(status, location, error kind) of one request, redirects not followed; with ``read``,
    the page's text (or None) is appended to it."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": data.messages()["bronnen"]["agent"]})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_PAGE if read is not None else 1024)
            if read is not None:
                read.append(page_text(body, response.headers.get("Content-Type", "")))
            return response.status, "", ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), ""
    except (TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        timed_out = isinstance(reason, TimeoutError) or "timed out" in str(reason)
        return None, "", "geen_antwoord" if timed_out else "onbereikbaar"


def check_url(link: Link, *, timeout: float, retries: int, pause: float) -> Verdict:
    """Follows up to five redirects; retries what may pass (5xx, time-outs, no connection)."""
    url, moved_to, hops = link.url, "", 0
    read = [] if link.passages else None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(pause * attempt)  # polite: wait longer after each failure
        status, location, failure = _ask(url, timeout, read)
        while status in (301, 302, 303, 307, 308) and location and hops < 5:
            hops += 1
            location = urljoin(url, location)
            if status in PERMANENT and not moved_to:
                moved_to = location
            url = location
            status, location, failure = _ask(url, timeout, read)
        if status is not None and status < 500:
            break
    if failure:
        return Verdict(link, failure)
    if status == 404:
        return Verdict(link, "niet_gevonden", status)
    if status == 410:
        return Verdict(link, "verdwenen", status)
    if status >= 500:  # (no status means a failure, handled above)
        return Verdict(link, "serverfout", status)
    if status >= 400:  # 401, 403, 429: the host refuses us, the document may be fine
        return Verdict(link, "geweigerd", status)
    if moved_to:
        return Verdict(link, "verhuisd", status, moved_to)
    text = read[-1] if read else None
    if text is not None and not all(normal(p) in normal(text) for p in link.passages):
        return Verdict(link, "citaat_weg", status)
    return Verdict(link, GOOD, status)


def check_links(links: list[Link], *, timeout: float | None = None, retries: int | None = None,
                pause: float | None = None, workers: int | None = None) -> list[Verdict]:
    """Each host is asked by one worker, one request after another with ``pause`` between.
    What is not given comes from site.yaml (bronnencontrole)."""
    limits = data.settings().source_check
    timeout = limits["wachttijd"] if timeout is None else timeout
    retries = limits["herhalingen"] if retries is None else retries
    pause = limits["pauze"] if pause is None else pause
    workers = limits["werkers"] if workers is None else workers
    by_host: dict[str, list[Link]] = {}
    for link in links:
        by_host.setdefault(urlsplit(link.url).netloc, []).append(link)

    def one_host(host_links: list[Link]) -> list[Verdict]:
        verdicts = []
        for index, link in enumerate(host_links):
            if index:
                time.sleep(pause)
            verdicts.append(check_url(link, timeout=timeout, retries=retries, pause=pause))
        return verdicts

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = [verdict for group in pool.map(one_host, by_host.values()) for verdict in group]
    order = {link: number for number, link in enumerate(links)}
    return sorted(results, key=lambda v: order[v.link])


def read_state(text: str) -> dict[str, str]:
    """The last good date per address, from an earlier report."""
    match = re.search(rf"<!-- {STATE_MARKER} (\{{.*?\}}) -->", text or "", re.DOTALL)
    try:
        return json.loads(match.group(1)) if match else {}
    except ValueError:
        return {}


def new_state(verdicts: list[Verdict], previous: dict[str, str], today: datetime.date) -> dict[str, str]:
    state = {url: day for url, day in previous.items() if url in {v.link.url for v in verdicts}}
    for verdict in verdicts:
        if verdict.kind == GOOD:
            state[verdict.link.url] = today.isoformat()
    return dict(sorted(state.items()))


def report(verdicts: list[Verdict], state: dict[str, str], today: datetime.date) -> str:
    """The Markdown of the one issue: each address to fix with its case, line and last good date."""
    texts = data.messages()["bronnen"]
    broken = [v for v in verdicts if v.kind != GOOD]
    lines = [f"<!-- {STATE_MARKER} {json.dumps(state, ensure_ascii=False)} -->", "",
             texts["kop_fout" if broken else "kop_goed"].format(aantal=len(broken), totaal=len(verdicts),
                                                                datum=today.isoformat()), ""]
    if broken:
        lines += [texts["uitleg"], "", "| " + " | ".join(texts["kolommen"]) + " |", "|---|---|---|---|---|"]
        for verdict in broken:
            what = texts["soorten"][verdict.kind].format(status=verdict.status or "", naar=verdict.moved_to)
            last = state.get(verdict.link.url) or texts["nooit_goed"]
            lines.append(f"| {cell(verdict.link.title)} (`{verdict.link.path}`, {texts['regel']} "
                         f"{verdict.link.line}) | {cell(verdict.link.url)} | {cell(what)} | {last} | "
                         f"{cell(texts['oplossingen'][verdict.kind])} |")
    return "\n".join(lines) + "\n"

