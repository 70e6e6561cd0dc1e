"""The benchmark runs end to end at scale S (serve and browser parts included) and prints every figure;
its CPU time counts every process a build starts, and none of the load it runs beside it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from projectkit import ROOT

from bench.processes import busy_core, children, run_timed

ROWS = [
    "Generated pages",
    "Build, `mkdocs build --strict` (s)",
    "Build CPU, all its processes (s)",
    "Generator inside the build (s)",
    "Generator share of the build",
    "Baseline build, Material + i18n defaults (s)",
    "Baseline build CPU, Material + i18n defaults (s)",
    "Speed-up against the baseline",
    "Tuned baseline: Material + i18n + `navigation.prune`, no lunr, then Pagefind (s)",
    "Tuned baseline CPU (s)",
    "Build / tuned baseline, wall",
    "Build / tuned baseline, CPU",
    "One core busy: build (s)",
    "One core busy: build CPU (s)",
    "One core busy: tuned baseline (s)",
    "One core busy: tuned baseline CPU (s)",
    "One core busy: build / tuned baseline, wall",
    "One core busy: build / tuned baseline, CPU",
    "Zensical ",
    "Build / Zensical, wall / CPU",
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
    "Search queries drawn from the data (of how many), ja / en",
    "Search recall, ja / en",
    "Search recall of names, aliases and terms, ja / en",
    "Search precision, ja / en",
    "Search results from the other language",
    "Names whose first result is their own page, ja / en",
    "Peak memory of the build (MB)",
]


def _number(cell: str) -> float:
    found = re.match(r"-?[0-9.]+", cell.strip())
    assert found, f"not a number: {cell!r}"
    return float(found.group(0))


def test_bench_at_scale_s(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--scales", "S", "--busy-scales", "S", "--out", str(out)],
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
    value = {name: _number(c[0]) for name, c in cells.items() if name != "Figure" and not name.startswith("Zensical")}
    get = lambda prefix: next(v for n, v in value.items() if n.startswith(prefix))  # noqa: E731

    assert get("Generated pages") > 20
    assert 0 < get("Generator inside the build") < get("Build, `mkdocs")
    assert 0 < get("Generator share") < 100
    assert get("Baseline build") > 0 and get("Baseline build CPU") > 0
    assert get("Build CPU") > 0
    # (build, its CPU, tuned baseline, its CPU, the two ratios): quiet, then with one core busy
    for names in (
        ("Build, `mkdocs", "Build CPU", "Tuned baseline: ", "Tuned baseline CPU", "Build / tuned baseline, "),
        tuple(
            f"One core busy: {n}"
            for n in ("build (", "build CPU", "tuned baseline (", "tuned baseline CPU", "build / tuned baseline, ")
        ),
    ):
        ours, ours_cpu, tuned, tuned_cpu = (get(n) for n in names[:4])
        assert tuned > 0 and tuned_cpu > 0
        # Each ratio is the two rounded figures' ratio, up to that rounding (0.05 s on each).
        for ratio, a, b in ((names[4] + "wall", ours, tuned), (names[4] + "CPU", ours_cpu, tuned_cpu)):
            assert (a - 0.05) / (b + 0.05) - 0.01 <= get(ratio) <= (a + 0.05) / max(b - 0.05, 0.01) + 0.01
    # Zensical either built the Markdown or the table says why it could not be installed.
    zensical = next(c[0] for n, c in cells.items() if n.startswith("Zensical "))
    if zensical.strip() == "not installed":
        assert "Zensical: zensical " in text and "could not be installed" in text
    else:
        assert re.fullmatch(r"\s*[0-9.]+ / [0-9.]+\s*", zensical), zensical
        assert get("Build / Zensical") > 0
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
    assert 0 <= get("Names whose first result") <= 1
    # Every target row says PASS or FAIL (L-only targets are blank when L is not run).
    assert re.search(r"\| (PASS|FAIL) \|", text)
    assert "CPU:" in text and "mkdocs-material:" in text and "Pagefind:" in text


def _spin(seconds: float) -> str:
    return f"import time\nwhile time.process_time() < {seconds}: pass\n"


def test_cpu_time_counts_every_process_the_command_starts(tmp_path: Path) -> None:
    # A waited child spins 0.3 s; a grandchild whose parent leaves at once, without waiting, spins 0.6 s and then
    # leaves a mark. Its time counts only if the benchmark waits for processes handed to it.
    script = f"""
import os, subprocess, sys
if os.fork() == 0:
    if os.fork() == 0:
        exec({_spin(0.6)!r})
        open("grandchild-done", "w").close()
    os._exit(0)
subprocess.run([sys.executable, "-c", {_spin(0.3)!r}], check=True)
"""
    before = children()  # other tests' helpers, if any
    timing = run_timed([sys.executable, "-c", script], tmp_path)
    assert (tmp_path / "grandchild-done").exists()
    assert timing.cpu_s >= 0.9, timing
    assert children() <= before


def test_one_busy_core_is_not_counted_in_a_command(tmp_path: Path) -> None:
    before = children()  # other tests' helpers, if any
    with busy_core():
        (load,) = children() - before
        timing = run_timed([sys.executable, "-c", "import time; time.sleep(1.0)"], tmp_path)
        assert children() - before == {load}  # still spinning
    assert children() <= before
    assert timing.cpu_s < 0.5, timing  # the sleeping command's own start-up, not the load's second of spinning
