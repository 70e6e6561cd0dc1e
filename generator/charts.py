"""Charts declared in data/charts/: drawn from metrics at build time as SVG, with a table and a text alternative.

Each chart is drawn with matplotlib, text kept as SVG text (so the browser
renders it with a Japanese font and search engines and screen readers can read
it), every label and number formatted for the page's language, and the output
byte-identical for the same input.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from .formatting import Formatter
from .model import Chart, Entity, Metric, PartialDate

if TYPE_CHECKING:
    from .validate import Briefing

# The browser renders the SVG text with the first of these fonts it has; matplotlib
# lays the text out with the first one installed. Japanese charts list fonts with
# Japanese glyphs first; English ones a Latin font, then the same Japanese fonts.
JAPANESE_FONTS = ["IPAexGothic", "IPAPGothic", "IPAGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic"]
FONT_FAMILIES = {"ja": [*JAPANESE_FONTS, "DejaVu Sans"], "default": ["DejaVu Sans", "Liberation Sans", "Arial", *JAPANESE_FONTS]}
RC_PARAMS: dict[str, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,  # data text is text: "$5 and $6" must not become math
    "svg.hashsalt": "briefing-charts",
    "svg.image_inline": True,
    "path.simplify": True,
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.unicode_minus": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#757575",
    "axes.titlesize": 13,
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.titlepad": 12,
    "legend.frameon": False,
    "hatch.color": "#616161",
    "figure.dpi": 72,
}
CURRENT = "#3949ab"
EARLIER = "#b0bec5"
RISE = "#1e88e5"
FALL = "#e65100"
BAR_HEIGHT_IN = 0.34
WIDTH_IN = 7.2


def chart_problems(chart: Chart, metrics: dict[str, Entity]) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems with a chart declaration, as (path inside the chart, message)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    found = [(i, metrics[mid]) for i, mid in enumerate(chart.metrics) if mid in metrics]
    if len(set(chart.metrics)) != len(chart.metrics):
        problems.append((("metrics",), "a metric is listed twice"))
    for i, m in found:
        assert isinstance(m, Metric)
        if chart.kind == "change" and m.change_yoy is None:
            problems.append((("metrics", i), f"{m.id!r} has no change_yoy to draw in a change chart"))
        if chart.kind == "share" and m.share is None:
            problems.append((("metrics", i), f"{m.id!r} has no share to draw in a share chart"))
    if chart.kind in ("bar", "periods") and found:
        first = found[0][1]
        assert isinstance(first, Metric)
        for i, m in found[1:]:
            assert isinstance(m, Metric)
            if (m.unit, m.currency) != (first.unit, first.currency):
                problems.append(
                    (("metrics", i), f"{m.id!r} is in another unit than {first.id!r}: bars of one chart share a unit")
                )
    if chart.kind == "periods" and found:
        first = found[0][1]
        if first.period.year == 1:  # type: ignore[attr-defined]
            problems.append((("metrics", 0), f"{first.id!r} is of year 1: a periods chart cannot show the year before it"))
        for i, m in found[1:]:
            if m.period != first.period:  # type: ignore[attr-defined]
                problems.append(
                    (
                        ("metrics", i),
                        f"{m.id!r} covers another period than {first.id!r}: a periods chart compares one period with a year earlier",
                    )
                )
    return problems


@dataclass(frozen=True)
class Bar:
    """One bar: where it ends, the text printed at its end, and whether it is calculated rather than stated."""

    value: float
    text: str
    derived: bool = False


@dataclass
class Row:
    """One row of a chart's data table: its cells (plain text) and the sources of its figures."""

    cells: list[str]
    sources: list[str]
    heads: list[str | None] = field(default_factory=list)


@dataclass(frozen=True)
class Drawing:
    """What a chart's picture shows, in one language: everything ``draw`` needs, and nothing else.

    Plain and hashable, so a picture can be drawn in another process and kept by its digest.
    """

    title: str
    labels: tuple[str, ...]
    series: tuple[str, ...]
    bars: tuple[tuple[Bar, ...], ...]
    kind: str
    fonts: tuple[str, ...]
    derived_label: str = ""


@dataclass
class ChartView:
    """Everything a page shows for one chart in one language."""

    chart: Chart
    path: str
    title: str
    alt: str
    columns: list[str]
    rows: list[Row]
    derived: bool
    drawing: Drawing = field(repr=False)

    @property
    def numeric(self) -> list[bool]:
        """Which table columns hold figures (aligned right); the item and a period column hold text."""
        return [False, self.chart.kind == "periods", *[True] * (len(self.columns) - 2)]


class Charts:
    """Builds the charts of one briefing; lookups are computed once per build."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        # In the order the data declares them (files by name, then entries in file order).
        self.charts: list[Chart] = list(briefing["charts"].values())  # type: ignore[arg-type]
        self._by_key: dict[tuple[Any, ...], Metric] = {}
        for m in briefing["metrics"].values():
            assert isinstance(m, Metric)
            self._by_key[self._key(m, m.period)] = m

    @staticmethod
    def _key(m: Metric, period: PartialDate) -> tuple[Any, ...]:
        return (m.subject, m.measure, m.region, str(period))

    def on_page(self, subject: tuple[str, str]) -> list[Chart]:
        """The charts shown on a company or market page."""
        return [c for c in self.charts if c.page == subject]

    def year_earlier(self, m: Metric) -> tuple[Metric | None, Decimal | None]:
        """The same figure a year earlier: the stated metric if the data has it, else the value implied by ``change_yoy``."""
        stated = self._by_key.get(self._key(m, m.period.shifted_years(-1)))
        if stated is not None:
            return stated, stated.value * _scale(stated)
        if m.change_yoy is None or m.change_yoy == -100:
            return None, None
        # Enough digits for any figure the model accepts (15 before and after the point) over a change close to -100 %.
        with localcontext(prec=80):
            implied = m.value / (1 + m.change_yoy / 100)
            # As precise as the stated figure, no more.
            return None, implied.quantize(Decimal(1).scaleb(min(int(m.value.as_tuple().exponent), 0))) * _scale(m)

    def view(self, chart: Chart, fmt: Formatter) -> ChartView:
        """The chart in one language: the SVG, its table and its text alternative."""
        ui = fmt.labels["ui"]
        metrics = [self.briefing["metrics"][mid] for mid in chart.metrics]
        labels = self._labels(metrics, fmt)  # type: ignore[arg-type]
        series: list[str] = []
        bars: list[list[Bar]] = []
        rows: list[Row] = []
        derived_any = False
        if chart.kind == "bar":
            series = [""]
            columns = [ui["chart_item"], ui["period"], ui["value"]]
            for label, m in zip(labels, metrics, strict=True):
                assert isinstance(m, Metric)
                text = fmt.value(m, signed=self.briefing["measures"][m.measure].signed)  # type: ignore[attr-defined]
                bars.append([Bar(float(m.raw_value), text)])
                rows.append(Row([label, fmt.date(m.period), text], [m.source]))
        elif chart.kind == "periods":
            first = metrics[0]
            assert isinstance(first, Metric)
            earlier = first.period.shifted_years(-1)
            series = [fmt.date(earlier), fmt.date(first.period)]
            columns = [ui["chart_item"], *series, ui["change_yoy"]]
            for label, m in zip(labels, metrics, strict=True):
                assert isinstance(m, Metric)
                stated, raw = self.year_earlier(m)
                text = fmt.value(m)
                group = []
                if raw is None:
                    group.append(Bar(0.0, ui["not_stated"]))
                    before = ui["not_stated"]
                    sources = [m.source]
                elif stated is not None:
                    before = fmt.value(stated)
                    group.append(Bar(float(raw), before))
                    sources = [stated.source, m.source] if stated.source != m.source else [m.source]
                else:
                    derived_any = True
                    before = fmt.value(_plain(m, raw))
                    group.append(Bar(float(raw), str(ui["derived_value"]).format(value=before), derived=True))
                    before = str(ui["derived_value"]).format(value=before)
                    sources = [m.source]
                group.append(Bar(float(m.raw_value), text))
                bars.append(group)
                rows.append(
                    Row([label, before, text, fmt.signed_percent(m.change_yoy)], sources, [None, *series, ui["change_yoy"]])
                )
        elif chart.kind == "change":
            series = [""]
            columns = [ui["chart_item"], ui["period"], ui["change_yoy"], ui["value"]]
            for label, m in zip(labels, metrics, strict=True):
                assert isinstance(m, Metric) and m.change_yoy is not None
                bars.append([Bar(float(m.change_yoy), fmt.signed_percent(m.change_yoy))])
                rows.append(
                    Row(
                        [label, fmt.date(m.period), fmt.signed_percent(m.change_yoy), fmt.value(m)],
                        [m.source],
                        [None, None, ui["change_yoy"], None],
                    )
                )
        else:
            series = [""]
            columns = [ui["chart_item"], ui["period"], ui["share"], ui["value"]]
            for label, m in zip(labels, metrics, strict=True):
                assert isinstance(m, Metric) and m.share is not None
                whole = self.briefing["metrics"][m.share.of]
                whole_name = fmt.text(self.briefing["measures"][whole.measure].name)  # type: ignore[attr-defined]
                bars.append([Bar(float(m.share.percent), fmt.percent(m.share.percent))])
                rows.append(Row([label, fmt.date(m.period), fmt.share(m.share.percent, whole_name), fmt.value(m)], [m.source]))
        title = fmt.text(chart.title)
        items = str(ui["chart_alt_separator"]).join(_alt_item(fmt, r) for r in rows)
        alt = str(ui["chart_alt"]).format(title=title, items=items)
        fonts = FONT_FAMILIES.get(fmt.lang.split("-")[0], FONT_FAMILIES["default"])
        drawing = Drawing(
            title,
            tuple(labels),
            tuple(series),
            tuple(tuple(group) for group in bars),
            chart.kind,
            tuple(fonts),
            str(ui["derived_series"]) if derived_any else "",
        )
        return ChartView(chart, f"charts/{chart.id}.svg", title, alt, columns, rows, derived_any, drawing)

    def _labels(self, metrics: list[Metric], fmt: Formatter) -> list[str]:
        """Bar labels: what differs between the metrics (measure, region, subject or period)."""

        def name(collection: str, entity_id: str | None) -> str:
            return fmt.text(self.briefing[collection][entity_id].name) if entity_id else ""  # type: ignore[attr-defined]

        def world(m: Metric) -> str:
            return name("regions", m.region) or fmt.text(self.briefing[m.subject[0]][m.subject[1]].name)  # type: ignore[attr-defined]

        if len({m.measure for m in metrics}) == 1:
            if len({m.region for m in metrics}) > 1:
                return [world(m) for m in metrics]
            if len({m.subject for m in metrics}) > 1:
                return [fmt.text(self.briefing[m.subject[0]][m.subject[1]].name) for m in metrics]  # type: ignore[attr-defined]
            if len({str(m.period) for m in metrics}) > 1:
                return [fmt.date(m.period) for m in metrics]
        opening, closing = fmt.formats["paren"]
        return [
            name("measures", m.measure) + (f"{opening}{name('regions', m.region)}{closing}" if m.region else "") for m in metrics
        ]


def _scale(m: Metric) -> Decimal:
    return m.raw_value / m.value if m.value else Decimal(1)


def _plain(m: Metric, raw: Decimal) -> Metric:
    """``m`` with another value, stated in base units and with no qualifiers (for formatting a calculated figure)."""
    return m.model_copy(
        update={"value": raw, "scale": "one", "value_max": None, "bound": None, "change_yoy": None, "share": None}
    )


def _alt_item(fmt: Formatter, row: Row) -> str:
    """``label: detail, detail`` for the text alternative; cells that need their column's heading get it."""
    heads = row.heads or [None] * len(row.cells)
    details = [f"{head} {cell}" if head else cell for head, cell in zip(heads[1:], row.cells[1:], strict=True) if cell]
    return f"{row.cells[0]}{fmt.formats['colon']}{fmt.join(details)}"


def draw(drawing: Drawing) -> bytes:
    """A horizontal bar chart as SVG bytes: one group of bars per label, one bar per series."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from .drawing import use_project_fonts

    use_project_fonts()
    title, labels, series, bars, kind = drawing.title, drawing.labels, drawing.series, drawing.bars, drawing.kind
    per_group = len(series)
    height = 0.9 + BAR_HEIGHT_IN * len(labels) * per_group * 1.25 + (0.35 if per_group > 1 else 0)
    rc: Any = {**RC_PARAMS, "font.sans-serif": list(drawing.fonts)}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(WIDTH_IN, height))
        ax = fig.add_subplot()
        ax.set_title(title)
        width = 0.8 / per_group
        values = [b.value for group in bars for b in group]
        for s in range(per_group):
            ys = [i + (s - (per_group - 1) / 2) * width for i in range(len(labels))]
            group = [g[s] for g in bars]
            if kind == "change":
                colors = [RISE if b.value > 0 else FALL for b in group]
            else:
                colors = [CURRENT if s == per_group - 1 else EARLIER for _ in group]
            rects = ax.barh(
                ys, [b.value for b in group], height=width * 0.9, color=colors, hatch=["//" if b.derived else "" for b in group]
            )
            ax.bar_label(rects, labels=[b.text for b in group], padding=4, fontsize=9)
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        low, high = min(values + [0.0]), max(values + [0.0])
        span = (high - low) or 1.0
        # Room for the value printed at each bar's end.
        ax.set_xlim(low - (0.35 * span if low < 0 else 0), high + (0.35 * span if high > 0 else 0.02 * span))
        if low < 0:  # bars grow both ways from a zero line, not from the left edge
            ax.spines["left"].set_visible(False)
            ax.axvline(0, color="#757575", linewidth=0.8)
        if per_group > 1:
            handles = [Patch(color=EARLIER, label=series[0]), Patch(color=CURRENT, label=series[1])]
            if drawing.derived_label:
                handles.append(Patch(facecolor=EARLIER, hatch="//", label=drawing.derived_label))
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=len(handles))
        fig.tight_layout()
        out = io.BytesIO()
        # "tight" keeps the legend under the axes inside the picture.
        fig.savefig(out, format="svg", metadata={"Date": None, "Title": title}, bbox_inches="tight", pad_inches=0.1)
    return out.getvalue()
