"""Numbers, money, percentages and dates in the reader's language, through Babel/CLDR."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from ..load.figures import FIGURE
from ..load.labels import labels
from ..model import SCALE_FACTORS, Briefing, Measure, Metric, PartialDate


class Formatter:
    """Formats values for one language; patterns come from the language's label file."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # A Locale, not its name: Babel would look the name up again on every call.
        self.locale = Locale.parse(lang.replace("-", "_"))
        self.labels = labels(lang)
        self.formats: dict[str, Any] = self.labels["formats"]
        self._dates: dict[PartialDate, str] = {}

    def text(self, value: dict[str, str] | None) -> str:
        """The text of a translated field in this language."""
        return "" if value is None else value[self.lang]

    def date(self, value: PartialDate) -> str:
        """A date shown at its precision: a month-precision date never shows a day."""
        text = self._dates.get(value)
        if text is None:  # many events share a date, and CLDR formatting is slow
            skeleton = self.formats["date"][value.precision]
            day = datetime.date(value.year, value.first_month, value.day or 1)
            text = self._dates[value] = format_skeleton(skeleton, day, locale=self.locale)
        return text

    def quarter(self, year: int, quarter: int) -> str:
        """A quarter heading: ``2023年第1四半期``, ``Q1 2023``."""
        return self.date(PartialDate(year, quarter))

    def number(self, value: Decimal) -> str:
        """A plain number, compacted (million; 5億4000万) when it is large."""
        if abs(value) >= Decimal(self.formats["compact_from"]):
            if "myriads" in self.formats:
                return self._myriads(value)
            return format_compact_decimal(value, format_type=self.formats["compact"], fraction_digits=3, locale=self.locale)
        return self._plain(value)

    def _plain(self, value: Decimal) -> str:
        grouping = str(self.formats.get("grouping", "true")) == "true"
        return format_decimal(value, locale=self.locale, decimal_quantization=False, group_separator=grouping)

    def _myriads(self, value: Decimal) -> str:
        """Counted in units of 10^4 and 10^8 (``5億4000万``), as Japanese newspapers write large figures."""
        rest, parts = abs(value), []
        for name, size in self.formats["myriads"]:
            size = Decimal(size)
            count = int(rest // size)
            if count:
                parts.append(f"{self._plain(Decimal(count))}{name}")
                rest -= count * size
        if rest:
            parts.append(self._plain(rest.normalize()))
        return ("-" if value < 0 else "") + "".join(parts)

    def percent(self, value: Decimal) -> str:
        """``45.4`` → ``45.4%`` with the locale's symbols; as many decimals as stated."""
        return format_percent(value / 100, locale=self.locale, decimal_quantization=False)

    def _with_unit(self, metric: Metric, number: str) -> str:
        if metric.unit == "percent":
            return number
        if metric.unit == "currency":
            assert metric.currency is not None
            unit = self.formats["currency_units"].get(metric.currency, metric.currency)
            return str(self.formats["currency"]).format(number=number, unit=unit)
        return str(self.formats["units"][metric.unit]).format(number=number)

    def value(self, metric: Metric, *, signed: bool = False) -> str:
        """A metric's value with its unit, range and qualifier: ``595億元``, ``CNY 59.5 billion``.

        ``signed``: the value is a change, shown with its sign like every change (``+16.4%``).
        """
        factor = SCALE_FACTORS[metric.scale]
        show = self.percent if metric.unit == "percent" else self.number
        number = show(metric.value * factor)
        if signed and metric.value > 0:
            number = f"+{number}"
        if metric.value_max is not None:
            number = str(self.formats["range"]).format(low=number, high=show(metric.value_max * factor))
        text = self._with_unit(metric, number)
        if metric.bound:
            text = str(self.formats["bounds"][metric.bound]).format(value=text)
        return text

    def signed_percent(self, percent: Decimal | None) -> str:
        """A change as a signed figure for tables and charts: ``+13.1%``, ``-18.9%``."""
        if percent is None:
            return ""
        text = self.percent(percent)
        return f"+{text}" if percent > 0 else text

    def share(self, percent: Decimal, whole: str) -> str:
        """``45.4% of revenue``."""
        lower = whole[:1].lower() + whole[1:]  # a heading ("Revenue") inside a phrase, where the language wants it
        return str(self.formats["share"]).format(percent=self.percent(percent), whole=whole, whole_lower=lower)

    def join(self, items: list[str]) -> str:
        """Items joined the way the language lists them."""
        return str(self.formats["list_separator"]).join(items)


def expand(text: str, fmt: Formatter, get: Callable[[str, str], Any]) -> str:
    """The text with each figure written out; ``get(collection, id)`` looks the metric and its measure up."""
    if "{" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        kind, metric_id = match.groups()
        metric: Metric = get("metrics", metric_id)
        if kind == "change":
            assert metric.change_yoy is not None, "check reports a change figure of a metric without one"
            return fmt.percent(abs(metric.change_yoy))
        measure: Measure = get("measures", metric.measure)
        return fmt.value(metric, signed=measure.signed)

    return FIGURE.sub(one, text)


def written(briefing: Briefing, text: Any, fmt: Formatter) -> Any:
    """A translated text with its figures written out (anything else as it is)."""
    return expand(text, fmt, lambda collection, entity_id: briefing[collection][entity_id]) if isinstance(text, str) else text
