"""A real `build` of the real practices/: pages, links, language, no foreign hosts."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import REPO, build_sandbox, generate, parse, sandbox_copy
from helpers import file_hashes, wait_until_cleaned_up
from sitegen import data

PRACTICES = sorted(p.stem for p in (REPO / "practices").glob("*.yaml"))
TERMS = [(t.folder, term.slug) for t in data.taxonomies().values() for term in t.terms]


def page_url(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return "http://site.test/" + (relative[: -len("index.html")] if relative.endswith("index.html")
                                  else relative)


def resolves(site: Path, url: str) -> bool:
    path = urlsplit(url).path.lstrip("/")
    target = site / path
    return target.is_file() or (target / "index.html").is_file()


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_case_term_and_province_has_a_page(built_site):
    assert PRACTICES, "practices/ holds the cases"
    built = sorted(p.parent.name for p in (built_site / "praktijken").glob("*/index.html"))
    former = {a.strip("/").split("/")[-1] for c in PRACTICES for a in yaml.safe_load(
        (REPO / "practices" / f"{c}.yaml").read_text(encoding="utf-8")).get("eerdere-adressen") or []}
    assert built == sorted(set(PRACTICES) | former)  # one page per case file, nothing else
    assert len(TERMS) == 18
    for folder, slug in TERMS:
        assert (built_site / folder / slug / "index.html").is_file(), (folder, slug)
    for folder in ("praktijken", "sporen", "pijlers", "ketenaanpakken", "provincies", "over"):
        assert (built_site / folder / "index.html").is_file(), folder
    for province in ("noord-brabant", "drenthe", "utrecht", "fryslan"):
        assert (built_site / "provincies" / province / "index.html").is_file(), province


def test_every_page_is_dutch(built_site):
    for html in html_pages(built_site):
        assert parse(html).lang == "nl", html


def test_no_page_loads_fonts_scripts_or_styles_from_another_host(built_site):
    for html in html_pages(built_site):
        for tag, attribute, url in parse(html).urls:
            if tag in ("script", "link", "img", "iframe", "source"):
                assert urlsplit(url).netloc in ("", "127.0.0.1:8000"), (html, url)
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_internal_links_all_resolve(built_site):
    broken = []
    for html in html_pages(built_site):
        base = page_url(built_site, html)
        for _tag, _attribute, url in parse(html).urls:
            absolute = urljoin(base, url)
            if urlsplit(absolute).netloc == "site.test" and not resolves(built_site, absolute):
                broken.append((html.relative_to(built_site).as_posix(), url))
    assert broken == []


def test_case_pages_link_to_their_terms_and_terms_link_back(built_site):
    for slug in PRACTICES:
        case = yaml.safe_load((REPO / "practices" / f"{slug}.yaml").read_text(encoding="utf-8"))
        page = built_site / "praktijken" / slug / "index.html"
        links = {urljoin(page_url(built_site, page), u) for _t, _a, u in parse(page).urls}
        for key, taxonomy in data.taxonomies().items():
            for term in case.get(key) or []:
                term_url = f"http://site.test/{taxonomy.folder}/{term}/"
                assert term_url in links, (slug, term_url)
                term_page = built_site / taxonomy.folder / term / "index.html"
                back = {urljoin(term_url, u) for _t, _a, u in parse(term_page).urls}
                assert f"http://site.test/praktijken/{slug}/" in back, (term, slug)


def test_case_page_shows_its_content_and_sources(built_site):
    page = parse(built_site / "praktijken" / "emmen-van-onderop" / "index.html")
    text = " ".join(" ".join(page.text).split())
    for heading in ("Aanpak", "Resultaten", "Lessen voor andere gemeenten", "Partners", "Bronnen"):
        assert heading in text
    assert "M&GEZOND!" in text and "Drenthe" in text and "24 november 2026" in text
    assert "Emmen werkt van onderop" in text  # the cited source


def test_cases_stay_out_of_the_navigation(built_site):
    # Outside its article, a case page must not mention other cases: the nav
    # would otherwise grow with every case added (quadratic site size).
    for slug in PRACTICES:
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        start, end = html.index("<article"), html.index("</article>")
        chrome = html[:start] + html[end:]
        assert '<nav class="md-nav md-nav--primary' in chrome
        for other in set(PRACTICES) - {slug}:
            assert f"{other}/" not in chrome, (slug, other)


def test_word_index_covers_every_case_and_the_other_pages_not_lists(built_site):
    """Lists repeat every summary; indexing them would bury the cases in results."""
    meta = json.loads((built_site / "woorden" / "index.json").read_text(encoding="utf-8"))
    assert meta["praktijken"] == len(PRACTICES)
    others = {address for address, _, _ in meta["paginas"]}
    assert {"over/", "lessen/", "bijdragen/"} <= others
    assert not others & {"", "praktijken/", "sporen/preventie-en-zorg/", "provincies/fryslan/", "zoeken/"}
    assert not [a for a in others if a.startswith("praktijken/")]  # cases are read from their files
    assert sorted(meta["delen"]) == sorted(p.stem for p in (built_site / "woorden").glob("*.json") if p.stem != "index")
    for listing in ("index.html", "praktijken/index.html", "sporen/preventie-en-zorg/index.html",
                    "provincies/fryslan/index.html", "zoeken/index.html"):
        assert "data-zoektekst" not in (built_site / listing).read_text(encoding="utf-8")


def test_every_page_has_a_labelled_header_search_leading_to_the_finder(built_site):
    """Every page but the home page, which has its own box first: one search box per page."""
    for html in html_pages(built_site):
        text = html.read_text(encoding="utf-8")
        if html == built_site / "index.html":
            assert 'id="zoekveld"' not in text and text.count('role="search"') == 1
            continue
        assert '<label for="zoekveld"' in text and '<input id="zoekveld"' in text, html
        action = re.search(r'<form class="zoekformulier" role="search" action="([^"]+)"', text)
        target = urljoin(page_url(built_site, html), action.group(1))
        overview = data.settings().pages["overzicht"].address  # where the home page's box leads too
        assert urlsplit(target).path == overview and resolves(built_site, target), (html, target)


def test_homepage_lists_newest_cases(built_site):
    text = " ".join(parse(built_site / "index.html").text)
    assert "Nieuwste praktijken" in text
    cases = [yaml.safe_load((REPO / "practices" / f"{slug}.yaml").read_text()) for slug in PRACTICES]
    cases.sort(key=lambda case: case["titel"])
    cases.sort(key=lambda case: str(case["gepubliceerd"]), reverse=True)  # newest first, then by title
    shown = data.settings().newest_on_home
    for position, case in enumerate(cases):
        assert (case["titel"] in text) == (position < shown), case["titel"]


# -- atomic build ---------------------------------------------------------------


@pytest.fixture
def sandbox(tmp_path):
    return sandbox_copy(tmp_path)


build_in = build_sandbox


def test_broken_case_leaves_site_and_markdown_untouched(sandbox, capsys):
    written = file_hashes(sandbox / "docs")
    assert build_in(sandbox) == 0
    assert file_hashes(sandbox / "docs") == written  # docs/ is only what people wrote
    before = (file_hashes(sandbox / "site"), file_hashes(sandbox / ".cache" / "bron"))
    wait_until_cleaned_up(sandbox)  # the first site: deleted in the background after the swap

    shutil.copy(REPO / "tests" / "fixtures" / "ongeldig" / "spoor-verkeerd.yaml",
                sandbox / "practices" / "kapot.yaml")
    assert build_in(sandbox) == 1

    assert (file_hashes(sandbox / "site"), file_hashes(sandbox / ".cache" / "bron")) == before
    output = capsys.readouterr().out
    assert f"{sandbox / 'practices' / 'kapot.yaml'}:6:5: fout:" in output
    assert "De vorige versie van de site blijft staan." in output
    assert not list(sandbox.glob(".bouw-*"))  # no staging left behind


def test_mkdocs_failure_leaves_site_untouched(sandbox, capsys):
    assert build_in(sandbox) == 0
    # A local build goes on without the colofon's publisher and address, and says so.
    assert data.messages()["afzender_waarschuwing"].format(naam="'uitgever' en 'redactie_email'") \
        in capsys.readouterr().out
    over = sandbox / "docs" / "over.md"
    over.write_text(over.read_text(encoding="utf-8") + "\n[kapot](bestaat-niet.md)\n",
                    encoding="utf-8")
    before = (file_hashes(sandbox / "site"), file_hashes(sandbox / ".cache" / "bron"))
    assert build_in(sandbox) == 1
    assert (file_hashes(sandbox / "site"), file_hashes(sandbox / ".cache" / "bron")) == before
    assert "MkDocs meldde een probleem" in capsys.readouterr().out


def test_removed_case_disappears_once_its_address_is_withdrawn(sandbox):
    """A maintainer may withdraw an address on purpose, with a reason; then the page goes."""
    assert build_in(sandbox) == 0
    (sandbox / "practices" / "emmen-van-onderop.yaml").unlink()  # the only case in Drenthe
    assert build_in(sandbox) == 1  # registered: it may not just disappear
    register = sandbox / "practices" / "adressen.txt"
    register.write_text(register.read_text().replace(
        "/praktijken/emmen-van-onderop/\n",
        "/praktijken/emmen-van-onderop/ ingetrokken: op verzoek van de gemeente\n"))
    assert build_in(sandbox) == 0
    assert not (sandbox / "site" / "praktijken" / "emmen-van-onderop").exists()
    assert not (sandbox / ".cache" / "bron" / "docs" / "praktijken" / "emmen-van-onderop.md").exists()
    # The province page stays: its address is permanent too, now saying there is no case yet.
    assert "nog geen praktijk" in (sandbox / "site" / "provincies" / "drenthe" / "index.html").read_text()
    assert (sandbox / "site" / "praktijken" / "helmond-integrale-aanpak" / "index.html").is_file()


def test_special_characters_build_and_show_literally(large_built_site):
    """The large site holds tests/fixtures/geldig/leestekens.yaml (conftest), which the
    Nu Html Checker also reads: the page is valid, and the text is shown as written."""
    page = parse(large_built_site / "praktijken" / "leestekens" / "index.html")
    text = " ".join(page.text)
    assert """Café & co: <5 jaar> "Samen" 't Gooi en emoji 🎉""" in text
    assert "Kinderen < 4 jaar & ouders > 60 jaar;" in text
    assert "Súdwest, coöperatie" in text


def test_generated_markdown_is_plain_with_front_matter(built_sandbox):
    markdown = (built_sandbox / ".cache" / "bron" / "docs" / "praktijken" / "helmond-integrale-aanpak.md"
                ).read_text(encoding="utf-8")
    assert markdown.startswith("---\n")
    front, body = markdown[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Helmond: een duurzame en integrale aanpak"
    assert meta["description"].startswith("Helmond nam de aanpak")
    assert "](../sporen/preventie-en-zorg.md)" in body  # relative .md links, no builder syntax
    assert "{%" not in body and "{{" not in body


def test_case_pages_carry_link_preview_tags(built_site):
    for slug in PRACTICES:
        case = yaml.safe_load((REPO / "practices" / f"{slug}.yaml").read_text(encoding="utf-8"))
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
        summary = " ".join(case["samenvatting"].split())
        assert unescape(meta["og:title"]) == case["titel"]
        assert unescape(meta["og:description"]) == summary
        assert unescape(meta["description"]) == summary
        assert meta["og:url"].startswith("http") and meta["og:url"].endswith(f"/praktijken/{slug}/")
        assert meta["og:locale"] == "nl_NL" and meta["og:type"] == "article"


def test_no_script_file_holds_up_the_first_paint(built_site):
    # A script file without defer stops the page from showing until it has loaded
    # (Lighthouse: about 0.9 s on a phone for Material's bundle alone).
    for page in html_pages(built_site):
        blocking = [script["src"] for script in parse(page).scripts
                    if not {"defer", "async"} & set(script) and script.get("type") != "module"]
        assert blocking == [], (page, blocking)


def test_a_build_adds_only_the_cache_folder_to_a_working_tree(tmp_path):
    """`git status --ignored` after `generate.py build` in a clone: only .cache/ is new."""
    import subprocess

    clone = tmp_path / "kloon"
    sandbox_copy(clone)
    shutil.copytree(REPO / "scripts", clone / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / ".gitignore", clone / ".gitignore")

    def git(*args):
        return subprocess.run(["git", "-C", str(clone), *args], capture_output=True, text=True,
                              check=True).stdout

    git("init", "--quiet")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "bron")
    assert git("status", "--porcelain", "--ignored") == ""
    result = generate("build", cwd=clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / ".cache" / "site" / "index.html").is_file()
    assert (clone / ".cache" / "bron" / "docs" / "index.md").is_file()  # the Markdown, for any builder
    assert git("status", "--porcelain", "--ignored").splitlines() == ["!! .cache/"]


def test_publishing_stops_until_the_site_says_who_stands_behind_it(tmp_path):
    """site.yaml uitgever and redactie_email: empty, publishing stops with a Dutch message and
    writes nothing; filled in (with punctuation), the colofon names them and links the address."""
    root = sandbox_copy(tmp_path / "project", names=("scripts", "practices", "docs", "mkdocs.yml"))
    site = tmp_path / "site"
    stopped = generate("build", "--publiceren", "--site-dir", str(site), cwd=root)
    assert stopped.returncode == 1
    assert stopped.stdout.strip() == data.messages()["afzender_ontbreekt"].format(
        naam="'uitgever' en 'redactie_email'")
    assert not site.exists()
    settings = root / "scripts" / "sitegen" / "data" / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('uitgever: ""', """uitgever: "Kennis & Gezond 'Noord'" """, 1)
                        .replace('redactie_email: ""', "redactie_email: redactie@voorbeeld.nl", 1), encoding="utf-8")
    done = generate("build", "--publiceren", "--site-dir", str(site), cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "site.yaml" not in done.stdout  # no warning left
    page = (site / "colofon" / "index.html").read_text(encoding="utf-8")
    assert "Kennis &amp; Gezond &#39;Noord&#39;" in page or "Kennis &amp; Gezond 'Noord'" in page
    assert 'href="mailto:redactie@voorbeeld.nl"' in page


def test_no_page_shows_a_code_fence_as_text(built_site):
    """A fenced block inside a list item (docs/bijdragen.md) is a code block, not inline code
    starting with its language name (pymdownx.superfences)."""
    broken = [str(page.relative_to(built_site)) for page in html_pages(built_site)
              if re.search(r"<code>(yaml|bash|text)\n", page.read_text(encoding="utf-8"))]
    assert broken == []
    assert "eerdere-adressen" in (built_site / "bijdragen" / "index.html").read_text(encoding="utf-8")
