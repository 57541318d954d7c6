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
from .paths import REPO, shown_path
from .validate import check_paths


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Controleer praktijkbestanden en bouw de site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    check = commands.add_parser("check", help="controleer praktijkbestanden (standaard: practices/)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PAD")
    check.add_argument("--formaat", choices=sorted(problems.REPORTERS), default="tekst",
                       help="tekst (standaard), github (annotaties in een pull request) of json")

    build = commands.add_parser("build", help="controleer alles en bouw de site")
    build.add_argument("--site-dir", type=Path, default=REPO / "site", metavar="MAP")
    build.add_argument("--formaat", choices=sorted(problems.REPORTERS), default="tekst")

    new = commands.add_parser("nieuw", help="maak een nieuw praktijkbestand uit het sjabloon")
    new.add_argument("titel", help='de titel, bijvoorbeeld "Zwolle: gezond in de wijk"')

    summary = commands.add_parser("samenvatting", help="samenvatting in Markdown voor een pull request")
    summary.add_argument("gewijzigd", nargs="*", type=Path, metavar="GEWIJZIGD",
                         help="de praktijkbestanden die de pull request wijzigt")

    commands.add_parser("formulier", help="schrijf het GitHub-formulier 'Praktijk aanmelden' opnieuw")
    from_form = commands.add_parser("van-formulier", help="maak een praktijkbestand uit een ingevuld formulier")
    from_form.add_argument("--body-file", type=Path, required=True, metavar="BESTAND")
    from_form.add_argument("--nummer", type=int, required=True, help="nummer van het issue")

    serve = commands.add_parser("serve", help="bouw de site en toon hem op localhost")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--site-dir", type=Path, default=REPO / "site", metavar="MAP")
    return parser


def run_check(paths: list[Path], reporter: str) -> int:
    result = check_paths(paths or [REPO / "practices"], shown=shown_path)
    print(problems.REPORTERS[reporter](result.problems, len(result.files)))
    return 0 if result.ok else 1


def run_summary(changed: list[Path]) -> int:
    """Markdown for $GITHUB_STEP_SUMMARY: the problems, or the changed cases ready for review."""
    result = check_paths([REPO / "practices"], shown=shown_path)
    print(problems.report_markdown(result.problems, len(result.files)))
    if result.ok:
        texts = data.messages()["samenvatting_pr"]
        titles = {f.path: f.data.get("titel", "") for f in result.files if isinstance(f.data, dict)}
        print(f"### {texts['gewijzigd']}\n")
        for path in changed:
            shown = shown_path(path)
            print(f"- **{titles.get(shown, shown)}** (`{shown}`) → "
                  f"`/{data.site()['map_praktijken']}/{path.stem}/`")
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
