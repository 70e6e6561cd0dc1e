"""The whole pipeline: load → validate → render → write, with the chart pictures drawn alongside.

A build may also be split by language (``prepare`` once, then ``generate_languages`` per process)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, Problem
from .exports import site_file_paths, site_files
from .history import build_time, file_times
from .incremental import RenderCache
from .load import load_briefing
from .model import Briefing
from .outputs.painter import Pictures
from .outputs.site_url import deployed_url
from .paging import layout
from .render import TermPages, chart_drawings, plan, render_site
from .search import NAME_FIELDS, NAMED, search_files
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
    """What one run produced: the facts, what it wrote, and the chart pictures (maybe still being drawn).

    ``elsewhere`` are files of the site that another process writes (the other languages' pages of a
    parallel build): they are part of the site already, for links and language alternates.
    """

    briefing: Briefing
    stats: WriteStats
    pictures: list[Pictures]
    elsewhere: set[str] = field(default_factory=set)
    changes: Changes | None = None

    @property
    def pending(self) -> set[str]:
        """Files that are part of the site but not written (yet) by this process."""
        return {path for p in self.pictures for path in p.pending} | self.elsewhere

    @property
    def written(self) -> list[str]:
        """Every file written so far: pages, data files and pictures."""
        return sorted(set(self.stats.written).union(*(p.written for p in self.pictures)))


def planned_paths(briefing: Briefing, languages: Sequence[str]) -> set[str]:
    """The pages and pictures rendering makes in ``languages``, known before rendering."""
    pages = {f"{lang}/{spec.path}" for lang in languages for spec in plan(briefing)}
    return pages | {f"{lang}/charts/{chart_id}.svg" for lang in languages for chart_id in briefing["charts"]}


@dataclass(frozen=True)
class Changes:
    """When the data last changed: each data file's last commit time, and the build's time (for the feeds)."""

    times: dict[str, int]
    built: int | None


@dataclass
class Prepared:
    """The facts of a parallel build, loaded and checked, with the output folder made ready for every language."""

    briefing: Briefing
    written: list[str]
    removed: list[str]
    changes: Changes


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
    with ``background`` by a painter process: call ``finish`` on each of ``pictures``
    before the site is written.
    """
    with _collector_off():
        briefing = load_briefing(data_dir, rel=rel, cache=cache.loaded if cache is not None else None)
        hand = _hand_written_checked(briefing, docs_dir)
        rendered = render_site(briefing, templates_dir, cache=cache, term_pages=term_pages)
        changes = Changes(file_times(data_dir, rel), build_time())
        pages: dict[str, str | bytes] = {**rendered.pages, **_site_files(briefing, cache, changes), **hand}
        known = cache.written if cache is not None else None
        pictures = Pictures(rendered.drawings, out_dir, store, known)
        stats = write_tree(pages, out_dir, keep=pictures.paths, known=known)
        pictures.start(background=background)
        return Generated(briefing, stats, [pictures], changes=changes)


def prepare(data_dir: Path, out_dir: Path, *, docs_dir: Path | None = None, rel: str = "data") -> Prepared:
    """The first step of a build split by language: load and check the facts, remove stale
    files and write the hand-written docs. Each language is then rendered by ``generate_languages``,
    in any process, into the same folder.
    """
    with _collector_off():
        briefing = load_briefing(data_dir, rel=rel)
        hand = _hand_written_checked(briefing, docs_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        removed = prune(out_dir, planned_paths(briefing, briefing.languages) | site_file_paths(briefing.languages) | set(hand))
        return Prepared(briefing, write_files(hand, out_dir), removed, Changes(file_times(data_dir, rel), build_time()))


def generate_languages(
    prepared: Prepared,
    templates_dir: Path,
    out_dir: Path,
    languages: Sequence[str],
    *,
    pictures_of: Sequence[str] | None = None,
    store: Path | None = None,
    background: bool = False,
) -> Generated:
    """Render and write the pages of ``languages``, and have the chart pictures of ``pictures_of`` (by default
    the same languages) drawn; the downloads and feeds are ``write_site_files``' part."""
    briefing = prepared.briefing
    pictures_of = languages if pictures_of is None else pictures_of
    with _collector_off():
        rendered = render_site(briefing, templates_dir, languages=languages)
        written = write_files(rendered.pages, out_dir)
        drawings = {p: d for p, d in rendered.drawings.items() if p.partition("/")[0] in pictures_of}
        others = [lang for lang in pictures_of if lang not in languages]
        pictures = Pictures({**drawings, **chart_drawings(briefing, others)}, out_dir, store)
        pictures.start(background=background)
    elsewhere = planned_paths(briefing, [lang for lang in briefing.languages if lang not in languages])
    elsewhere |= site_file_paths(briefing.languages) | (set(rendered.drawings) - set(drawings))
    stats = WriteStats(written, len(rendered.pages) - len(written), [])
    return Generated(briefing, stats, [pictures], elsewhere - pictures.paths, prepared.changes)


def write_site_files(prepared: Prepared, out_dir: Path) -> list[str]:
    """Write every language's downloads and feeds (for a build split by language)."""
    with _collector_off():
        changes = prepared.changes
        return write_files(site_files(prepared.briefing, times=changes.times, built=changes.built), out_dir)


@contextmanager
def _collector_off() -> Iterator[None]:
    # The facts are many small objects that live to the end of the build and hold no cycles:
    # the cycle collector, scanning them again and again as they pile up, took most of the time.
    # Frozen, they are not scanned even once more (the plugin unfreezes them when the next build starts).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def _hand_written_checked(briefing: Briefing, docs_dir: Path | None) -> dict[str, bytes]:
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
    return hand


# What the downloads and feeds are made from: a change elsewhere (a company's summary, a quote) leaves them as they are.
_EXPORTED = ("metrics", "events", "glossary", "sources", "measures", "regions", "topics")
_NAMED = ("companies", "markets")


def _site_files(briefing: Briefing, cache: RenderCache | None, changes: Changes) -> dict[str, str | bytes]:
    """The downloads and feeds, made again only when what they show changed."""
    if cache is None:
        return site_files(briefing, times=changes.times, built=changes.built)
    fingerprint = (
        tuple(sorted(changes.times.items())),
        changes.built,
        tuple(briefing.languages),
        deployed_url(),
        cache.digest(briefing.site),
        tuple(cache.digest(dict(briefing[c])) for c in _EXPORTED),
        tuple(tuple((k, cache.digest(getattr(e, "name", None))) for k, e in briefing[c].items()) for c in _NAMED),
    )
    files: dict[str, str | bytes] = cache.remember(
        "site_files", fingerprint, lambda: site_files(briefing, names=False, times=changes.times, built=changes.built)
    )
    # The search box's names read a few fields of each entity: an edit of a summary leaves them as they are.
    named = tuple(
        (k, *(cache.digest(getattr(e, f, None)) for f in (*NAME_FIELDS, line)))
        for c, (_, line) in NAMED.items()
        for k, e in briefing[c].items()
    )
    # Where the glossary is split, a term's entry may move to another part.
    named = (*named, (hash(layout(briefing).key()),))
    return {**files, **cache.remember("search_names", named, lambda: search_files(briefing))}
