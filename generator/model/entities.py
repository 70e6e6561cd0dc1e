"""The briefing model, declared once.

Validation, error messages, the JSON Schema and the editors' reference page
all derive from these classes: each field carries its English and Japanese
description, and markers say which fields are translated text and which refer
to other entities.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import PartialDate
from .fields import (
    CompanyId,
    Flag,
    Line,
    MarketId,
    MeasureId,
    MetricId,
    PersonId,
    ProductId,
    RegionId,
    Slug,
    SourceId,
    TermId,
    Text,
    TopicId,
    Url,
    doc,
)


class Entity(BaseModel):
    """Common settings: unknown keys are errors, values are never coerced from other kinds."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    collection: ClassVar[str] = ""
    #: Optional fields of which an entry gives exactly one (the rules check it); a new entry starts with the first.
    one_of: ClassVar[tuple[str, ...]] = ()
    #: Said after "give exactly one of …": what the choice is for.
    one_of_hint: ClassVar[str] = ""
    #: Optional fields an entry must give when another field has a value: ``{field: (other field, value)}``.
    required_if: ClassVar[dict[str, tuple[str, str]]] = {}
    #: The translated field that names an entry: its heading, its links' text, its label in a chart.
    name_field: ClassVar[str] = "name"
    id: Slug = doc(
        "Identifier: lowercase letters, digits and hyphens. In a one-entity file it may be left out: the file name is the id.",
        "識別子（半角英小文字・数字・ハイフン）。1ファイル1件の場合は省略でき、ファイル名が識別子になります。",
    )

    @property
    def display_name(self) -> dict[str, str]:
        """The entry's name in each language (see ``name_field``)."""
        name: dict[str, str] = getattr(self, self.name_field)
        return name


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
    checks: Checks = doc(
        "Consistency checks: for each, error (stops the build), warning (reported; fatal with check --strict) or off.",
        "整合性チェック。それぞれ error（ビルドを止める）、warning（報告のみ。check --strict では失敗）、off のいずれか。",
        default_factory=Checks,
    )


class Source(Entity):
    """A publication that facts are taken from."""

    collection: ClassVar[str] = "sources"
    name_field: ClassVar[str] = "title"
    one_of: ClassVar[tuple[str, ...]] = ("title", "description")
    one_of_hint: ClassVar[str] = ": the title when it is known, otherwise a description of the publication"
    title: Text | None = doc(
        "The publication's own title (translated), only when it is known: shown in quotation marks.",
        "記事・レポートの題名（訳）。判明している場合だけ書く。かぎかっこ付きで表示。",
        default=None,
    )
    description: Text | None = doc(
        "What the publication is, when its title is not known: shown marked as a description, never as a title.",
        "題名が不明な場合の内容の説明。題名ではなく説明として表示。",
        default=None,
    )
    publisher: Text = doc("Publisher or organization.", "発行元。")
    author: Text | None = doc("Author, if named.", "著者（明記されている場合）。", default=None)
    editor: Text | None = doc("Editor, if named.", "編集者（明記されている場合）。", default=None)
    date: PartialDate = doc("Publication date, at the precision known.", "発行日（判明している精度で）。")
    url: Url | None = doc("Link to the publication (http or https only).", "掲載先のURL（http/httpsのみ）。", default=None)
    via: SourceId | None = doc(
        "For a report cited second-hand: the source that quotes it.",
        "孫引きの場合、それを引用している出典の識別子。",
        default=None,
    )
    note: Text | None = doc("Remark on the source, e.g. how it was translated.", "出典に関する注記。", default=None)


class Alias(BaseModel):
    """Another name written in a given language (Chinese, Korean, or one of the site's languages)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Line = doc("The name as written.", "表記。")
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] = doc(
        "Its language (BCP 47: zh-Hans, ko, ja …). A site language's alias shows on that language's pages only; "
        "any other shows on every page, marked with its language so browsers pick a fitting font.",
        "言語（BCP 47: zh-Hans、ko、ja など）。サイトの言語なら、その言語のページだけに表示。"
        "それ以外の言語はすべてのページに言語を示して表示（ブラウザーが適切なフォントを選ぶ）。",
    )


AliasItem = Annotated[Line | Alias, Field(union_mode="left_to_right")]
GENERAL_KNOWLEDGE_DOC = (
    "Fields whose content comes from general knowledge, not from a cited source: marked so on the page and listed on the sources page.",
    "出典ではなく一般的な知識による項目名。ページと出典ページにその旨を示す。",
)


class Relation(BaseModel):
    """How one company relates to another."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    company: CompanyId = doc("The other company.", "相手企業の識別子。")
    description: Text = doc("The relation, in a short phrase.", "関係の説明（短く）。")


class Company(Entity):
    """A company or organization."""

    collection: ClassVar[str] = "companies"
    name: Text = doc("Name as commonly written in each language.", "各言語で一般的な表記の社名。")
    reading: Line | None = doc(
        "Reading of the Japanese name in kana, where it is not kana already: Japanese lists sort by it and search finds it.",
        "日本語名の読み（かな）。かな表記でない場合に付けます。日本語の一覧はこの読みで並び、検索でも見つかります。",
        default=None,
    )
    aliases: list[AliasItem] = doc(
        "Other names and spellings: a plain name (Latin letters, shown on every page) or {text, lang}.",
        "別名・別表記。そのままの名前（ラテン文字。全ページに表示）か {text, lang}。",
        default_factory=list,
    )
    category: Text = doc("What kind of company it is, in a short phrase.", "業種・種別（短く）。")
    summary: Text = doc("What the briefing says about it.", "ブリーフィングにおける位置づけ。")
    website: Url | None = doc("Official website.", "公式サイト。", default=None)
    relations: list[Relation] = doc("Relations to other companies.", "他社との関係。", default_factory=list)
    general_knowledge: list[str] = doc(*GENERAL_KNOWLEDGE_DOC, default_factory=list)


class Person(Entity):
    """A person quoted or mentioned."""

    collection: ClassVar[str] = "people"
    name: Text = doc("Name as commonly written in each language.", "各言語で一般的な表記の氏名。")
    reading: Line | None = doc(
        "Reading of the Japanese name in kana, e.g. ルー・ウェイビン for 盧偉冰: shown beside the name on Japanese pages, sorted by and searchable.",
        "日本語名の読み（かな）。例：盧偉冰に「ルー・ウェイビン」。日本語のページで氏名に添えて示し、並び順と検索に使います。",
        default=None,
    )
    aliases: list[AliasItem] = doc(
        "Other names and spellings: a plain name or {text, lang}.",
        "別名・別表記。そのままの名前か {text, lang}。",
        default_factory=list,
    )
    role: Text = doc("Role or title.", "役職・肩書き。")
    company: CompanyId | None = doc("Organization the person belongs to.", "所属組織。", default=None)
    general_knowledge: list[str] = doc(*GENERAL_KNOWLEDGE_DOC, default_factory=list)


class Product(Entity):
    """A product, model or project."""

    collection: ClassVar[str] = "products"
    name: Text = doc("Name of the product.", "製品名。")
    aliases: list[AliasItem] = doc(
        "Other names, code names: a plain name or {text, lang}.",
        "別名・コードネーム。そのままの名前か {text, lang}。",
        default_factory=list,
    )
    company: CompanyId = doc("Company that makes it.", "提供企業。")
    parent: ProductId | None = doc("Product family it belongs to.", "属する製品ファミリー。", default=None)
    description: Text = doc("What it is.", "説明。")
    source: SourceId = doc("Where the facts about it come from.", "出典。")


class Market(Entity):
    """A market followed by the briefing."""

    collection: ClassVar[str] = "markets"
    name: Text = doc("Name of the market.", "市場名。")
    description: Text = doc("What the market covers.", "市場の範囲。")


class Region(Entity):
    """A geographic scope of a figure."""

    collection: ClassVar[str] = "regions"
    name: Text = doc("Name of the region.", "地域名。")


class Measure(Entity):
    """What a figure measures (revenue, shipments …)."""

    collection: ClassVar[str] = "measures"
    name: Text = doc("Name of the measure, as a table heading.", "指標名（表の見出し）。")
    description: Text | None = doc("What exactly is measured.", "指標の定義。", default=None)
    signed: Flag = doc(
        "true when its figures are changes (a growth rate or a difference): shown with their sign, as +16.4%.",
        "数値が増減（増減率・増減数）の場合は true。+16.4% のように符号を付けて表示します。",
        default=False,
    )


class Topic(Entity):
    """A theme that events are grouped by."""

    collection: ClassVar[str] = "topics"
    name: Text = doc("Name of the topic.", "トピック名。")


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


class Event(Entity):
    """Something that happened, was reported or is planned, for the timeline."""

    collection: ClassVar[str] = "events"
    name_field: ClassVar[str] = "title"
    date: PartialDate = doc("When, at the precision known: 2023, 2023-Q1, 2023-05 or 2023-05-24.", "日付（判明している精度で）。")
    status: Literal["happened", "reported", "planned"] = doc(
        "happened, reported (by others, unconfirmed) or planned.",
        "happened（確定）、reported（報道・未確認）、planned（予定）。",
    )
    title: Text = doc("What happened, in one line.", "出来事（1行）。")
    description: Text | None = doc("More detail.", "詳細。", default=None)
    companies: list[CompanyId] = doc("Companies involved.", "関係する企業。", default_factory=list)
    people: list[PersonId] = doc("People involved.", "関係する人物。", default_factory=list)
    products: list[ProductId] = doc("Products involved.", "関係する製品。", default_factory=list)
    topics: list[TopicId] = doc("Topics, for filtering the timeline.", "トピック（年表の絞り込み用）。", default_factory=list)
    source: SourceId = doc("Where it is reported.", "出典。")


class Quote(Entity):
    """Something a person said, attributed and dated."""

    collection: ClassVar[str] = "quotes"
    name_field: ClassVar[str] = "text"
    person: PersonId = doc("Who said it.", "発言者。")
    date: PartialDate = doc("When, at the precision known.", "発言日（判明している精度で）。")
    occasion: Text | None = doc("Where it was said (e.g. an earnings call).", "発言の場（例: 決算説明会）。", default=None)
    text: Text = doc("What was said, translated into each language.", "発言内容（各言語訳）。")
    paraphrase: Flag = doc(
        "true when the source reports the words indirectly.", "出典が間接話法で伝えている場合は true。", default=False
    )
    topics: list[TopicId] = doc("Topics of the quote.", "トピック。", default_factory=list)
    source: SourceId = doc("Where it is reported.", "出典。")


class Term(Entity):
    """A glossary term."""

    collection: ClassVar[str] = "glossary"
    name_field: ClassVar[str] = "term"
    term: Text = doc("The term in each language.", "各言語の用語。")
    reading: Line | None = doc("Reading of the Japanese term in kana, if not obvious.", "日本語の読み（かな）。", default=None)
    original: Line | None = doc(
        "Original-language form, e.g. Chinese 降本增效.", "原語表記（例: 中国語の「降本增效」）。", default=None
    )
    original_lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] = doc(
        "Language of the original form (BCP 47), marked on the page.",
        "原語表記の言語（BCP 47）。ページに示す。",
        default="zh-Hans",
    )
    short: Text = doc("One-line definition, shown on hover.", "1行の定義（ツールチップに表示）。")
    definition: Text = doc("Full definition for a reader new to the topic.", "初学者向けの詳しい定義。")
    aliases: dict[str, list[Line]] = doc(
        "Other forms per language, linked like the term (e.g. ja: [大型モデル]).",
        "言語ごとの別表記（用語と同様にリンクされる）。",
        default_factory=dict,
    )
    related: list[TermId] = doc("Related terms.", "関連用語。", default_factory=list)
    general_knowledge: list[str] = doc(*GENERAL_KNOWLEDGE_DOC, default_factory=list)


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


COLLECTIONS: dict[str, type[Entity]] = {
    cls.collection: cls
    for cls in (Source, Company, Person, Product, Market, Region, Measure, Topic, Metric, Event, Quote, Term, Chart)
}
