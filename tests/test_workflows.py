"""The contributor's path on GitHub, proven by running the workflows' steps here.

Each story starts from a clean clone of the project (the working tree as it
would be committed) with an ``origin`` beside it, runs the `run:` steps of the
real workflow files in order with tests/workflows.py, and replaces ``gh`` by
the recording stub in tests/gh_stub/, so the assertions are about what GitHub
would show and what would be posted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SOURCES_MISSING, needs_source_documents
from test_truth import every_source
from workflows import Event, evaluate, run_job, substitute

WORKFLOWS = REPO / ".github" / "workflows"
STUB = REPO / "tests" / "gh_stub"
REPOSITORY = "gemeenten/goede-praktijken"
FORMS = REPO / "tests" / "fixtures" / "formulier"
VALID_CASE = REPO / "tests" / "fixtures" / "geldig" / "volledig.yaml"
MARKER = "<!-- praktijk-controle -->"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


class GitHubHere:
    """A bare ``origin`` holding the project as committed, clean clones of it, and the gh stub."""

    def __init__(self, root: Path):
        self.root = root
        source = root / "bron"
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
        for name in filter(None, listed.split("\0")):
            if (REPO / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, source / name)
        git("init", "--quiet", "-b", "main", cwd=source)
        self.commit(source, "Gepubliceerde versie")
        self.origin = root / "origin.git"
        git("clone", "--quiet", "--bare", str(source), str(self.origin), cwd=root)
        self.state = root / "gh-state.json"
        self.clones = 0

    @staticmethod
    def commit(work: Path, message: str) -> str:
        git("add", "--all", cwd=work)
        git("-c", "user.name=Bijdrager", "-c", "user.email=bijdrager@example.org", "commit",
            "--quiet", "-m", message, cwd=work)
        return git("rev-parse", "HEAD", cwd=work).strip()

    def clone(self, ref: str = "main") -> Path:
        """What actions/checkout leaves: a fresh clone (full history) at ``ref``."""
        self.clones += 1
        work = self.root / f"werk-{self.clones}"
        git("clone", "--quiet", "--branch", ref, str(self.origin), str(work), cwd=self.root)
        # The project's own packages, as `dev.py` would install them from the same lock file.
        (work / ".venv").symlink_to(REPO / ".venv")
        with (work / ".git" / "info" / "exclude").open("a") as exclude:
            exclude.write("/.venv\n")  # a symlink, which '.venv/' in .gitignore does not match
        return work

    def gh(self) -> dict:
        return json.loads(self.state.read_text(encoding="utf-8")) if self.state.is_file() else {
            "calls": [], "comments": [], "pulls": []}

    def add_pull(self, number: int, branch: str, sha: str) -> None:
        state = self.gh() | {"next_id": 1000}
        state["pulls"].append({"number": number, "url": f"https://github.com/{REPOSITORY}/pull/{number}",
                               "head": {"ref": branch, "sha": sha}})
        self.state.write_text(json.dumps(state), encoding="utf-8")

    def run(self, workflow: str, job: str, event: Event, work: Path, extra: dict | None = None):
        """The runner's environment is ours minus what GitHub would not have: no source
        documents named, no pytest or xdist settings of this run."""
        environ = {name: value for name, value in os.environ.items()
                   if name not in ("SITEGEN_DEBUG", "BRONDOCUMENTEN") and not name.startswith("PYTEST_")}
        environ |= {"PATH": f"{STUB}{os.pathsep}{os.environ['PATH']}", "GH_STUB_STATE": str(self.state),
                    **(extra or {})}
        return run_job(WORKFLOWS / workflow, job, event, workspace=work,
                       temp=self.root / f"runner-{self.clones}", artifacts=self.root / "artefacten",
                       environ=environ)


@pytest.fixture
def github(tmp_path) -> GitHubHere:
    return GitHubHere(tmp_path)


def pull_request_event(number: int, branch: str, sha: str) -> Event:
    payload = {"number": number, "pull_request": {"number": number, "head": {"ref": branch, "sha": sha},
                                                   "base": {"ref": "main"}},
               "repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    return Event("pull_request", payload, REPOSITORY, ref=f"refs/pull/{number}/merge", sha=sha,
                 base_ref="main", head_ref=branch)


def web_editor_pull_request(github: GitHubHere, files: dict[str, str | None], number: int = 7):
    """What "Add file → Create new file → Propose changes" makes: a branch with one commit."""
    work = github.clone()
    branch = f"bijdrager-patch-{number}"
    git("switch", "--quiet", "-c", branch, cwd=work)
    for name, text in files.items():
        if text is None:
            (work / name).unlink()
        else:
            (work / name).write_text(text, encoding="utf-8")
    sha = github.commit(work, "Create " + ", ".join(files))
    git("push", "--quiet", "origin", branch, cwd=work)
    github.add_pull(number, branch, sha)
    return work, pull_request_event(number, branch, sha)


# -- story 1: a web-editor pull request that adds one valid case ----------------------------

def test_web_editor_pull_request_with_a_valid_case_is_green_and_gets_a_preview(github):
    case = VALID_CASE.read_text(encoding="utf-8")
    title = yaml.safe_load(case)["titel"]
    work, event = web_editor_pull_request(github, {"practices/deventer-buurtaanpak.yaml": case})

    run = github.run("ci.yml", "controle", event, work)
    assert run.succeeded, run.log
    assert [s.outcome for s in run.steps] == ["success"] * len(run.steps)
    assert "alles in orde" in run.step("Praktijkbestanden controleren").stdout
    assert "Klaar om te beoordelen" in run.summary
    assert "`practices/deventer-buurtaanpak.yaml`) → `/praktijken/deventer-buurtaanpak/`" in run.summary
    assert f"# {title}" in run.summary and "## Aanpak" in run.summary  # the preview
    assert (work / "site" / "praktijken" / "deventer-buurtaanpak" / "index.html").is_file()
    # The contributor committed one file and nothing else is asked of them.
    assert git("status", "--porcelain", cwd=work).strip() == ""

    # Reactie (workflow_run) posts that report as one comment on the pull request.
    comment_run = github.run("reactie.yml", "reactie", Event(
        "workflow_run", {"workflow_run": {"id": 1, "event": "pull_request", "head_sha": event.sha},
                         "repository": {"full_name": REPOSITORY}}, REPOSITORY), github.clone())
    assert comment_run.succeeded, comment_run.log
    comments = github.gh()["comments"]
    assert [c["issue"] for c in comments] == [7]
    assert comments[0]["body"] == (github.root / "artefacten" / "reactie" / "reactie.md").read_text()
    assert comments[0]["body"].startswith(MARKER) and comments[0]["body"].strip() in run.summary
    assert f"# {title}" in comments[0]["body"] and "Klaar om te beoordelen" in comments[0]["body"]


def test_comment_is_edited_in_place_and_refused_for_another_commit(github):
    case = VALID_CASE.read_text(encoding="utf-8")
    work, event = web_editor_pull_request(github, {"practices/deventer-buurtaanpak.yaml": case})
    assert github.run("ci.yml", "controle", event, work).succeeded
    workflow_run = {"workflow_run": {"id": 1, "event": "pull_request", "head_sha": event.sha}}
    for _ in range(2):  # a rerun (or a new push) edits the same comment
        assert github.run("reactie.yml", "reactie", Event("workflow_run", workflow_run), github.clone()).succeeded
    assert len(github.gh()["comments"]) == 1
    methods = [c["args"][2] for c in github.gh()["calls"] if "--method" in c["args"]]
    assert methods == ["POST", "PATCH"]

    # An artifact whose number points at a pull request on another commit is not posted.
    forged = {"workflow_run": {"id": 1, "event": "pull_request", "head_sha": "0" * 40}}
    run = github.run("reactie.yml", "reactie", Event("workflow_run", forged), github.clone())
    assert not run.succeeded
    assert len([c for c in github.gh()["calls"] if "--method" in c["args"]]) == 2


def test_reactie_does_nothing_for_runs_that_are_not_pull_requests(github):
    event = Event("workflow_run", {"workflow_run": {"id": 1, "event": "push", "head_sha": "abc"}})
    run = github.run("reactie.yml", "reactie", event, github.clone())
    assert run.skipped and github.gh()["calls"] == []


# -- story 2: a pull request with a broken case -----------------------------------------------

def test_pull_request_with_a_broken_case_is_annotated_and_summarised_in_dutch(github):
    broken = (REPO / "tests" / "fixtures" / "ongeldig" / "spoor-verkeerd.yaml").read_text(encoding="utf-8")
    expected = yaml.safe_load((REPO / "tests" / "fixtures" / "verwacht.yaml").read_text())["spoor-verkeerd.yaml"]
    work, event = web_editor_pull_request(github, {"practices/kapot-voorbeeld.yaml": broken})
    run = github.run("ci.yml", "controle", event, work)

    check = run.step("Praktijkbestanden controleren")
    assert check.outcome == "failure"
    annotations = re.findall(r"^::error file=([^,]+),line=(\d+),col=(\d+),", check.stdout, re.MULTILINE)
    assert annotations == [("practices/kapot-voorbeeld.yaml", str(line), str(column))
                           for line, column, _, _ in expected]
    assert "Nog niet klaar" in run.summary and "`practices/kapot-voorbeeld.yaml`" in run.summary
    assert "Oplossing" in run.summary
    assert run.step("Samenvatting en voorbeeld").outcome == "success"
    assert run.step("Reactie klaarzetten").outcome == "success"  # the comment says what to fix
    assert run.step("Site bouwen").outcome == "skipped"  # nothing half-built


def test_pull_request_that_removes_a_published_case_fails_naming_its_address(github):
    # A case published on main after the register was last written: only git knows it.
    work = github.clone()
    shutil.copy(VALID_CASE, work / "practices" / "deventer-buurtaanpak.yaml")
    github.commit(work, "Deventer gepubliceerd")
    git("push", "--quiet", "origin", "main", cwd=work)
    assert "/praktijken/deventer-buurtaanpak/" not in (work / "practices" / "adressen.txt").read_text()

    work, event = web_editor_pull_request(github, {"practices/deventer-buurtaanpak.yaml": None})
    run = github.run("ci.yml", "controle", event, work)
    check = run.step("Praktijkbestanden controleren")
    assert check.outcome == "failure"
    assert "/praktijken/deventer-buurtaanpak/ is eerder gepubliceerd" in check.stdout
    assert "/praktijken/deventer-buurtaanpak/" in run.summary


def test_push_to_main_compares_with_the_commit_before(github):
    work = github.clone()
    before = git("rev-parse", "HEAD", cwd=work).strip()
    (work / "practices" / "emmen-van-onderop.yaml").unlink()
    sha = github.commit(work, "Emmen weg")
    event = Event("push", {"before": before, "after": sha,
                           "repository": {"full_name": REPOSITORY, "default_branch": "main"}},
                  sha=sha)
    run = github.run("ci.yml", "controle", event, work)
    assert "/praktijken/emmen-van-onderop/ is eerder gepubliceerd" in run.step(
        "Praktijkbestanden controleren").stdout


# -- story 3: a form submission --------------------------------------------------------------

def issue_event(action: str, body: str, number: int = 42, secrets: dict | None = None) -> Event:
    payload = {"action": action, "issue": {"number": number, "title": "Praktijk: Zwolle", "body": body,
                                           "labels": [{"name": "praktijk-aanmelding"}]},
               "repository": {"full_name": REPOSITORY, "default_branch": "main"}}
    return Event("issues", payload, REPOSITORY, secrets=secrets or {})


def test_form_submission_becomes_a_branch_a_pull_request_and_one_comment(github):
    body = (FORMS / "goed.md").read_text(encoding="utf-8")
    run = github.run("praktijk-uit-formulier.yml", "voorstel", issue_event("opened", body), github.clone())
    assert run.succeeded, run.log

    branch = "praktijk/formulier-42"
    case_file = git("show", f"{branch}:practices/zwolle-gezond-in-de-wijk.yaml", cwd=github.origin)
    assert yaml.safe_load(case_file)["titel"] == "Zwolle: gezond in de wijk"
    state = github.gh()
    calls = [c["args"] for c in state["calls"]]
    create = next(c for c in calls if c[:2] == ["pr", "create"])
    assert create[create.index("--head") + 1] == branch
    assert "Closes #42" in create[create.index("--body") + 1]
    # Without PRAKTIJK_TOKEN, GITHUB_TOKEN starts no workflow: Controle is dispatched on the branch.
    assert ["workflow", "run", "ci.yml", "--ref", branch] in calls
    assert {c["token"] for c in state["calls"]} == {"ghs_workflowtoken"}
    assert "::notice::" in run.step("Voorstel maken of bijwerken").stdout  # says the secret is missing

    issue_comments = [c for c in state["comments"] if c["issue"] == 42]
    assert len(issue_comments) == 1
    text = issue_comments[0]["body"]
    assert text.startswith(MARKER) and "## Klaar om te beoordelen" in text
    assert f"pull request #100: https://github.com/{REPOSITORY}/pull/100" in text
    assert "# Zwolle: gezond in de wijk" in text  # the preview, folded
    pr_comments = [c for c in state["comments"] if c["issue"] == 100]
    assert len(pr_comments) == 1 and "Klaar om te beoordelen" in pr_comments[0]["body"]


def test_edited_form_updates_the_branch_and_edits_the_same_comment_in_form_words(github):
    good = (FORMS / "goed.md").read_text(encoding="utf-8")
    assert github.run("praktijk-uit-formulier.yml", "voorstel", issue_event("opened", good),
                      github.clone()).succeeded
    first = next(c for c in github.gh()["comments"] if c["issue"] == 42)

    edited = good.replace("Zwolle werkt in drie wijken samen met bewoners en huisartsen aan gezondheid, "
                          "met extra aandacht voor gezinnen met weinig geld.", "_No response_")
    edited = edited.replace("| 2025 |", "| vorig jaar |")
    run = github.run("praktijk-uit-formulier.yml", "voorstel", issue_event("edited", edited), github.clone())
    assert run.succeeded, run.log

    state = github.gh()
    issue_comments = [c for c in state["comments"] if c["issue"] == 42]
    assert [c["id"] for c in issue_comments] == [first["id"]]  # edited, not a second comment
    text = issue_comments[0]["body"]
    assert "Nog niet klaar" in text
    assert "| Samenvatting | 'Samenvatting' is nog leeg. | Vul het veld Samenvatting in. |" in text
    assert "| Bronnen, regel 1 (Jaar van verschijnen) |" in text
    assert "practices/" not in text and not re.search(r"\bregel \d+:", text)  # no YAML file or line
    assert len([c for c in state["calls"] if c["args"][:2] == ["pr", "create"]]) == 1  # same PR
    case_file = git("show", "praktijk/formulier-42:practices/zwolle-gezond-in-de-wijk.yaml", cwd=github.origin)
    assert yaml.safe_load(case_file)["samenvatting"] == ""
    assert git("rev-list", "--count", "main..praktijk/formulier-42", cwd=github.origin).strip() == "1"


def test_form_with_praktijk_token_uses_it_and_needs_no_dispatch(github):
    body = (FORMS / "goed.md").read_text(encoding="utf-8")
    event = issue_event("opened", body, secrets={"PRAKTIJK_TOKEN": "github_pat_eigen"})
    run = github.run("praktijk-uit-formulier.yml", "voorstel", event, github.clone())
    assert run.succeeded, run.log
    calls = github.gh()["calls"]
    assert {c["token"] for c in calls} == {"github_pat_eigen"}
    assert "::notice::" not in run.step("Voorstel maken of bijwerken").stdout
    assert not any(c["args"][:2] == ["workflow", "run"] for c in calls)
    create = next(c["args"] for c in calls if c["args"][:2] == ["pr", "create"])
    assert "PRAKTIJK_TOKEN" not in create[create.index("--body") + 1]


def test_an_ordinary_issue_starts_nothing(github):
    event = issue_event("opened", "Een vraag over de site.")
    event.payload["issue"]["labels"] = [{"name": "vraag"}]
    run = github.run("praktijk-uit-formulier.yml", "voorstel", event, github.clone())
    assert run.skipped and github.gh()["calls"] == []


# -- the runner itself ------------------------------------------------------------------------

@pytest.mark.parametrize("expression, expected", [
    ("github.event_name == 'pull_request'", True),
    ("always() && github.event_name == 'push'", False),
    ("secrets.PRAKTIJK_TOKEN || github.token", "ghs"),
    ("secrets.PRAKTIJK_TOKEN != ''", False),
    ("secrets.PRAKTIJK_TOKEN == ''", True),
    ("github.event.missing == ''", True),  # null equals '' (both are 0)
    ("github.event_name == 'PULL_REQUEST'", True),  # strings compare case-insensitively
    ("contains(github.event.issue.labels.*.name, 'praktijk-aanmelding')", True),
    ("!contains(github.event.issue.labels.*.name, 'vraag')", True),
])
def test_expressions_evaluate_as_on_github(expression, expected):
    contexts = {"github": {"event_name": "pull_request", "token": "ghs",
                           "event": {"issue": {"labels": [{"name": "praktijk-aanmelding"}]}}},
                "secrets": {}}
    assert evaluate(expression, contexts, {"always": True}) == expected
    assert substitute("x=${{ github.token }}", contexts) == "x=ghs"


def test_every_action_the_workflows_use_is_emulated():
    emulated = {"actions/checkout", "actions/setup-python", "actions/upload-artifact",
                "actions/download-artifact", "actions/configure-pages", "actions/upload-pages-artifact"}
    proven = {("ci.yml", None), ("reactie.yml", None), ("praktijk-uit-formulier.yml", None),
              ("tests.yml", None), ("publiceren.yml", "bouwen")}  # deploying is GitHub's own
    for workflow, only in proven:
        definition = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
        for job_id, job in definition["jobs"].items():
            for step in job["steps"] if only in (None, job_id) else []:
                assert "uses" not in step or step["uses"].split("@")[0] in emulated, (workflow, step)


# -- story: the repository alone, as actions/checkout leaves it on GitHub ---------------------

# The suite's own tests that read the source documents, and a few that do not: the inner
# run of `dev.py test` proves that the workflow's command passes on a clone with nothing
# beside it (the source checks skipped, with their reason). The whole suite on such a
# clone is the acceptance run in the README; here it would run this test inside itself.
ALONE = ("tests/test_truth.py::test_the_register_names_each_publisher_as_its_document_does "
         "tests/test_truth.py::test_every_source_has_the_title_and_publisher_its_document_gives "
         "tests/test_content.py::test_every_figure_in_a_case_stands_in_the_sources "
         "tests/test_layers.py -p no:cacheprovider")


def push_event(github: GitHubHere, work: Path) -> Event:
    sha = git("rev-parse", "HEAD", cwd=work).strip()
    return Event("push", {"ref": "refs/heads/main", "after": sha,
                          "repository": {"full_name": REPOSITORY, "default_branch": "main"}},
                 REPOSITORY, sha=sha)


@pytest.mark.traag
def test_tests_and_publishing_pass_on_the_repository_alone(github):
    work = github.clone()
    assert not (work.parent / "shared").exists()  # nothing beside the clone, as on GitHub
    event = push_event(github, work)
    tests = github.run("tests.yml", "tests", event, work, {"PYTEST_ADDOPTS": ALONE})
    assert tests.succeeded, tests.log
    said = tests.step("Alle tests").stdout
    # Every test that needs the documents (the register, each source, each case) says why it skipped.
    skipped = re.findall(r"^SKIPPED \[(\d+)\] [^:]+:\d+: (.*)$", said, re.MULTILINE)
    wanted = 1 + len(every_source()) + len(list((REPO / "practices").glob("*.yaml")))
    assert {reason for _, reason in skipped} == {SOURCES_MISSING}, said  # one line per test, all alike
    assert sum(int(n) for n, _ in skipped) == wanted, said
    assert re.search(r"\d+ passed", said) and " failed" not in said and " error" not in said, said

    # Publishing needs the colofon's publisher and address, which the team fills in (site.yaml).
    settings = work / "scripts" / "sitegen" / "data" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('uitgever: ""', "uitgever: Gemeente Voorbeeld", 1)
                        .replace('redactie_email: ""', "redactie_email: redactie@voorbeeld.nl", 1), encoding="utf-8")
    git("commit", "--quiet", "--all", "-m", "Colofon: uitgever en redactie", cwd=work)
    publish = github.run("publiceren.yml", "bouwen", push_event(github, work), work, {"PYTEST_ADDOPTS": ALONE})
    assert publish.succeeded, publish.log
    published = github.root / "artefacten" / "github-pages"
    home = (published / "index.html").read_text(encoding="utf-8")
    assert 'href="https://gemeenten.github.io/goede-praktijken/"' in home  # the Pages address
    assert "mailto:redactie@voorbeeld.nl" in (published / "colofon" / "index.html").read_text(encoding="utf-8")


@needs_source_documents
def test_source_checks_run_and_fail_on_a_wrong_title_when_the_documents_are_given(github, source_folder):
    work = github.clone()
    case = sorted((work / "practices").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["bronnen"][0]["titel"]
    case.write_text(text.replace(title, "Een titel die het document niet geeft", 1), encoding="utf-8")
    run = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "pytest", "-p", "no:cacheprovider",
                          "tests/test_truth.py::test_every_source_has_the_title_and_publisher_its_document_gives"],
                         cwd=work, capture_output=True, text=True, check=False,
                         env={**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
                              "BRONDOCUMENTEN": str(source_folder)})
    failed = re.findall(r"^FAILED \S+\[(.+?)\]", run.stdout, re.MULTILINE)
    assert run.returncode == 1 and failed == [f"{case.name} bronnen nr. 1"], run.stdout[-3000:]
    assert "skipped" not in run.stdout.splitlines()[-1], run.stdout[-500:]


# -- story: the weekly check of the sources' web addresses ----------------------------------

def test_sources_workflow_keeps_one_issue_opened_edited_and_closed(github, answering):
    from test_sources import write_case

    _server, base = answering
    work = github.clone()
    event = Event("schedule", {"schedule": "41 4 * * 1",
                               "repository": {"full_name": REPOSITORY, "default_branch": "main"}})

    def check(urls: list[str]) -> dict:
        write_case(work / "practices", "bronnen-proef", urls)
        run = github.run("bronnen.yml", "bronnen", event, work)
        assert run.succeeded, run.log
        [issue] = github.gh().get("issues", [])  # one issue, ever
        return issue

    issue = check([base + "/goed", base + "/weg", base + "/verhuisd"])
    assert issue["state"] == "open" and issue["labels"] == ["bronnen"]
    assert "2 van de 3" in issue["body"] and base + "/weg" in issue["body"] and base + "/verhuisd" in issue["body"]
    text = (work / "practices" / "bronnen-proef.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, start=1) if base + "/weg" in t)
    assert f"`practices/bronnen-proef.yaml`, regel {line})" in issue["body"]
    assert issue["body"].count("nog niet gezien") == 2

    number = issue["number"]
    issue = check([base + "/goed", base + "/tijdelijk", base + "/verhuisd"])  # one fixed
    assert issue["number"] == number and issue["state"] == "open"
    assert "1 van de 3" in issue["body"] and base + "/weg" not in issue["body"]

    issue = check([base + "/goed", base + "/tijdelijk"])  # all fixed
    assert issue["number"] == number and issue["state"] == "closed"
    assert "Alle 2 bronadressen werken" in issue["body"]
    methods = [c["args"][2] for c in github.gh()["calls"] if c["args"][:2] == ["api", "--method"]]
    assert methods == ["POST", "PATCH", "PATCH"]  # opened once, then edited in place
