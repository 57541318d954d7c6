"""Command line: ``check``, ``build`` and ``serve``.

Contributors see only Dutch. Any unexpected exception is still reported in
Dutch with exit code 2 rather than a traceback; set SITEGEN_DEBUG=1 to see it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import data, problems
from .paths import PRACTICES, REPO, shown_path
from .validate import check_paths


def _parser() -> argparse.ArgumentParser:
    text = data.messages()["opdrachten"]
    parser = argparse.ArgumentParser(prog="generate.py", description=text["beschrijving"])
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    reporters = sorted(problems.REPORTERS)

    check = commands.add_parser("check", help=text["check"])
    check.add_argument("paths", nargs="*", type=Path, metavar="PAD")
    check.add_argument("--formaat", choices=reporters, default="tekst", help=text["formaat"])

    build = commands.add_parser("build", help=text["build"])
    build.add_argument("--site-dir", type=Path, default=REPO / "site", metavar="MAP")
    build.add_argument("--formaat", choices=reporters, default="tekst", help=text["formaat"])

    new = commands.add_parser("nieuw", help=text["nieuw"])
    new.add_argument("titel", help=text["titel"])

    summary = commands.add_parser("samenvatting", help=text["samenvatting"])
    summary.add_argument("gewijzigd", nargs="*", type=Path, metavar="GEWIJZIGD", help=text["gewijzigd"])

    commands.add_parser("formulier", help=text["formulier"])
    from_form = commands.add_parser("van-formulier", help=text["van-formulier"])
    from_form.add_argument("--body-file", type=Path, required=True, metavar="BESTAND")
    from_form.add_argument("--nummer", type=int, required=True, help=text["nummer"])

    serve = commands.add_parser("serve", help=text["serve"])
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--site-dir", type=Path, default=REPO / "site", metavar="MAP")
    return parser


def run_check(paths: list[Path], reporter: str) -> int:
    result = check_paths(paths or [PRACTICES], shown=shown_path)
    print(problems.REPORTERS[reporter](result.problems, len(result.files)))
    return 0 if result.ok else 1


def run_summary(changed: list[Path]) -> int:
    """Markdown for $GITHUB_STEP_SUMMARY: the problems, or the changed cases ready for review."""
    result = check_paths([PRACTICES], shown=shown_path)
    print(problems.report_markdown(result.problems, len(result.files)))
    if result.ok:
        texts = data.messages()["samenvatting_pr"]
        titles = {f.path: f.data.get("titel", "") for f in result.files if isinstance(f.data, dict)}
        print(f"### {texts['gewijzigd']}\n")
        for path in changed:
            shown = shown_path(path)
            print(f"- **{titles.get(shown, shown)}** (`{shown}`) → `{data.case_address(path.stem)}`")
        if not changed:
            print(texts["geen_gewijzigd"])
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.paths, args.formaat)
        if args.command == "samenvatting":
            return run_summary(args.gewijzigd)
        if args.command in ("formulier", "van-formulier"):
            from . import issue_form

            if args.command == "formulier":
                issue_form.FORM_FILE.write_text(issue_form.form_yaml(), encoding="utf-8")
                print(shown_path(issue_form.FORM_FILE))
                return 0
            body = args.body_file.read_text(encoding="utf-8", errors="replace")
            print(shown_path(issue_form.write_case_from_issue(body, args.nummer)))
            return 0
        if args.command == "nieuw":
            from .scaffold import new_case

            return new_case(args.titel)
        from . import build  # imported late: check must start fast

        if args.command == "build":
            return build.build_site(args.site_dir, reporter=args.formaat)
        return build.serve(args.site_dir, args.port)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback for a contributor
        if os.environ.get("SITEGEN_DEBUG"):
            raise
        print(data.messages()["interne_fout"].format(naam=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
        return 2
