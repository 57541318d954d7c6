"""Property: whatever a contributor saves, `check` answers in Dutch with a line — never a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from sitegen import data
from sitegen.check import reporters
from sitegen.check.validate import check_paths

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "practices").glob("*.yaml"))]
SEEDS += [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests/fixtures/geldig").glob("*.yaml"))]
# Characters that mean something in YAML or Markdown, plus tabs, HTML and odd Unicode.
TRICKY = st.sampled_from(list(":-[]{}#&*!|>'\"%@`\t\n ,?") + [
    "<script>", "</b>", "javascript:", "yes", "no", "on", "2025-02-30", "1984", "~", "null",
    "!!python/object:os.system", "&a", "*a", "---", "...", "\ufeff", "\u2028", "é", "🎉", "  ", "- "])


@st.composite
def mutated_case(draw) -> bytes:
    lines = draw(st.sampled_from(SEEDS)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent",
                                       "dedent", "swap"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            position = draw(st.integers(0, len(lines[index])))
            piece = draw(st.one_of(TRICKY, st.text(max_size=8)))
            lines[index] = lines[index][:position] + piece + lines[index][position:]
        elif action == "replace":
            lines[index] = draw(st.one_of(TRICKY, st.text(max_size=30)))
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    text = "\n".join(lines)
    if draw(st.booleans()):
        return text.encode("utf-8", "surrogatepass")
    return text.encode("utf-8", "surrogatepass") + draw(st.binary(max_size=4))


ANY_FILE = st.one_of(mutated_case(), mutated_case(), mutated_case(), st.binary(max_size=300),
                     st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
KNOWN_CODES = set(data.messages())
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-"))


# Examples per run: 300 by default, 10,000 with --fuzz-volledig (conftest.py profiles).
@given(ANY_FILE)
def test_check_never_crashes_and_always_explains(content):
    case = FOLDER / "praktijk.yaml"
    case.write_bytes(content)
    result = check_paths([case])  # an exception here fails the test with its traceback
    line_count = content.count(b"\n") + 2
    for problem in result.problems:
        assert problem.code in KNOWN_CODES
        message, fix = reporters.render(problem)
        assert message and fix and not re.search(r"\{[a-z_]+\}", message + fix)
        assert 1 <= problem.line <= line_count, problem
    if not result.ok:
        assert any(p.severity == "fout" for p in result.problems)
    else:
        assert isinstance(result.files[0].data, dict)  # valid means a real case mapping
