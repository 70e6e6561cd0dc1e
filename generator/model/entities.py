"""The briefing model, declared once.

Validation, error messages, the JSON Schema and the editors' reference page
all derive from these classes: each field carries its English and Japanese
description, and markers say which fields are translated text and which refer
to other entities.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import PartialDate
from .entity import Entity
from .fields import (
    CompanyId,
    Flag,
    Line,
    PersonId,
    ProductId,
    SourceId,
    TermId,
    Text,
    TopicId,
    Url,
    doc,
)
from .figures import Chart, Metric


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


COLLECTIONS: dict[str, type[Entity]] = {
    cls.collection: cls
    for cls in (Source, Company, Person, Product, Market, Region, Measure, Topic, Metric, Event, Quote, Term, Chart)
}
