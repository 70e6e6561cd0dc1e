"""The whole pipeline: load → validate → render → write, with the chart pictures drawn alongside."""

from __future__ import annotations

import gc
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .charts import Drawing
from .drawing import Pictures
from .errors import DataError, Problem
from .exports import deployed_url, site_file_paths, site_files
from .incremental import RenderCache
from .parallel import Alongside
from .render import TermPages, plan, render_site
from .validate import Briefing, load_briefing
from .writer import WriteStats, prune, write_files, write_tree


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
    """What one run produced: the facts, what it wrote, the chart pictures (maybe still being drawn), and
    the pages of the other languages (maybe still being rendered, see ``Later``)."""

    briefing: Briefing
    stats: WriteStats
    pictures: list[Pictures]
    later: Later | None = None

    @property
    def pending(self) -> set[str]:
        """Files that are part of the site but not written yet."""
        waiting = {path for p in self.pictures for path in p.pending}
        return waiting | (self.later.paths if self.later is not None else set())

    def finish_later(self, *, background: bool = True) -> float:
        """Wait for the other languages' pages and write them (their pictures are then drawn); returns the seconds this took."""
        if self.later is None:
            return 0.0
        later, self.later = self.later, None
        took, pictures = later.finish(background=background)
        self.pictures.append(pictures)
        self.stats.written += later.written
        return took

    @property
    def written(self) -> list[str]:
        """Every file written so far: pages, data files and pictures."""
        return sorted(set(self.stats.written).union(*(p.written for p in self.pictures)))


class Later:
    """The languages after the first, with the downloads and feeds, rendered in a forked process.

    MkDocs builds the first language's site first: the rest of the generator's work is done
    on the other core meanwhile, and awaited only when that site is about to be written.
    """

    def __init__(
        self,
        briefing: Briefing,
        templates_dir: Path,
        out_dir: Path,
        languages: list[str],
        term_pages: Mapping[str, TermPages] | None,
        store: Path | None,
    ) -> None:
        self.out_dir = out_dir
        self.store = store
        self.paths = planned_paths(briefing, languages) | site_file_paths(briefing.languages)

        def theirs() -> tuple[list[str], dict[str, Drawing]]:
            # Written there, as soon as all of it is rendered: only the list and the drawings come back.
            rendered = render_site(briefing, templates_dir, term_pages=term_pages, languages=languages)
            return write_files({**rendered.pages, **site_files(briefing)}, out_dir), rendered.drawings

        self._result = Alongside(theirs)
        self.written: list[str] = []

    def cancel(self) -> None:
        """The build failed: stop the other process."""
        self._result.cancel()

    def ready(self) -> bool:
        """Whether ``finish`` would not wait."""
        return self._result.ready()

    def finish(self, *, background: bool) -> tuple[float, Pictures]:
        """Wait for the other process, write what it made and start its pictures; returns the seconds this took."""
        started = time.perf_counter()
        self.written, drawings = self._result.result()
        pictures = Pictures(drawings, self.out_dir, self.store)
        pictures.start(background=background)
        return time.perf_counter() - started, pictures


def planned_paths(briefing: Briefing, languages: Sequence[str]) -> set[str]:
    """The pages and pictures rendering makes in ``languages``, known before rendering."""
    pages = {f"{lang}/{spec.path}" for lang in languages for spec in plan(briefing)}
    return pages | {f"{lang}/charts/{chart_id}.svg" for lang in languages for chart_id in briefing["charts"]}


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
    parallel: bool = False,
) -> Generated:
    """Validate, render every page, merge the hand-written docs and write what changed.

    Nothing is written unless every step before the write succeeded. A ``cache``
    kept between calls (as ``mkdocs serve`` does) renders only pages whose facts changed.
    Chart pictures found in ``store`` are written at once; the others are drawn here, or
    with ``background`` by a painter process: call ``finish`` on each of ``pictures``
    before the site is written. With ``parallel``, only the first language is rendered here;
    the others are rendered meanwhile in a forked process (not kept in ``cache``): call
    ``finish_later()`` before anything but the first language's pages is read.
    """
    # The facts are many small objects that live to the end of the build and hold no cycles:
    # the cycle collector, scanning them again and again as they pile up, took most of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _generate(data_dir, templates_dir, out_dir, docs_dir, rel, cache, term_pages, store, background, parallel)
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
    parallel: bool,
) -> Generated:
    briefing = load_briefing(data_dir, rel=rel, cache=cache.loaded if cache is not None else None)
    hand = hand_written(docs_dir) if docs_dir is not None else {}
    planned = planned_paths(briefing, briefing.languages) | site_file_paths(briefing.languages)
    clashes = [
        Problem(
            f"{docs_dir.name}/{path}", 1, 1, "(file)", "this page is generated from data/; rename or remove the hand-written file"
        )
        for path in sorted(hand)
        if docs_dir is not None and path in planned
    ]
    if clashes:
        raise DataError(clashes)
    first, *others = briefing.languages
    if not (parallel and others):
        rendered = render_site(briefing, templates_dir, cache=cache, term_pages=term_pages)
        pages: dict[str, str | bytes] = {**rendered.pages, **_site_files(briefing, cache), **hand}
        known = cache.written if cache is not None else None
        pictures = Pictures(rendered.drawings, out_dir, store, known)
        stats = write_tree(pages, out_dir, keep=pictures.paths, known=known)
        pictures.start(background=background)
        return Generated(briefing, stats, [pictures])
    # Stale files go before the other process starts writing into the same folder.
    out_dir.mkdir(parents=True, exist_ok=True)
    removed = prune(out_dir, planned | set(hand))
    later = Later(briefing, templates_dir, out_dir, others, term_pages, store)
    try:
        rendered = render_site(briefing, templates_dir, cache=cache, term_pages=term_pages, languages=[first])
        pages = {**rendered.pages, **hand}
        written = write_files(pages, out_dir)
        pictures = Pictures(rendered.drawings, out_dir, store)
        pictures.start(background=background)
    except BaseException:
        later.cancel()
        raise
    stats = WriteStats(written, len(pages) - len(written), removed)
    return Generated(briefing, stats, [pictures], later)


# What the downloads and feeds are made from: a change elsewhere (a company's summary, a quote) leaves them as they are.
_EXPORTED = ("metrics", "events", "glossary", "sources", "measures", "regions", "topics")
_NAMED = ("companies", "markets")


def _site_files(briefing: Briefing, cache: RenderCache | None) -> dict[str, str | bytes]:
    """The downloads and feeds, made again only when what they show changed."""
    if cache is None:
        return site_files(briefing)
    fingerprint = (
        tuple(briefing.languages),
        deployed_url(),
        cache.digest(briefing.site),
        tuple(cache.digest(dict(briefing[c])) for c in _EXPORTED),
        tuple(tuple((k, cache.digest(getattr(e, "name", None))) for k, e in briefing[c].items()) for c in _NAMED),
    )
    files: dict[str, str | bytes] = cache.remember("site_files", fingerprint, lambda: site_files(briefing))
    return files
