"""The sample briefing against its source article: every figure of the article is in the data, sourced, and shown."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest

from generator.load import load_briefing
from generator.model import (
    SCALE_FACTORS,
    Briefing,
    Chart,
    Company,
    Event,
    Market,
    Metric,
    PartialDate,
    Person,
    Product,
    Quote,
    Source,
    Term,
)
from generator.render.formatting import Formatter

ROOT = Path(__file__).resolve().parent.parent
# A copy of ../shared/source-material/xiaomi-ai-article.ja.txt (CI has no ../shared).
ARTICLE = ROOT / "tests" / "fixtures" / "source-article.ja.txt"
THE_ARTICLE = "zimubang-2023-05"

# Names that contain digits: parts of names, not figures.
NAMES = ["GPT-4", "PaLM 2", "モデル3", "Model 3", "I/O"]
# Numbers written in the article that are not facts to record, with the reason.
NOT_FACTS: dict[str, str] = {
    "01": "section number (##01)",
    "02": "section number (##02)",
    "03": "section number (##03)",
    "第 2": "ordinal: 'secondly' in Lu Weibing's list of Xiaomi's aims",
    "4つ": "PaLM 2's four sizes: recorded as the products palm-2-gecko … palm-2-unicorn",
}

Token = tuple[Decimal, str]
T = TypeVar("T")

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<first>第\s*)?(?P<num>{_NUMBER})\s*(?P<mult>億|万)?(?:\s*(?P<num2>{_NUMBER})\s*(?P<mult2>万))?"
    r"\s*(?P<suffix>%|元|米ドル|ドル|台|人|年間|年|月|日|四半期連続|四半期|桁|つ)?"
)
_MULTIPLIERS = {None: 1, "万": 10**4, "億": 10**8}
_KINDS = {
    "%": "percent",
    "元": "CNY",
    "米ドル": "USD",
    "ドル": "USD",
    "台": "units",
    "人": "people",
    "年": "year",
    "年間": "years",
    "月": "month",
    "日": "day",
    "四半期連続": "quarters-in-a-row",
    "桁": "digits",
    "つ": "count",
}


def tokens(text: str) -> list[tuple[str, Token]]:
    """Every figure in Japanese text as (as written, (value in base units, kind)).

    ``5億4000万ドル`` is one figure; in ``26万〜30万元`` the first figure takes the unit of the second.
    """
    for name in NAMES:
        text = text.replace(name, " ")
    found: list[tuple[str, Decimal, str | None, bool]] = []
    for m in _FIGURE.finditer(text):
        value = Decimal(m["num"].replace(",", "")) * _MULTIPLIERS[m["mult"]]
        if m["num2"]:
            value += Decimal(m["num2"].replace(",", "")) * _MULTIPLIERS[m["mult2"]]
        suffix = m["suffix"]
        kind = "quarter" if m["first"] and suffix == "四半期" else _KINDS.get(suffix or "")
        found.append((m.group(0).strip(), value, kind, text[m.end() :].lstrip().startswith("〜")))
    out: list[tuple[str, Token]] = []
    for i, (written, value, kind, ranged) in enumerate(found):
        if kind is None and ranged and i + 1 < len(found):
            kind = found[i + 1][2]
        out.append((written, (value.normalize(), kind or "number")))
    return out


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return load_briefing(ROOT / "data")


def _of(briefing: Briefing, collection: str, kind: type[T]) -> list[T]:
    return [e for e in briefing[collection].values() if isinstance(e, kind)]


def _date_tokens(date: PartialDate) -> Iterator[Token]:
    yield Decimal(date.year), "year"
    if date.quarter:
        yield Decimal(date.quarter), "quarter"
    if date.month:
        yield Decimal(date.month), "month"
    if date.day:
        yield Decimal(date.day), "day"


def _metric_tokens(m: Metric) -> Iterator[Token]:
    kind = {"currency": m.currency, "percent": "percent"}.get(m.unit, m.unit)
    assert kind is not None
    factor = SCALE_FACTORS[m.scale]
    for value in (m.value, m.value_max):
        if value is not None:
            yield abs(value * factor).normalize(), kind  # "134人削減" is stored as -134 people
    if m.change_yoy is not None:
        yield abs(m.change_yoy).normalize(), "percent"
    if m.share is not None:
        yield m.share.percent.normalize(), "percent"


def data_tokens(briefing: Briefing) -> set[Token]:
    """Every figure the data records: metric values, dates, and figures written in its Japanese texts."""
    found: set[Token] = set()
    texts: list[str] = []
    for m in _of(briefing, "metrics", Metric):
        found.update(_metric_tokens(m))
        found.update(_date_tokens(m.period))
        texts.append(m.note["ja"] if m.note else "")
    for e in _of(briefing, "events", Event):
        found.update(_date_tokens(e.date))
        texts += [e.title["ja"], e.description["ja"] if e.description else ""]
    for q in _of(briefing, "quotes", Quote):
        found.update(_date_tokens(q.date))
        texts += [q.text["ja"], q.occasion["ja"] if q.occasion else ""]
    for s in _of(briefing, "sources", Source):
        found.update(_date_tokens(s.date))
    texts += [c.summary["ja"] for c in _of(briefing, "companies", Company)]
    texts += [p.description["ja"] for p in _of(briefing, "products", Product)]
    texts += [m.description["ja"] for m in _of(briefing, "markets", Market)]
    for text in texts:
        found.update(token for _, token in tokens(text))
    return found


def test_number_reading_understands_the_article_notation() -> None:
    assert [t for _, t in tokens("収益は595億元で前年同期比18.9%減、3,040万台")] == [
        (Decimal("5.95E+10"), "CNY"),
        (Decimal("18.9"), "percent"),
        (Decimal("3.04E+7"), "units"),
    ]
    assert tokens("約5億4000万ドルに倍増")[0][1] == (Decimal("5.4E+8"), "USD")
    assert tokens("1,000 億米ドルもの資金")[0][1] == (Decimal("1E+11"), "USD")
    assert [t for _, t in tokens("26万〜30万元の範囲")] == [(Decimal("2.6E+5"), "CNY"), (Decimal("3E+5"), "CNY")]
    assert [t for _, t in tokens("2022 年第 4 四半期、5 四半期連続、GPT-4")] == [
        (Decimal(2022), "year"),
        (Decimal(4), "quarter"),
        (Decimal(5), "quarters-in-a-row"),
    ]


def test_every_figure_of_the_article_is_in_the_data(briefing: Briefing) -> None:
    recorded = data_tokens(briefing)
    article = ARTICLE.read_text(encoding="utf-8")
    written = tokens(article)
    assert len(written) > 80, "the article's figures were not read"
    missing = sorted(
        {f"{text} → {value} {kind}" for text, (value, kind) in written if (value, kind) not in recorded and text not in NOT_FACTS}
    )
    assert not missing, "figures of the article not found in data/:\n" + "\n".join(missing)
    unused = [text for text in NOT_FACTS if text not in {t for t, _ in written}]
    assert not unused, f"NOT_FACTS lists text the article does not contain: {unused}"


REGISTRY = {
    "companies": [
        "xiaomi",
        "apple",
        "samsung",
        "google",
        "openai",
        "microsoft",
        "baidu",
        "alibaba",
        "nvidia",
        "tesla",
        "xpeng",
        "li-auto",
        "canalys",
    ],
    "people": [
        "lu-weibing",
        "lei-jun",
        "sam-altman",
        "tim-cook",
        "sundar-pichai",
        "jim-fan",
        "zhong-xiaolei",
        "xu-ying",
        "elon-musk",
    ],
    "products": [
        "chatgpt",
        "gpt-4",
        "copilot",
        "new-bing",
        "palm-2",
        "palm-2-gecko",
        "palm-2-otter",
        "palm-2-bison",
        "palm-2-unicorn",
        "siri-nlg",
        "xiaomi-first-car",
        "model-3",
    ],
}


@pytest.mark.parametrize("collection", sorted(REGISTRY))
def test_every_company_person_and_product_the_issue_names_exists(briefing: Briefing, collection: str) -> None:
    missing = [i for i in REGISTRY[collection] if i not in briefing[collection]]
    assert not missing, f"missing {collection}: {missing}"


def _folder(site: Path, briefing: Briefing, lang: str) -> Path:
    return site if lang == briefing.site.languages[0] else site / lang


def _between(page: str, start: str, stop: str) -> str:
    """From ``start`` up to the next ``stop`` (or the end of the page)."""
    i = page.index(start)
    j = page.find(stop, i + len(start))
    return page[i : j if j >= 0 else len(page)]


def _element(page: str, element_id: str) -> str:
    """The inside of the element with this id (a p, li or tr: none of them holds one of its own kind)."""
    found = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(element_id)}"[^>]*>', page)
    assert found, f"no element #{element_id}"
    return page[found.end() : page.index(f"</{found[1]}>", found.end())]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _cites(page: str, fragment: str, source: str) -> bool:
    """The fragment carries the source's footnote marker, and the footnote links the source's entry on the sources page."""
    return f'href="#fn:{source}"' in fragment and f'sources/#{source}"' in _element(page, f"fn:{source}")


def test_people_the_issue_names_are_shown_with_their_organisation_and_sourced_quotes(
    briefing: Briefing, built_site: Path
) -> None:
    quotes = _of(briefing, "quotes", Quote)
    for lang in briefing.site.languages:
        page = (_folder(built_site, briefing, lang) / "people" / "index.html").read_text(encoding="utf-8")
        for person_id in REGISTRY["people"]:
            person = briefing["people"][person_id]
            assert isinstance(person, Person)
            section = _between(page, f'<h2 id="{person_id}"', "<h2 ")
            assert _text(section).startswith(person.name[lang]), (lang, person_id)
            if person.company:
                assert f'href="../companies/{person.company}/"' in section, (lang, person_id, "organisation")
            for quote in (q for q in quotes if q.person == person_id):
                assert _cites(page, _element(section, f"quote-{quote.id}"), quote.source), (lang, quote.id)


def test_companies_the_issue_names_have_pages_with_their_people_products_and_sourced_figures(
    briefing: Briefing, built_site: Path
) -> None:
    people = _of(briefing, "people", Person)
    products = _of(briefing, "products", Product)
    metrics = _of(briefing, "metrics", Metric)
    for lang in briefing.site.languages:
        fmt = Formatter(lang)
        for company_id in REGISTRY["companies"]:
            company = briefing["companies"][company_id]
            assert isinstance(company, Company)
            page = (_folder(built_site, briefing, lang) / "companies" / company_id / "index.html").read_text(encoding="utf-8")
            where = (lang, company_id)
            heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", page, flags=re.DOTALL)
            assert heading and _text(heading[1]).removesuffix("¶") == company.name[lang], where
            for person in (p for p in people if p.company == company_id):
                assert f'people/#{person.id}"' in page, (*where, person.id)
            listed = _between(page, '<h2 id="products"', "<h2 ") if '<h2 id="products"' in page else ""
            items = re.findall(r"<li>(.*?)</li>", listed)
            for product in (p for p in products if p.company == company_id):
                [item] = [i for i in items if _text(i).startswith(product.name[lang])] or [""]
                assert _cites(page, item, product.source), (*where, product.id)
            rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.DOTALL)
            for metric in (m for m in metrics if m.company == company_id):
                assert any(fmt.value(metric) in row and _cites(page, row, metric.source) for row in rows), (*where, metric.id)


def test_palm_2_sizes_are_products_of_palm_2(briefing: Briefing) -> None:
    sizes = [p for p in _of(briefing, "products", Product) if p.parent == "palm-2"]
    assert sorted(p.id for p in sizes) == ["palm-2-bison", "palm-2-gecko", "palm-2-otter", "palm-2-unicorn"]


REQUIRED_TERMS = [
    "降本増効",
    "降維打撃",
    "輸血",
    "PaLM 2",
    "Gecko",
    "ChatGPT",
    "GPT-4",
    "Copilot",
    "Bobcat",
    "前年同期比",
    "新エネルギー車",
]


def test_glossary_has_thirty_terms_in_both_languages(briefing: Briefing) -> None:
    terms = _of(briefing, "glossary", Term)
    assert len(terms) >= 30
    languages = briefing.site.languages
    for t in terms:
        for field in ("term", "short", "definition"):
            assert sorted(getattr(t, field)) == sorted(languages), (t.id, field)
    forms = {form for t in terms for form in [t.term["ja"], *t.aliases.get("ja", [])]}
    assert not [f for f in REQUIRED_TERMS if f not in forms]
    assert {"性价比", "降本增效", "降维打击", "输血"} <= {t.original for t in terms}


def test_glossary_forms_are_long_enough_not_to_match_inside_other_words(briefing: Briefing) -> None:
    for t in _of(briefing, "glossary", Term):
        for lang in briefing.site.languages:
            for form in [t.term[lang], *t.aliases.get(lang, [])]:
                # Japanese matches by substring: one kanji or kana would link inside unrelated words.
                assert len(form) >= (2 if lang == "ja" else 3), (t.id, lang, form)


def test_every_event_and_quote_is_shown_citing_its_own_source(briefing: Briefing, built_site: Path) -> None:
    for lang in briefing.site.languages:
        folder = _folder(built_site, briefing, lang)
        timeline = (folder / "timeline" / "index.html").read_text(encoding="utf-8")
        for event in _of(briefing, "events", Event):
            assert _cites(timeline, _element(timeline, event.id), event.source), (lang, event.id)
        people = (folder / "people" / "index.html").read_text(encoding="utf-8")
        for quote in _of(briefing, "quotes", Quote):
            assert _cites(people, _element(people, f"quote-{quote.id}"), quote.source), (lang, quote.id)


def test_second_hand_reports_say_through_what(briefing: Briefing) -> None:
    sources = briefing["sources"]
    assert THE_ARTICLE in sources
    for source in _of(briefing, "sources", Source):
        if source.id != THE_ARTICLE:
            assert source.via == THE_ARTICLE, f"{source.id} is reported through the article: set via: {THE_ARTICLE}"


def test_derived_figures_agree_and_check_is_clean(briefing: Briefing) -> None:
    """Shares and year-on-year changes, recomputed by the consistency checks, match the stored figures."""
    assert [str(w) for w in briefing.warnings] == []
    overseas = briefing["metrics"]["xiaomi-overseas-revenue-2023-q1"]
    revenue = briefing["metrics"]["xiaomi-revenue-2023-q1"]
    assert isinstance(overseas, Metric) and isinstance(revenue, Metric) and overseas.share is not None
    assert overseas.share.of == revenue.id
    assert round(overseas.raw_value / revenue.raw_value * 100, 1) == overseas.share.percent


# A figure stored twice, once as a value a chart draws beside others: (the value, the figure it repeats, which field).
STORED_TWICE = [
    ("xiaomi-overseas-revenue-share-2023-q1", "xiaomi-overseas-revenue-2023-q1", "share"),
    ("smartphones-china-change-2023-q1", "smartphones-china-2023-q1", "change_yoy"),
]


@pytest.mark.parametrize(("copy_id", "figure_id", "field"), STORED_TWICE)
def test_figures_stored_twice_agree(briefing: Briefing, copy_id: str, figure_id: str, field: str) -> None:
    copy, figure = briefing["metrics"][copy_id], briefing["metrics"][figure_id]
    assert isinstance(copy, Metric) and isinstance(figure, Metric)
    stored = figure.share.percent if field == "share" and figure.share else getattr(figure, field)
    assert stored is not None, f"{figure_id} has no {field}"
    assert copy.unit == "percent" and copy.value == stored, f"{copy_id} is {copy.value} but {figure_id}.{field} is {stored}"
    assert (copy.subject, copy.region, copy.period, copy.source) == (figure.subject, figure.region, figure.period, figure.source)
    assert any(copy_id in chart.metrics for chart in _of(briefing, "charts", Chart)), f"{copy_id} is drawn by no chart: remove it"


def _page(site: Path, lang: str, metric: Metric) -> Path:
    collection, subject = metric.subject
    return (site if lang == "ja" else site / lang) / collection / subject / "index.html"


def test_every_metric_is_shown_on_its_subject_page_in_both_languages(briefing: Briefing, built_site: Path) -> None:
    missing = []
    for lang in briefing.site.languages:
        fmt = Formatter(lang)
        for m in _of(briefing, "metrics", Metric):
            html = _page(built_site, lang, m).read_text(encoding="utf-8")
            shown = [fmt.value(m), fmt.signed_percent(m.change_yoy)]
            missing += [f"{lang} {m.id}: {text}" for text in shown if text and text not in html]
    assert not missing, "\n".join(missing)


def test_figures_are_dated_as_of_their_latest_period(briefing: Briefing, built_site: Path) -> None:
    """'As of' on a company or market page is the latest period among its figures, not the last row's."""
    metrics = _of(briefing, "metrics", Metric)
    for lang in briefing.site.languages:
        fmt = Formatter(lang)
        for collection, subject in sorted({m.subject for m in metrics}):
            latest = max(m.period for m in metrics if m.subject == (collection, subject))
            page = (_folder(built_site, briefing, lang) / collection / subject / "index.html").read_text(encoding="utf-8")
            as_of = f"<p>{html.escape(fmt.labels['ui']['as_of'] + fmt.formats['colon'] + fmt.date(latest), quote=False)}</p>"
            assert as_of in page, (lang, subject, as_of)


def test_figures_cited_by_one_source_are_named_apart(briefing: Briefing, built_site: Path) -> None:
    """The sources page names each figure a source is cited by differently: the region tells global, China and India apart."""
    metrics = _of(briefing, "metrics", Metric)
    for lang in briefing.site.languages:
        page = (_folder(built_site, briefing, lang) / "sources" / "index.html").read_text(encoding="utf-8")
        cited = [[_text(label) for label in re.findall(r'#figures">(.*?)</a>', section)] for section in page.split("<h2")[1:]]
        assert sum(map(len, cited)) == len(metrics)
        for labels in cited:
            assert len(labels) == len(set(labels)), f"{lang}: figures cited by one source share a name: {labels}"


def test_japanese_glossary_is_in_the_order_of_its_readings(briefing: Briefing, built_site: Path) -> None:
    """Katakana readings sort with hiragana ones (あいうえお order), not after them; terms without a reading need none."""
    terms = {t.id: t for t in _of(briefing, "glossary", Term)}
    page = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    shown = [tid for tid in re.findall(r'<h2 id="([a-z0-9-]+)"', page) if tid in terms]
    assert sorted(shown) == sorted(terms)
    katakana_as_hiragana = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
    readings = [(terms[tid].reading or terms[tid].term["ja"]).translate(katakana_as_hiragana).casefold() for tid in shown]
    assert readings == sorted(readings)
    assert shown.index("on-device-ai") < shown.index("mass-production")  # オンデバイス (お) before 量産 (りょう)


_KATAKANA_AS_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


@pytest.mark.parametrize(
    ("page", "collection", "link"),
    [
        ("companies/index.html", "companies", r'href="([a-z0-9-]+)/"'),
        ("markets/index.html", "markets", r'href="([a-z0-9-]+)/"'),
        ("people/index.html", "people", r'<h2 id="([a-z0-9-]+)"'),
    ],
)
def test_japanese_lists_are_in_the_order_of_their_readings(
    briefing: Briefing, built_site: Path, page: str, collection: str, link: str
) -> None:
    """Companies, markets and people in あいうえお order of their readings (Latin names first), not by id."""
    entities = briefing[collection]
    html = (built_site / page).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    shown = list(dict.fromkeys(i for i in re.findall(link, article) if i in entities))
    assert sorted(shown) == sorted(entities)
    keys = [
        (getattr(entities[i], "reading", None) or entities[i].name["ja"]).translate(_KATAKANA_AS_HIRAGANA).casefold()
        for i in shown
    ]
    assert keys == sorted(keys), list(zip(shown, keys, strict=True))
    if collection == "companies":
        assert shown.index("xiaomi") < shown.index("tesla") < shown.index("li-auto")  # シャオミ, テスラ, 理想汽車 (り)
    if collection == "people":
        assert shown.index("lu-weibing") < shown.index("lei-jun")  # ルー (る) before レイ (れ)


def _prose(value: object, languages: list[str]) -> Iterator[dict[str, str]]:
    """Every translated text inside a dumped entity."""
    if isinstance(value, dict):
        if value and set(value) <= set(languages) and all(isinstance(v, str) for v in value.values()):
            yield value  # type: ignore[misc]
        else:
            for item in value.values():
                yield from _prose(item, languages)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item, languages)


_JA_UNIT = re.compile(r"(米ドル|ドル|元|台|人)$")
_EN_FIGURE = re.compile(
    r"(?:(CNY|USD) )?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?: (thousand|million|billion))?(?: (units|people))?"
)
_EN_SCALE = {None: 1, "thousand": 10**3, "million": 10**6, "billion": 10**9}


def test_prose_writes_each_figure_of_the_data_as_the_tables_do(briefing: Briefing) -> None:
    """A figure of the data, written in a text, has the form the tables give it (595億元, 5億4000万ドル; CNY 27 billion)."""
    languages = briefing.site.languages
    figures = {token for m in _of(briefing, "metrics", Metric) for token in _metric_tokens(m)}
    texts = [
        text
        for group in briefing.entities.values()
        for entity in group.values()
        for text in _prose(entity.model_dump(), languages)
    ]
    texts += [h.text for h in briefing.site.highlights]
    ja, en = Formatter("ja"), Formatter("en")
    wrong = []
    for text in texts:
        for written, (value, kind) in tokens(text["ja"]):
            if kind in ("CNY", "USD", "units", "people") and (value, kind) in figures:
                number = _JA_UNIT.sub("", written)
                if number != ja.number(value) or written.endswith("米ドル"):
                    wrong.append(f"ja: {written!r} is written {ja.number(value)!r} in the tables")
        for match in _EN_FIGURE.finditer(text["en"]):
            currency, digits, scale, unit = match.groups()
            kind = currency or unit
            value = (Decimal(digits.replace(",", "")) * _EN_SCALE[scale]).normalize()
            if kind and (value, kind) in figures and f"{digits}{' ' + scale if scale else ''}" != en.number(value):
                wrong.append(f"en: {match.group()!r} is written {en.number(value)!r} in the tables")
    assert not wrong, "\n".join(wrong)


_KANA = re.compile(r"[\u3040-\u30ff]")


def _chinese_forms(briefing: Briefing) -> set[str]:
    """The Chinese names and terms the data records, each marked with its language."""
    forms = {t.original for t in _of(briefing, "glossary", Term) if t.original and t.original_lang.startswith("zh")}
    for collection in ("companies", "people", "products"):
        for entity in briefing[collection].values():
            forms |= {a.text for a in entity.aliases if not isinstance(a, str) and a.lang.startswith("zh")}  # type: ignore[attr-defined]
    return forms


def test_chinese_stands_only_where_its_language_is_marked(briefing: Briefing) -> None:
    """Running text carries no Chinese form: a name or term in Chinese lives in a field that says its language."""
    # A Chinese form that is also written in Japanese (理想 in 理想汽車) is Japanese text there.
    japanese = [e.name["ja"] for c in ("companies", "people", "products") for e in briefing[c].values()]  # type: ignore[attr-defined]
    forms = {f for f in _chinese_forms(briefing) if not any(f in name for name in japanese)}
    assert {"小米集团", "雷军", "性价比", "下线"} <= forms
    languages = briefing.site.languages
    found = [
        (form, text[lang][:40])
        for group in briefing.entities.values()
        for entity in group.values()
        for text in _prose(entity.model_dump(), languages)
        for lang in text
        for form in forms
        if len(form) > 1 and form in text[lang]
    ]
    assert not found, found


def test_pages_mark_chinese_and_show_other_languages_aliases_only_in_their_language(briefing: Briefing, built_site: Path) -> None:
    xiaomi_ja = (_folder(built_site, briefing, "ja") / "companies" / "xiaomi" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="zh-Hans">小米集团</span>' in xiaomi_ja
    for company in briefing["companies"]:
        page = (_folder(built_site, briefing, "en") / "companies" / company / "index.html").read_text(encoding="utf-8")
        if "Also written" in page:
            line = _between(page, "Also written", "</p>")
            assert not _KANA.search(line), (company, line)  # オープンAI, サムスン: Japanese pages only
    openai_ja = (_folder(built_site, briefing, "ja") / "companies" / "openai" / "index.html").read_text(encoding="utf-8")
    assert "オープンAI" in openai_ja


def test_every_glossary_term_is_used_on_a_page_in_both_languages(briefing: Briefing, built_site: Path) -> None:
    """A term the site never uses is dropped or used (review §0 item 15): each lists the pages it is used on."""
    for lang in briefing.site.languages:
        page = (_folder(built_site, briefing, lang) / "glossary" / "index.html").read_text(encoding="utf-8")
        label = Formatter(lang).labels["ui"]["used_on"]
        sections = re.split(r'<h2 id="([a-z0-9-]+)"', page)
        unused = [sections[i] for i in range(1, len(sections), 2) if f"<p>{label}" not in sections[i + 1]]
        assert len(sections) // 2 == len(briefing["glossary"])
        assert not unused, (lang, unused)
