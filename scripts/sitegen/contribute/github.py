"""Talking to GitHub, kept here so it is tested; the workflow YAML only wires it.

* one comment per issue or pull request, found again by a hidden marker and
  edited in place, so a submitter gets one up-to-date answer, not a thread;
* a submitted issue form turned into a branch, a pull request and that comment.

Every call to GitHub goes through the ``gh`` command (on GitHub's runners), so a
test can put a recording stub first on PATH and assert what would be posted. The
texts come from comments.py, the event from events.py.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import tempfile
from pathlib import Path

from .. import data
from ..check import problems
from ..gitcmd import git
from ..paths import PRACTICES, shown_path
from .comments import MARKER, case_titles, fit, form_report, previews, pull_request_report
from .issue_form import write_case_from_issue

BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class GitHubError(Exception):
    """A gh call failed, or GitHub's answer cannot be trusted; the message is for the workflow log."""


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
    upsert_comment(repository, number, fit((folder / "reactie.md").read_text(encoding="utf-8")))
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
        title = (case_titles(result).get(shown_path(path)) or path.stem)[:80]
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
