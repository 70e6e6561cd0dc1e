"""Figures in running text, written by the formatter that writes the tables, so each is written one way.

A text says ``{value:xiaomi-revenue-2023-q1}`` where it gives a metric's value (``595億元``, ``CNY 59.5
billion``) and ``{change:xiaomi-revenue-2023-q1}`` where it gives its change from a year earlier without the
sign (``18.9%``): the sentence says the direction, in Japanese with 増 or 減, which ``check`` compares
with the sign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import Path_, Problem
from ..model import Metric, Origin

FIGURE = re.compile(r"\{(value|change):([a-z0-9]+(?:-[a-z0-9]+)*)\}")


def figure_problems(
    texts: Iterable[tuple[Origin, Path_, dict[str, str]]], metrics: dict[str, Metric], invalid: set[tuple[str, str]]
) -> list[Problem]:
    """Figures naming no metric, a change the metric does not state, or 増/減 against the sign of the change."""
    problems = []
    for origin, at, value in texts:
        for lang, text in value.items():
            for match in FIGURE.finditer(text) if "{" in text else ():
                kind, metric_id = match.groups()
                metric = metrics.get(metric_id)
                where = at + (lang,)
                if metric is None:
                    if ("metrics", metric_id) not in invalid:
                        problems.append(origin.problem(where, f"{match.group()}: no entry {metric_id!r} in metrics"))
                    continue
                if kind != "change":
                    continue
                if metric.change_yoy is None:
                    problems.append(origin.problem(where, f"{match.group()}: {metric_id!r} gives no change_yoy"))
                    continue
                word = text[match.end() : match.end() + 1]
                if lang == "ja" and word in ("増", "減") and (word == "増") != (metric.change_yoy > 0):
                    problems.append(
                        origin.problem(
                            where,
                            f"{match.group()}{word}: the change is {metric.change_yoy}; write {'増' if metric.change_yoy > 0 else '減'}",
                        )
                    )
    return problems
