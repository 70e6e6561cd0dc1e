"""Charts declared in data/charts/, as views: the bars, their labels, a table and a text alternative per language.

What is drawn is decided here, and laid out in pixels (``layout``); ``outputs/pictures.py`` draws it with
matplotlib, text kept as SVG text (so the browser renders it with a Japanese font and search engines and
screen readers can read it), the same bytes for the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from ..model import Briefing, Chart, Metric
from .formatting import Formatter
from .site_map import picture_path

# The browser renders the SVG text with the first of these fonts it has; matplotlib
# lays the text out with the first one installed. Japanese charts list fonts with
# Japanese glyphs first; English ones a Latin font, then the same Japanese fonts.
JAPANESE_FONTS = ["IPAexGothic", "IPAPGothic", "IPAGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic"]
FONT_FAMILIES = {"ja": [*JAPANESE_FONTS, "DejaVu Sans"], "default": ["DejaVu Sans", "Liberation Sans", "Arial", *JAPANESE_FONTS]}


@dataclass(frozen=True)
class Bar:
    """One bar: where it ends, the text printed at its end, and whether it is calculated rather than stated."""

    value: float
    text: str
    derived: bool = False
    low: float | None = None  # a range's lower end: the bar runs from it to ``value``


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
    source: str = ""  # the source line printed under the bars


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
    def size(self) -> tuple[int, int]:
        """The picture's width and height in CSS pixels (its viewBox)."""
        return layout(self.drawing).size

    @property
    def numeric(self) -> list[bool]:
        """Which table columns hold figures (aligned right); the item and a period column hold text."""
        return [False, self.chart.kind == "periods", *[True] * (len(self.columns) - 2)]


class Charts:
    """Builds the charts of one briefing; lookups are computed once per build."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        # In the order the data declares them (files by name, then entries in file order).
        self.charts = list(briefing.charts.values())

    def on_page(self, subject: tuple[str, str]) -> list[Chart]:
        """The charts shown on a company or market page."""
        return [c for c in self.charts if c.page == subject]

    def year_earlier(self, m: Metric) -> tuple[Metric | None, Decimal | None]:
        """The same figure a year earlier: the stated metric if the data has it, else the value implied by ``change_yoy``."""
        stated = self.briefing.year_earlier(m)
        if stated is not None:
            return stated, stated.value * stated.scale_factor
        if m.change_yoy is None or m.change_yoy == -100:
            return None, None
        # Enough digits for any figure the model accepts (15 before and after the point) over a change close to -100 %.
        with localcontext(prec=80):
            implied = m.value / (1 + m.change_yoy / 100)
            # As precise as the stated figure, no more.
            return None, implied.quantize(Decimal(1).scaleb(min(int(m.value.as_tuple().exponent), 0))) * m.scale_factor

    def view(self, chart: Chart, fmt: Formatter) -> ChartView:
        """The chart in one language: the SVG, its table and its text alternative."""
        ui = fmt.labels["ui"]
        metrics = [self.briefing.metrics[mid] for mid in chart.metrics]
        labels = self._labels(metrics, fmt)
        series: list[str] = []
        bars: list[list[Bar]] = []
        rows: list[Row] = []
        derived_any = False
        if chart.kind == "bar":
            series = [""]
            columns = [ui["chart_item"], ui["period"], ui["value"]]
            for label, m in zip(labels, metrics, strict=True):
                text = fmt.value(m, signed=self.briefing.measures[m.measure].signed)
                if m.value_max is not None:  # a range is drawn from its lower to its upper end
                    bars.append([Bar(float(m.value_max * m.scale_factor), text, low=float(m.raw_value))])
                else:
                    bars.append([Bar(float(m.raw_value), text)])
                rows.append(Row([label, fmt.date(m.period), text], [m.source]))
        elif chart.kind == "periods":
            first = metrics[0]
            earlier = first.period.shifted_years(-1)
            series = [fmt.date(earlier), fmt.date(first.period)]
            columns = [ui["chart_item"], *series, ui["change_yoy"]]
            for label, m in zip(labels, metrics, strict=True):
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
                assert m.change_yoy is not None
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
                assert m.share is not None
                whole = self.briefing.metrics[m.share.of]
                whole_name = fmt.text(self.briefing.measures[whole.measure].name)
                bars.append([Bar(float(m.share.percent), fmt.percent(m.share.percent))])
                rows.append(Row([label, fmt.date(m.period), fmt.share(m.share.percent, whole_name), fmt.value(m)], [m.source]))
        title = fmt.text(chart.title)
        # The text alternative says what the picture shows; its figures are in the table (or on the chart's page).
        top = max(range(len(bars)), key=lambda i: abs(bars[i][-1].value))
        alt = str(ui["chart_alt"]).format(
            title=title,
            count=len(rows),
            top=f"{labels[top]}{fmt.formats['paren'][0]}{bars[top][-1].text}{fmt.formats['paren'][1]}",
        )
        cited = list(dict.fromkeys(s for r in rows for s in r.sources))
        source = str(ui["chart_source"]).format(sources=fmt.join([fmt.text(self.briefing.sources[s].publisher) for s in cited]))
        fonts = FONT_FAMILIES.get(fmt.lang.split("-")[0], FONT_FAMILIES["default"])
        drawing = Drawing(
            title,
            tuple(labels),
            tuple(series),
            tuple(tuple(group) for group in bars),
            chart.kind,
            tuple(fonts),
            str(ui["derived_series"]) if derived_any else "",
            source,
        )
        return ChartView(chart, picture_path(chart.id), title, alt, columns, rows, derived_any, drawing)

    def _labels(self, metrics: list[Metric], fmt: Formatter) -> list[str]:
        """Bar labels: what differs between the metrics (measure, region, subject or period)."""

        def name(collection: str, entity_id: str | None) -> str:
            return fmt.text(self.briefing.name_of(collection, entity_id)) if entity_id else ""

        def world(m: Metric) -> str:
            return name("regions", m.region) or fmt.text(self.briefing.name_of(*m.subject))

        if len({m.measure for m in metrics}) == 1:
            if len({m.region for m in metrics}) > 1:
                return [world(m) for m in metrics]
            if len({m.subject for m in metrics}) > 1:
                return [fmt.text(self.briefing.name_of(*m.subject)) for m in metrics]
            if len({str(m.period) for m in metrics}) > 1:
                return [fmt.date(m.period) for m in metrics]
        opening, closing = fmt.formats["paren"]
        return [
            name("measures", m.measure) + (f"{opening}{name('regions', m.region)}{closing}" if m.region else "") for m in metrics
        ]


def _plain(m: Metric, raw: Decimal) -> Metric:
    """``m`` with another value, stated in base units and with no qualifiers (for formatting a calculated figure)."""
    return m.model_copy(
        update={"value": raw, "scale": "one", "value_max": None, "bound": None, "change_yoy": None, "share": None}
    )


# Sizes in CSS pixels (the SVG is drawn at 72 dpi, where a point is a pixel). The picture is as wide as a
# phone's text column, so its text keeps its size there (at least 12 px at 390 px); wider screens scale it up.
WIDTH_PX = 360
TEXT_PX = 13
SMALL_PX = 12
LINE_PX = 17
BAR_PX = 18
GAP_PX = 10
MARGIN_PX = 4
WRAP_EM = (WIDTH_PX - 2 * MARGIN_PX) / TEXT_PX


def text_em(text: str) -> float:
    """About how wide ``text`` is set, in ems: a CJK character is one em, other characters a little over half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def wrapped(text: str, width_em: float = WRAP_EM) -> list[str]:
    """``text`` in lines no wider than ``width_em`` (a CJK character is one em, other characters about half)."""
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.replace("\n", " ").split(" ") if " " in text else list(text):
        piece = word if not line or " " not in text else " " + word
        width = text_em(piece)
        if line and used + width > width_em:
            lines.append(line)
            piece = piece.lstrip()
            line, used = piece, text_em(piece)
        else:
            line, used = line + piece, used + width
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class Layout:
    """Where each part of a chart goes, in pixels from the top: the labels' lines, the bars, the legend, the source."""

    size: tuple[int, int]
    labels: tuple[tuple[float, tuple[str, ...]], ...]
    bars: tuple[tuple[float, ...], ...]
    legend: tuple[float, int] | None  # where the legend starts, and its entries per row
    source: tuple[float, tuple[str, ...]]


def layout(drawing: Drawing) -> Layout:
    """The chart's layout: each item's label on its own lines above its bars, so the bars get the full width."""
    y = float(MARGIN_PX)
    legend = None
    if len(drawing.series) > 1:
        # All entries on one row if they fit, else one entry a row.
        entries = [*drawing.series, *([drawing.derived_label] if drawing.derived_label else [])]
        one_row = sum(text_em(e) * SMALL_PX + 2.5 * SMALL_PX for e in entries) <= WIDTH_PX - 2 * MARGIN_PX
        per_row = len(entries) if one_row else 1
        legend = (y, per_row)
        y += LINE_PX * -(-len(entries) // per_row) + GAP_PX
    labels, bars = [], []
    for label, group in zip(drawing.labels, drawing.bars, strict=True):
        lines = tuple(wrapped(label))
        labels.append((y, lines))
        y += LINE_PX * len(lines) + 2
        bars.append(tuple(y + i * (BAR_PX + 2) for i in range(len(group))))
        y += len(group) * (BAR_PX + 2) + GAP_PX
    source_lines = tuple(wrapped(drawing.source, (WIDTH_PX - 2 * MARGIN_PX) / SMALL_PX)) if drawing.source else ()
    source = (y + 2, source_lines)
    y += 2 + LINE_PX * len(source_lines) + MARGIN_PX
    return Layout((WIDTH_PX, round(y)), tuple(labels), tuple(bars), legend, source)
