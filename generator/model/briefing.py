"""The briefing: every checked entry, typed per collection, with the views several stages read.

A view that more than one stage needs (events in date order, a metric a year earlier, an entry's name) is
computed here once, so its rule has one home.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from ..errors import Path_, Problem, dotted
from .dates import PartialDate
from .entities import COLLECTIONS, Company, Event, Market, Measure, Person, Product, Quote, Region, Source, Term, Topic
from .entity import Entity
from .figures import Chart, Metric
from .site import Site


class Located(Protocol):
    """A read document that can say where a value stands in it (the loader's ``Document``)."""

    file: str
    value: Any
    text: str

    def place(self, path: Path_, *, key: bool = False) -> tuple[int, int]: ...

    def problem(self, path: Path_, message: str, *, key: bool = False, label: str | None = None) -> Problem: ...


@dataclass
class Origin:
    """Where an entity was read: its document and its path inside it."""

    doc: Located
    base: Path_

    def problem(self, path: Path_, message: str, *, key: bool = False, label_path: Path_ | None = None) -> Problem:
        """A problem at ``path`` inside this entity; ``label_path`` names a field that is absent."""
        label = dotted(self.base + tuple(label_path)) if label_path is not None else None
        return self.doc.problem(self.base + tuple(path), message, key=key, label=label)


@dataclass
class Coverage:
    """How many translated text fields each language has, and which are missing."""

    total: int = 0
    missing: dict[str, list[Problem]] = field(default_factory=dict)


E = TypeVar("E", bound=Entity)


def _typed(entities: Mapping[str, Mapping[str, Entity]], kind: type[E]) -> dict[str, E]:
    # Validation made every entry of a collection an instance of its model class.
    return cast(dict[str, E], dict(entities.get(kind.collection, {})))


@dataclass
class Briefing:
    """The validated facts of one briefing, one typed mapping (id → entry) per collection."""

    site: Site
    sources: dict[str, Source]
    companies: dict[str, Company]
    people: dict[str, Person]
    products: dict[str, Product]
    markets: dict[str, Market]
    regions: dict[str, Region]
    measures: dict[str, Measure]
    topics: dict[str, Topic]
    metrics: dict[str, Metric]
    events: dict[str, Event]
    quotes: dict[str, Quote]
    glossary: dict[str, Term]
    charts: dict[str, Chart]
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    coverage: Coverage = field(default_factory=Coverage)
    warnings: list[Problem] = field(default_factory=list)
    site_origin: Origin | None = None

    @classmethod
    def of(cls, site: Site, entities: Mapping[str, Mapping[str, Entity]], **rest: Any) -> Briefing:
        """A briefing from the entries by collection name, as the loader collects them."""
        return cls(
            site,
            sources=_typed(entities, Source),
            companies=_typed(entities, Company),
            people=_typed(entities, Person),
            products=_typed(entities, Product),
            markets=_typed(entities, Market),
            regions=_typed(entities, Region),
            measures=_typed(entities, Measure),
            topics=_typed(entities, Topic),
            metrics=_typed(entities, Metric),
            events=_typed(entities, Event),
            quotes=_typed(entities, Quote),
            glossary=_typed(entities, Term),
            charts=_typed(entities, Chart),
            **rest,
        )

    def __getitem__(self, collection: str) -> Mapping[str, Entity]:
        """The entries of a collection named at run time (a template's ``b[collection]``)."""
        if collection not in COLLECTIONS:
            raise KeyError(collection)
        entries: Mapping[str, Entity] = getattr(self, collection)
        return entries

    @functools.cached_property
    def entities(self) -> dict[str, Mapping[str, Entity]]:
        """Every collection by name (made once: the render cache asks for it about 50,000 times a save at L)."""
        return {name: self[name] for name in COLLECTIONS}

    @property
    def languages(self) -> list[str]:
        return list(self.site.languages)

    def name_of(self, collection: str, entity_id: str) -> dict[str, str]:
        """The translated text that names an entry (its name, term, title or a quote's words)."""
        return self[collection][entity_id].display_name

    @functools.cached_property
    def events_by_date(self) -> list[Event]:
        """Every event, earliest first; events of the same date by id."""
        return sorted(self.events.values(), key=lambda e: (e.date.sort_key(), e.id))

    @functools.cached_property
    def _metric_by_key(self) -> dict[tuple[Any, ...], Metric]:
        by_key: dict[tuple[Any, ...], Metric] = {}
        for m in sorted(self.metrics.values(), key=lambda m: m.id):
            by_key.setdefault(_figure_key(m, m.period), m)
        return by_key

    def same_figure(self, metric: Metric, period: PartialDate) -> Metric | None:
        """The metric of the same measure, subject and region for another period, if the data has one."""
        return self._metric_by_key.get(_figure_key(metric, period))

    def year_earlier(self, metric: Metric) -> Metric | None:
        """The same figure a year earlier, if the data states it."""
        return self.same_figure(metric, metric.period.shifted_years(-1))


def _figure_key(m: Metric, period: PartialDate) -> tuple[Any, ...]:
    return (m.subject, m.measure, m.region, str(period))
