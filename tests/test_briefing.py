"""The checked Briefing: one typed mapping per collection, and the views several stages share."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.load import load_briefing
from generator.model import COLLECTIONS, Briefing

ROOT = Path(__file__).resolve().parent.parent


def test_every_collection_is_a_field_of_its_own() -> None:
    names = {f.name for f in dataclasses.fields(Briefing)}
    assert set(COLLECTIONS) <= names
    briefing = load_briefing(ROOT / "data")
    for name, kind in COLLECTIONS.items():
        assert briefing[name] is getattr(briefing, name)
        assert all(isinstance(e, kind) for e in getattr(briefing, name).values())


def test_a_year_earlier_is_the_stated_figure_of_the_period_before() -> None:
    briefing = load_briefing(ROOT / "data")
    pairs = [(m, briefing.year_earlier(m)) for m in briefing.metrics.values()]
    found = [(m, e) for m, e in pairs if e is not None]
    assert found, "the sample data states figures a year apart"
    for m, e in found:
        assert (e.subject, e.measure, e.region) == (m.subject, m.measure, m.region)
        assert e.period == m.period.shifted_years(-1)


def test_events_by_date_and_names() -> None:
    briefing = load_briefing(ROOT / "data")
    keys = [(e.date.sort_key(), e.id) for e in briefing.events_by_date]
    assert keys == sorted(keys) and len(keys) == len(briefing.events)
    company = next(iter(briefing.companies.values()))
    assert briefing.name_of("companies", company.id) == company.name
    term = next(iter(briefing.glossary.values()))
    assert briefing.name_of("glossary", term.id) == term.term
