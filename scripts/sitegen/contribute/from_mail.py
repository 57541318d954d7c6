"""A case that arrived by e-mail becomes a checked file on its own branch: the redactie's
one command for contributors without a GitHub account (``generate.py uit-mail``).

The editor's mail (scripts/editor/src/yamlio.js mailLink) carries the whole file between
two marker lines (site.yaml editor texts mail_begin and mail_einde). This module finds it
again in the text of that mail, as a mail program shows or forwards it (quoted with "> ",
Windows line ends), checks it with the other cases, and only when it has no errors
writes it on a new branch and commits it. Nothing is written for a file with errors.

Who sent it (the editor's "Over u" fields: name, organisation, e-mail, and whether the
organisation agrees to publication) stands above the file in the mail. It is read here
only to show the redactie whom to answer: it never goes into the file or the commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import data
from ..check import problems
from ..check.problems import Problem
from ..check.validate import check_paths
from ..gitcmd import git
from ..paths import PRACTICES, shown_path


@dataclass
class FromMail:
    name: str | None  # the file name the mail gives (practices/<naam>.yaml -> <naam>.yaml)
    text: str | None  # the file's text, None when the markers are not found
    problems: list[Problem]
    branch: str | None = None  # where it was committed
    sender: list[str] | None = None  # the mail's lines on who sent it, for the redactie only


def _markers() -> tuple[re.Pattern, str]:
    texts = data.settings().editor_texts
    begin = re.escape(texts["mail_begin"]).replace(re.escape("{bestand}"), r"(?:[\w./-]*/)?(?P<naam>[^\s/]+)")
    return re.compile(rf"^{begin}[ \t]*$", re.MULTILINE), texts["mail_einde"]


def _unquoted_lines(mail: str) -> list[str]:
    """The mail's lines as written: Windows line ends and a forward's "> " quoting taken off."""
    return [re.sub(r"^(?:> ?)+", "", line) for line in mail.replace("\r\n", "\n").split("\n")]


def file_in_mail(mail: str) -> tuple[str | None, str | None]:
    """(file name, file text) between the marker lines, or (None, None)."""
    text = "\n".join(_unquoted_lines(mail))
    begin, end = _markers()
    found = begin.search(text)
    if not found:
        return None, None
    rest = text[found.end() + 1:]
    stop = rest.find(end)
    if stop == -1:
        return found.group("naam"), None
    return found.group("naam"), rest[:stop].rstrip() + "\n"


def sender_in_mail(mail: str) -> list[str]:
    """The lines above the file that say who sent it and whether the organisation agrees."""
    texts = data.settings().editor_texts
    starts = [texts[key].split("{", 1)[0] for key in ("mail_afzender", "mail_toestemming")]
    return [line.strip() for line in _unquoted_lines(mail) if any(line.strip().startswith(start) for start in starts)]


def case_from_mail(mail: str, practices: Path = PRACTICES) -> FromMail:
    """Checks the case in ``mail`` with the cases in ``practices``; with no errors it is
    written there on a new branch ``praktijk/mail-<naam>`` and committed."""
    name, text = file_in_mail(mail)
    shown = shown_path(practices)
    if text is None:
        return FromMail(name, None, [problems.make(shown, 1, "mail_zonder_bestand")])
    target = practices / name
    if target.exists():
        return FromMail(name, text, [problems.make(shown_path(target), 1, "mail_bestaat_al", waarde=name)])
    target.write_text(text, encoding="utf-8")
    try:
        found = [p for p in check_paths([practices], shown=shown_path).problems if p.path == shown_path(target)]
    except BaseException:
        target.unlink()
        raise
    if problems.errors(found):
        target.unlink()  # nothing half-built stays behind
        return FromMail(name, text, found)
    branch = f"praktijk/mail-{target.stem}"
    git(practices, "switch", "--quiet", "--create", branch)
    git(practices, "add", "--", str(target))
    git(practices, "commit", "--quiet", "-m", f"Add case from e-mail: {target.stem}")
    return FromMail(name, text, found, branch, sender_in_mail(mail))
