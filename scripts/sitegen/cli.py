"""Command line: ``check``, ``build`` and ``serve``.

Contributors see only Dutch. Any unexpected exception is still reported in
Dutch with exit code 2 rather than a traceback; set SITEGEN_DEBUG=1 to see it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .check import addresses, problems, reporters
from . import data
from .gitcmd import GitError
from .paths import PRACTICES, shown_path
from .check.validate import check_paths


def _parser() -> argparse.ArgumentParser:
    text = data.messages()["opdrachten"]
    parser = argparse.ArgumentParser(prog="generate.py", description=text["beschrijving"])
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    formats = sorted(reporters.REPORTERS)

    check = commands.add_parser("check", help=text["check"])
    check.add_argument("paths", nargs="*", type=Path, metavar="PAD")
    check.add_argument("--formaat", choices=formats, default="tekst", help=text["formaat"])
    check.add_argument("--basis", metavar="VERSIE", help=text["basis"])

    build = commands.add_parser("build", help=text["build"])
    build.add_argument("--site-dir", type=Path, default=None, metavar="MAP", help=text["site-dir"])
    build.add_argument("--formaat", choices=formats, default="tekst", help=text["formaat"])
    build.add_argument("--volledig", action="store_true", help=text["volledig"])
    build.add_argument("--publiceren", action="store_true", help=text["publiceren"])

    new = commands.add_parser("nieuw", help=text["nieuw"])
    new.add_argument("titel", help=text["titel"])

    summary = commands.add_parser("samenvatting", help=text["samenvatting"])
    summary.add_argument("--basis", metavar="VERSIE", help=text["basis"])
    summary.add_argument("--reactie-map", type=Path, metavar="MAP", help=text["reactie-map"])

    comment = commands.add_parser("reactie", help=text["reactie"])
    comment.add_argument("--map", type=Path, required=True, metavar="MAP")
    commands.add_parser("formulier-voorstel", help=text["formulier-voorstel"])

    commands.add_parser("formulier", help=text["formulier"])
    from_form = commands.add_parser("van-formulier", help=text["van-formulier"])
    from_form.add_argument("--body-file", type=Path, required=True, metavar="BESTAND")
    from_form.add_argument("--nummer", type=int, required=True, help=text["nummer"])

    sources = commands.add_parser("bronnen", help=text["bronnen"])
    sources.add_argument("--issue", action="store_true", help=text["issue"])
    sources.add_argument("--wachttijd", type=float, default=None, help=text["wachttijd"])
    sources.add_argument("--pauze", type=float, default=None, help=text["pauze"])

    from_mail = commands.add_parser("uit-mail", help=text["uit-mail"])
    from_mail.add_argument("mail", nargs="?", type=Path, metavar="MAIL")
    serve = commands.add_parser("serve", help=text["serve"])
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--site-dir", type=Path, default=None, metavar="MAP", help=text["site-dir"])
    return parser


def _base(option: str | None) -> str | None:
    """``--basis auto`` is the version GitHub's event says was published."""
    if option == "auto":
        from .contribute.events import github_base

        return github_base()
    return option


def checked(paths: list[Path], base: str | None = None):
    """check_paths, with the addresses of the published version ``base`` (a git ref) kept."""
    base_addresses, base_problems = set(), []
    if base:
        try:
            base_addresses = addresses.addresses_at(base, PRACTICES)
        except GitError as error:
            base_problems.append(problems.make(shown_path(PRACTICES), 1, "basis_onbekend",
                                               waarde=base, naam=str(error)))
    result = check_paths(paths or [PRACTICES], shown=shown_path, base_addresses=base_addresses)
    result.problems = problems.sort_problems(result.problems + base_problems)
    return result


def run_check(paths: list[Path], reporter: str, base: str | None) -> int:
    result = checked(paths, _base(base))
    print(reporters.REPORTERS[reporter](result.problems, len(result.files)))
    return 0 if result.ok else 1


def run_summary(base_option: str | None, comment_folder: Path | None) -> int:
    """Markdown for $GITHUB_STEP_SUMMARY: the problems or "ready", and a preview of each
    changed case. With --reactie-map in a pull request, also the comment to post."""
    from .contribute import comments, events

    base = _base(base_option)
    report = comments.pull_request_report(checked([], base), events.changed_case_files(base))
    print(report)
    number = (events.event().get("pull_request") or {}).get("number")
    if comment_folder and number:
        comment_folder.mkdir(parents=True, exist_ok=True)
        (comment_folder / "nummer").write_text(f"{int(number)}\n", encoding="utf-8")
        (comment_folder / "reactie.md").write_text(report, encoding="utf-8")
    return 0  # a report: the check step decides whether the run is red


def run_comment(folder: Path) -> int:
    from .contribute import events, github

    run = events.event().get("workflow_run") or {}
    number = github.comment_from_folder(folder, os.environ["GITHUB_REPOSITORY"], run.get("head_sha", ""))
    print(data.messages()["github"]["reactie_geplaatst"].format(nummer=number))
    return 0


def run_form_proposal() -> int:
    """The issue in the event that started the run becomes a pull request (contribute/github.py)."""
    from .contribute import events, github

    issue = events.event()["issue"]
    own_token = os.environ.get("PRAKTIJK_TOKEN_INGESTELD") == "true"
    if not own_token:  # a notice in the run's log, beside the note in the pull request
        print("::notice::" + data.messages()["github"]["zonder_token"])
    ready = github.propose_from_form(issue.get("body") or "", int(issue["number"]),
                                     os.environ["GITHUB_REPOSITORY"], own_token=own_token)
    print(data.messages()["github"]["voorstel_klaar" if ready else "voorstel_niet_klaar"]
          .format(nummer=issue["number"]))
    return 0  # the run did its work; what to fix is in the comment for the submitter


def run_sources(keep_issue: bool, timeout: float, pause: float) -> int:
    """Checks every source address; prints the report, or keeps the one issue on GitHub."""
    import datetime

    from .contribute import linkcheck
    from .check.validate import case_files

    files, _ = case_files([PRACTICES])
    verdicts = linkcheck.check_links(linkcheck.source_links(files, shown_path), timeout=timeout,
                                     pause=pause)
    today = datetime.date.today()
    broken = [v for v in verdicts if v.kind != linkcheck.GOOD]
    if keep_issue:
        from .contribute import source_issue

        print(source_issue.keep_source_issue(os.environ["GITHUB_REPOSITORY"], verdicts, today))
        return 0  # the issue is the outcome; the run itself did its work
    print(linkcheck.report(verdicts, linkcheck.new_state(verdicts, {}, today), today))
    print(data.messages()["bronnen"]["samenvatting"].format(aantal=len(broken), totaal=len(verdicts)))
    return 1 if broken else 0


def run_from_mail(mail: Path | None) -> int:
    """The text of a mail to the redactie (a file, or standard input) -> a checked case on a branch."""
    from .contribute.from_mail import case_from_mail

    text = mail.read_text(encoding="utf-8") if mail else sys.stdin.read()
    outcome = case_from_mail(text)
    if outcome.problems:
        print(reporters.REPORTERS["tekst"](outcome.problems, 1))
    texts = data.messages()
    if outcome.branch:
        print(texts["mail_klaar"].format(naam=outcome.name, tak=outcome.branch))
        if outcome.sender:  # whom to answer: shown here, never written into the file or the commit
            print(texts["mail_inzender"].format(regels="\n".join(outcome.sender)))
        return 0
    print(texts["mail_niet_klaar"])
    return 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.paths, args.formaat, args.basis)
        if args.command == "uit-mail":
            return run_from_mail(args.mail)
        if args.command == "samenvatting":
            return run_summary(args.basis, args.reactie_map)
        if args.command == "reactie":
            return run_comment(args.map)
        if args.command == "formulier-voorstel":
            return run_form_proposal()
        if args.command in ("formulier", "van-formulier"):
            from .contribute import issue_form

            if args.command == "formulier":
                from .contribute import scaffold

                issue_form.FORM_FILE.write_text(issue_form.form_yaml(), encoding="utf-8")
                scaffold.SCHEMA_FILE.parent.mkdir(exist_ok=True)
                scaffold.SCHEMA_FILE.write_text(scaffold.schema_json(), encoding="utf-8")
                print(shown_path(issue_form.FORM_FILE), shown_path(scaffold.SCHEMA_FILE), sep="\n")
                return 0
            body = args.body_file.read_text(encoding="utf-8", errors="replace")
            print(shown_path(issue_form.write_case_from_issue(body, args.nummer)))
            return 0
        if args.command == "bronnen":
            return run_sources(args.issue, args.wachttijd, args.pauze)
        if args.command == "nieuw":
            from .contribute.scaffold import new_case

            return new_case(args.titel)
        if args.command == "build":  # imported late: check must start fast
            from .builder.build import build_site

            return build_site(args.site_dir, reporter=args.formaat, clean=args.volledig or args.publiceren,
                              publishing=args.publiceren)
        from .builder.serve import serve

        return serve(args.site_dir, args.port)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback for a contributor
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(data.messages()["interne_fout"].format(naam=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
        return 2
