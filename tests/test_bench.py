"""The benchmark runs end to end at scale S (serve and browser parts included) and prints every figure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from projectkit import ROOT

ROWS = [
    "Generated pages",
    "Build, `mkdocs build --strict` (s)",
    "Generator inside the build (s)",
    "Generator share of the build",
    "Baseline build",
    "Speed-up against the baseline",
    "Build time per page (ms)",
    "Time per page, relative to S",
    "One-company edit: generated files rewritten",
    "One-company edit: rewritten files not showing the edit",
    "One-company edit: regeneration / full generation",
    "`mkdocs serve --dirty`: save to served",
    "`mkdocs serve --dirty`: save to search index refreshed",
    "Median HTML page (KB)",
    "Largest HTML page (KB)",
    "Baseline median HTML page (KB)",
    "Search index, ja (KB)",
    "Search index, en (KB)",
    "Search files fetched for the first query (KB)",
    "First search result after the last keystroke (s)",
    "Search queries drawn from the data, ja / en",
    "Search recall, ja / en",
    "Search recall of names, aliases and terms, ja / en",
    "Search precision, ja / en",
    "Search results from the other language",
    "Peak memory of the build (MB)",
]


def _number(cell: str) -> float:
    found = re.match(r"-?[0-9.]+", cell.strip())
    assert found, f"not a number: {cell!r}"
    return float(found.group(0))


def test_bench_at_scale_s(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--scales", "S", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text in result.stdout
    cells = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:] for line in text.splitlines() if line.startswith("| ")}
    for row in ROWS:
        assert any(name.startswith(row) for name in cells), f"missing row: {row}"
    value = {name: _number(c[0]) for name, c in cells.items() if name != "Figure"}
    get = lambda prefix: next(v for n, v in value.items() if n.startswith(prefix))  # noqa: E731

    assert get("Generated pages") > 20
    assert 0 < get("Generator inside the build") < get("Build, `mkdocs")
    assert 0 < get("Generator share") < 100
    assert get("Baseline build") > 0
    # The scaling target is judged on the time per page: the build time over the pages, up to rounding (0.05 s).
    pages, build = get("Generated pages"), get("Build, `mkdocs")
    assert abs(get("Build time per page") - 1000 * build / pages) <= 1000 * 0.05 / pages + 0.05
    assert get("One-company edit: generated files rewritten") >= 1
    assert get("One-company edit: rewritten files not showing the edit") == 0
    assert 0 < get("`mkdocs serve --dirty`: save to served") < 120
    assert get("`mkdocs serve --dirty`: save to served") < get("`mkdocs serve --dirty`: save to search index refreshed") < 600
    assert 0 < get("Median HTML page") <= get("Largest HTML page")
    assert get("Search index, ja") > 0 and get("Search index, en") > 0
    assert 0 < get("First search result") < 30
    assert get("Peak memory") > 50
    assert get("Search queries drawn from the data") > 300
    assert 0 < get("Search recall, ja / en") <= 1 and 0 < get("Search precision, ja / en") <= 1
    # Every target row says PASS or FAIL (L-only targets are blank when L is not run).
    assert re.search(r"\| (PASS|FAIL) \|", text)
    assert "CPU:" in text and "mkdocs-material:" in text and "Pagefind:" in text
