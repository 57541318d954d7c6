"""`generate.py bronnen`: every source address asked, each broken one told apart, kept in
one GitHub issue; against a local server that answers 200, 301, 302, 403, 404, 410, 500
and once never."""

from __future__ import annotations

import datetime

import yaml

from conftest import REPO
from sitegen.contribute import linkcheck

CASE = yaml.safe_load((REPO / "tests" / "fixtures" / "geldig" / "volledig.yaml").read_text(encoding="utf-8"))


def write_case(folder, name: str, urls: list[str]) -> None:
    case = dict(CASE, titel=f"Proefstad: {name}", bronnen=[
        {"titel": f"Bron {number}", "url": url} for number, url in enumerate(urls, start=1)])
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")


def test_every_kind_of_broken_address_is_told_apart_and_no_good_one_is_reported(tmp_path, answering):
    server, base = answering
    paths = ["/goed", "/verhuisd", "/tijdelijk", "/geweigerd", "/weg", "/opgeheven", "/kapot", "/stil"]
    write_case(tmp_path, "alles", [base + path for path in paths])
    links = linkcheck.source_links(sorted(tmp_path.glob("*.yaml")), str)
    assert [link.url for link in links] == [base + path for path in paths]
    text = (tmp_path / "alles.yaml").read_text(encoding="utf-8").splitlines()
    assert all(link.url in text[link.line - 1] for link in links)  # the line of each address

    verdicts = linkcheck.check_links(links, timeout=0.5, retries=1, pause=0)
    kinds = {v.link.url.removeprefix(base): v.kind for v in verdicts}
    assert kinds == {"/goed": "goed", "/verhuisd": "verhuisd", "/tijdelijk": "goed",
                     "/geweigerd": "geweigerd", "/weg": "niet_gevonden", "/opgeheven": "verdwenen",
                     "/kapot": "serverfout", "/stil": "geen_antwoord"}
    moved = next(v for v in verdicts if v.kind == "verhuisd")
    assert moved.moved_to == base + "/goed"
    assert server.asked.count("/kapot") == 2 and server.asked.count("/weg") == 1  # retried what may pass

    today = datetime.date(2026, 12, 1)
    body = linkcheck.report(verdicts, linkcheck.new_state(verdicts, {"http://oud/": "2020-01-01"}, today), today)
    assert "6 van de 8" in body
    for path in ("/verhuisd", "/geweigerd", "/weg", "/opgeheven", "/kapot", "/stil"):
        assert base + path in body
    assert f"| {base}/goed |" not in body and "http://oud/" not in body  # gone from the cases, gone here
    assert linkcheck.read_state(body)[base + "/goed"] == "2026-12-01"


def test_no_address_no_request():
    assert linkcheck.check_links([], timeout=0.1, pause=0) == []


def test_a_cited_passage_is_checked_against_the_page_of_its_source(tmp_path, answering):
    """The weekly check reads the text of a cited source's page (tags, scripts and line-break
    hyphens left out): a passage that stands there is fine, one that does not is reported."""
    _server, base = answering
    case = dict(CASE, bronnen=[{"titel": "Bron 1", "url": base + "/pagina"}, {"titel": "Bron 2", "url": base + "/goed"}],
                citaten=[{"bij": "les 1", "citaat": "investeerde in gezondheidsverschillen en werkte samen"},
                         {"bij": "les 1", "citaat": "Een zin die op geen enkele pagina staat.", "bron": 2}])
    (tmp_path / "citaten.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    links = linkcheck.source_links([tmp_path / "citaten.yaml"], str)
    assert [link.passages for link in links] == [(case["citaten"][0]["citaat"],), (case["citaten"][1]["citaat"],)]
    kinds = [v.kind for v in linkcheck.check_links(links, timeout=2, retries=0, pause=0)]
    assert kinds == ["goed", "citaat_weg"]  # /goed is the plain text "ok", without the second passage
    hidden = dict(case, citaten=[{"bij": "les 1", "citaat": "verborgen tekst"}])
    (tmp_path / "citaten.yaml").write_text(yaml.safe_dump(hidden, allow_unicode=True), encoding="utf-8")
    verdicts = linkcheck.check_links(linkcheck.source_links([tmp_path / "citaten.yaml"], str), timeout=2, retries=0, pause=0)
    assert [v.kind for v in verdicts] == ["citaat_weg", "goed"]  # a script's text is not the page's
