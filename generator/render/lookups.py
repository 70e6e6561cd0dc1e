"""Lookups every page reads, computed once per build: an entry's figures, events, people, quotes, and what cites a source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..incremental import ALL, TrackedMap
from ..load.figures import FIGURE
from ..model import Briefing, Event, Metric, Person, Product, Quote

LATEST_EVENTS = 5  # events the home page lists
GLANCE_FIGURES = 4  # figures in a profile's at-a-glance box


def event_order(e: Event) -> tuple[Any, ...]:
    """Chronological; an event known only to its year comes after the dated events of that year."""
    return (e.date.year, e.date.precision == "year", e.date.sort_key(), e.id)


@dataclass
class Index:
    """Lookups computed once per build, shared by every page."""

    briefing: Briefing
    metrics_of: dict[tuple[str, str], list[Metric]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    events_on: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    people_of: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    products_of: dict[str, list[Product]] = field(default_factory=lambda: defaultdict(list))
    quotes_of: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    events: list[Event] = field(default_factory=list)
    events_by_date: list[Event] = field(default_factory=list)
    # (collection, id, fields) of the entities marking fields as general knowledge: the sources page lists them
    # without reading the entities (a company's summary is not the sources page's to render again for).
    general_knowledge: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    # While a page renders: the facts it has read (see incremental.py); None otherwise.
    reads: set[tuple[Any, ...]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        b = self.briefing
        # A subject's figures read measure by measure, in the order the data declares measures and regions.
        measure_at = {key: i for i, key in enumerate(b.measures)}
        region_at = {key: i for i, key in enumerate(b.regions)}
        for m in sorted(
            b.metrics.values(),
            key=lambda m: (measure_at[m.measure], region_at.get(m.region or "", -1), m.period.sort_key(), m.id),
        ):
            self.metrics_of[m.subject].append(m)
        self.events = sorted(b.events.values(), key=event_order)
        self.events_by_date = b.events_by_date
        for e in self.events:
            for c in e.companies:
                self.events_of[c].append(e)
            for t in e.topics:
                self.events_on[t].append(e)
        for p in b.people.values():
            if p.company:
                self.people_of[p.company].append(p)
        for pr in b.products.values():
            self.products_of[pr.company].append(pr)
        for q in sorted(b.quotes.values(), key=lambda q: (q.date.sort_key(), q.id)):
            self.quotes_of[q.person].append(q)
        cited: list[Metric | Event | Quote | Product] = [
            *b.metrics.values(),
            *b.events.values(),
            *b.quotes.values(),
            *b.products.values(),
        ]
        for entity in cited:
            self.cited_by[entity.source].append((entity.collection, entity.id))
        self.general_knowledge = marked_general_knowledge(b)
        self._entities = b.entities

    def latest_events(self, count: int) -> list[Event]:
        """The most recent events that happened or were reported, newest first (an event known only to its year counts from the year's start)."""
        return [e for e in reversed(self.events_by_date) if e.status != "planned"][:count]

    def glance_metrics(self, subject: tuple[str, str], key_figures: Sequence[str], count: int = GLANCE_FIGURES) -> list[Metric]:
        """A subject's latest figures for its at-a-glance box: the site's key figures first, then those with a change."""
        metrics = self.metrics_of.get(subject) or []
        if not metrics:
            return []
        latest = max(m.period.sort_key() for m in metrics)
        recent = [m for m in metrics if m.period.sort_key() == latest or m.id in key_figures]
        ranked = sorted(recent, key=lambda m: (m.id not in key_figures, m.change_yoy is None, m.period.sort_key() != latest))
        return ranked[:count]

    def next_planned(self, company: str) -> Event | None:
        """A company's first planned event, if any."""
        return next((e for e in self.events_of.get(company) or [] if e.status == "planned"), None)

    def planned_events(self) -> list[Event]:
        """Events announced as plans, soonest first."""
        return [e for e in self.events if e.status == "planned"]

    def link_facts(self, collection: str, entity_id: str) -> Any:
        """What a link to an entity shows: its name (for a figure: measure, subject and period)."""
        entity = self._entities[collection].get(entity_id)
        if not isinstance(entity, Metric):
            name = entity and entity.display_name
            # A name that gives figures ({value:…}: an event's title) shows those metrics too.
            cited = name and sorted({m for text in name.values() if "{" in text for _, m in FIGURE.findall(text)})
            if not cited:
                return name
            metrics: list[Any] = [self._entities["metrics"].get(m) for m in cited]
            return (name, *metrics, *(m and self._entities["measures"].get(m.measure) for m in metrics))
        subject = self._entities[entity.subject[0]].get(entity.subject[1])
        region = entity.region and self._entities["regions"][entity.region].display_name
        return (
            entity.subject,
            subject and subject.display_name,
            region,
            self._entities["measures"][entity.measure].display_name,
            str(entity.period),
        )

    def get(self, collection: str, entity_id: str) -> Any:
        if self.reads is not None:
            self.reads.add(("e", collection, entity_id))
        return self._entities[collection][entity_id]


class TrackedIndex(Index):
    """An Index that notes which facts each page reads (see incremental.py): for a render cache."""

    def __post_init__(self) -> None:
        super().__post_init__()
        for name, value in list(vars(self).items()):
            if isinstance(value, dict) and not name.startswith("_"):
                setattr(self, name, TrackedMap(name, value, lambda: self.reads))

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name.startswith("_") or name == "reads" or isinstance(value, TrackedMap):
            return value
        reads = object.__getattribute__(self, "reads")
        if reads is not None:
            if isinstance(value, list):
                reads.add(("a", name))
            elif not callable(value):
                reads.add(ALL)  # e.g. index.briefing: the page may read anything
        return value


_INDEXES: dict[tuple[int, bool], Index] = {}


def index_of(briefing: Briefing, *, tracked: bool) -> Index:
    """The lookups of a briefing, computed once however many times its pages are rendered (the plugin renders the glossary again).

    Only a render cache needs to know what each page read: without one, pages are rendered untracked, faster.
    """
    key = (id(briefing), tracked)
    index = _INDEXES.get(key)
    if index is not None and index.briefing is briefing:
        return index
    earlier = [v for (_, kind), v in _INDEXES.items() if kind == tracked]
    _INDEXES.clear()
    if earlier and _same_sources(earlier[0].briefing, briefing):
        # The facts the lookups are made of are the very same objects (mkdocs serve: another file changed).
        index = earlier[0]
        index.briefing, index._entities = briefing, briefing.entities
        index.general_knowledge = marked_general_knowledge(briefing)  # made of other collections: always anew
    else:
        index = (TrackedIndex if tracked else Index)(briefing)
    _INDEXES[key] = index
    return index


def marked_general_knowledge(b: Briefing) -> list[tuple[str, str, tuple[str, ...]]]:
    """(collection, id, fields) of each entity marking fields as general knowledge, by collection and id."""
    groups: list[tuple[str, Any]] = [("companies", b.companies), ("people", b.people), ("glossary", b.glossary)]
    return [
        (collection, e.id, tuple(e.general_knowledge))
        for collection, group in groups
        for e in sorted(group.values(), key=lambda e: e.id)
        if e.general_knowledge
    ]


# The collections the Index's lookups are made of (general_knowledge aside).
_INDEXED = ("metrics", "measures", "regions", "events", "people", "products", "quotes")


def _same_sources(old: Briefing, new: Briefing) -> bool:
    return all(
        len(old[c]) == len(new[c]) and all(a is b for a, b in zip(old[c].values(), new[c].values(), strict=True))
        for c in _INDEXED
    )
