"""The whole pipeline: load → validate → render → write, with the chart pictures drawn alongside.

One ``generate`` serves every caller: the command line, ``mkdocs build`` and ``mkdocs serve``, the
tests and the benchmark. A build split by language calls it once per process, with ``languages``.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, Problem
from ..exports import site_files
from ..history import build_time, file_times
from ..incremental import RenderCache, digest
from ..load import load_briefing
from ..model import Briefing
from ..outputs.painter import Pictures
from ..outputs.site_url import deployed_url
from ..render import TermPages, chart_drawings, render_site
from ..render.paging import layout
from ..search import NAME_FIELDS, NAMED, search_files
from ..writer import Pending, WriteStats, prune, write_files, write_tree
from .manifest import SiteManifest


def hand_written(docs_dir: Path) -> dict[str, bytes]:
    """The hand-written pages and assets under ``docs_dir``, by relative path."""
    if not docs_dir.is_dir():
        return {}
    return {
        p.relative_to(docs_dir).as_posix(): p.read_bytes()
        for p in sorted(docs_dir.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs_dir).parts)
    }


@dataclass(frozen=True)
class Changes:
    """When the data last changed: each data file's last commit time, and the build's time (for the feeds)."""

    times: dict[str, int]
    built: int | None


@dataclass
class Facts:
    """The facts, loaded and checked, with everything known before rendering: the site's manifest and the hand-written docs."""

    briefing: Briefing
    manifest: SiteManifest
    hand: dict[str, bytes]
    changes: Changes


@dataclass
class Generated:
    """What one run produced: the facts, what it wrote, and the chart pictures (maybe still being drawn)."""

    briefing: Briefing
    manifest: SiteManifest
    stats: WriteStats
    pictures: Pictures
    # The paths of the manifest this run writes; another process (a split build's) writes the others.
    made: frozenset[str]
    changes: Changes
    # A split build's pages, written only while the site is indexed (``defer_pages``).
    pending: Pending

    def stop(self) -> None:
        """After a failed build: no more pictures; the pages not written yet are written, to be looked at."""
        self.pictures.cancel()
        with contextlib.suppress(OSError):  # the build failed already: its error, not this one, is the message
            self.pending.write()

    @property
    def written(self) -> list[str]:
        """Every file written so far: pages, data files and pictures."""
        return sorted(set(self.stats.written).union(self.pictures.written))


@contextmanager
def _collector_off() -> Iterator[None]:
    # The facts are many small objects that live to the end of the build and hold no cycles: the cycle
    # collector, scanning them again and again as they pile up, took most of the time. Off for the whole
    # generation, since each time it came back on between steps its first pass scanned everything made so far
    # (1.1 s of CPU at L). It is back as it was afterwards; the MkDocs adapter freezes the facts first (collector.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_facts(
    data_dir: Path,
    *,
    docs_dir: Path | None = None,
    rel: str = "data",
    cache: RenderCache | None = None,
    built: int | None = None,
) -> Facts:
    """Load and check the facts and the hand-written docs (a DataError lists every problem); nothing is written.

    Called by ``generate``, with the cycle collector off."""
    briefing = load_briefing(data_dir, rel=rel, cache=cache.loaded if cache is not None else None)
    manifest = SiteManifest.of(briefing)
    hand = _hand_written_checked(manifest, docs_dir)
    return Facts(briefing, manifest, hand, Changes(file_times(data_dir, rel), build_time() if built is None else built))


@_collector_off()
def generate(
    data: Path | Facts,
    templates_dir: Path,
    out_dir: Path,
    *,
    languages: Sequence[str] | None = None,
    split: Callable[[Facts], Sequence[str]] | None = None,
    pictures_of: Sequence[str] | None = None,
    with_site_files: bool | None = None,
    docs_dir: Path | None = None,
    rel: str = "data",
    cache: RenderCache | None = None,
    term_pages: Mapping[str, TermPages] | None = None,
    store: Path | None = None,
    background: bool = False,
    built: int | None = None,
    defer_pages: bool = False,
) -> Generated:
    """Validate, render the pages of ``languages`` (by default all), merge the hand-written docs and write what changed.

    Given a data folder, this run owns ``out_dir``: it ends holding the site's manifest and the
    hand-written docs, nothing else, and nothing is written unless every step before the write
    succeeded. Given ``Facts`` (a split build's other process), it only adds its files.

    ``split`` is called with the facts once ``out_dir`` is ready for every language and before
    anything is rendered; it may start another process that calls ``generate`` with them, and
    returns the languages left to this run. The chart pictures of ``pictures_of`` (by default every
    language's when given a data folder, else those of ``languages``) found in ``store`` are written
    at once; the others are drawn here, or with ``background`` by a painter process: call
    ``pictures.finish`` before the site is written. ``with_site_files`` (by default: when every
    language is rendered here) writes the downloads, schemas, feeds and search names. ``built``
    (Unix time) dates the feeds where the data's history does not; by default ``SOURCE_DATE_EPOCH``.
    With ``defer_pages`` (a split build, which MkDocs reads from memory) the Markdown pages are not written
    but left in ``pending``, for the caller to write later.
    """
    known = cache.written if cache is not None else None
    owner = not isinstance(data, Facts)
    facts = data if isinstance(data, Facts) else load_facts(data, docs_dir=docs_dir, rel=rel, cache=cache, built=built)
    briefing, manifest = facts.briefing, facts.manifest
    here = list(briefing.languages if languages is None else languages)
    removed: list[str] = []
    if owner and split is not None:
        # From here more than one process may write into out_dir: it is made ready for every language first.
        out_dir.mkdir(parents=True, exist_ok=True)
        removed = prune(out_dir, manifest.paths | set(facts.hand))
        write_files(facts.hand, out_dir, known=known)
        here = list(split(facts))
    every = here == list(briefing.languages)
    rendered = render_site(briefing, templates_dir, cache=cache, term_pages=term_pages, languages=None if every else here)
    files: dict[str, str | bytes] = dict(rendered.pages)
    if every if with_site_files is None else with_site_files:
        files.update(_site_files(briefing, cache, facts.changes))
    drawn = (briefing.languages if owner else here) if pictures_of is None else pictures_of
    drawings = {path: d for path, d in rendered.drawings.items() if path.partition("/")[0] in drawn}
    # A split build's first process draws every language's pictures: one painter, started early, is enough.
    drawings.update(chart_drawings(briefing, [lang for lang in drawn if lang not in here]))
    pictures = Pictures(drawings, out_dir, store, known)
    if owner and split is None:
        pending = Pending({}, out_dir)
        stats = write_tree({**files, **facts.hand}, out_dir, keep=manifest.paths, known=known)
    else:
        deferred = {p: text for p, text in files.items() if p.endswith(".md")} if defer_pages else {}
        pending = Pending(deferred, out_dir, known)
        written = write_files({p: text for p, text in files.items() if p not in deferred}, out_dir, known=known)
        stats = WriteStats(written, len(files) - len(written) - len(deferred), removed)
    pictures.start(background=background)
    return Generated(briefing, manifest, stats, pictures, frozenset(files) | pictures.paths, facts.changes, pending)


def _hand_written_checked(manifest: SiteManifest, docs_dir: Path | None) -> dict[str, bytes]:
    hand = hand_written(docs_dir) if docs_dir is not None else {}
    clashes = [
        Problem(
            f"{docs_dir.name}/{path}", 1, 1, "(file)", "this page is generated from data/; rename or remove the hand-written file"
        )
        for path in sorted(hand)
        if docs_dir is not None and path in manifest.paths
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
        digest(briefing.site),
        tuple(digest(dict(briefing[c])) for c in _EXPORTED),
        tuple(tuple((k, digest(getattr(e, "name", None))) for k, e in briefing[c].items()) for c in _NAMED),
    )
    files: dict[str, str | bytes] = cache.remember(
        "site_files", fingerprint, lambda: site_files(briefing, names=False, times=changes.times, built=changes.built)
    )
    # The search box's names read a few fields of each entity: an edit of a summary leaves them as they are.
    named = tuple(
        (k, *(digest(getattr(e, f, None)) for f in (*NAME_FIELDS, line)))
        for c, (_, line) in NAMED.items()
        for k, e in briefing[c].items()
    )
    # Where the glossary is split, a term's entry may move to another part.
    named = (*named, (layout(briefing).key(),))
    return {**files, **cache.remember("search_names", named, lambda: search_files(briefing))}
