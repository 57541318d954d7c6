"""`check`: the fixture table, the CLI contract and hostile input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, generate
from sitegen import data
from sitegen.validate import check_paths

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = yaml.safe_load((FIXTURES / "verwacht.yaml").read_text(encoding="utf-8"))
INVALID = sorted(p.name for p in (FIXTURES / "ongeldig").iterdir())
VALID = sorted(p.name for p in (FIXTURES / "geldig").iterdir())


def test_every_fixture_has_an_expectation_and_back():
    assert sorted(EXPECTED) == INVALID


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_reports_expected_lines_and_keys(name):
    result = check_paths([FIXTURES / "ongeldig" / name])
    found = sorted([p.line, p.code, p.key] for p in result.problems)
    assert found == sorted(EXPECTED[name])
    assert not result.ok
    for problem in result.problems:  # every message is filled in, with a fix
        assert problem.message and problem.fix and "{" not in problem.message + problem.fix


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_has_no_problems(name):
    result = check_paths([FIXTURES / "geldig" / name])
    assert result.problems == []


def test_real_cases_are_valid_and_exit_zero():
    result = generate("check")
    assert result.returncode == 0, result.stdout
    assert "5 bestand(en) gecontroleerd: alles in orde." in result.stdout


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
    assert first.startswith(f"{case}:{line_number}: fout: ")
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
    assert len(as_json["problemen"]) == len(annotations) == sum(len(v) for v in EXPECTED.values())
    first = as_json["problemen"][0]
    assert f"file={first['path'].replace(':', '%3A')},line={first['line']}," in annotations[0]


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
    limit = data.site()["max_bestand_kb"]
    case = tmp_path / "groot.yaml"
    case.write_text("titel: x\naanpak: " + "a" * (limit * 1024) + "\n")
    result = check_paths([case])
    assert [(p.line, p.code) for p in result.problems] == [(1, "bestand_te_groot")]


def test_two_files_for_one_address(tmp_path):
    for suffix in (".yaml", ".yml"):
        shutil.copy(FIXTURES / "geldig" / "minimaal.yaml", tmp_path / f"zelfde{suffix}")
    result = check_paths([tmp_path])
    codes = sorted(p.code for p in result.problems)
    assert codes == ["bestandsnaam", "dubbel_adres", "dubbel_adres"]


def test_missing_path_is_a_dutch_problem_not_a_traceback(tmp_path):
    result = generate("check", str(tmp_path / "bestaat-niet"))
    assert result.returncode == 1
    assert "bestaat niet" in result.stdout and "Traceback" not in result.stderr
