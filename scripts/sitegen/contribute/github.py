"""What the GitHub workflows do, kept here so it is tested; the YAML only wires it.

* which published version a run compares with (``--basis auto``);
* the Dutch report of a pull request: the check result plus a preview of each
  changed case, for the step summary and for one comment on the pull request;
* one comment per issue or pull request, found again by a hidden marker and
  edited in place, so a submitter gets one up-to-date answer, not a thread;
* a submitted issue form turned into a branch, a pull request and that comment,
  with each problem named by the form field the submitter filled in;
* one issue listing the sources whose web address broke (linkcheck.py), kept
  up to date and closed when all work again.

Every call to GitHub goes through the ``gh`` command (on GitHub's runners), so a
test can put a recording stub first on PATH and assert what would be posted.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import tempfile
from pathlib import Path

from .. import data
from . import linkcheck
from ..check import problems, reporters
from ..gitcmd import git
from .issue_form import write_case_from_issue
from ..render.model import build_site_model
from ..paths import PRACTICES, shown_path
from ..check.problems import Problem
from ..render.render import case_preview, md_text
from ..check.validate import CheckResult

MARKER = "<!-- praktijk-controle -->"  # finds our one comment again
COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class GitHubError(Exception):
    """A gh call failed, or GitHub's answer cannot be trusted; the message is for the workflow log."""


# -- which version is published ---------------------------------------------------


def event(environ=os.environ) -> dict:
    """The webhook payload of the event that started the run (GITHUB_EVENT_PATH)."""
    path = environ.get("GITHUB_EVENT_PATH")
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}


def github_base(environ=os.environ) -> str | None:
    """The published version a run compares with, as GitHub describes the event.

    A pull request: its base branch. A push: the commit before it (what the
    publish workflow had published). Anything else, such as a dispatched run on
    a form's branch: the default branch. Outside GitHub: None.
    """
    if environ.get("GITHUB_BASE_REF"):
        return f"origin/{environ['GITHUB_BASE_REF']}"
    payload = event(environ)
    before = str(payload.get("before") or "")
    if environ.get("GITHUB_EVENT_NAME") == "push" and before.strip("0"):
        return before
    default = (payload.get("repository") or {}).get("default_branch")
    return f"origin/{default}" if default else None


def changed_case_files(base: str | None, practices: Path = PRACTICES) -> list[Path]:
    """Case files that differ from ``base``, committed or not (new files included)."""
    if not base:
        return []
    top = Path(git(practices, "rev-parse", "--show-toplevel").strip())
    # Both list paths from the top of the repository.
    names = git(practices, "diff", "--name-only", base, "--", ".").splitlines()
    names += git(practices, "ls-files", "--others", "--exclude-standard", "--full-name", "--",
                 ".").splitlines()
    files = {top / name for name in names if name.endswith((".yaml", ".yml"))}
    return sorted(path for path in files if path.is_file())


# -- reports ------------------------------------------------------------------------


def previews(result: CheckResult, paths: list[Path]) -> dict[str, str]:
    """Shown path -> the case page as GitHub Markdown, for each valid case in ``paths``."""
    wanted = {shown_path(path) for path in paths}
    files = {Path(f.path).stem: f.path for f in result.valid_files if f.path in wanted}
    site = build_site_model(result.valid_files)
    return {files[case.slug]: case_preview(site, case) for case in site.cases if case.slug in files}


def _fit(text: str) -> str:
    if len(text) <= COMMENT_LIMIT:
        return text
    return text[:COMMENT_LIMIT] + "\n\n" + data.messages()["github"]["ingekort"] + "\n"


def _titles(result: CheckResult) -> dict[str, str]:
    """Shown path -> the case's title on one line, for every file whose title could be read."""
    return {f.path: " ".join(str(f.data.get("titel") or "").split())
            for f in result.files if isinstance(f.data, dict)}


def pull_request_report(result: CheckResult, changed: list[Path]) -> str:
    """The step summary and pull-request comment: what to fix, or ready, plus previews."""
    texts = data.messages()["github"]
    lines = [MARKER, reporters.report_markdown(result.problems, len(result.files))]
    titles = _titles(result)
    if changed:
        lines.append(f"### {texts['gewijzigd']}\n")
        for path in changed:
            shown = shown_path(path)
            lines.append(f"- **{md_text(titles.get(shown) or shown)}** (`{shown}`) → "
                         f"`{data.case_address(path.stem)}`")
    else:
        lines.append(texts["geen_gewijzigd"])
    for shown, preview in previews(result, changed).items():
        lines += ["", f"<details open><summary>{texts['voorbeeld']} <code>{shown}</code></summary>",
                  "", preview, "</details>"]
    return _fit("\n".join(lines) + "\n")


def form_field_label(field: tuple) -> str:
    """``("bronnen", 0, "url")`` -> ``Bronnen, regel 1 (Webadres)``: the words of the issue form.
    A field the form does not ask for (the redactie's) is "Algemeen"."""
    texts = data.messages()["github"]
    if field and field[0] in data.source_schema()["properties"] \
            and field[0] not in {f["id"] for f in data.form()["velden"]}:
        return texts["formulier_algemeen"]
    return reporters.form_label(field, texts["formulier_regel"], texts["formulier_algemeen"])


def form_problem_rows(found: list[Problem]) -> list[tuple[str, str, str]]:
    """(field, what is wrong, fix) per problem, in the form's words, no YAML line numbers."""
    fixes = data.messages()["github"]["formulier_oplossingen"]
    types = {field["id"]: field["type"] for field in data.form()["velden"]}
    rows = []
    for problem in found:
        label = form_field_label(problem.field)
        message, usual_fix = reporters.render(problem, {"sleutel": label})
        fix = fixes.get(problem.code, usual_fix)
        if isinstance(fix, dict):  # worded per type of form field
            fix = fix.get(types.get(problem.field[0]) if problem.field else None, usual_fix)
        rows.append((label, message, fix.replace("{veld}", label)))
    return rows


def form_report(found: list[Problem], pr_number: int, pr_url: str, preview: str | None) -> str:
    """The one comment on the submitter's issue."""
    texts = data.messages()["github"]
    ready = data.messages()["samenvatting_pr"]["klaar"]  # the same words as on the pull request
    errors = problems.errors(found)
    lines = [MARKER, f"## {texts['formulier_niet_klaar'] if errors else ready}", "",
             texts["formulier_voorstel"].format(nummer=pr_number, url=pr_url), ""]
    if errors:
        lines += [texts["formulier_aanpassen"], "",
                  "| " + " | ".join(texts["formulier_kolommen"]) + " |", "|---|---|---|"]
        lines += [f"| {reporters.cell(a)} | {reporters.cell(b)} | {reporters.cell(c)} |"
                  for a, b, c in form_problem_rows(errors)]
    else:
        lines.append(texts["formulier_volgende"])
    warnings = [p for p in found if p.severity == problems.WARNING]
    if warnings:
        lines += ["", f"**{texts['let_op']}**", ""]
        lines += [f"- {reporters.cell(field)}: {reporters.cell(message)} {reporters.cell(fix)}"
                  for field, message, fix in form_problem_rows(warnings)]
    lines += ["", texts["formulier_bewerken"]]
    if preview:
        lines += ["", f"<details><summary>{texts['voorbeeld_formulier']}</summary>", "", preview,
                  "</details>"]
    return _fit("\n".join(lines) + "\n")


# -- talking to GitHub ----------------------------------------------------------------


def gh(*args: str, body: dict | None = None) -> str:
    """Runs ``gh``; a JSON request body goes through a file (``--input``), never the shell."""
    with tempfile.TemporaryDirectory() as folder:
        extra = []
        if body is not None:
            request = Path(folder) / "verzoek.json"
            request.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
            extra = ["--input", str(request)]
        result = subprocess.run(["gh", *args, *extra], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitHubError(f"gh {args[0]}: {result.stderr.strip()}")
    return result.stdout


def upsert_comment(repository: str, number: int, text: str) -> str:
    """Edits our marked comment on issue or pull request ``number``, or adds it. Returns its URL."""
    pages = json.loads(gh("api", "--paginate", "--slurp", f"repos/{repository}/issues/{number}/comments")
                       or "[]")
    ours = [c for page in pages for c in page if MARKER in (c.get("body") or "")]
    if ours:
        answer = gh("api", "--method", "PATCH", f"repos/{repository}/issues/comments/{ours[0]['id']}",
                    body={"body": text})
    else:
        answer = gh("api", "--method", "POST", f"repos/{repository}/issues/{number}/comments",
                    body={"body": text})
    return json.loads(answer).get("html_url", "")


def comment_from_folder(folder: Path, repository: str, head_sha: str) -> int:
    """Posts the pull-request report that the Controle workflow left as an artifact.

    The artifact comes from a run on a contributor's (maybe forked) branch, so it
    is data only: the number must be a pull request whose head is the commit that
    run checked, and the text is posted as a comment body, nothing else.
    """
    number = int((folder / "nummer").read_text(encoding="utf-8").strip())
    pull = json.loads(gh("api", f"repos/{repository}/pulls/{number}"))
    if pull.get("head", {}).get("sha") != head_sha:
        raise GitHubError(f"pull request {number} is not at {head_sha}: nothing posted")
    upsert_comment(repository, number, _fit((folder / "reactie.md").read_text(encoding="utf-8")))
    return number


def propose_from_form(body: str, number: int, repository: str, *, own_token: bool,
                      practices: Path = PRACTICES, today: datetime.date | None = None) -> bool:
    """A submitted (or edited) form -> case file on its own branch -> pull request -> comments.

    The branch starts again from the checked-out default branch on every edit,
    so it always holds exactly the case of the latest form. Returns whether the
    case is ready for review (False: the comment says what to fix).
    """
    from ..check.validate import check_paths

    texts = data.messages()["github"]
    branch = f"praktijk/formulier-{number}"
    git(practices, "switch", "--force-create", branch)
    path = write_case_from_issue(body, number, practices=practices, today=today)
    result = check_paths([practices], shown=shown_path)
    own = [p for p in result.problems if p.path == shown_path(path)]
    git(practices, "add", "--", str(path))
    git(practices, "-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}", "commit", "--quiet",
        "-m", f"Add case from form #{number}")
    git(practices, "push", "--quiet", "--force", "origin", branch)

    existing = json.loads(gh("pr", "list", "--head", branch, "--state", "open",
                             "--json", "number,url") or "[]")
    pr_body = texts["pr_tekst"].format(nummer=number)
    if not own_token:
        pr_body += "\n\n" + texts["zonder_token"]
    if existing:
        pr_number, pr_url = existing[0]["number"], existing[0]["url"]
    else:
        title = (_titles(result).get(shown_path(path)) or path.stem)[:80]
        pr_url = gh("pr", "create", "--head", branch, "--title",
                    texts["pr_titel"].format(nummer=number, titel=title),
                    "--body", pr_body).strip().splitlines()[-1]
        pr_number = int(pr_url.rstrip("/").rsplit("/", 1)[-1])
    if not own_token:
        # Pushes and pull requests made with GITHUB_TOKEN start no workflow;
        # workflow_dispatch is the documented exception, so Controle still runs.
        gh("workflow", "run", "ci.yml", "--ref", branch)
    preview = previews(result, [path]).get(shown_path(path))
    upsert_comment(repository, pr_number, pull_request_report(result, [path]))
    upsert_comment(repository, number, form_report(own, pr_number, pr_url, preview))
    return not problems.errors(own)


# -- the one issue about sources' web addresses -----------------------------------------


def source_issue(repository: str) -> dict | None:
    """The newest issue (open or closed) with the sources report: its number, state and body."""
    label = data.messages()["bronnen"]["label"]
    pages = json.loads(gh("api", "--paginate", "--slurp",
                          f"repos/{repository}/issues?state=all&labels={label}&per_page=100") or "[]")
    ours = [i for page in pages for i in page if linkcheck.STATE_MARKER in (i.get("body") or "")]
    return max(ours, key=lambda issue: issue["number"]) if ours else None


def keep_source_issue(repository: str, verdicts: list, today: datetime.date) -> str:
    """Writes the report into the one issue: opened when an address breaks, edited while
    any is broken, closed when all work again. Returns what happened, for the log."""
    texts = data.messages()["bronnen"]
    issue = source_issue(repository)
    previous = linkcheck.read_state(issue["body"]) if issue else {}
    state = linkcheck.new_state(verdicts, previous, today)
    body = linkcheck.report(verdicts, state, today)
    broken = any(v.kind != linkcheck.GOOD for v in verdicts)
    is_open = bool(issue) and issue.get("state") == "open"
    if is_open:
        change = {"body": body} | ({} if broken else {"state": "closed", "state_reason": "completed"})
        gh("api", "--method", "PATCH", f"repos/{repository}/issues/{issue['number']}", body=change)
        return texts["issue_bijgewerkt" if broken else "issue_gesloten"].format(nummer=issue["number"])
    if broken:
        created = json.loads(gh("api", "--method", "POST", f"repos/{repository}/issues",
                                body={"title": texts["issue_titel"], "body": body,
                                      "labels": [texts["label"]]}))
        return texts["issue_geopend"].format(nummer=created["number"])
    if issue:  # all fine and the issue is closed: keep the last good dates up to date
        gh("api", "--method", "PATCH", f"repos/{repository}/issues/{issue['number']}", body={"body": body})
    return texts["alles_goed"]
