"""``make bench``: builds synthetic briefings at S, M and L and prints one table of figures against the targets.

Run as ``python -m bench.run [--scales S,M,L] [--out bench/results.md]``. Every build runs in a
temporary folder; the table (Markdown) is printed and written to ``--out``.

How each figure is taken:

- build: ``mkdocs build --strict`` in a child process, wall time; CPU time is user + system time of that
  process and of every process it started (the forked language build, Pagefind, the chart painter), as
  ``bench/processes.py`` counts it; peak memory is that child's ``ru_maxrss`` (``os.wait4``).
- generator share: the plugin logs ``briefing: generator time on the build's path X s``: loading and
  checking the facts, then the generator time of the build process that finished last (a build with
  two languages renders and builds the second in a forked process): rendering its pages, the glossary's
  lists, and whatever of writing the Markdown files and cards, placing chart pictures and writing the
  downloads and feeds went on after its Pagefind indexing was done (all run while Pagefind indexes);
  share = X / build time.
- baselines: the Markdown the build generated (``build/docs``), built with stock Material +
  mkdocs-static-i18n as it comes ("defaults") and as a user would tune it ("tuned": ``navigation.prune``,
  no lunr search, then the stock Pagefind command line); and with Zensical at S and M where it installs
  (``bench/stock.py``). Wall and CPU time as for the build.
- one core busy: at ``--busy-scales`` (L by default) the build and the tuned baseline again, while a
  spinning process the benchmark starts and stops keeps one core busy.
- one-company edit: ``bench.gen_timing`` in a fresh process (full generation with a render cache,
  then one company's summary edited and generated again).
- serve: ``mkdocs serve --livereload --dirty`` (as ``make serve``) on a free port, once its first search
  index is in place; then ``SERVE_SAVES`` saves of the YAML file, one after the other: the median time
  from writing it to the English company page served with the new text (polled every 20 ms), and the
  longest time from writing it to the server's log saying the search index was refreshed (the
  background refresh; the next save waits for it).
- search: the built site served over HTTP, headless Chromium (``/usr/bin/chromium``); the company's
  English name typed into the header search box on the English home page; time from the last
  keyup to the first result in the DOM (measured in the page). This includes the search box's
  debounce, whose setting is printed.
- search recall and precision, and whether a name's first result is its own page: ``bench/search_quality.py``;
  queries drawn from the data (at most ``QUALITY_QUERIES`` per language at the scale, a fixed-seed sample
  beyond that, whose size is printed), results from the search box's own code in Chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .processes import ENV, Timing, busy_core, run_timed
from .stock import ZENSICAL, mkdocs_stock, zensical_build
from .synth import company_file, company_names, edit_company, write_briefing

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "templates")
CHROMIUM = "/usr/bin/chromium"
SERVE_SCALES = ("S", "M", "L")
SERVE_SAVES = 3
# L has nine times the pages of M and the browser fetches every page a query finds: fewer queries keep the run short.
QUALITY_QUERIES = {"S": 4000, "M": 4000, "L": 1000}
ZENSICAL_SCALES = ("S", "M")


NOT_RUN = Timing(0.0, 0.0, 0.0)


@dataclass
class Figures:
    """Everything measured at one scale (None: not measured at this scale)."""

    pages: int = 0
    build: Timing = NOT_RUN
    generator_s: float = 0.0
    baseline: Timing = NOT_RUN
    tuned: Timing = NOT_RUN
    # The build and the tuned baseline with one core kept busy (None: not measured at this scale).
    busy_build: Timing | None = None
    busy_tuned: Timing | None = None
    # Zensical's build of the same Markdown, or why there is none.
    zensical: Timing | str | None = None
    html_median_kb: float = 0.0
    html_max_kb: float = 0.0
    baseline_median_kb: float = 0.0
    index_kb: dict[str, float] = field(default_factory=dict)
    edit: dict[str, Any] = field(default_factory=dict)
    serve_s: float | None = None
    serve_search_s: float | None = None
    search_s: float | None = None
    search_fetched_kb: float | None = None
    # Per language: queries (of how many), recall, recall of names, precision, results from another language,
    # share of names whose first result is their own page.
    quality: dict[str, tuple[str, float, float, float, int, float]] = field(default_factory=dict)

    @property
    def build_s(self) -> float:
        return self.build.wall_s

    @property
    def generator_share(self) -> float:
        return self.generator_s / self.build_s

    @property
    def per_page_ms(self) -> float:
        return 1000 * self.build_s / self.pages

    @property
    def speedup(self) -> float:
        return self.baseline.wall_s / self.build_s


# ------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


def wait_until(check: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if check():
            return True
        time.sleep(step)
    return False


# ------------------------------------------------------------------ measurements


def make_project(dest: Path, scale: str) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    write_briefing(dest / "data", scale)
    return dest


def html_sizes(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.rglob("*.html") if "pagefind" not in p.parts)


def index_sizes(site: Path) -> dict[str, float]:
    """Pagefind's files per language (its index, fragments, filters and metadata), in KB; each language has its bundle."""
    sizes = {}
    for entry_file in sorted(site.rglob("pagefind/pagefind-entry.json")):
        folder = entry_file.parent
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        for lang in entry["languages"]:
            pattern = re.compile(rf"^(pagefind\.)?{re.escape(lang)}_")
            sizes[lang] = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and pattern.match(p.name)) / 1024
    return sizes


def build(project: Path, fig: Figures) -> None:
    fig.build = run_timed([MKDOCS, "build", "--strict"], project)
    found = re.findall(r"briefing: generator time on the build's path ([0-9.]+) s", fig.build.stderr)
    if not found:
        raise RuntimeError("the build did not log the generator's time")
    fig.generator_s = float(found[0])
    docs = project / "build" / "docs"
    fig.pages = sum(1 for _ in docs.rglob("*.md"))
    sizes = html_sizes(project / "site")
    fig.html_median_kb = statistics.median(sizes) / 1024
    fig.html_max_kb = sizes[-1] / 1024
    fig.index_kb = index_sizes(project / "site")


def baselines(project: Path, work: Path, fig: Figures, scale: str) -> None:
    """The stock builds of the generated Markdown; each folder is removed at once, as their HTML is large."""
    docs = project / "build" / "docs"
    fig.baseline, site = mkdocs_stock(docs, work / f"{scale}-defaults", tuned=False)
    fig.baseline_median_kb = statistics.median(html_sizes(site)) / 1024
    shutil.rmtree(work / f"{scale}-defaults")
    fig.tuned, _ = mkdocs_stock(docs, work / f"{scale}-tuned", tuned=True)
    shutil.rmtree(work / f"{scale}-tuned")
    if scale in ZENSICAL_SCALES:
        fig.zensical = zensical_build(docs, work / f"{scale}-zensical")
        shutil.rmtree(work / f"{scale}-zensical", ignore_errors=True)


def one_core_busy(project: Path, work: Path, fig: Figures, scale: str) -> None:
    """The build (in a new project folder, as the first) and the tuned baseline again, with one core kept busy."""
    again = make_project(work / f"{scale}-busy", scale)
    with busy_core():
        fig.busy_build = run_timed([MKDOCS, "build", "--strict"], again)
        fig.busy_tuned, _ = mkdocs_stock(project / "build" / "docs", work / f"{scale}-busy-tuned", tuned=True)
    shutil.rmtree(again)
    shutil.rmtree(work / f"{scale}-busy-tuned")


def one_company_edit(project: Path, out: Path, fig: Figures) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.gen_timing", str(project), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.gen_timing failed:\n{result.stderr[-3000:]}")
    fig.edit = json.loads(result.stdout)
    shutil.rmtree(out, ignore_errors=True)


def company_url(project: Path, lang: str = "en") -> str:
    """Address of the edited company's page in ``lang``, as the built site serves it."""
    cid = company_file(project / "data").stem
    docs = project / "build" / "docs" / lang
    page = next(p for p in docs.rglob(f"{cid}*.md"))
    rel = page.relative_to(docs.parent).with_suffix("").as_posix()
    rel = rel.removesuffix("/index")
    return f"/{rel}/"


SEARCH_REFRESHED = "briefing: search index refreshed"


def serve_latency(project: Path, fig: Figures) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}{company_url(project)}"
    log = tempfile.NamedTemporaryFile(prefix="briefing-serve-", suffix=".log")
    proc = subprocess.Popen(
        [MKDOCS, "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
        start_new_session=True,  # its own process group: its helpers (Pagefind, the chart painter) end with it
    )

    def refreshed() -> int:
        return Path(log.name).read_text(encoding="utf-8", errors="replace").count(SEARCH_REFRESHED)

    path = company_file(project / "data")
    original = path.read_bytes()
    served, searched = [], []
    try:
        if not wait_until(lambda: fetch(url) is not None and refreshed() > 0, timeout=600, step=0.2):
            raise RuntimeError(f"mkdocs serve did not serve {url} with its search index")
        time.sleep(1.0)  # let the watcher settle after the first build
        for n in range(SERVE_SAVES):
            token, before = f"SERVEDTOKEN{n}", refreshed()
            start = time.perf_counter()
            edit_company(path, token)
            if not wait_until(lambda token=token: token in (fetch(url) or ""), timeout=300):
                raise RuntimeError("mkdocs serve never served the edit")
            served.append(time.perf_counter() - start)
            if not wait_until(lambda before=before: refreshed() > before, timeout=600, step=0.05):
                raise RuntimeError("mkdocs serve never refreshed the search index after the edit")
            searched.append(time.perf_counter() - start)
        fig.serve_s = statistics.median(served)
        fig.serve_search_s = max(searched)
    finally:
        path.write_bytes(original)
        stop_group(proc)
        log.close()


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process and everything it started, and wait until all of it is gone.

    A Pagefind run the server started in the background would otherwise go on indexing
    while the next scale's build is timed.
    """
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if not wait_until(lambda: not _group_alive(proc.pid), timeout=20, step=0.05):
        os.killpg(proc.pid, signal.SIGKILL)
        wait_until(lambda: not _group_alive(proc.pid), timeout=20, step=0.05)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


# The first result counts only once the box shows results for the whole query: under load a search for a
# prefix of it can finish between two keystrokes, before the last one.
_MEASURE = """(query) => {
  window.__bench = {keyup: 0, result: 0};
  document.addEventListener('keyup', () => { window.__bench.keyup = performance.now(); }, true);
  new MutationObserver(() => {
    const input = document.querySelector('#briefing-search-input');
    if (!window.__bench.result && input.value === query && window.briefingSearch.query === query
        && document.querySelector('.briefing-search__result'))
      window.__bench.result = performance.now();
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def first_search(project: Path, fig: Figures) -> None:
    from playwright.sync_api import sync_playwright

    query = company_names(project / "data")["en"]
    server, base = serve_folder(project / "site")
    fetched = [0]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(f"{base}/en/", wait_until="load")
                page.wait_for_selector("#briefing-search-input")
                page.evaluate(_MEASURE, query)

                def count(response: Any) -> None:
                    if "/pagefind/" in response.url:
                        fetched[0] += int(response.headers.get("content-length") or 0)

                page.on("response", count)
                page.click("#briefing-search-input")
                page.keyboard.type(query, delay=40)
                page.wait_for_function("() => window.__bench.result > 0", timeout=60000)
                marks = page.evaluate("() => window.__bench")
            finally:
                browser.close()
    finally:
        server.shutdown()
    fig.search_s = (marks["result"] - marks["keyup"]) / 1000
    fig.search_fetched_kb = fetched[0] / 1024


def search_quality(project: Path, fig: Figures, limit: int) -> None:
    from playwright.sync_api import sync_playwright

    from generator.load import load_briefing

    from .search_quality import measure as measure_search

    briefing = load_briefing(project / "data")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for lang in briefing.languages:
                r = measure_search(project / "site", briefing, lang, browser, limit=limit)
                drawn = str(r.queries) if r.queries == r.drawn else f"{r.queries} of {r.drawn}"
                own_first = 1 - len(r.first_not_own) / r.names if r.names else 1.0
                fig.quality[lang] = (drawn, r.recall, r.kind_recall("name"), r.precision, r.other_language, own_first)
        finally:
            browser.close()


def debounce_ms() -> str:
    """The search box's wait after the last keystroke."""
    found = re.search(
        r"DEBOUNCE_MS = (\d+)", (ROOT / "generator" / "overrides" / "assets" / "briefing-search.js").read_text(encoding="utf-8")
    )
    return f"{found.group(1)} ms" if found else "unknown"


def measure(scale: str, work: Path, log: Callable[[str], None], busy: bool) -> Figures:
    fig = Figures()
    project = make_project(work / scale, scale)
    log(f"{scale}: build")
    build(project, fig)
    log(f"{scale}: baselines")
    baselines(project, work, fig, scale)
    if busy:
        log(f"{scale}: build and tuned baseline with one core busy")
        one_core_busy(project, work, fig, scale)
    log(f"{scale}: one-company edit")
    one_company_edit(project, work / f"{scale}-gen", fig)
    log(f"{scale}: first search")
    first_search(project, fig)
    log(f"{scale}: search recall and precision")
    search_quality(project, fig, QUALITY_QUERIES.get(scale, 4000))
    if scale in SERVE_SCALES:
        log(f"{scale}: mkdocs serve")
        serve_latency(project, fig)
    shutil.rmtree(project)
    return fig


# ------------------------------------------------------------------ report


def environment() -> list[tuple[str, str]]:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, flags=re.M)
    cpu = f"{models[0] if models else platform.processor() or 'unknown'} × {os.cpu_count()}"
    from pagefind_bin_extended import get_executable

    pagefind = subprocess.run([str(get_executable()), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return [
        ("CPU", cpu),
        ("Python", platform.python_version()),
        ("mkdocs", version("mkdocs")),
        ("mkdocs-material", version("mkdocs-material")),
        ("mkdocs-static-i18n", version("mkdocs-static-i18n")),
        ("Pagefind", pagefind.removeprefix("pagefind ").strip() or version("pagefind_bin_extended")),
        ("search box debounce", debounce_ms()),
    ]


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _timing(fig: Figures, name: str, what: str) -> float | None:
    """``what`` (wall_s, cpu_s) of the Timing ``fig.<name>``; None where it was not measured."""
    timing = getattr(fig, name)
    return None if timing is None else float(getattr(timing, what))


def _against(fig: Figures, ours: str, theirs: str, what: str) -> float | None:
    """Our ``what`` over theirs, both of ``fig``; None where either was not measured."""
    a, b = _timing(fig, ours, what), _timing(fig, theirs, what)
    return None if a is None or b is None else a / b


def table(figs: dict[str, Figures], total_s: float) -> str:
    """The Markdown table: one row per figure, one column per scale, the target and PASS/FAIL."""
    scales = list(figs)
    last = scales[-1]
    first = scales[0]
    rows: list[tuple[str, dict[str, str], str, str]] = []

    def row(name: str, cell: Callable[[Figures], str], target: str = "", ok: bool | None = None) -> None:
        rows.append((name, {s: cell(f) for s, f in figs.items()}, target, "" if ok is None else ("PASS" if ok else "FAIL")))

    def at_l(target: str, ok: Callable[[Figures], bool | None]) -> tuple[str, bool | None]:
        return (f"{target} at L", ok(figs["L"])) if "L" in figs else (f"{target} at L (L not run)", None)

    row("Generated pages (Markdown, both languages)", lambda f: str(f.pages))
    row("Build, `mkdocs build --strict` (s)", lambda f: _fmt(f.build_s, ".1f"))
    row("Build CPU, all its processes (s)", lambda f: _fmt(f.build.cpu_s, ".1f"))
    row("Generator inside the build (s)", lambda f: _fmt(f.generator_s, ".2f"))
    row(
        "Generator share of the build",
        lambda f: _fmt(100 * f.generator_share, ".1f") + " %",
        "≤ 10 % at every scale",
        all(f.generator_share <= 0.10 for f in figs.values()),
    )
    row("Baseline build, Material + i18n defaults (s)", lambda f: _fmt(f.baseline.wall_s, ".1f"))
    row("Baseline build CPU, Material + i18n defaults (s)", lambda f: _fmt(f.baseline.cpu_s, ".1f"))
    row(
        "Speed-up against the baseline",
        lambda f: _fmt(f.speedup, ".2f") + "×",
        f"≥ 2.5× at {last}" if last == "L" else "≥ 2.5× at L (L not run)",
        figs[last].speedup >= 2.5 if last == "L" else None,
    )
    for prefix, ours, tuned in (("", "build", "tuned"), ("One core busy: ", "busy_build", "busy_tuned")):

        def titled(text: str, prefix: str = prefix) -> str:
            return prefix + text if prefix else text[:1].upper() + text[1:]

        if prefix:
            row(f"{prefix}build (s)", lambda f, ours=ours: _fmt(_timing(f, ours, "wall_s"), ".1f"))
            row(f"{prefix}build CPU (s)", lambda f, ours=ours: _fmt(_timing(f, ours, "cpu_s"), ".1f"))
        row(
            titled(
                "tuned baseline (s)"
                if prefix
                else "tuned baseline: Material + i18n + `navigation.prune`, no lunr, then Pagefind (s)"
            ),
            lambda f, tuned=tuned: _fmt(_timing(f, tuned, "wall_s"), ".1f"),
        )
        row(titled("tuned baseline CPU (s)"), lambda f, tuned=tuned: _fmt(_timing(f, tuned, "cpu_s"), ".1f"))
        for what, label, limit in (("wall_s", "wall", 0.5), ("cpu_s", "CPU", 0.8)):
            target, ok = at_l(
                f"≤ {limit}×", lambda f, o=ours, t=tuned, w=what, m=limit: None if (r := _against(f, o, t, w)) is None else r <= m
            )
            row(
                titled(f"build / tuned baseline, {label}"),
                lambda f, o=ours, t=tuned, w=what: _times(_against(f, o, t, w)),
                target,
                ok,
            )

    def zensical(f: Figures, cell: Callable[[Timing], str]) -> str:
        return "–" if f.zensical is None else "not installed" if isinstance(f.zensical, str) else cell(f.zensical)

    row(
        f"Zensical {ZENSICAL}, same Markdown, wall / CPU (s)",
        lambda f: zensical(f, lambda z: f"{z.wall_s:.1f} / {z.cpu_s:.1f}"),
    )
    row(
        "Build / Zensical, wall / CPU",
        lambda f: zensical(f, lambda z: f"{f.build.wall_s / z.wall_s:.2f}× / {f.build.cpu_s / z.cpu_s:.2f}×"),
    )
    row("Build time per page (ms)", lambda f: _fmt(f.per_page_ms, ".1f"))
    row(
        f"Time per page, relative to {first}",
        lambda f: _fmt(f.per_page_ms / figs[first].per_page_ms, ".2f") + "×",
        "≤ 1.5× from S to L",
        figs["L"].per_page_ms / figs["S"].per_page_ms <= 1.5 if {"S", "L"} <= figs.keys() else None,
    )
    row("One-company edit: generated files rewritten", lambda f: str(len(f.edit["written_one"])))
    row(
        "One-company edit: rewritten files not showing the edit",
        lambda f: str(len(set(f.edit["written_one"]) - set(f.edit["written_showing_edit"]))),
        "0 (only pages showing the company)",
        all(
            f.edit["written_showing_edit"] and not set(f.edit["written_one"]) - set(f.edit["written_showing_edit"])
            for f in figs.values()
        ),
    )
    row(
        "One-company edit: regeneration / full generation",
        lambda f: _fmt(100 * f.edit["regenerate_one"] / f.edit["generate_full"], ".1f") + " %",
        "≤ 10 % at every scale",
        all(f.edit["regenerate_one"] <= 0.10 * f.edit["generate_full"] for f in figs.values()),
    )
    serve_limits = {"S": 1.0, "M": 2.0, "L": 2.0}
    served = {s: f for s, f in figs.items() if s in serve_limits}
    row(
        f"`mkdocs serve --dirty`: save to served, median of {SERVE_SAVES} (s)",
        lambda f: _fmt(f.serve_s, ".2f"),
        "≤ 1 s at S, ≤ 2 s at M and L",
        all(f.serve_s is not None and f.serve_s <= serve_limits[s] for s, f in served.items()) if served else None,
    )
    row("`mkdocs serve --dirty`: save to search index refreshed, longest (s)", lambda f: _fmt(f.serve_search_s, ".1f"))
    row(
        "Median HTML page (KB)",
        lambda f: _fmt(f.html_median_kb, ".1f"),
        "≤ 40 KB at L",
        figs["L"].html_median_kb <= 40 if "L" in figs else None,
    )
    row(
        "Largest HTML page (KB)",
        lambda f: _fmt(f.html_max_kb, ".1f"),
        "≤ 500 KB at L",
        figs["L"].html_max_kb <= 500 if "L" in figs else None,
    )
    row("Baseline median HTML page (KB)", lambda f: _fmt(f.baseline_median_kb, ".1f"))
    for lang in ("ja", "en"):
        row(f"Search index, {lang} (KB)", lambda f, lang=lang: _fmt(f.index_kb.get(lang), ".0f"))
    row("Search files fetched for the first query (KB)", lambda f: _fmt(f.search_fetched_kb, ".0f"))
    row(
        "First search result after the last keystroke (s)",
        lambda f: _fmt(f.search_s, ".3f"),
        "≤ 0.3 s at L",
        figs["L"].search_s is not None and figs["L"].search_s <= 0.3 if "L" in figs else None,
    )

    def quality(f: Figures, item: int, spec: str) -> str:
        return " / ".join(format(f.quality[lang][item], spec) for lang in ("ja", "en")) if f.quality else "–"

    measured = [f for f in figs.values() if f.quality]
    row("Search queries drawn from the data (of how many), ja / en", lambda f: quality(f, 0, "s"))
    # (row, item of Figures.quality, format, target, whether a language's value meets it)
    for name, item, spec, target, meets in (
        ("Search recall, ja / en", 1, ".3f", "≥ 0.98 at every scale", lambda v: v >= 0.98),
        ("Search recall of names, aliases and terms, ja / en", 2, ".3f", "1.000 at every scale", lambda v: v == 1.0),
        ("Search precision, ja / en", 3, ".3f", "≥ 0.95 at every scale", lambda v: v >= 0.95),
        ("Search results from the other language", 4, "d", "0", lambda v: v == 0),
        ("Names whose first result is their own page, ja / en", 5, ".3f", "1.000 at every scale", lambda v: v == 1.0),
    ):
        row(
            name,
            lambda f, item=item, spec=spec: quality(f, item, spec),
            target,
            all(meets(v[item]) for f in measured for v in f.quality.values()) if measured else None,
        )
    row("Peak memory of the build (MB)", lambda f: _fmt(f.build.peak_mb, ".0f"))

    lines = ["| Figure | " + " | ".join(scales) + " | Target | Result |", "|---|" + "---:|" * len(scales) + "---|---|"]
    for name, cells, target, result in rows:
        lines.append(f"| {name} | " + " | ".join(cells[s] for s in scales) + f" | {target} | {result} |")
    env = "; ".join(f"{k}: {v}" for k, v in environment())
    lines += ["", f"{env}; benchmark wall time: {total_s:.0f} s."]
    lines += sorted({f"Zensical: {f.zensical}." for f in figs.values() if isinstance(f.zensical, str)})
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scales", default="S,M,L", help="comma-separated scales (S, M, L)")
    parser.add_argument("--busy-scales", default="L", help="scales also measured with one core kept busy (comma-separated)")
    parser.add_argument("--out", type=Path, help="write the table (Markdown) to this file too")
    args = parser.parse_args(argv)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    busy = {s.strip() for s in args.busy_scales.split(",") if s.strip()}
    start = time.perf_counter()
    figs: dict[str, Figures] = {}

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.1f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        for scale in scales:
            figs[scale] = measure(scale, Path(tmp), log, busy=scale in busy)
    text = table(figs, time.perf_counter() - start)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
