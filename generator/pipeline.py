"""The whole pipeline: load → validate → render → write, with the chart pictures drawn alongside."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .drawing import Pictures
from .errors import DataError, Problem
from .exports import site_files
from .incremental import RenderCache
from .render import TermPages, render_site
from .validate import Briefing, load_briefing
from .writer import WriteStats, write_tree


def hand_written(docs_dir: Path) -> dict[str, bytes]:
    """The hand-written pages and assets under ``docs_dir``, by relative path."""
    if not docs_dir.is_dir():
        return {}
    return {
        p.relative_to(docs_dir).as_posix(): p.read_bytes()
        for p in sorted(docs_dir.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs_dir).parts)
    }


@dataclass
class Generated:
    """What one run produced: the facts, what it wrote, and the chart pictures (maybe still being drawn)."""

    briefing: Briefing
    stats: WriteStats
    pictures: Pictures

    @property
    def written(self) -> list[str]:
        """Every file written so far, pages and pictures."""
        return sorted(self.stats.written + self.pictures.written)


def generate(
    data_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    *,
    docs_dir: Path | None = None,
    rel: str = "data",
    cache: RenderCache | None = None,
    term_pages: Mapping[str, TermPages] | None = None,
    store: Path | None = None,
    background: bool = False,
) -> Generated:
    """Validate, render every page, merge the hand-written docs and write what changed.

    Nothing is written unless every step before the write succeeded. A ``cache``
    kept between calls (as ``mkdocs serve`` does) renders only pages whose facts changed.
    Chart pictures found in ``store`` are written at once; the others are drawn here, or
    with ``background`` in a worker process: then call ``pictures.finish()`` before the
    site is written.
    """
    # The facts are many small objects that live to the end of the build and hold no cycles:
    # the cycle collector, scanning them again and again as they pile up, took most of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(data_dir, templates_dir, out_dir, docs_dir, rel, cache, term_pages, store, background)
    finally:
        if collecting:
            gc.enable()


def _generate(
    data_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    docs_dir: Path | None,
    rel: str,
    cache: RenderCache | None,
    term_pages: Mapping[str, TermPages] | None,
    store: Path | None,
    background: bool,
) -> Generated:
    briefing = load_briefing(data_dir, rel=rel)
    rendered = render_site(briefing, templates_dir, cache=cache, term_pages=term_pages)
    pages: dict[str, str | bytes] = dict(rendered.pages)
    pages.update(site_files(briefing))  # downloads, feeds and schemas, linked from the pages
    if docs_dir is not None:
        clashes = []
        for path, content in hand_written(docs_dir).items():
            if path in pages or path in rendered.drawings:
                clashes.append(
                    Problem(
                        f"{docs_dir.name}/{path}",
                        1,
                        1,
                        "(file)",
                        "this page is generated from data/; rename or remove the hand-written file",
                    )
                )
            pages[path] = content
        if clashes:
            raise DataError(clashes)
    pictures = Pictures(rendered.drawings, out_dir, store)
    stats = write_tree(pages, out_dir, keep=pictures.paths)
    pictures.start(background=background)
    return Generated(briefing, stats, pictures)
