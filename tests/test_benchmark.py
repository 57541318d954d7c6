"""Smoke run of scripts/benchmark.py at a tiny N: the table and plot are produced
and the numbers are sane. Timings are never asserted; only that they exist."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PIL import Image

from conftest import REPO


@pytest.mark.traag
def test_benchmark_writes_a_sane_table_and_plot(tmp_path):
    import benchmark

    # In its own process, as people run it (and Playwright allows one sync session per thread).
    # One size: every measurement runs once per size, so a second size proves nothing new
    # about the script and cost a minute (the suite's second most expensive test).
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "benchmark.py"), "--n", "4",
                             "--uitvoer", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "| 4 |" in result.stdout
    rows = json.loads((tmp_path / "prestaties.json").read_text(encoding="utf-8"))
    assert [row["n"] for row in rows] == [4]
    for row in rows:
        assert all(row[key] > 0 for key, _, _ in benchmark.COLUMNS), row
        assert row["verhouding_bouw"] == row["bouw_s"] / row["mkdocs_s"]
        assert row["material_index_kb"] > row["material_index_gzip_kb"]
        assert row["woordindex_kb"] >= row["woordindex_zonder_delen_kb"]  # compound parts cost bytes
    page = (tmp_path / "prestaties.md").read_text(encoding="utf-8")
    assert page.count("<tr><td>4</td>") == 1
    assert 'role="region"' in page and 'tabindex="0"' in page  # reachable by keyboard
    assert "python3 scripts/dev.py benchmark --n 4" in page
    assert Image.open(tmp_path / "assets" / "prestaties.png").size == (1000, 560)


def test_synthetic_cases_are_valid_and_varied(tmp_path):
    import yaml
    from benchmark import synthetic_cases
    from sitegen.check.validate import check_paths

    cases = synthetic_cases(60)
    for slug, case in cases.items():
        (tmp_path / f"{slug}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    result = check_paths([tmp_path])
    assert result.problems == []
    assert len({c["provincie"] for c in cases.values()}) >= 10
    assert len({tuple(c["sporen"]) for c in cases.values()}) >= 20
    real = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "practices").glob("*.yaml")]
    average = sum(len(c["aanpak"]) for c in real) / len(real)
    synthetic = sum(len(c["aanpak"]) for c in cases.values()) / len(cases)
    assert 0.3 * average < synthetic < 2 * average  # text lengths like the real cases
