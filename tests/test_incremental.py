"""Incremental builds give the same site as a clean build, file for file, and never touch the
last good site until the swap.

Every build here is a real one (generate.py in a copy of the project, MkDocs, the word index). The
clean build to compare with is made in a second copy of the same sources with its own cache,
so it cannot reuse anything of the incremental one. Files time-stamped by design: only
``sitemap.xml.gz``, whose gzip header carries the build date (MkDocs); the builds here pin
that date with SOURCE_DATE_EPOCH, so even it must match.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from helpers import SOURCES, file_hashes, sandbox_copy, wait_until_cleaned_up
from sitegen.check import addresses, problems
from sitegen import data

PROJECT = ("scripts", *SOURCES)  # the generator too: some edits change its templates and data
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}  # 2025-12-01: one build date for all
INCREMENTAL = "bijgewerkt:"  # how the build says it rebuilt only what changed (messages.yaml)


def project_copy(target: Path, source: Path = REPO) -> Path:
    return sandbox_copy(target, source, PROJECT)


def build(root: Path, *options: str) -> str:
    done = subprocess.run([sys.executable, str(root / "scripts" / "generate.py"), "build", *options],
                          cwd=root, env=ENV, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def assert_same_as_clean_build(root: Path, work: Path) -> None:
    clean = project_copy(work, root)
    build(clean, "--volledig")
    built, expected = file_hashes(root / ".cache" / "site"), file_hashes(clean / ".cache" / "site")
    assert built.keys() == expected.keys(), (sorted(built.keys() - expected.keys()),
                                             sorted(expected.keys() - built.keys()))
    assert [name for name in built if built[name] != expected[name]] == []
    wait_until_cleaned_up(clean / ".cache")
    shutil.rmtree(clean)


# -- the edits -------------------------------------------------------------------

def _case_file(root: Path, slug: str) -> Path:
    return root / "practices" / f"{slug}.yaml"


def _edit_case(root: Path, slug: str, change) -> None:
    path = _case_file(root, slug)
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(case)
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _cases(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "practices").glob("*.yaml"))


def change_text(root: Path, number: int) -> None:
    """One case's text: its own page, and what shows it (feeds, open data, cards).

    ``aanpak`` is required, so every case has one to add to (not every case has results)."""
    slug = _cases(root)[number % len(_cases(root))]
    _edit_case(root, slug, lambda case: case.update(aanpak=f"Meting {number}. " + case["aanpak"]))


def change_title(root: Path, number: int) -> None:
    """A title: also every list that shows it and every case that names it as related."""
    slug = _cases(root)[number % len(_cases(root))]
    _edit_case(root, slug, lambda case: case.update(titel=f"{case['titel']} ({number})"))


def change_term(root: Path, number: int) -> None:
    """A spoor more or less: term pages, counts, coverage, related cases."""
    slug = _cases(root)[number % len(_cases(root))]
    terms = data.taxonomies()["sporen"].slugs
    spoor = terms[number % len(terms)]

    def toggle(case):
        sporen = case.setdefault("sporen", [])
        if spoor in sporen and len(sporen) > 1:
            sporen.remove(spoor)
        elif spoor not in sporen:
            sporen.append(spoor)
    _edit_case(root, slug, toggle)


def _unused_name(root: Path, name: str) -> str:
    """``name``, or with a counter if a case has it or had it (an address is never reused)."""
    taken = "\n".join(path.read_text(encoding="utf-8") for path in (root / "practices").iterdir())
    candidate, counter = name, 1
    while data.case_address(candidate) in taken or _case_file(root, candidate).exists():
        candidate, counter = f"{name}-{counter}", counter + 1
    return candidate


def add_case(root: Path, number: int) -> None:
    """A new case, published today: it heads the overview, so every list page shifts."""
    source = yaml.safe_load(_case_file(root, _cases(root)[0]).read_text(encoding="utf-8"))
    source.update(titel=f"Nieuwe aanpak {number} in Deurne", gemeente=f"Deurne {number}",
                  gepubliceerd="2026-12-01")
    source.pop("bijgewerkt", None)
    source.pop("eerdere-adressen", None)
    _case_file(root, _unused_name(root, f"nieuwe-aanpak-{number}")).write_text(
        yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")


def remove_case(root: Path, number: int) -> None:
    """A case removed, its addresses withdrawn in the register as a maintainer would: its own
    and the former ones it kept (after a rename)."""
    slug = _cases(root)[number % len(_cases(root))]
    path = _case_file(root, slug)
    gone = {data.case_address(slug), *yaml.safe_load(path.read_text(encoding="utf-8")).get("eerdere-adressen", [])}
    path.unlink()
    register = root / "practices" / addresses.REGISTER
    lines = [line for line in register.read_text(encoding="utf-8").splitlines() if line not in gone]
    lines.extend(f"{address} ingetrokken: test {number}" for address in sorted(gone))
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rename_case(root: Path, number: int) -> None:
    """A case under a new name, its old address kept as a former address (a forwarding page)."""
    slug = _cases(root)[number % len(_cases(root))]
    new = _unused_name(root, f"{slug}-{number}")
    _edit_case(root, slug, lambda case: case.setdefault("eerdere-adressen", []).append(data.case_address(slug)))
    _case_file(root, slug).rename(_case_file(root, new))


def edit_template(root: Path, number: int) -> None:
    """A template of the generator: every case page changes."""
    template = root / "scripts" / "sitegen" / "templates" / "case.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(re.sub(r"De feiten( \(\d+\))? op deze pagina", f"De feiten ({number}) op deze pagina",
                               text, count=1), encoding="utf-8")


def edit_data_file(root: Path, number: int) -> None:
    """A data file of the generator: a label on every paged list."""
    path = root / "scripts" / "sitegen" / "data" / "site.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\n  volgende: )[^\n]*", rf'\1"Volgende ({number})"', text, count=1), encoding="utf-8")


def edit_written_page(root: Path, number: int) -> None:
    """A hand-written page of docs/."""
    page = root / "docs" / "over.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nAangevuld ({number}).\n", encoding="utf-8")


EDITS = [change_text, change_title, change_term, add_case, remove_case, rename_case,
         edit_template, edit_data_file, edit_written_page]
# What must stay incremental: the everyday edits. A removed page (remove, rename) makes a clean
# build, so that every link to it is checked again (incremental.py).
STAYS_INCREMENTAL = {change_text, change_title, change_term, add_case, edit_template,
                     edit_data_file, edit_written_page}


# -- the tests -------------------------------------------------------------------

CASE_EDITS = [change_text, change_title, change_term, add_case, remove_case, rename_case]


@settings(max_examples=int(os.environ.get("GELDIG_VOORBEELDEN", "300")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(CASE_EDITS), st.integers(0, 50)), min_size=1, max_size=3))
def test_any_sequence_of_edits_leaves_valid_cases(tmp_path_factory, steps):
    """The builds below may draw any sequence; one that made the cases invalid would fail the
    build and hide what those tests are about (CI once drew a case without results). Only the
    check runs here, so this can try many more sequences than the builds can."""
    from sitegen.check.validate import check_paths
    root = tmp_path_factory.mktemp("geldig")
    shutil.copytree(REPO / "practices", root / "practices")
    for edit, number in steps:
        edit(root, number)
    assert problems.errors(check_paths([root / "practices"]).problems) == [], steps
    shutil.rmtree(root)


def built_project(target: Path) -> Path:
    """A copy of the project with one clean build to continue from. Each test makes its own:
    a build is tied to its site folder (incremental.last_good), so a copied cache gave only
    one more clean build (and under xdist one more per worker)."""
    root = project_copy(target)
    build(root)
    return root


# Edits after which the build is a clean one anyway (a page was removed): comparing it with
# another clean build would prove only that two clean builds agree, which the edits around
# them prove too (every later comparison starts from that clean build).
MAKE_A_CLEAN_BUILD = set(EDITS) - STAYS_INCREMENTAL


def test_every_kind_of_edit_gives_the_clean_build_s_site(tmp_path):
    root = built_project(tmp_path / "project")
    for number, edit in enumerate(EDITS):
        edit(root, number)
        output = build(root)
        assert (INCREMENTAL in output) == (edit in STAYS_INCREMENTAL), (edit.__name__, output)
        if edit not in MAKE_A_CLEAN_BUILD:
            assert_same_as_clean_build(root, tmp_path / f"schoon-{number}")


def random_sequences() -> list[tuple[int, list]]:
    """(seed, steps): one random sequence of two or three edits per run, a new one each run
    (INCREMENTEEL_VOORBEELDEN sequences; the weekly Fuzz workflow draws 20). Drawn with
    ``random`` and a seed the test id shows, not Hypothesis: Hypothesis starts from its
    simplest example, so one example would be the same two text edits in every run.
    INCREMENTEEL_ZAAD=<seed> replays a failure."""
    import random

    first = int(os.environ.get("INCREMENTEEL_ZAAD") or random.SystemRandom().randrange(10**6))
    drawn = []
    for seed in range(first, first + int(os.environ.get("INCREMENTEEL_VOORBEELDEN", "1"))):
        rng = random.Random(seed)
        drawn.append((seed, [(rng.choice(EDITS), rng.randint(0, 50)) for _ in range(rng.randint(2, 3))]))
    return drawn


# xdist's workers must collect the same tests: the seed comes from the controller (conftest).
@pytest.mark.parametrize("seed, steps", random_sequences(), ids=lambda value: f"zaad-{value}"
                         if isinstance(value, int) else "+".join(f"{e.__name__}:{n}" for e, n in value))
def test_random_sequences_of_edits_give_the_clean_build_s_site(tmp_path, seed, steps):
    root = built_project(tmp_path / "project")
    for edit, number in steps:
        edit(root, number)
        build(root)
    assert_same_as_clean_build(root, tmp_path / "schoon")
    wait_until_cleaned_up(root / ".cache")


def test_an_incremental_build_never_writes_into_the_last_good_site(tmp_path):
    """The staged copy is made of links to the published files: a write in place would change
    the published site before the swap, and a failed build would leave it half changed."""
    root = built_project(tmp_path / "project")
    site = root / ".cache" / "site"
    kept = tmp_path / "gelinkt"
    shutil.copytree(site, kept, copy_function=os.link)  # the same files as the published ones
    before = file_hashes(kept)
    change_title(root, 1)
    add_case(root, 2)
    assert INCREMENTAL in build(root)
    assert file_hashes(kept) == before  # every file of the old site as it was
    assert file_hashes(site) != before

    # A build that fails in MkDocs (a broken link on a hand-written page) publishes nothing.
    before = file_hashes(site)
    page = root / "docs" / "over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kapot](bestaat-niet.md)\n", encoding="utf-8")
    change_text(root, 3)
    done = subprocess.run([sys.executable, str(root / "scripts" / "generate.py"), "build"], cwd=root,
                          env=ENV, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "bestaat-niet.md" in done.stdout
    assert "De vorige versie van de site blijft staan." in done.stdout
    assert file_hashes(site) == before
    assert not [p for p in site.parent.glob(".bouw-*") if not p.name.endswith("-weg")]


def test_a_clean_build_is_made_when_asked_or_when_the_last_one_is_not_this_site_s(tmp_path):
    root = project_copy(tmp_path / "project")
    assert "helemaal opnieuw opgebouwd." in build(root)  # nothing to continue from
    assert INCREMENTAL in build(root)
    assert "(--volledig)" in build(root, "--volledig")
    assert "helemaal opnieuw opgebouwd." in build(root, "--site-dir", str(tmp_path / "ander"))
    assert "helemaal opnieuw opgebouwd." in build(root)  # the sources now belong to the other folder
    theme = root / "docs" / "overrides" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "het thema (docs/overrides/) is gewijzigd" in build(root)
