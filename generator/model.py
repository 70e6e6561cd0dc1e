"""The briefing model, declared once.

Validation, error messages, the JSON Schema and the editors' reference page
all derive from these classes: each field carries its English and Japanese
description, and markers say which fields are translated text and which refer
to other entities.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import total_ordering
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def doc(en: str, ja: str, **kwargs: Any) -> Any:
    """A field with its description in both languages (shown in the schema and the reference page)."""
    extra = kwargs.pop("json_schema_extra", {})
    return Field(description=en, json_schema_extra={"x-description-ja": ja, **extra}, **kwargs)


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of an entity in ``collection``."""

    collection: str


@dataclass(frozen=True)
class Localized:
    """Marks a field that holds one text per configured language."""


# An id names files (data, pages, charts): it must make a file name on every system a checkout may land on.
ID_MAX_LENGTH = 100
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10))}
# Characters that HTML, SVG and Atom (XML) cannot carry, written as YAML escapes ("\x01"): tab and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Zero-width characters: a text of only these shows nothing.
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def _slug(value: Any) -> Any:
    if isinstance(value, str):
        if not _SLUG.fullmatch(value):  # fullmatch: '$' would accept a trailing newline
            raise ValueError(f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')")
        if len(value) > ID_MAX_LENGTH:
            raise ValueError(f"{value[:20]!r}… ({len(value)} characters) is too long for an id: use at most {ID_MAX_LENGTH}")
        if value in _WINDOWS_RESERVED:
            raise ValueError(f"{value!r} cannot be an id: Windows reserves it as a device name, no file can be named so")
    return value


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id, or None."""
    try:
        _slug(value)
    except ValueError as exc:
        return str(exc)
    return None


def _control_character(value: str) -> str | None:
    """The message for the first character of ``value`` that no page or feed can carry, if any."""
    if (found := _CONTROL.search(value)) is not None:
        return f"character U+{ord(found.group()):04X} is not allowed in text; remove it"
    return None


def _text(value: Any) -> Any:
    if isinstance(value, str):
        if _INVISIBLE.fullmatch(value):
            raise ValueError("text is empty")
        if message := _control_character(value):
            raise ValueError(message)
        return str(value)
    return value


def _url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value != value.strip() or any(ord(c) < 33 or c in '"<>\\^`{|}' for c in value) or _CONTROL.search(value):
        raise ValueError(f"{value!r} is not a valid link: it contains spaces or characters that are not allowed in a URL")
    if not re.match(r"^https?://[^/?#]+", value):
        raise ValueError(f"{value!r} is not allowed: links must start with http:// or https://")
    if re.match(r"^https?://[^/?#]*@", value):
        raise ValueError(f"{value!r} is not allowed: links must not carry a user name or password")
    # A browser decodes "&#x40;" in an href to "@": the link would go elsewhere than the text checked here.
    if reference := re.search(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", value):
        raise ValueError(
            f"{value!r} is not allowed: {reference.group()!r} is an HTML character reference; write the character itself"
        )
    return str(value)


def _flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    raise ValueError("expected true or false")


Slug = Annotated[str, BeforeValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]
Line = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Text = Annotated[dict[str, Line], Localized()]
Url = Annotated[str, BeforeValidator(_url), Field(json_schema_extra={"pattern": "^https?://", "format": "uri"})]
Flag = Annotated[bool, BeforeValidator(_flag)]
CompanyId = Annotated[Slug, Ref("companies")]
PersonId = Annotated[Slug, Ref("people")]
ProductId = Annotated[Slug, Ref("products")]
MarketId = Annotated[Slug, Ref("markets")]
RegionId = Annotated[Slug, Ref("regions")]
MeasureId = Annotated[Slug, Ref("measures")]
TopicId = Annotated[Slug, Ref("topics")]
SourceId = Annotated[Slug, Ref("sources")]
MetricId = Annotated[Slug, Ref("metrics")]
EventId = Annotated[Slug, Ref("events")]
TermId = Annotated[Slug, Ref("glossary")]

_DATE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to a precision: a year, a quarter, a month or a day."""

    year: int
    quarter: int | None = None
    month: int | None = None
    day: int | None = None

    PATTERN: ClassVar[str] = r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$"
    EXAMPLES: ClassVar[tuple[str, ...]] = ("2023", "2023-Q1", "2023-05", "2023-05-24")

    @property
    def precision(self) -> Literal["year", "quarter", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        return "year"

    @property
    def quarter_of_year(self) -> int | None:
        """The quarter the date falls in, when known."""
        if self.quarter is not None:
            return self.quarter
        return (self.month - 1) // 3 + 1 if self.month else None

    @property
    def first_month(self) -> int:
        """The first month the date may stand for."""
        if self.month:
            return self.month
        return (self.quarter - 1) * 3 + 1 if self.quarter else 1

    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological order by start; a coarser date sorts before finer ones that start with it."""
        rank = {"year": 0, "quarter": 1, "month": 2, "day": 3}[self.precision]
        return (self.year, self.first_month, self.day or 0, rank)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        return f"{self.year:04d}"

    def shifted_years(self, years: int) -> PartialDate:
        """The same period ``years`` later (earlier when negative)."""
        day = self.day
        if day is not None and self.month == 2 and day == 29:
            day = 28
        return PartialDate(self.year + years, self.quarter, self.month, day)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read ``2023``, ``2023-Q1``, ``2023-05`` or ``2023-05-24``."""
        if isinstance(value, PartialDate):
            return value
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        match = _DATE.match(text or "")
        if not match:
            raise ValueError(f"{value!r} is not a date: write 2023, 2023-Q1, 2023-05 or 2023-05-24")
        year, quarter, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise ValueError(f"{value!r} is not a date: there is no year 0 (1 BC is followed by AD 1)")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not a date: there is no month {month}")
        if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{value!r} is not a date: {calendar.month_name[month]} {year} has no day {day}")
        return cls(year, quarter, month, day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "pattern": cls.PATTERN, "examples": list(cls.EXAMPLES)}


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
    id: Slug = doc(
        "Identifier: lowercase letters, digits and hyphens. In a one-entity file it may be left out: the file name is the id.",
        "識別子（半角英小文字・数字・ハイフン）。1ファイル1件の場合は省略でき、ファイル名が識別子になります。",
    )


class Highlight(BaseModel):
    """One key takeaway of the briefing."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Text = doc("The takeaway, one or two sentences.", "要点（1〜2文）。")
    see: list[Annotated[str, Field(pattern=r"^(company|person|market|metric|event|quote|term|source):[a-z0-9-]+$")]] = doc(
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


class Source(Entity):
    """A publication that facts are taken from."""

    collection: ClassVar[str] = "sources"
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
    def raw_value(self) -> Decimal:
        """The value in base units (yuan, devices, people)."""
        return self.value * SCALE_FACTORS[self.scale]

    @property
    def subject(self) -> tuple[str, str]:
        """``("companies", id)`` or ``("markets", id)``."""
        return ("companies", self.company) if self.company else ("markets", self.market or "")


class Event(Entity):
    """Something that happened, was reported or is planned, for the timeline."""

    collection: ClassVar[str] = "events"
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
