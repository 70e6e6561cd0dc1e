"""Child process of the benchmark: times the generator alone, cold, then after editing one company.

Run as ``python -m bench.gen_timing PROJECT OUT``; prints one JSON object.
A fresh process keeps the timing cold, as in a CI build.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from generator.incremental import RenderCache
from generator.load import load_briefing
from generator.outputs.pictures import draw
from generator.pipeline import generate
from generator.render import render_site
from generator.writer import write_tree

from .synth import company_file, edit_company


def main(project: Path, out: Path) -> dict[str, object]:
    """Phase timings of one cold generation, and what a one-company edit rewrites."""
    data, templates = project / "data", project / "templates"
    t0 = time.perf_counter()
    briefing = load_briefing(data)
    t1 = time.perf_counter()
    rendered = render_site(briefing, templates)
    pages = {**rendered.pages, **{path: draw(d) for path, d in rendered.drawings.items()}}
    t2 = time.perf_counter()
    write_tree(dict(pages), out / "phases")
    t3 = time.perf_counter()

    # The path mkdocs serve takes: one render cache kept across saves.
    cache = RenderCache()
    t4 = time.perf_counter()
    generate(data, templates, out / "incremental", cache=cache)
    t5 = time.perf_counter()
    path = company_file(data)
    original = path.read_bytes()
    edit_company(path, "BENCHEDIT")
    try:
        t6 = time.perf_counter()
        done = generate(data, templates, out / "incremental", cache=cache)
        t7 = time.perf_counter()
        # Every rewritten file (pages, pictures, downloads, feeds) counts: each should show the edit.
        after = {rel: (out / "incremental" / rel).read_bytes() for rel in done.written}
    finally:
        path.write_bytes(original)
    showing = sorted(rel for rel, content in after.items() if b"BENCHEDIT" in content)
    return {
        "load_validate": t1 - t0,
        "render": t2 - t1,
        "write": t3 - t2,
        "generate": t3 - t0,
        "pages": len(pages),
        "generate_full": t5 - t4,
        "regenerate_one": t7 - t6,
        "rendered_one": cache.rendered,
        "written_one": done.written,
        "written_showing_edit": showing,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
