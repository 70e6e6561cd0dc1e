"""Consistency checks: figures derived from other figures must agree with them.

A share or a year-on-year change is stated in a source next to the figures it
was computed from. Recomputing it catches typing mistakes: the stated value
must lie within the rounding of the figures it comes from (each figure is
taken as exact to half a unit of its last digit). Each check reports at the
level set under ``checks:`` in data/site.yaml (error, warning or off).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from decimal import Decimal, DecimalException

from ..errors import Problem
from ..model import SCALE_FACTORS, Briefing, Metric, Origin, PartialDate

Finding = tuple[str, Problem]
Range = tuple[Decimal, Decimal]


def check_consistency(briefing: Briefing) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) found by the consistency checks, each at the level set in ``site.checks``."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for check, problem in _findings(briefing):
        level = getattr(briefing.site.checks, check)
        if level == "error":
            errors.append(problem)
        elif level == "warning":
            warnings.append(problem)
    return errors, sorted(set(warnings))


def _findings(briefing: Briefing) -> Iterator[Finding]:
    metrics, origins = briefing.metrics, briefing.origins
    for metric in metrics.values():
        origin = origins[("metrics", metric.id)]
        try:
            if metric.share is not None and metric.share.of in metrics:
                yield from _share(metric, metrics[metric.share.of], origin)
            if metric.change_yoy is not None:
                earlier = briefing.year_earlier(metric)
                if earlier is not None:
                    yield from _year_on_year(metric, earlier, origin)
        except DecimalException:
            continue  # a number beyond arithmetic range is reported by the metric rules
    for event in briefing.events.values():
        source = briefing.sources.get(event.source)
        if source is not None and event.status != "planned" and _first_day(event.date) > _last_day(source.date):
            yield (
                "planned_events",
                origins[("events", event.id)].problem(
                    ("status",),
                    f"dated {event.date}, after its source {source.id!r} ({source.date}), but the status is {event.status!r}: "
                    "an event after the report can only be planned; set status: planned or correct the date",
                ),
            )


def _incomparable(metric: Metric, other: Metric, *, same_period: bool) -> str | None:
    if metric.unit != other.unit:
        return f"the unit is {metric.unit!r} but {other.id!r} is in {other.unit!r}"
    if metric.currency != other.currency:
        mine = f"the currency is {metric.currency}" if metric.currency else "no currency is given"
        return f"{mine} but {other.id!r} {'is in ' + other.currency if other.currency else 'has none'}"
    if same_period and metric.period != other.period:
        return f"the period is {metric.period} but {other.id!r} covers {other.period}"
    return None


def _share(part: Metric, whole: Metric, origin: Origin) -> Iterator[Finding]:
    assert part.share is not None
    reason = _incomparable(part, whole, same_period=True)
    if reason:
        yield "comparable_figures", origin.problem(("share", "of"), f"cannot be a share of {whole.id!r}: {reason}")
        return
    ratio = _ratio(_exact(part), _exact(whole))
    if ratio is None:
        return
    computed = (ratio[0] * 100, ratio[1] * 100)
    stated = part.share.percent
    if not _overlap(computed, _around(stated)):
        yield (
            "derived_figures",
            origin.problem(
                ("share", "percent"),
                f"{_num(stated)}% does not match the figures: {_figure(part)} / {_figure(whole)} ({whole.id}) = "
                f"{_shown(part.raw_value / whole.raw_value * 100, stated)}%; correct the share or the figures",
            ),
        )


def _year_on_year(metric: Metric, earlier: Metric, origin: Origin) -> Iterator[Finding]:
    assert metric.change_yoy is not None
    reason = _incomparable(metric, earlier, same_period=False)
    if reason:
        yield "comparable_figures", origin.problem(("change_yoy",), f"cannot be compared with {earlier.id!r}: {reason}")
        return
    ratio = _ratio(_exact(metric), _exact(earlier))
    if ratio is None:
        return
    computed = ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100)
    stated = metric.change_yoy
    if not _overlap(computed, _around(stated)):
        yield (
            "derived_figures",
            origin.problem(
                ("change_yoy",),
                f"{_num(stated)}% does not match the figures: {_figure(metric)} against {_figure(earlier)} ({earlier.id}) "
                f"is {_shown((metric.raw_value / earlier.raw_value - 1) * 100, stated)}%; correct the change or the figures",
            ),
        )


# ----------------------------------------------------------------- arithmetic


def _around(value: Decimal) -> Range:
    """The values that round to ``value`` at the precision it is written with."""
    half = Decimal(5).scaleb(value.as_tuple().exponent - 1)  # type: ignore[operator]
    return value - half, value + half


def _exact(metric: Metric) -> Range | None:
    """The base-unit values the figure may stand for; None when it is a bound or a range (not exact)."""
    if metric.bound is not None or metric.value_max is not None:
        return None
    lo, hi = _around(metric.value)
    factor = SCALE_FACTORS[metric.scale]
    return lo * factor, hi * factor


def _ratio(top: Range | None, bottom: Range | None) -> Range | None:
    if top is None or bottom is None or bottom[0] <= 0 <= bottom[1]:
        return None
    corners = [a / b for a in top for b in bottom]
    return min(corners), max(corners)


def _overlap(a: Range, b: Range) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _num(value: Decimal) -> str:
    return format(value, "f")


def _figure(metric: Metric) -> str:
    scale = "" if metric.scale == "one" else f" {metric.scale}"
    return f"{_num(metric.value)}{scale}"


def _shown(value: Decimal, stated: Decimal) -> str:
    """The value recomputed from the figures as written, one digit finer than the stated one."""
    exponent = min(stated.as_tuple().exponent, 0) - 1  # type: ignore[operator]
    return _num(value.quantize(Decimal(1).scaleb(exponent)))


# ----------------------------------------------------------------- dates

Day = tuple[int, int, int]


def _first_day(date: PartialDate) -> Day:
    return (date.year, date.first_month, date.day or 1)


def _last_day(date: PartialDate) -> Day:
    if date.day is not None:
        return _first_day(date)
    if date.month is not None:
        last_month = date.month
    elif date.quarter is not None:
        last_month = date.quarter * 3
    else:
        last_month = 12
    return (date.year, last_month, calendar.monthrange(date.year, last_month)[1])
