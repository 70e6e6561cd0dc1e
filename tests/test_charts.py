"""Charts declared in data/charts/: SVG drawn from metrics, in the page's language, reproducible, with table and text alternative."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.pages import render_pages

from generator.errors import DataError
from generator.load import load_briefing

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"

CHARTS = """\
- id: acme-results
  title: {ja: アクメの業績（前年同期との比較）, en: "Acme's results against a year earlier"}
  kind: periods
  metrics: [acme-revenue-2023-q1, acme-overseas-2023-q1]
  company: acme
- id: acme-change
  title: {ja: 前年同期比の増減, en: Change from a year earlier}
  kind: change
  metrics: [acme-revenue-2023-q1, acme-overseas-2023-q1]
  company: acme
- id: acme-mix
  title: {ja: 売上構成, en: Revenue mix}
  kind: share
  metrics: [acme-overseas-2023-q1]
  company: acme
- id: phones-shipments
  title: {ja: 出荷台数, en: Shipments}
  kind: bar
  metrics: [phones-global-2023-q1]
  market: phones
"""


def with_charts(tmp_path: Path, charts: str = CHARTS, extra_metrics: str = "") -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "charts").mkdir()
    (data / "charts" / "charts.yaml").write_text(charts, encoding="utf-8")
    if extra_metrics:
        (data / "metrics" / "extra.yaml").write_text(extra_metrics, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    data = with_charts(tmp_path_factory.mktemp("charts"))
    return render_pages(load_briefing(data), ROOT / "templates")


def svg(pages: dict[str, str | bytes], key: str) -> str:
    content = pages[key]
    assert isinstance(content, bytes), f"{key} should be written as bytes"
    return content.decode("utf-8")


def nowrap(text: str) -> str:
    """A table cell's figure or period, kept on one line."""
    return f'<span class="briefing-nowrap">{text}</span>'


def texts(svg_text: str) -> list[str]:
    """The text drawn in an SVG, element by element."""
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg_text, re.DOTALL)]


def test_every_declared_chart_is_written_in_each_language(pages: dict[str, str | bytes]) -> None:
    charts = sorted(k for k in pages if k.endswith(".svg"))
    assert charts == sorted(
        f"{lang}/charts/{cid}.svg"
        for lang in ("ja", "en")
        for cid in ("acme-results", "acme-change", "acme-mix", "phones-shipments")
    )


def test_chart_text_is_svg_text_in_the_page_language(pages: dict[str, str | bytes]) -> None:
    ja = texts(svg(pages, "ja/charts/acme-results.svg"))
    en = texts(svg(pages, "en/charts/acme-results.svg"))
    # The title is the heading above the chart on the page, not drawn a second time inside it.
    assert "アクメの業績（前年同期との比較）" not in ja and "売上高" in ja and "海外売上高" in ja
    assert "出典：発行元" in ja and "Source: Publisher" in en  # a source line under the bars
    assert "2022年第1四半期" in ja and "2023年第1四半期" in ja
    assert "595億元" in ja and "734億元（算出値）" in ja  # 59.5 / (1 - 0.189), as precise as the stated figure
    assert "Acme's results against a year earlier" not in en and "Revenue" in en
    assert "Q1 2022" in en and "CNY 59.5 billion" in en and "CNY 73.4 billion (calculated)" in en
    assert "-18.9%" in texts(svg(pages, "ja/charts/acme-change.svg"))
    assert "45.4%" in texts(svg(pages, "en/charts/acme-mix.svg"))
    assert "6760万台" in texts(svg(pages, "ja/charts/phones-shipments.svg"))


def test_chart_text_asks_the_browser_for_a_japanese_font(pages: dict[str, str | bytes]) -> None:
    for lang in ("ja", "en"):
        text = svg(pages, f"{lang}/charts/acme-results.svg")
        families = set(re.findall(r"font-family: ([^;\"]+)", text))
        assert families, "text drawn as paths instead of text"
        for family in families:
            assert "'IPAexGothic'" in family and "'Noto Sans CJK JP'" in family and family.endswith("sans-serif")
        assert '<use xlink:href="#DejaVu' not in text and "glyph" not in text.lower()
    ja_family = re.search(r"font-family: ([^;\"]+)", svg(pages, "ja/charts/acme-results.svg"))
    assert ja_family and ja_family.group(1).startswith("'IPAexGothic'")


def test_same_input_gives_byte_identical_charts(tmp_path: Path, pages: dict[str, str | bytes]) -> None:
    again = render_pages(load_briefing(with_charts(tmp_path)), ROOT / "templates")
    for key in (k for k in pages if k.endswith(".svg")):
        assert again[key] == pages[key], key
    assert "<dc:date>" not in svg(pages, "ja/charts/acme-results.svg")


def test_pages_embed_charts_with_text_alternative_and_cited_table(pages: dict[str, str | bytes]) -> None:
    page = pages["ja/companies/acme.md"]
    assert isinstance(page, str)
    image = re.search(r"^!\[(?P<alt>[^\n]+)\]\(\.\./charts/acme-results\.svg\)", page, re.MULTILINE)
    assert image, page
    # The text alternative sums the chart up; its figures are in the table beside it, not repeated.
    assert (
        image["alt"]
        == "横棒グラフ：アクメの業績（前年同期との比較）。2項目のうち最も大きいのは売上高（595億元）。各項目の数値は表にあります。"
    )
    assert "734億元" not in image["alt"]
    assert "{ .briefing-chart loading=lazy width=360 height=" in page  # sized: no layout shift as it loads
    assert (
        "| 売上高 | " + nowrap("734億元（算出値）") + " | " + nowrap("595億元") + " | " + nowrap("\\-18.9%") + " | [^article] |"
        in page
    )
    assert "「算出値」は" in page  # calculated values are explained
    market = pages["en/markets/phones.md"]
    assert isinstance(market, str)
    assert "](../charts/phones-shipments.svg)" in market
    assert "| Shipments (Global) | " + nowrap("Q1 2023") + " | " + nowrap("67.6 million units") + " | [^survey] |" in market
    assert "[^survey]: Research Co" in market  # the chart's source is in the page's footnotes


def test_a_stated_year_earlier_figure_is_used_instead_of_a_calculated_one(tmp_path: Path) -> None:
    earlier = """\
- id: acme-revenue-2022-q1
  company: acme
  measure: revenue
  period: 2022-Q1
  value: 73.0
  scale: billion
  unit: currency
  currency: CNY
  source: survey
"""
    pages = render_pages(load_briefing(with_charts(tmp_path, extra_metrics=earlier)), ROOT / "templates")
    page = pages["ja/companies/acme.md"]
    assert isinstance(page, str)
    # Two sources: two footnote markers, told apart by a comma.
    assert (
        "| 売上高 | "
        + nowrap("730億元")
        + " | "
        + nowrap("595億元")
        + " | "
        + nowrap("\\-18.9%")
        + ' | [^survey]<sup class="briefing-cite-sep">,</sup>[^article] |'
        in page
    )
    assert "730億元" in texts(svg(pages, "ja/charts/acme-results.svg"))


def test_a_change_close_to_minus_100_percent_on_a_large_figure_is_drawn(tmp_path: Path) -> None:
    """The implied year-earlier figure (value / (1 + change)) has more digits than Decimal's default precision."""
    extreme = """\
- id: acme-extreme-2023-q1
  company: acme
  measure: revenue
  period: 2023-Q1
  value: 999999999999999
  unit: currency
  currency: CNY
  change_yoy: -99.99999999999999
  source: survey
"""
    charts = (
        "- id: extreme\n  title: {ja: 極端, en: Extreme}\n  kind: periods\n  metrics: [acme-extreme-2023-q1]\n  company: acme\n"
    )
    pages = render_pages(load_briefing(with_charts(tmp_path, charts, extra_metrics=extreme)), ROOT / "templates")
    assert "<svg" in svg(pages, "en/charts/extreme.svg")


@pytest.mark.parametrize(
    ("chart", "message"),
    [
        (
            "  kind: change\n  metrics: [acme-staff-2023-04]\n  company: acme\n",
            "metrics[0]: 'acme-staff-2023-04' has no change_yoy to draw in a change chart",
        ),
        (
            "  kind: bar\n  metrics: [acme-revenue-2023-q1, acme-staff-2023-04]\n  company: acme\n",
            "metrics[1]: 'acme-staff-2023-04' is in another unit",
        ),
        (
            "  kind: share\n  metrics: [acme-revenue-2023-q1]\n  market: phones\n  company: acme\n",
            "give exactly one of company or market",
        ),
        ("  kind: bar\n  metrics: [acme-revenue-2023-q1]\n", "give exactly one of company or market"),
        ("  kind: pie\n  metrics: [acme-revenue-2023-q1]\n  company: acme\n", "kind: expected one of"),
        (
            "  kind: periods\n  metrics: [acme-year-one]\n  company: acme\n",
            "metrics[0]: 'acme-year-one' is of year 1: a periods chart cannot show the year before it",
        ),
        (
            "  kind: bar\n  metrics: [acme-revenu-2023-q1]\n  company: acme\n",
            "no entry 'acme-revenu-2023-q1' in metrics; did you mean 'acme-revenue-2023-q1'?",
        ),
    ],
)
def test_chart_declarations_are_checked(tmp_path: Path, chart: str, message: str) -> None:
    year_one = "- id: acme-year-one\n  company: acme\n  measure: revenue\n  period: 0001-Q1\n  value: 1\n  unit: people\n  source: survey\n"
    data = with_charts(tmp_path, "- id: bad\n  title: {ja: 悪い例, en: Bad}\n" + chart, extra_metrics=year_one)
    with pytest.raises(DataError) as caught:
        load_briefing(data)
    lines = "\n".join(caught.value.lines())
    assert "data/charts/charts.yaml:" in lines and message in lines, lines


def test_home_highlights_cite_the_sources_of_the_facts_they_rest_on(pages: dict[str, str | bytes]) -> None:
    for lang, footnote in (("ja", "[^article]: 発行元「記事の題名」"), ("en", "[^article]: Publisher, “Article title”")):
        home = pages[f"{lang}/index.md"]
        assert isinstance(home, str)
        takeaways = home.split("{ #key-takeaways }")[1].split("\n## ")[0]
        highlight = next(line for line in takeaways.splitlines() if line.startswith("- "))
        # Footnote markers only: no list of the facts' labels inside the sentence.
        assert highlight.endswith("[^article]") and "](" not in highlight, highlight
        assert footnote in home
