"""The one issue listing the sources whose web address broke (linkcheck.py): opened
when an address breaks, kept up to date while any is broken, closed when all work again."""

from __future__ import annotations

import datetime
import json

from .. import data
from . import linkcheck
from .github import gh


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
