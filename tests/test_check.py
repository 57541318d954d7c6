"""`check`: the fixture table, the CLI contract and hostile input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, generate
from sitegen import data
from sitegen.check import reporters
from sitegen.check.validate import check_paths

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = yaml.safe_load((FIXTURES / "verwacht.yaml").read_text(encoding="utf-8"))
EXPECTED_TEXTS = yaml.safe_load((FIXTURES / "verwacht-teksten.yaml").read_text(encoding="utf-8"))
INVALID = sorted(p.name for p in (FIXTURES / "ongeldig").iterdir())
VALID = sorted(p.name for p in (FIXTURES / "geldig").iterdir())


def test_every_fixture_has_an_expectation_and_back():
    assert sorted(EXPECTED) == INVALID


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_reports_expected_lines_and_keys(name):
    result = check_paths([FIXTURES / "ongeldig" / name])
    # An entry of four names the column too: [line, column, code, key].
    wanted = sorted(((e[0], None, *e[1:]) if len(e) == 3 else tuple(e) for e in EXPECTED[name]),
                    key=lambda e: (e[0], e[2], e[3]))
    found = sorted(((p.line, p.column, p.code, p.key) for p in result.problems),
                   key=lambda e: (e[0], e[2], e[3]))
    assert [(w[1] is None and f[:1] + (None,) + f[2:]) or f for f, w in zip(found, wanted)] == wanted
    assert len(found) == len(wanted)
    assert not result.ok
    for problem in result.problems:  # every message is filled in, with a fix
        message, fix = reporters.render(problem)
        assert message and fix and "{" not in message + fix


@pytest.mark.parametrize("name", sorted(EXPECTED_TEXTS))
def test_representative_fixtures_print_exactly_these_words(name):
    path = FIXTURES / "ongeldig" / name
    printed = generate("check", str(path)).stdout.splitlines()
    prefix = f"{path.relative_to(REPO)}:"
    errors = [line.removeprefix(prefix) for line in printed if ": fout: " in line]
    assert errors == EXPECTED_TEXTS[name]


def test_github_annotation_and_json_carry_the_real_column():
    path = FIXTURES / "ongeldig" / "spoor-in-regel.yaml"
    github = generate("check", "--formaat", "github", str(path)).stdout.splitlines()
    annotation = next(line for line in github if line.startswith("::error "))
    shown = path.relative_to(REPO).as_posix()
    assert annotation.startswith(f"::error file={shown},line=5,col=24,title=sporen::")
    assert annotation.endswith("Bedoelt u 'fysieke-omgeving'? Oplossing: Kies uit: "
                               + ", ".join(data.taxonomies()["sporen"].slugs) + ".")
    problem, = json.loads(generate("check", "--formaat", "json", str(path)).stdout)["problemen"]
    assert problem == {
        "bestand": shown, "regel": 5, "kolom": 24, "code": "onbekende_term",
        "veld": ["sporen"], "sleutel": "sporen", "ernst": "fout",
        "waarden": {"waarde": "fysieke-omgevin", "suggestie": "fysieke-omgeving",
                    "kies_uit": data.taxonomies()["sporen"].slugs},
        "melding": "'fysieke-omgevin' is geen bekende term voor 'sporen'. Bedoelt u 'fysieke-omgeving'?",
        "oplossing": "Kies uit: " + ", ".join(data.taxonomies()["sporen"].slugs) + ".",
    }


def test_a_problem_renders_the_same_from_its_json_data():
    """The JSON's code and values are enough to word a problem again (what the editor does)."""
    from sitegen.check.problems import make

    as_json = json.loads(generate("check", "--formaat", "json", str(FIXTURES / "ongeldig")).stdout)
    assert as_json["problemen"]
    for item in as_json["problemen"]:
        again = make(item["bestand"], item["regel"], item["code"], column=item["kolom"],
                     field=tuple(item["veld"]), **item["waarden"])
        assert reporters.render(again) == (item["melding"], item["oplossing"])


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_has_no_problems(name):
    result = check_paths([FIXTURES / "geldig" / name])
    assert result.problems == []


def test_real_cases_are_valid_and_exit_zero():
    result = generate("check")
    assert result.returncode == 0, result.stdout
    count = len(list((REPO / "practices").glob("*.yaml")))
    assert f"{count} bestand(en) gecontroleerd: alles in orde." in result.stdout


def test_misspelled_spoor_names_file_line_and_allowed_values(tmp_path):
    case = tmp_path / "helmond-kopie.yaml"
    text = (REPO / "practices" / "helmond-integrale-aanpak.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line_number = lines.index("  - gedrag-en-vaardigheden") + 1
    lines[line_number - 1] = "  - gedrag-en-vaardigheid"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = generate("check", str(case))

    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{case}:{line_number}:5: fout: ")
    assert "'sporen'" in first and "Bedoelt u 'gedrag-en-vaardigheden'?" in first
    for slug in data.taxonomies()["sporen"].slugs:
        assert slug in first


def test_all_problems_of_all_files_in_one_run_sorted():
    result = generate("check", str(FIXTURES / "ongeldig"))
    assert result.returncode == 1
    problem_lines = [line for line in result.stdout.splitlines() if ": fout: " in line]
    assert len(problem_lines) == sum(len(v) for v in EXPECTED.values())
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in problem_lines]
    assert keys == sorted(keys)
    assert "Traceback" not in result.stdout + result.stderr


def test_json_and_github_reporters_carry_the_same_problems():
    as_json = json.loads(generate("check", "--formaat", "json", str(FIXTURES / "ongeldig")).stdout)
    github = generate("check", "--formaat", "github", str(FIXTURES / "ongeldig")).stdout
    annotations = [line for line in github.splitlines() if line.startswith("::error ")]
    errors = [p for p in as_json["problemen"] if p["ernst"] == "fout"]
    assert len(errors) == len(annotations) == sum(len(v) for v in EXPECTED.values())
    for problem, annotation in zip(errors, annotations):
        where = f"file={problem['bestand'].replace(':', '%3A')},line={problem['regel']},col={problem['kolom']},"
        assert where in annotation
        assert annotation.endswith(f"{problem['melding']} Oplossing: {problem['oplossing']}")


def test_python_tag_is_not_executed(tmp_path):
    marker = tmp_path / "uitgevoerd"
    case = tmp_path / "aanval.yaml"
    case.write_text(f'titel: !!python/object/apply:os.system ["touch {marker}"]\n')
    result = generate("check", str(case))
    assert result.returncode == 1 and "YAML-label" in result.stdout
    assert not marker.exists()


def test_alias_bomb_is_refused_before_construction():
    # Nine levels of nine aliases: expanded, this would be 387 million strings.
    result = check_paths([FIXTURES / "ongeldig" / "alias-bom.yaml"])
    assert [p.code for p in result.problems] == ["yaml_verwijzing"]
    assert result.files[0].data is None


def test_oversized_file_is_refused_before_parsing(tmp_path):
    limit = data.settings().max_file_kb
    case = tmp_path / "groot.yaml"
    case.write_text("titel: x\naanpak: " + "a" * (limit * 1024) + "\n")
    result = check_paths([case])
    assert [(p.line, p.code) for p in result.problems] == [(1, "bestand_te_groot")]


def test_two_files_for_one_address(tmp_path):
    for suffix in (".yaml", ".yml"):
        shutil.copy(FIXTURES / "geldig" / "minimaal.yaml", tmp_path / f"zelfde{suffix}")
    result = check_paths([tmp_path])
    codes = sorted(p.code for p in result.problems if p.severity == "fout")
    assert codes == ["bestandsnaam", "dubbel_adres", "dubbel_adres"]


def test_missing_path_is_a_dutch_problem_not_a_traceback(tmp_path):
    result = generate("check", str(tmp_path / "bestaat-niet"))
    assert result.returncode == 1
    assert "bestaat niet" in result.stdout and "Traceback" not in result.stderr


def test_look_alike_case_is_a_warning_not_an_error(tmp_path):
    original = REPO / "practices" / "helmond-integrale-aanpak.yaml"
    shutil.copy(original, tmp_path / original.name)
    text = original.read_text(encoding="utf-8")
    (tmp_path / "helmond-nieuw.yaml").write_text(
        text.replace('titel: "Helmond: een duurzame en integrale aanpak"',
                     'titel: "Helmond: duurzame, integrale aanpak"')
            .replace("gepubliceerd: 2026-11-24", "gepubliceerd: 2026-12-01")
            .replace("bijgewerkt: 2026-11-25\n", ""), encoding="utf-8")
    result = check_paths([tmp_path])
    assert result.ok
    assert [(Path(p.path).name, p.line, p.code, p.severity) for p in result.problems] == [
        ("helmond-nieuw.yaml", 1, "lijkt_dubbel", "waarschuwing")]


def test_new_case_is_scaffolded_with_a_valid_name_and_guided_errors(tmp_path):
    from sitegen.contribute.scaffold import new_case

    assert new_case("Zwolle: Gezond in de wijk!", practices=tmp_path) == 0
    created = tmp_path / "zwolle-gezond-in-de-wijk.yaml"
    assert created.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    result = check_paths([created])
    codes = {p.code for p in result.problems}
    assert "bestandsnaam" not in codes and "yaml_syntax" not in codes
    assert "leeg" in codes  # the placeholders are refused, with the line to fill in
    assert new_case("Zwolle: Gezond in de wijk!", practices=tmp_path) == 1  # never overwrites


def test_published_schema_has_enums_from_the_data_files_and_no_extensions():
    schema = data.published_schema()
    text = json.dumps(schema)
    assert "x-taxonomie" not in text and "x-provincies" not in text
    assert schema["properties"]["sporen"]["items"]["enum"] == data.taxonomies()["sporen"].slugs
    assert "Fryslân" in schema["properties"]["provincie"]["enum"]
    import jsonschema
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_html_and_script_links_are_refused_in_every_text_field(tmp_path):
    """A hostile case: HTML with event handlers in every text field is refused field by field."""
    hostile = '<img src=x onerror="alert(1)">'
    case = yaml.safe_load((FIXTURES / "geldig" / "volledig.yaml").read_text(encoding="utf-8"))
    text_paths = []

    def poison(value, path=()):
        if isinstance(value, dict):
            return {k: poison(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and path[-1] not in ("gepubliceerd", "bijgewerkt", "url", "provincie") \
                and path[0] not in ("sporen", "pijlers", "ketenaanpakken"):
            text_paths.append(path)
            return value + " " + hostile + " [klik](javascript:alert(1))"
        return value

    target = tmp_path / "vijandig.yaml"
    target.write_text(yaml.safe_dump(poison(case), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check_paths([target])
    flagged_html = {p.key for p in result.problems if p.code == "html_in_tekst"}
    flagged_links = {p.key for p in result.problems if p.code == "onveilige_link"}
    from sitegen.check.problems import describe_key
    expected = {describe_key(path) for path in text_paths}
    assert len(expected) >= 10
    assert flagged_html == expected and flagged_links == expected
