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
