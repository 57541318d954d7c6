"""The editor's checker (JavaScript, scripts/editor/src/) and `check` (Python) give the same
problems for the same text: code, field, line, column, raw values, severity, and the Dutch
words both render, as a file's problem and as a form's. Whole results are compared, not a
summary of them, for every fixture and case and for a few hundred files drawn from the
fuzz test's strategies. The editor's checker runs under Node (bundled with esbuild from
the editor's own sources and pinned libraries), so this needs no browser.

Left out: the codes the editor cannot find by itself (messages.yaml ``alleen_op_github``:
they need the other cases, the published version or the source documents), which the
editor says GitHub checks.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from conftest import REPO
from test_fuzz import ANY_FILE
from sitegen.check import problems, reporters
from sitegen.check.load import load_file
from sitegen.check.validate import validate_loaded
from sitegen.render.editor import checked_on_github, editor_data
from sitegen import data

EDITOR = REPO / "scripts" / "editor"
EDITOR_LIBRARIES = REPO / ".venv" / "editor" / "node_modules"  # dev.py installs them (package-lock.json)
FILES = (sorted((REPO / "tests" / "fixtures").glob("*/*.yaml"))
         + sorted((REPO / "practices").glob("*.yaml")))
GENERATED = int(os.environ.get("CHECKERS_AANTAL", "600"))  # drawn files; about a quarter are not YAML


def bundle(editor: Path, target: Path) -> Path:
    """The editor's checker as one Node script, from the sources in ``editor``."""
    esbuild = EDITOR_LIBRARIES / ".bin" / "esbuild"
    assert esbuild.exists(), "esbuild ontbreekt: start de tests met python3 scripts/dev.py test"
    out = target / "checktext.cjs"
    subprocess.run([str(esbuild), str(editor / "checktext.mjs"), "--bundle", "--platform=node",
                    "--format=cjs", f"--outfile={out}", "--log-level=error"],
                   env={**os.environ, "NODE_PATH": str(EDITOR_LIBRARIES)}, check=True)
    return out


@pytest.fixture(scope="module")
def editor_checker(tmp_path_factory) -> Path:
    return bundle(EDITOR, tmp_path_factory.mktemp("editor"))


# The editor's data with the whole message table: the page itself has only each code's
# `melding`, but the file's fix is worded by the same rules and compared too.
WHOLE_TABLE = {**editor_data(), "meldingen": {
    code: {"melding": entry["melding"], "oplossing": entry["oplossing"]} for code, entry in data.messages().items()
    if isinstance(entry, dict) and {"melding", "oplossing"} <= set(entry)}}


def run_editor(checker: Path, texts: list[str] = (), names: list[str] = (), mails: list = ()) -> dict:
    done = subprocess.run(["node", str(checker)], capture_output=True, text=True, encoding="utf-8", check=False,
                          input=json.dumps({"gegevens": WHOLE_TABLE, "teksten": list(texts), "namen": list(names),
                                            "mails": list(mails)}))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def editor_results(checker: Path, contents: list[bytes]) -> list[list[dict]]:
    """What the editor finds in each file, read as a browser's TextDecoder reads it (a byte
    order mark dropped, bad bytes replaced)."""
    texts = [content.decode("utf-8-sig", errors="replace") for content in contents]
    return [[_comparable(problem) for problem in found if problem["code"] not in checked_on_github()]
            for found in run_editor(checker, texts)["problemen"]]


def python_results(folder: Path, contents: list[bytes]) -> list[list[dict]]:
    """What `check` finds in each file, with the same words as the editor's form."""
    texts = data.settings().editor_texts
    results = []
    for content in contents:
        path = folder / "praktijk.yaml"
        path.write_bytes(content)
        found = []
        for problem in validate_loaded(load_file(path, path.name)):
            if problem.code in checked_on_github():
                continue
            label = reporters.form_label(problem.field, texts["nummer"], texts["algemeen"])
            found.append(_comparable({
                "code": problem.code, "field": list(problem.field), "values": problem.value_map,
                "line": problem.line, "column": problem.column, "severity": problem.severity,
                "woorden": list(reporters.render(problem)),
                "formulier": [reporters.render(problem, {"sleutel": label} if problem.field else {})[0],
                              reporters.form_fix(problem, label)]}))
        results.append(found)
    return results


def _comparable(problem: dict) -> dict:
    """One problem as JSON gives it (lists, not tuples), in a set-like order below."""
    return json.loads(json.dumps(problem, sort_keys=True, ensure_ascii=False))


PER_READER = set(data.messages()["verschil_per_lezer"])  # where the two YAML parsers may differ


def differences(checker: Path, folder: Path, contents: list[bytes], names: list[str],
                compared: list | None = None) -> list[dict]:
    """Per file that the two checkers see differently: what only one of them found. A file
    that either parser finds not to be YAML (verschil_per_lezer) is left out; every other
    file is compared whole, and its name is added to ``compared``."""
    key = lambda p: json.dumps(p, sort_keys=True, ensure_ascii=False)  # noqa: E731
    found = []
    for name, content, python, editor in zip(names, contents, python_results(folder, contents),
                                             editor_results(checker, contents)):
        if {p["code"] for p in python + editor} & PER_READER:
            continue  # not compared: each parser's own verdict (messages.yaml says why)
        if compared is not None:
            compared.append(name)
        only_python = sorted((p for p in python if p not in editor), key=key)
        only_editor = sorted((p for p in editor if p not in python), key=key)
        if only_python or only_editor:
            found.append({"bestand": name, "tekst": content[:400], "alleen_check": only_python,
                          "alleen_editor": only_editor})
    return found


def report(found: list[dict]) -> str:
    """The differences, one file at a time, readable in a test log."""
    return "\n\n".join(json.dumps({**d, "tekst": d["tekst"].decode("utf-8", "replace")},
                                  ensure_ascii=False, indent=1) for d in found)


def test_every_fixture_and_case_gives_the_same_problems_and_words(editor_checker, tmp_path):
    contents = [path.read_bytes() for path in FILES]
    found = differences(editor_checker, tmp_path, contents, [p.name for p in FILES])
    assert found == [], report(found)


def drawn_files(count: int) -> list[bytes]:
    """``count`` files from the fuzz test's strategies, collected first so that Node starts
    once (a difference shows the file's bytes). The same files every run, so that the suite
    cannot fail by chance; the weekly Fuzz workflow draws new ones (CHECKERS_WILLEKEURIG=1,
    with CHECKERS_AANTAL files) and reports what it finds."""
    drawn: list[bytes] = []

    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              derandomize=not os.environ.get("CHECKERS_WILLEKEURIG"), suppress_health_check=list(HealthCheck))
    @given(ANY_FILE)
    def collect(content):
        drawn.append(content)

    collect()
    return drawn


def test_generated_files_give_the_same_problems_and_words(editor_checker, tmp_path):
    contents, compared = drawn_files(GENERATED), []
    found = differences(editor_checker, tmp_path, contents, [f"getrokken-{n}" for n in range(len(contents))],
                        compared)
    assert found == [], report(found)
    assert len(compared) >= 300  # compared whole, not only as "both refuse it"


# -- the comparison can fail ---------------------------------------------------------------------

def test_a_difference_planted_in_the_editor_is_found(tmp_path):
    planted = tmp_path / "editor"
    shutil.copytree(EDITOR / "src", planted / "src")
    shutil.copy(EDITOR / "checktext.mjs", planted)
    words = planted / "src" / "words.js"
    words.write_text(words.read_text(encoding="utf-8").replace('" → "', '" > "'), encoding="utf-8")
    found = differences(bundle(planted, tmp_path), tmp_path, [p.read_bytes() for p in FILES], [p.name for p in FILES])
    assert found and all(" > " in json.dumps(d["alleen_editor"], ensure_ascii=False) for d in found)


def test_a_difference_planted_in_check_is_found(editor_checker, tmp_path, monkeypatch):
    monkeypatch.setattr(problems, "closest", lambda value, allowed: "")  # no "Bedoelt u ...?"
    contents = [path.read_bytes() for path in FILES]
    found = differences(editor_checker, tmp_path, contents, [p.name for p in FILES])
    assert found and all(d["alleen_editor"] and d["alleen_check"] for d in found)
    assert {p["code"] for d in found for p in d["alleen_editor"]} <= {
        "onbekende_sleutel", "onbekende_term", "onbekende_provincie"}


# -- the differences a review found, each now one answer ------------------------------------------

TWO_LANGUAGES = REPO / "tests" / "fixtures" / "tweetalig"
# file -> what both checkers must say: (line, code, the form's wording of the message).
KNOWN = {
    "samevatting.yaml": {  # an unknown key has no label: it keeps its own name
        (1, "ontbrekende_sleutel", "Het verplichte veld 'Samenvatting' ontbreekt."),
        (4, "onbekende_sleutel", "Onbekend veld 'samevatting'. Bedoelt u 'samenvatting'?")},
    "dubbel-en-kort.yaml": {  # a duplicate key, and the check goes on with the last value
        (4, "dubbele_sleutel", "'Provincie' staat twee keer in het bestand (eerder op regel 3)."),
        (10, "te_kort", "'Aanpak' is te kort (8 tekens; minstens 100).")},
    "gelijke-kans.yaml": {  # a tie goes to the option that sorts last, as difflib does
        (6, "onbekende_term", "'preventie-en-zor' is geen bekende term voor 'Sporen'. Bedoelt u 'preventie-en-zorg'?"),
        (7, "onbekende_term", "'omgeving' is geen bekende term voor 'Sporen'. Bedoelt u 'sociale-omgeving'?")},
    "y-n-en-getal.yaml": {  # y and n are text, 1.0 is a float (PyYAML's YAML 1.1)
        (1, "getal_valkuil", "'Titel' wordt gelezen als getal (1.0), niet als tekst."),
        (2, "te_kort", "'Regio' is te kort (1 tekens; minstens 2)."),
        (17, "onbekende_term", "'n' is geen bekende term voor 'Onderbouwing'.")},
    "drie-ontbreken.yaml": {  # one problem per missing field, not one per field per field
        (1, "ontbrekende_sleutel", "Het verplichte veld 'Gepubliceerd' ontbreekt."),
        (1, "ontbrekende_sleutel", "Het verplichte veld 'Lessen' ontbreekt."),
        (1, "ontbrekende_sleutel", "Het verplichte veld 'Sporen' ontbreekt.")},
    "stuurtekens.yaml": {  # a control character and a byte order mark, pasted in
        (4, "stuurteken", "Op deze regel staat een onzichtbaar stuurteken (vaak meegekomen bij kopiëren uit Word, een pdf of een e-mail)."),
        (13, "stuurteken", "Op deze regel staat een onzichtbaar stuurteken (vaak meegekomen bij kopiëren uit Word, een pdf of een e-mail).")},
}


def test_the_differences_a_review_found_are_one_answer(editor_checker, tmp_path):
    names = sorted(KNOWN)
    contents = [(TWO_LANGUAGES / name).read_bytes() for name in names]
    assert sorted(p.name for p in TWO_LANGUAGES.glob("*.yaml")) == names
    for name, python, editor in zip(names, python_results(tmp_path, contents), editor_results(editor_checker, contents)):
        assert {(p["line"], p["code"], p["formulier"][0]) for p in editor} == KNOWN[name], name
        in_order = lambda found: sorted(json.dumps(p, sort_keys=True) for p in found)  # noqa: E731
        assert in_order(python) == in_order(editor), name


def test_the_editor_names_a_file_as_check_would(editor_checker):
    """The file name is the address: the editor's slugFor and addresses.slug_for agree on
    every title (real ones, punctuation, accents, emoji, a name that ends in .yaml), and
    every name fits the file-name rule both read (regels.yaml bestandsnaam)."""
    from hypothesis import strategies as st
    from sitegen.check.addresses import FILE_NAME, slug_for

    titles = [p.read_bytes().decode("utf-8", "replace").split("\n", 1)[0] for p in FILES]
    titles += ["Súdwest-Fryslân: samen gezond", "Café & co", "'s-Hertogenbosch", "🎉", "", "  --  ",
               "Helmond.yaml", "HELMOND.YML", "a.b.yaml", "ﬁets (ligature)", "Ⅻ"]
    drawn: list[str] = []
    settings(max_examples=300, database=None, phases=[Phase.generate], deadline=None)(
        given(st.text(max_size=40))(lambda text: drawn.append(text)))()
    names = titles + drawn
    assert run_editor(editor_checker, names=names)["namen"] == [slug_for(name) for name in names]
    assert all(FILE_NAME.match(slug_for(name)) for name in names)
