"""git, as the address check and the GitHub glue run it: one helper, one error."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A git command failed; the message names the command and what git said."""


def git(cwd: Path, *args: str) -> str:
    """Runs ``git args`` in ``cwd`` and returns its output."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout
