"""Rules that span fields or entities, beyond what one field's type can say."""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import is_currency

from ..errors import Problem
from ..model import KINDS, Briefing, Chart, Entity, Metric, Origin

# The anchors each section page has besides its entries' ids: its title (in English), its own headings
# (templates/), the quotes under each person, and the site's own elements (briefing-…).
_PAGE_ANCHORS = {
    "events": ("timeline", re.compile(r"timeline|filter|y\d{4}(-q[1-4]|-undated)?|briefing-.*")),
    "people": ("people", re.compile(r"people|quote-.*|briefing-.*")),
    "sources": ("sources", re.compile(r"sources|downloads|briefing-.*")),
    "glossary": ("glossary", re.compile(r"glossary|briefing-.*")),
}


def check_rules(
    briefing: Briefing,
    site_origin: Origin,
    invalid: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
    broken: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Every cross-field problem in the briefing; ``invalid`` entries, and the collections in ``broken``
    (a file that could not be read whole), were already reported."""
    problems: list[Problem] = []
    site, entities, origins = briefing.site, briefing.entities, briefing.origins
    for i, highlight in enumerate(site.highlights):
        for j, ref in enumerate(highlight.see):
            kind, _, ident = ref.partition(":")
            collection = KINDS[kind]
            if ident not in briefing[collection] and (collection, ident) not in invalid and collection not in broken:
                problems.append(site_origin.problem(("highlights", i, "see", j), f"no entry {ident!r} in {collection}"))
    for i, metric_id in enumerate(site.key_figures):
        if metric_id not in briefing.metrics and ("metrics", metric_id) not in invalid:
            problems.append(site_origin.problem(("key_figures", i), f"no entry {metric_id!r} in metrics"))
    if site.lead_chart and site.lead_chart not in briefing.charts and ("charts", site.lead_chart) not in invalid:
        problems.append(site_origin.problem(("lead_chart",), f"no entry {site.lead_chart!r} in charts"))
    for collection, group in entities.items():
        for entity_id, entity in group.items():
            if entity.one_of or entity.required_if:
                problems.extend(declared_rules(entity, origins[(collection, entity_id)]))
    # A company, market or topic has a page in its section's folder, beside the section's index page.
    for collection in ("companies", "markets", "topics"):
        if "index" in entities.get(collection, {}):
            problems.append(
                origins[(collection, "index")].problem(
                    ("id",), f"'index' is the name of the {collection} section's own page; choose another id"
                )
            )
    # An entry's id is its anchor on its section's page, beside the anchors the page has anyway.
    for collection, (page, taken) in _PAGE_ANCHORS.items():
        for entity_id in entities.get(collection, {}):
            if taken.fullmatch(entity_id):
                problems.append(
                    origins[(collection, entity_id)].problem(
                        ("id",),
                        f"{entity_id!r} is an anchor of the {page} page already: links to it would land elsewhere; choose another id",
                    )
                )
    for metric_id, metric in briefing.metrics.items():
        problems.extend(_metric_rules(metric, origins[("metrics", metric_id)]))
    for chart_id, chart in briefing.charts.items():
        for path, message in chart_problems(chart, briefing.metrics):
            origin = origins[("charts", chart_id)]
            problems.append(origin.problem(path, message) if path else origin.problem((), message, label_path=("company",)))
    for collection, group in entities.items():
        for entity_id, entity in group.items():
            for i, name in enumerate(getattr(entity, "general_knowledge", [])):
                if name not in type(entity).model_fields or name in ("id", "general_knowledge"):
                    fields = ", ".join(f for f in type(entity).model_fields if f not in ("id", "general_knowledge"))
                    problems.append(
                        origins[(collection, entity_id)].problem(
                            ("general_knowledge", i), f"no field {name!r} to mark; fields are {fields}"
                        )
                    )
    for term_id, term in briefing.glossary.items():
        origin = origins[("glossary", term_id)]
        for lang in term.aliases:
            if lang not in site.languages:
                problems.append(
                    origin.problem(
                        ("aliases", lang),
                        f"unknown language {lang!r}; the site's languages are {', '.join(site.languages)}",
                        key=True,
                    )
                )
    return problems


_DIGITS = 15


def declared_rules(entity: Entity, origin: Origin) -> list[Problem]:
    """The rules a model declares (``one_of``, ``required_if``), checked on one entry."""
    problems = []
    given = [name for name in entity.one_of if getattr(entity, name) is not None]
    if entity.one_of and len(given) != 1:
        choice = " or ".join(entity.one_of)
        problems.append(origin.problem((), f"give exactly one of {choice}{entity.one_of_hint}", label_path=(entity.one_of[0],)))
    for name, (other, value) in entity.required_if.items():
        if getattr(entity, other) == value and getattr(entity, name) is None:
            problems.append(origin.problem((other,), f"{other} is {value}: give {name} too", label_path=(name,)))
    return problems


def _metric_rules(metric: Metric, origin: Origin) -> list[Problem]:
    problems = []
    if metric.unit != "currency" and metric.currency is not None:
        problems.append(origin.problem(("currency",), f"a currency is given but the unit is {metric.unit!r}"))
    if metric.currency is not None and not is_currency(metric.currency):
        problems.append(origin.problem(("currency",), f"{metric.currency!r} is not an ISO 4217 currency code"))
    if metric.value_max is not None and metric.value_max < metric.value:
        problems.append(origin.problem(("value_max",), "value_max is smaller than value"))
    numbers: dict[tuple[str, ...], Decimal | None] = {
        ("value",): metric.value,
        ("value_max",): metric.value_max,
        ("change_yoy",): metric.change_yoy,
    }
    if metric.share is not None:
        numbers[("share", "percent")] = metric.share.percent
    for path, number in numbers.items():
        # Beyond this no figure is meaningful, and arithmetic or formatting would overflow.
        if number is not None and number != 0 and not -_DIGITS <= number.adjusted() < _DIGITS:
            problems.append(
                origin.problem(
                    path,
                    f"{number} is out of range: write at most {_DIGITS} digits before and after the decimal point (use scale for large figures)",
                )
            )
    return problems


def chart_problems(chart: Chart, metrics: dict[str, Metric]) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems with a chart declaration, as (path inside the chart, message)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    found = [(i, m) for i, mid in enumerate(chart.metrics) if (m := metrics.get(mid)) is not None]
    if len(set(chart.metrics)) != len(chart.metrics):
        problems.append((("metrics",), "a metric is listed twice"))
    for i, m in found:
        if chart.kind == "change" and m.change_yoy is None:
            problems.append((("metrics", i), f"{m.id!r} has no change_yoy to draw in a change chart"))
        if chart.kind == "share" and m.share is None:
            problems.append((("metrics", i), f"{m.id!r} has no share to draw in a share chart"))
    if chart.kind in ("bar", "periods") and found:
        first = found[0][1]
        for i, m in found[1:]:
            if (m.unit, m.currency) != (first.unit, first.currency):
                problems.append(
                    (("metrics", i), f"{m.id!r} is in another unit than {first.id!r}: bars of one chart share a unit")
                )
    if chart.kind == "periods" and found:
        first = found[0][1]
        if first.period.year == 1:
            problems.append((("metrics", 0), f"{first.id!r} is of year 1: a periods chart cannot show the year before it"))
        for i, m in found[1:]:
            if m.period != first.period:
                problems.append(
                    (
                        ("metrics", i),
                        f"{m.id!r} covers another period than {first.id!r}: a periods chart compares one period with a year earlier",
                    )
                )
    return problems
