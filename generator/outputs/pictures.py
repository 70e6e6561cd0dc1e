"""Chart pictures: a chart view drawn as SVG with matplotlib. The only module that imports matplotlib.

Text is kept as SVG text, so the browser renders it with the reader's fonts and search engines and screen
readers can read it; the bytes are the same for the same view on every machine.
"""

from __future__ import annotations

import io
import warnings
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

from ..render.charts import (
    BAR_PX,
    MARGIN_PX,
    SMALL_PX,
    TEXT_PX,
    Drawing,
    layout,
    text_em,
)

# The font chart text is laid out with: IPAexGothic (IPA Font License), shipped by a pinned Python package and
# loaded by path, so the same data gives the same pictures on every machine, whatever fonts it has installed.
LAYOUT_FONT_PACKAGE = "matplotlib-fontja"
LAYOUT_FONT_FILE = "matplotlib_fontja/fonts/ipaexg.ttf"

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


_fonts_loaded = False


def use_project_fonts() -> None:
    """Make matplotlib lay text out only with fonts the project pins: the layout font and matplotlib's own DejaVu.

    The fonts installed on the machine, and matplotlib's font cache in the user's folder, are never looked at:
    its font list is replaced by one read from those files. The SVG keeps its text as text and names the
    reader's fonts (``charts.FONT_FAMILIES``), so the browser still draws it with the reader's fonts.
    """
    global _fonts_loaded
    if _fonts_loaded:
        return
    import matplotlib
    from matplotlib import font_manager

    layout_font = distribution(LAYOUT_FONT_PACKAGE).locate_file(LAYOUT_FONT_FILE)
    manager = font_manager.fontManager
    manager.ttflist = []
    for path in [Path(str(layout_font)), *sorted(Path(matplotlib.get_data_path(), "fonts", "ttf").glob("DejaVuSans*.ttf"))]:
        manager.addfont(path)
    _fonts_loaded = True


def load_matplotlib() -> None:
    """Import what a first picture needs (the slow part of drawing it), before any picture is asked for."""
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401


def draw(drawing: Drawing) -> bytes:
    """A horizontal bar chart as SVG bytes: each item's label above its bars, each bar labelled with its figure.

    The chart's title is the heading above it on the page, not part of the picture; a range is drawn
    from its lower to its upper end; the source line is printed under the bars.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    use_project_fonts()
    series, bars, kind = drawing.series, drawing.bars, drawing.kind
    plan = layout(drawing)
    width, height = plan.size
    per_group = len(series)
    rc: Any = {**RC_PARAMS, "font.sans-serif": list(drawing.fonts), "font.size": TEXT_PX}
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        # The text stays SVG text that the browser sets with its own fonts; a glyph matplotlib's font lacks
        # (a publisher's Chinese name on an English chart) only makes its width estimate rougher.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        fig = Figure(figsize=(width / 72, height / 72))
        # The axes fill the picture; y runs down in pixels, as the layout does.
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_ylim(height, 0)
        values = [b.value for group in bars for b in group] + [b.low for group in bars for b in group if b.low is not None]
        low, high = min(values + [0.0]), max(values + [0.0])
        span = (high - low) or 1.0

        # Room beside the bars for the longest figure printed at a bar's end, on each side that has bars.
        def room_px(outside: bool) -> float:
            texts = [b.text for g in bars for b in g if (b.value >= 0 or b.low is not None) == outside]
            return max((text_em(t) * TEXT_PX for t in texts), default=0.0) + (8 if texts else 0)

        right_px, left_px = room_px(True), room_px(False)
        scale = max(width - 2 * MARGIN_PX - right_px - left_px, 0.3 * width) / span  # pixels per unit
        ax.set_xlim(low - (left_px + MARGIN_PX) / scale, high + (right_px + MARGIN_PX) / scale)
        left = low - left_px / scale
        for (y, lines), ys, group in zip(plan.labels, plan.bars, bars, strict=True):
            ax.text(left, y, "\n".join(lines), va="top", ha="left", linespacing=1.3)
            for s, (bar_y, b) in enumerate(zip(ys, group, strict=True)):
                if kind == "change":
                    color = RISE if b.value > 0 else FALL
                else:
                    color = CURRENT if s == per_group - 1 else EARLIER
                start = b.low if b.low is not None else 0.0
                ax.barh(
                    bar_y + BAR_PX / 2, b.value - start, left=start, height=BAR_PX, color=color, hatch="//" if b.derived else ""
                )
                outside = b.value >= 0 or b.low is not None
                ax.annotate(
                    b.text,
                    (b.value, bar_y + BAR_PX / 2),
                    xytext=(4 if outside else -4, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left" if outside else "right",
                )
        if low < 0:  # bars grow both ways from a zero line
            ax.plot([0, 0], [plan.bars[0][0] - 2, plan.bars[-1][-1] + BAR_PX + 2], color="#757575", linewidth=0.8)
        if plan.legend is not None:
            legend_y, per_row = plan.legend
            handles = [Patch(color=EARLIER, label=series[0]), Patch(color=CURRENT, label=series[1])]
            if drawing.derived_label:
                handles.append(Patch(facecolor=EARLIER, hatch="//", label=drawing.derived_label))
            fig.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(MARGIN_PX / width, 1 - legend_y / height),
                ncols=per_row,
                fontsize=SMALL_PX,
                borderaxespad=0,
                handlelength=1.0,
                columnspacing=0.8,
                borderpad=0,
                labelspacing=0.2,
            )
        source_y, source_lines = plan.source
        if source_lines:
            ax.text(
                left, source_y, "\n".join(source_lines), va="top", ha="left", fontsize=SMALL_PX, color="#616161", linespacing=1.3
            )
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Title": drawing.title})
    return out.getvalue()
