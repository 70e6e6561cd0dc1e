"""The site settings (data/site.yaml): title, languages, the story's highlights, and how strict the checks are."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import PartialDate
from .fields import (
    Slug,
    Text,
    Url,
    doc,
)

#: What a highlight's ``see`` may point at, as ``kind:id``: each kind and the collection it names.
KINDS = {
    "company": "companies",
    "person": "people",
    "market": "markets",
    "metric": "metrics",
    "event": "events",
    "quote": "quotes",
    "term": "glossary",
    "source": "sources",
}


class Highlight(BaseModel):
    """One key takeaway of the briefing."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Text = doc("The takeaway, one or two sentences.", "要点（1〜2文）。")
    see: list[Annotated[str, Field(pattern=rf"^({'|'.join(KINDS)}):[a-z0-9-]+$")]] = doc(
        "The facts behind it, as kind:id (e.g. metric:xiaomi-revenue-2023-q1).",
        "根拠となる事実（種別:識別子の形式。例: metric:xiaomi-revenue-2023-q1）。",
        default_factory=list,
    )


CheckLevel = Literal["error", "warning", "off"]


class Checks(BaseModel):
    """How strictly the consistency checks treat what they find."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    derived_figures: CheckLevel = doc(
        "Shares and year-on-year changes recomputed from the stored figures must match within rounding: error, warning or off.",
        "保存された数値から再計算した構成比・前年同期比が、丸めの範囲内で一致すること（error / warning / off）。",
        default="warning",
    )
    comparable_figures: CheckLevel = doc(
        "Figures compared with each other (a share and its whole; a figure and the one a year earlier) must have the same unit, currency and matching periods: error, warning or off.",
        "比較する数値（構成比とその全体、前年同期の数値）の単位・通貨・期間が対応していること（error / warning / off）。",
        default="error",
    )
    planned_events: CheckLevel = doc(
        "Events dated after their source was published must have the status planned: error, warning or off.",
        "出典の発行日より後の出来事は status を planned にすること（error / warning / off）。",
        default="warning",
    )


class Site(BaseModel):
    """Settings of the whole briefing (data/site.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: Text = doc("Title of the briefing site.", "ブリーフィングサイトの題名。")
    description: Text = doc(
        "One-sentence description, used on the home page and in search results.", "概要（1文）。ホームと検索結果に表示。"
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]] = doc(
        "Languages of the site; the first is the default and is served at the root.",
        "サイトの言語。先頭が既定言語で、サイトのルートに置かれます。",
        min_length=1,
    )
    base_url: Url | None = doc(
        "Address where the site is published, e.g. https://owner.github.io/repo/.",
        "公開先のURL（例: https://owner.github.io/repo/）。",
        default=None,
    )
    as_of: PartialDate = doc("Date the briefing is current as of.", "ブリーフィングの情報時点。")
    highlights: list[Highlight] = doc("Key takeaways shown on the home page.", "ホームに表示する要点。", default_factory=list)
    key_figures: list[Slug] = doc(
        "Figures shown as tiles at the top of the home page, in order (ids of metrics).",
        "ホームの冒頭にタイルで示す数値（metrics の識別子。示す順）。",
        default_factory=list,
    )
    lead_chart: Slug | None = doc(
        "The chart shown on the home page (an id of charts).", "ホームに示すグラフ（charts の識別子）。", default=None
    )
    page_limit_kb: int = doc(
        "Largest size of a generated HTML page, in KB: a longer timeline, glossary or source list is split into parts "
        "(by year, by letter or reading) and the home page lists fewer plans.",
        "生成するHTMLページの大きさの上限（KB）。超える年表・用語集・出典一覧は年や読みで分割し、ホームに示す予定を減らします。",
        default=500,
        ge=50,
    )
    checks: Checks = doc(
        "Consistency checks: for each, error (stops the build), warning (reported; fatal with check --strict) or off.",
        "整合性チェック。それぞれ error（ビルドを止める）、warning（報告のみ。check --strict では失敗）、off のいずれか。",
        default_factory=Checks,
    )
