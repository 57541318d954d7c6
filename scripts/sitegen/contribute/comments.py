"""The Dutch texts the workflows post: the step summary and pull-request comment (the
check result plus a preview of each changed case), and the comment on a submitted issue
form, with each problem named by the form field the submitter filled in. Texts only:
github.py posts them.
"""

from __future__ import annotations

from pathlib import Path

from .. import data
from ..check import problems, reporters
from ..check.problems import Problem
from ..check.validate import CheckResult
from ..paths import shown_path
from ..render.model import build_site_model
from ..render.render import case_preview, md_text

MARKER = "<!-- praktijk-controle -->"  # finds our one comment again
COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters


def previews(result: CheckResult, paths: list[Path]) -> dict[str, str]:
    """Shown path -> the case page as GitHub Markdown, for each valid case in ``paths``."""
    wanted = {shown_path(path) for path in paths}
    files = {Path(f.path).stem: f.path for f in result.valid_files if f.path in wanted}
    site = build_site_model(result.valid_files)
    return {files[case.slug]: case_preview(site, case) for case in site.cases if case.slug in files}


def fit(text: str) -> str:
    if len(text) <= COMMENT_LIMIT:
        return text
    return text[:COMMENT_LIMIT] + "\n\n" + data.messages()["github"]["ingekort"] + "\n"


def case_titles(result: CheckResult) -> dict[str, str]:
    """Shown path -> the case's title on one line, for every file whose title could be read."""
    return {f.path: " ".join(str(f.data.get("titel") or "").split())
            for f in result.files if isinstance(f.data, dict)}


def pull_request_report(result: CheckResult, changed: list[Path]) -> str:
    """The step summary and pull-request comment: what to fix, or ready, plus previews."""
    texts = data.messages()["github"]
    lines = [MARKER, reporters.report_markdown(result.problems, len(result.files))]
    titles = case_titles(result)
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
    return fit("\n".join(lines) + "\n")


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
    types = {field["id"]: field["type"] for field in data.form()["velden"]}
    rows = []
    for problem in found:
        label = form_field_label(problem.field)
        message, _ = reporters.render(problem, {"sleutel": label})
        kind = types.get(problem.field[0]) if problem.field else None
        rows.append((label, message, reporters.form_fix(problem, label, kind)))
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
    return fit("\n".join(lines) + "\n")
