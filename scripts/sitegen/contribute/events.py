"""What GitHub says about the run: the event that started it, the published version it
compares with (``--basis auto``), and the case files that differ from that version."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..gitcmd import git
from ..paths import PRACTICES


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
