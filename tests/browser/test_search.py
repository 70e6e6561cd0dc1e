"""Search in a real browser: the header's box finds every page a name, word or figure is on, in its own language.

The expected pages are read from the built HTML, never written here. ``bench/search_quality.py`` draws the
queries from the data itself (every name, alias, reading and glossary term, the words and pieces of Japanese
compounds, every figure as the pages write it) and measures recall and precision with the box's own code;
the tests below also type into the box as a reader does, under the site's sub-path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from harness import Watched
from playwright.sync_api import Browser

from bench.search_quality import Corpus, Query, fold, measure, page_blocks
from generator.load import load_briefing
from generator.model import Briefing
from generator.search import entity_forms, index_words, page_text, text_words

LANG_PREFIX = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def briefing(built_site: Path) -> Briefing:
    return load_briefing(built_site.parent / "data")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_recall_and_precision_on_queries_drawn_from_the_data(
    built_site: Path, briefing: Briefing, browser: Browser, lang: str
) -> None:
    report = measure(built_site, briefing, lang, browser)
    summary = (
        f"{lang}: {report.queries} queries, recall {report.recall:.3f}, precision {report.precision:.3f}; "
        f"by kind {report.by_kind}; missed {report.misses[:10]}; not relevant {report.extras[:10]}"
    )
    print(summary)
    assert report.queries > 300, summary
    assert set(report.by_kind) >= {"name", "word", "number"} | ({"part"} if lang == "ja" else set()), summary
    assert report.kind_recall("name") == 1.0, summary
    assert report.recall >= 0.98, summary
    assert report.precision >= 0.95, summary
    assert report.other_language == 0, summary
    assert not report.first_not_own, f"names whose first result is not their own page: {report.first_not_own}"


def results(page: Watched, term: str) -> list[str]:
    """Types ``term`` into the header's box and returns the address of every result shown, in order ("more" clicked)."""
    box = page.page.locator("#briefing-search-input")
    box.fill(term)
    status = page.page.locator(".briefing-search__summary")
    done = (
        "(term) => window.briefingSearch.query === term && document.querySelector('.briefing-search__results[aria-busy=false]')"
    )
    page.page.wait_for_function(done, arg=term)
    while (more := page.page.locator(".briefing-search__more")).count():
        more.click()
        page.page.wait_for_function(done, arg=term)
    count = int(re.search(r"\d+", status.inner_text()).group())  # type: ignore[union-attr]
    hrefs = page.page.locator(".briefing-search__result > .briefing-search__link").evaluate_all("els => els.map(e => e.href)")
    assert len({h.split("#")[0] for h in hrefs}) == count, (term, count, hrefs)
    return hrefs


def shown_on(built_site: Path, lang: str, briefing: Briefing, query: Query) -> set[str]:
    return Corpus(page_blocks(built_site, lang, briefing.languages), lang).relevant(query)


@pytest.mark.parametrize(
    ("lang", "term", "entity"),
    [
        ("ja", "シャオミ", ("companies", "xiaomi")),
        ("ja", "カナリス", ("companies", "canalys")),
        ("ja", "ルー・ウェイビン", ("people", "lu-weibing")),
        ("ja", "595億元", None),
        ("ja", "5.8%", None),
        ("en", "Xiaomi", ("companies", "xiaomi")),
        ("en", "Lu Weibing", ("people", "lu-weibing")),
        ("en", "CNY 59.5 billion", None),
    ],
)
def test_typing_a_name_or_figure_lists_every_page_showing_it(
    page: Watched,
    site_urls: dict[str, str],
    built_site: Path,
    briefing: Briefing,
    lang: str,
    term: str,
    entity: tuple[str, str] | None,
) -> None:
    base = site_urls["sub"]
    page.goto(base + LANG_PREFIX[lang])
    forms = tuple(entity_forms(briefing[entity[0]][entity[1]])) if entity else ()
    want = shown_on(built_site, lang, briefing, Query(term, "name" if entity else "number", forms))
    assert len(want) >= 2, f"test data changed? {term!r} is on {want}"
    hrefs = results(page, term)
    prefix = urlsplit(base).path.removesuffix("/")
    got = {urlsplit(h).path.removeprefix(prefix) for h in hrefs}
    assert got == want, f"{term!r}: missed {want - got}, not showing it {got - want}"
    if entity:
        own = {"companies": f"companies/{entity[1]}/", "people": f"people/#{entity[1]}"}[entity[0]]
        assert hrefs[0] == base + LANG_PREFIX[lang] + own, f"{term!r}: first result {hrefs[0]}"
    page.assert_clean()


@pytest.mark.parametrize(("lang", "term"), [("ja", "規模"), ("en", "shipments")])
def test_a_result_shows_the_text_around_the_match(page: Watched, site_urls: dict[str, str], lang: str, term: str) -> None:
    page.goto(site_urls["root"] + LANG_PREFIX[lang])
    results(page, term)
    marks = page.page.locator(".briefing-search__excerpt mark").all_inner_texts()
    assert marks and all(fold(m).rstrip("s") == fold(term).rstrip("s") for m in marks[:5]), marks
    # The search words added for Pagefind never show.
    assert not re.search(r"\bz[a-z]{4}q\b|zqzq", page.page.locator(".briefing-search__results").inner_text())
    page.page.keyboard.press("Escape")
    assert page.page.locator(".briefing-search__results").is_hidden()
    page.assert_clean()


def test_the_box_and_the_index_split_text_the_same_way(page: Watched, site_urls: dict[str, str], built_site: Path) -> None:
    """The query words the browser makes (briefing-search.js) are those generator/search.py indexes."""
    texts = [b for f in sorted(built_site.rglob("index.html"))[:20] for b in page_text(f.read_text(encoding="utf-8"))]
    samples = [t[i : i + n] for t in texts for i, n in ((0, 12), (len(t) // 2, 7), (max(0, len(t) - 9), 9))]
    samples += ["ルー・ウェイビン", "５．８％", "1,200台", "-18.9%", "Q1 2023", "ＡＩラボ", "小米集团", "𠮷野家", "GPT-4", "ｼｬｵﾐ"]
    page.goto(site_urls["root"])
    browser_words = page.page.evaluate("(texts) => texts.map((t) => window.briefingSearchWords(t))", samples)
    assert browser_words == [text_words(s).split() for s in samples]
    for sample in samples:  # every query phrase is in the indexed words of its own text
        if text_words(sample):
            assert text_words(sample) in index_words([sample]), sample


def test_names_file_lists_readings_and_aliases(built_site: Path) -> None:
    names = json.loads((built_site / "search-names.json").read_text(encoding="utf-8"))
    lu = [e for e in names["entities"] if e["url"] == "people/#lu-weibing"]
    assert lu and {"盧偉冰", "ルー・ウェイビン", "卢伟冰", "Lu Weibing"} <= set(lu[0]["forms"])
    number = names["entities"].index(lu[0])
    assert number in names["forms"]["ルーウェイビン"] and number in names["forms"]["lu weibing"]
