"""Every claim shows the passage it rests on: citations (``citaten``) are checked against the
source documents word for word, and case pages show them as numbered footnotes."""

from __future__ import annotations

import re
import shutil

import yaml

from conftest import REPO, needs_source_documents
from sitegen.check import problems as problem_codes
from sitegen.check.validate import check_paths

CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "practices").glob("*.yaml"))}


def claims(case: dict) -> list[str]:
    """'les N' for every lesson and 'resultaat N' for every top-level bullet of resultaten."""
    results = case.get("resultaten") or ""
    count = len(re.findall(r"^- ", results, re.MULTILINE)) or (1 if results.strip() else 0)
    return [f"les {n}" for n in range(1, len(case["lessen"]) + 1)] + [f"resultaat {n}" for n in range(1, count + 1)]


def test_every_lesson_and_result_of_the_nine_cases_carries_its_passage():
    for slug, case in CASES.items():
        cited = {c["bij"] for c in case.get("citaten") or []}
        assert [claim for claim in claims(case) if claim not in cited] == [], slug


@needs_source_documents
def test_every_passage_stands_in_its_source_document(source_folder, monkeypatch):
    monkeypatch.setenv("BRONDOCUMENTEN", str(source_folder))
    assert problem_codes.errors(check_paths([REPO / "practices"]).problems) == []


@needs_source_documents
def test_a_planted_wrong_passage_fails_check_with_file_line_and_column(source_folder, monkeypatch, tmp_path):
    monkeypatch.setenv("BRONDOCUMENTEN", str(source_folder))
    shutil.copytree(REPO / "practices", tmp_path / "practices")
    path = tmp_path / "practices" / "emmen-van-onderop.yaml"
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, start=1)  # a passage on one line, as most are
                if row.lstrip().startswith("citaat:") and not row.rstrip().endswith((">-", "|")))
    rows[line - 1] = re.sub(r"(citaat: \S+ )\S+", r"\1verzonnen", rows[line - 1])  # its second word
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = [(p.code, p.line, p.column) for p in check_paths([path]).problems]
    column = rows[line - 1].index("citaat:") + len("citaat: ") + 1
    assert "verzonnen" in rows[line - 1] and found == [("citaat_niet_in_bron", line, column)]


def test_without_the_documents_a_passage_is_not_checked_but_its_claim_and_source_are(monkeypatch, tmp_path):
    """A clone of the repository alone cannot read the documents: the passage then passes,
    but a citation of a lesson or source that does not exist never does."""
    monkeypatch.setattr("sitegen.paths.DEFAULT_SOURCE_DOCUMENTS", tmp_path / "nergens")
    monkeypatch.delenv("BRONDOCUMENTEN", raising=False)
    case = dict(CASES["emmen-van-onderop"], citaten=[{"bij": "les 9", "citaat": "Een passage die nergens staat."}])
    path = tmp_path / "emmen-van-onderop.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    assert [p.code for p in check_paths([path]).problems] == ["citaat_bij_ontbreekt"]


def test_case_pages_show_each_passage_as_a_footnote_of_its_claim(built_site):
    for slug, case in CASES.items():
        html = (built_site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
        for claim in {c["bij"] for c in case["citaten"]}:
            note = "citaat-" + claim.replace(" ", "-")
            assert html.count(f'href="#fn:{note}"') == 1, (slug, claim)
            footnote = re.search(rf'<li id="fn:{note}">(.*?)</li>', html, re.S).group(1)
            for citation in (c for c in case["citaten"] if c["bij"] == claim):
                words = re.sub(r"(\w)- (?!(?:en|of|tot|t/m)\b)(\w)", r"\1\2", " ".join(citation["citaat"].split()))
                assert words[:60].replace("&", "&amp;") in " ".join(footnote.split()), (slug, claim)
        assert "Zonder passage uit de bron" not in html, slug


def test_a_case_without_passages_says_so(large_built_site):
    synthetic = next(p for p in sorted((large_built_site.parent / "practices").glob("*.yaml"))
                     if "citaten" not in yaml.safe_load(p.read_text(encoding="utf-8")))
    html = (large_built_site / "praktijken" / synthetic.stem / "index.html").read_text(encoding="utf-8")
    assert "staat nog geen passage uit de bron" in html and 'class="footnote"' not in html


def test_the_facts_a_citation_may_name_are_the_facts_of_in_het_kort():
    """The schema's pattern for 'bij' spells the facts out; they must be the x-kort fields."""
    from sitegen import data

    pattern = data.source_schema()["properties"]["citaten"]["items"]["properties"]["bij"]["pattern"]
    named = [part for part in pattern.strip("^$()").split("|") if " " not in part]
    assert named == list(data.fact_keys())


def test_results_are_cut_before_each_bullet_and_text_around_the_list_belongs_to_it():
    from sitegen.check.passages import result_items

    text = "Vooraf.\n- Een\n  verder.\n- Twee\n\nTot slot.\n"
    assert result_items(text) == ["Vooraf.\n- Een\n  verder.\n", "- Twee\n\nTot slot.\n"]
    assert result_items("Alleen tekst.") == ["Alleen tekst."] and result_items("") == []
