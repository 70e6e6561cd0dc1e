"""The whole pipeline: load → validate → render → write."""

from __future__ import annotations

from pathlib import Path

from .errors import DataError, Problem
from .exports import site_files
from .incremental import RenderCache
from .render import render_pages
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


def generate(
    data_dir: Path,
    templates_dir: Path,
    out_dir: Path,
    *,
    docs_dir: Path | None = None,
    rel: str = "data",
    cache: RenderCache | None = None,
) -> tuple[Briefing, WriteStats]:
    """Validate, render every page, merge the hand-written docs and write what changed.

    Nothing is written unless every step before the write succeeded. A ``cache``
    kept between calls (as ``mkdocs serve`` does) renders only pages whose facts changed.
    """
    briefing = load_briefing(data_dir, rel=rel)
    pages: dict[str, str | bytes] = dict(render_pages(briefing, templates_dir, cache=cache))
    pages.update(site_files(briefing))  # downloads, feeds and schemas, linked from the pages
    if docs_dir is not None:
        clashes = []
        for path, content in hand_written(docs_dir).items():
            if path in pages:
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
    return briefing, write_tree(pages, out_dir)
