"""The site as GitHub Pages publishes it: under a subpath (/<repo>/).

The build runs with such a SITE_URL, and a link checker follows every
internal reference in every HTML page, feed and data file: links, images,
scripts, stylesheets, feeds, preview images, the 404 page (which a host
serves at any depth), and the forwarding pages of former addresses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import build_sandbox, parse, sandbox_copy

SUBPATH = "/goede-praktijken/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    sandbox = sandbox_copy(root / "bron")
    # A renamed case, so forwarding pages are checked too.
    old = sandbox / "practices" / "emmen-van-onderop.yaml"
    (sandbox / "practices" / "emmen-gezond.yaml").write_text(
        old.read_text(encoding="utf-8") + "eerdere-adressen:\n  - /praktijken/emmen-van-onderop/\n",
        encoding="utf-8")
    old.unlink()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", "https://voorbeeld.github.io" + SUBPATH)
        assert build_sandbox(sandbox) == 0
    return sandbox / "site"


def target_file(site: Path, url: str) -> Path | None:
    """The file a same-site URL serves, or None when it points outside the subpath."""
    path = urlsplit(url).path
    if not path.startswith(SUBPATH):
        return None
    file = site / path[len(SUBPATH):]
    return file / "index.html" if path.endswith("/") else file


def check(site: Path, page_url: str, references: list[str]) -> list[str]:
    broken = []
    for reference in references:
        url = urljoin(page_url, reference)
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "data", "javascript") or parts.netloc not in ("voorbeeld.github.io",):
            continue
        file = target_file(site, url)
        if file is None or not file.is_file():
            broken.append(f"{page_url} -> {reference}")
    return broken


def test_every_internal_reference_resolves_under_a_subpath(subpath_site):
    base = "https://voorbeeld.github.io" + SUBPATH
    broken, pages = [], 0
    for html in sorted(subpath_site.rglob("*.html")):
        relative = html.relative_to(subpath_site).as_posix()
        if relative == "404.html":
            urls = [base + "bestaat-niet/", base + "praktijken/a/b/"]  # served at any depth
        else:
            urls = [base + relative.removesuffix("index.html")]
        references = parse(html).references
        for url in urls:
            broken += check(subpath_site, url, references)
        pages += 1
    for feed in sorted(subpath_site.glob("feed*.xml")):
        links = re.findall(r'href="([^"]+)"', feed.read_text(encoding="utf-8"))
        broken += check(subpath_site, base, links)
    records = json.loads((subpath_site / "data" / "praktijken.json").read_text(encoding="utf-8"))
    broken += check(subpath_site, base, [r["adres"] for r in records["praktijken"]])
    for sitemap in ("sitemap.xml", "sitemap-paginas.xml"):  # the index and the list it names
        text = (subpath_site / sitemap).read_text(encoding="utf-8")
        broken += check(subpath_site, base, re.findall(r"<loc>([^<]+)</loc>", text))
    assert pages > 40
    assert broken == []


def test_link_checker_finds_a_broken_link(subpath_site):
    """Guards the checker: a root-absolute link escapes the subpath and must count as broken."""
    assert check(subpath_site, "https://voorbeeld.github.io" + SUBPATH, ["/praktijken/"]) != []
    assert check(subpath_site, "https://voorbeeld.github.io" + SUBPATH, ["bestaat-niet/"]) != []
    assert check(subpath_site, "https://voorbeeld.github.io" + SUBPATH, ["praktijken/"]) == []


def test_forwarding_page_points_inside_the_subpath(subpath_site):
    page = (subpath_site / "praktijken" / "emmen-van-onderop" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://voorbeeld.github.io/goede-praktijken/praktijken/emmen-gezond/"' in page
