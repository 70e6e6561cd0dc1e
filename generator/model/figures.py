"""Figures and the charts drawn from them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import PartialDate
from .entity import Entity
from .fields import (
    CompanyId,
    MarketId,
    MeasureId,
    MetricId,
    RegionId,
    SourceId,
    Text,
    doc,
)


class Share(BaseModel):
    """A figure's share of a whole."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    percent: Decimal = doc("Share in percent, as stated.", "構成比（%、記載どおり）。")
    of: MetricId = doc("The metric that is the whole.", "全体にあたる指標の識別子。")


Unit = Literal["currency", "units", "people", "percent", "parameters"]
Scale = Literal["one", "thousand", "ten-thousand", "million", "hundred-million", "billion", "trillion"]
SCALE_FACTORS: dict[str, int] = {
    "one": 1,
    "thousand": 10**3,
    "ten-thousand": 10**4,
    "million": 10**6,
    "hundred-million": 10**8,
    "billion": 10**9,
    "trillion": 10**12,
}


class Metric(Entity):
    """A figure: a value of a measure, for a company or a market, over a period."""

    collection: ClassVar[str] = "metrics"
    one_of: ClassVar[tuple[str, ...]] = ("company", "market")
    required_if: ClassVar[dict[str, tuple[str, str]]] = {"currency": ("unit", "currency")}
    company: CompanyId | None = doc(
        "Company the figure is about (give company or market).", "対象企業（company か market のどちらか）。", default=None
    )
    market: MarketId | None = doc(
        "Market the figure is about (give company or market).", "対象市場（company か market のどちらか）。", default=None
    )
    measure: MeasureId = doc("What is measured.", "指標。")
    region: RegionId | None = doc(
        "Geographic scope, if not the whole company or world.", "地域（全体でない場合）。", default=None
    )
    period: PartialDate = doc(
        "Period the figure covers: 2023, 2023-Q1, 2023-05 or a day.", "対象期間（2023、2023-Q1、2023-05、または日付）。"
    )
    value: Decimal = doc(
        "The value as stated, in the given scale (59.5 with scale billion).",
        "記載どおりの数値（scale の単位で。例: 59.5 と billion）。",
    )
    value_max: Decimal | None = doc("Upper end, when the figure is a range.", "範囲で示される場合の上限。", default=None)
    bound: Literal["about", "at-least", "more-than", "up-to"] | None = doc(
        "Qualifier of the value: about, at least, more than, up to.",
        "数値の限定（約・以上・超・最大）。",
        default=None,
    )
    unit: Unit = doc("Unit: currency, units (devices), people, percent or parameters.", "単位（通貨・台・人・％・パラメータ）。")
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = doc(
        "ISO 4217 currency code, when the unit is currency (CNY, USD …).",
        "単位が通貨の場合のISO 4217通貨コード（CNY、USD など）。",
        default=None,
        examples=["CNY", "USD"],
    )
    scale: Scale = doc(
        "Scale of the value: one, thousand, ten-thousand, million, hundred-million, billion, trillion.",
        "数値の桁（one, thousand, ten-thousand, million, hundred-million, billion, trillion）。",
        default="one",
    )
    change_yoy: Decimal | None = doc(
        "Change from a year earlier, in percent (-18.9 for a fall of 18.9%).",
        "前年同期比の増減率（%。18.9%減なら -18.9）。",
        default=None,
    )
    share: Share | None = doc("Share of a whole, when stated.", "全体に占める割合（記載がある場合）。", default=None)
    note: Text | None = doc(
        "A remark stated with the figure (e.g. lowest since 2014).",
        "数値に付された補足（例: 2014年以来の低水準）。",
        default=None,
    )
    source: SourceId = doc("Where the figure comes from.", "出典。")

    @property
    def scale_factor(self) -> int:
        """What a stated number is multiplied by to give base units."""
        return SCALE_FACTORS[self.scale]

    @property
    def raw_value(self) -> Decimal:
        """The value in base units (yuan, devices, people)."""
        return self.value * self.scale_factor

    @property
    def subject(self) -> tuple[str, str]:
        """``("companies", id)`` or ``("markets", id)``."""
        return ("companies", self.company) if self.company else ("markets", self.market or "")


ChartKind = Literal["bar", "periods", "change", "share"]


class Chart(Entity):
    """A chart drawn from metrics at build time and shown on a company or market page."""

    collection: ClassVar[str] = "charts"
    name_field: ClassVar[str] = "title"
    one_of: ClassVar[tuple[str, ...]] = ("company", "market")
    one_of_hint: ClassVar[str] = ": the page the chart is shown on"
    title: Text = doc("Title of the chart.", "グラフの題名。")
    kind: ChartKind = doc(
        "bar: one bar per metric; periods: each metric against the same period a year earlier; "
        "change: year-on-year change of each metric; share: each metric's share of its whole.",
        "bar: 指標ごとの棒、periods: 各指標と前年同期の比較、change: 各指標の前年同期比、share: 各指標の全体に占める割合。",
    )
    metrics: list[MetricId] = doc("The metrics drawn, in order.", "描く指標（表示順）。", min_length=1)
    company: CompanyId | None = doc(
        "Company page the chart is shown on (give company or market).",
        "グラフを載せる企業ページ（company か market のどちらか）。",
        default=None,
    )
    market: MarketId | None = doc(
        "Market page the chart is shown on (give company or market).",
        "グラフを載せる市場ページ（company か market のどちらか）。",
        default=None,
    )
    note: Text | None = doc("A remark shown under the chart.", "グラフの下に表示する注記。", default=None)

    @property
    def page(self) -> tuple[str, str]:
        """``("companies", id)`` or ``("markets", id)``: where the chart is shown."""
        return ("companies", self.company) if self.company else ("markets", self.market or "")
