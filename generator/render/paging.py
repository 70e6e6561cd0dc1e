"""Pages split into parts where one page would pass the site's size limit (``page_limit_kb`` in site.yaml).

The timeline and each topic's timeline split by year (a year too long for one page by quarter), the
glossary by reading (Japanese: the kana rows あかさ…; other languages: letters), the sources by the
year they were published. The page that was split becomes the index of its parts; the home page
lists only the nearest plans. A page that fits stays as it is, so a small briefing is unchanged.

What a page will weigh is estimated before anything is rendered (the site map must be known first):
from the size of the facts it shows, with a margin measured on the benchmark's briefings. The build's
tests check the estimate against the HTML actually written.
"""

from __future__ import annotations

import itertools
import json
import math
import posixpath
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .collation import collation_key, glossary_reading, initial

if TYPE_CHECKING:
    from ..model import Briefing

TIMELINE = "timeline/index.md"
GLOSSARY = "glossary.md"
SOURCES = "sources.md"

# HTML bytes in one language per byte of an entity's JSON (both languages): 2.2 for the timeline and 1.9 for
# the glossary of the benchmark's L briefing, 2.3 for a topic's page; the rest is margin.
HTML_PER_FACT_BYTE = 2.6
# HTML bytes a source's "cited by" list spends per citing fact (about 100 at L, with margin).
HTML_PER_CITATION = 130
# The page's frame around its content: header, navigation, footer, scripts.
FRAME_BYTES = 30_000
# A line of the home page's list of companies or markets.
HOME_LINE_BYTES = 300


MOVED_FILE = "parts.json"  # beside a split page: where its old anchors went (Layout.moved_files)


@dataclass(frozen=True)
class Part:
    """One part of a split page: where it goes, the ids it shows and what names it.

    A timeline part is a year, or a quarter of one (``quarter`` 0: the year's events known only to the year);
    a glossary part runs from the initial of its first term to that of its last (``span``).
    """

    path: str
    ids: tuple[str, ...]
    year: int | None = None
    quarter: int | None = None
    span: tuple[str, str] | None = None


@dataclass(frozen=True)
class Split:
    """A page split into parts, the same paths in every language (its alternates exist in each)."""

    parent: str
    parts: dict[str, tuple[Part, ...]]  # by language


@dataclass
class Layout:
    """Which pages are split, where each fact's entry went, and how many plans the home page lists."""

    splits: dict[str, Split] = field(default_factory=dict)
    home_planned: int | None = None
    _place: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (lang, collection, id) → part path
    _part_at: dict[tuple[str, str], tuple[Split, Part]] = field(default_factory=dict)
    _key: int | None = None
    _moved: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, split: Split, collection: str | None) -> None:
        self.splits[split.parent] = split
        for lang, parts in split.parts.items():
            for part in parts:
                self._part_at[(lang, part.path)] = (split, part)
                if collection is not None:  # a topic's timeline is not where its events' links go
                    self._place.update({(lang, collection, entity_id): part.path for entity_id in part.ids})

    def pages(self) -> list[tuple[str, str]]:
        """(part path, parent path) of every part, the same in every language."""
        out = []
        for split in self.splits.values():
            first = next(iter(split.parts.values()))
            out += [(part.path, split.parent) for part in first]
        return out

    def page_of(self, lang: str, collection: str, entity_id: str) -> str | None:
        """The part page showing an entry (``glossary/2.md``); None where its page is not split."""
        return self._place.get((lang, collection, entity_id))

    def part_at(self, lang: str, path: str) -> tuple[Split, Part] | None:
        """The split and the part of the page at ``path``, if it is a part."""
        return self._part_at.get((lang, path))

    def key(self) -> int:
        """What the layout is, for a render cache: pages linking an entry depend on where it went."""
        if self._key is None:
            self._key = hash((self.home_planned, tuple(sorted(self._place.items()))))
        return self._key

    def moved_files(self, lang: str) -> dict[str, str]:
        """For each split page, the part each of its old anchors went to: ``{"ja/timeline/parts.json": "…"}``; once a language.

        The split page's script reads it when an address names an anchor the page no longer has
        (``timeline/#event-1``, bookmarked before the split) and goes on to the part.
        """
        if lang not in self._moved:
            out = self._moved[lang] = {}
            for split in self.splits.values():
                folder, parts = site_url(split.parent), split.parts[lang]
                document = {
                    "parts": [posixpath.relpath(site_url(p.path), folder) + "/" for p in parts],
                    "ids": {i: n for n, p in enumerate(parts) for i in p.ids},
                }
                out[f"{lang}/{folder}{MOVED_FILE}"] = json.dumps(
                    document, ensure_ascii=False, separators=(",", ":"), sort_keys=True
                )
        return self._moved[lang]


def is_glossary(path: str) -> bool:
    """The glossary page or one of its parts (a path inside a language folder)."""
    return path == GLOSSARY or (path.startswith("glossary/") and path.endswith(".md"))


def site_url(page: str) -> str:
    """A page's address under its language folder with directory URLs: ``glossary/2.md`` → ``glossary/2/``."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def term_parts(briefing: Briefing, lang: str) -> dict[str, str]:
    """Where the glossary is split: the part listing each term, as a path from the site's folder (``ja/glossary/2.md``)."""
    split = layout(briefing).splits.get(GLOSSARY)
    return {i: f"{lang}/{part.path}" for part in split.parts[lang] for i in part.ids} if split else {}


def url_of(briefing: Briefing, lang: str, collection: str, entity_id: str) -> str | None:
    """An entry's address under its language folder where its page is split (``glossary/2/#term``), else None."""
    part = layout(briefing).page_of(lang, collection, entity_id)
    return f"{site_url(part)}#{entity_id}" if part else None


# ----------------------------------------------------------------- the layout of a briefing

# The last briefing laid out, what its layout was made of, and the layout.
_last: tuple[Briefing, tuple[Any, ...], Layout] | None = None


def layout(briefing: Briefing) -> Layout:
    """The split pages of a briefing, computed once per briefing, and again only when what they are made of changed."""
    global _last
    if _last is not None and _last[0] is briefing:
        return _last[2]
    # The facts themselves: under mkdocs serve an unchanged file's are the same objects, compared by identity.
    made_of = (
        briefing.site,
        tuple(briefing.languages),
        *(tuple(briefing[c].values()) for c in ("events", "glossary", "sources", "metrics", "quotes", "products")),
        len(briefing["companies"]),
        len(briefing["markets"]),
    )
    made = _last[2] if _last is not None and _last[1] == made_of else _layout(briefing)
    _last = (briefing, made_of, made)
    return made


def _layout(briefing: Briefing) -> Layout:
    budget = briefing.site.page_limit_kb * 1000 - FRAME_BYTES
    languages = briefing.languages
    weight = {
        (collection, entity_id): len(entity.model_dump_json()) * HTML_PER_FACT_BYTE
        for collection in ("events", "glossary", "sources")
        for entity_id, entity in briefing[collection].items()
    }
    out = Layout()
    events = briefing.events_by_date
    topics: dict[str, list[Any]] = defaultdict(list)
    for e in events:
        for t in e.topics:
            topics[t].append(e)
    for parent, shown in [(TIMELINE, events), *((f"timeline/{t}.md", topics[t]) for t in sorted(topics))]:
        parts = _timeline_parts(parent, shown, lambda e: weight[("events", e.id)], budget)
        if parts:
            out.add(Split(parent, {lang: parts for lang in languages}), "events" if parent == TIMELINE else None)

    terms = list(briefing.glossary.values())
    total = sum(weight[("glossary", t.id)] for t in terms)
    if total > budget:
        count = math.ceil(total / budget)
        out.add(Split(GLOSSARY, {lang: _glossary_parts(terms, lang, count, weight) for lang in languages}), "glossary")

    cites: dict[str, int] = defaultdict(int)
    for cited in (briefing.metrics, briefing.events, briefing.quotes, briefing.products):
        for entity in cited.values():
            cites[entity.source] += 1
    sources = sorted(briefing.sources.values(), key=lambda s: s.id)
    source_weight = {s.id: weight[("sources", s.id)] + cites[s.id] * HTML_PER_CITATION for s in sources}
    if sum(source_weight.values()) > budget:
        years: dict[int, list[str]] = defaultdict(list)
        for s in sources:
            years[s.date.year].append(s.id)
        parts = tuple(Part(f"sources/{y}.md", tuple(ids), year=y) for y, ids in sorted(years.items()))
        out.add(Split(SOURCES, {lang: parts for lang in languages}), "sources")

    out.home_planned = _home_planned(briefing, events, weight, budget)
    return out


def _timeline_parts(parent: str, events: Sequence[Any], weight: Callable[[Any], float], budget: float) -> tuple[Part, ...]:
    """A timeline's parts: none if it fits one page, else one a year, and a year too long one a quarter."""
    if sum(weight(e) for e in events) <= budget:
        return ()
    folder = parent.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
    years: dict[int, list[Any]] = defaultdict(list)
    for e in events:
        years[e.date.year].append(e)
    parts = []
    for year, of_year in sorted(years.items()):
        if sum(weight(e) for e in of_year) <= budget:
            parts.append(Part(f"{folder}{year}.md", tuple(e.id for e in of_year), year=year))
            continue
        quarters: dict[int, list[Any]] = defaultdict(list)
        for e in of_year:
            quarters[e.date.quarter_of_year or 0].append(e)
        # The year's events known only to the year come after its quarters, as on the whole timeline.
        for quarter, group in sorted(quarters.items(), key=lambda kv: kv[0] or 5):
            slug = f"{year}-q{quarter}" if quarter else f"{year}-undated"
            parts.append(Part(f"{folder}{slug}.md", tuple(e.id for e in group), year=year, quarter=quarter))
    return tuple(parts)


def _glossary_parts(terms: Sequence[Any], lang: str, count: int, weight: dict[tuple[str, str], float]) -> tuple[Part, ...]:
    """The glossary of ``lang`` in ``count`` parts, cut between initials (rows of kana, letters) where one is near."""
    ordered = sorted(terms, key=lambda t: (collation_key(glossary_reading(t, lang)), t.id))
    initials = [initial(glossary_reading(t, lang)) for t in ordered]
    cumulative = [0.0]
    for t in ordered:
        cumulative.append(cumulative[-1] + weight[("glossary", t.id)])
    total = cumulative[-1]
    cuts = [0]
    for k in range(1, count):
        target = total * k / count
        between = [i for i in range(cuts[-1] + 1, len(ordered)) if initials[i] != initials[i - 1]]
        anywhere = list(range(cuts[-1] + 1, len(ordered) - (count - k) + 1))
        # Between two initials when that keeps the part within a fifth of its ideal size; else between two terms.
        near = min(between, key=lambda i: abs(cumulative[i] - target), default=None)
        if near is None or abs(cumulative[near] - target) > total / count / 5 or near not in anywhere:
            near = min(anywhere, key=lambda i: abs(cumulative[i] - target))
        cuts.append(near)
    cuts.append(len(ordered))
    return tuple(
        Part(
            f"glossary/{n}.md",
            tuple(t.id for t in ordered[start:end]),
            span=(initials[start], initials[end - 1]),
        )
        for n, (start, end) in enumerate(itertools.pairwise(cuts), start=1)
    )


def _home_planned(briefing: Briefing, events: Sequence[Any], weight: dict[tuple[str, str], float], budget: float) -> int | None:
    """How many plans the home page lists: all of them, unless they would make it pass the limit."""
    planned = [e for e in events if e.status == "planned"]
    rest = (len(briefing["companies"]) + len(briefing["markets"])) * HOME_LINE_BYTES
    if rest + sum(weight[("events", e.id)] for e in planned) <= budget:
        return None
    room, shown = budget - rest, 0
    for e in planned:
        room -= weight[("events", e.id)]
        if room < 0:
            break
        shown += 1
    return max(shown, 1)
