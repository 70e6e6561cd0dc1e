"""Glossary links: first occurrence per page, Japanese matched inside running text, never in headings, links, code or longer terms."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from projectkit import SITE_EXTENSIONS

from generator.glossary_links import GlossaryLinksExtension

TERMS = [
    {"id": "large-model", "forms": ["大規模モデル", "大型モデル"], "short": "大量のデータで学習したAIモデル"},
    {"id": "model", "forms": ["モデル"], "short": "AIの学習済みの仕組み"},
    {"id": "tse", "forms": ["東証"], "short": "東京証券取引所"},
    {"id": "ai", "forms": ["AI"], "short": "人工知能"},
    {"id": "large-model-en", "forms": ["large model", "large models"], "short": "An AI model trained on vast data"},
]


def convert(text: str, page: str = "ja/companies/acme.md") -> str:
    ext = GlossaryLinksExtension(terms=TERMS, page=page, glossary="ja/glossary.md")
    return markdown.markdown(text, extensions=[*SITE_EXTENSIONS, "toc", ext])


def linked(html: str) -> list[tuple[str, str]]:
    """(link text, href) of every glossary link."""
    return re.findall(r'<span class="briefing-term"><a aria-describedby="[^"]+" href="([^"]+)">([^<]+)</a>', html)


def test_japanese_terms_are_found_without_word_boundaries() -> None:
    html = convert("東証は大規模モデルを使う。")
    assert linked(html) == [("../glossary.md#tse", "東証"), ("../glossary.md#large-model", "大規模モデル")]


def test_abbr_style_word_boundaries_would_miss_them() -> None:
    # What Python-Markdown's abbr extension does; the reason this extension exists.
    assert not re.search(r"\b東証\b", "東証は大規模モデルを使う。")


def test_only_the_first_occurrence_is_linked_and_aliases_link_to_their_term() -> None:
    html = convert("大型モデルと大規模モデル、東証と東証。")
    assert linked(html) == [("../glossary.md#large-model", "大型モデル"), ("../glossary.md#tse", "東証")]


def test_longest_form_wins_and_shorter_terms_inside_it_are_not_linked() -> None:
    html = convert("大規模モデルの話。")
    assert [t for _, t in linked(html)] == ["大規模モデル"]
    html = convert("大規模モデルとモデル。")
    assert [t for _, t in linked(html)] == ["大規模モデル", "モデル"]


def test_latin_terms_need_latin_boundaries_but_not_japanese_ones() -> None:
    html = convert("OpenAIとAIモデル")
    assert [t for _, t in linked(html)] == ["AI", "モデル"]
    assert "OpenAI" in html and ">Open<" not in html


def test_english_is_case_insensitive_on_word_boundaries() -> None:
    html = convert("Large models and a large modeler.", page="en/index.md")
    assert linked(html) == [("../ja/glossary.md#large-model-en", "Large models")]
    assert convert("largemodel") == "<p>largemodel</p>"


def test_english_compounds_written_with_a_hyphen_are_found() -> None:
    html = convert("Xiaomi's AI large-model team", page="en/index.md")
    assert [t for _, t in linked(html)] == ["AI", "large-model"]


def test_headings_links_code_and_footnotes_are_left_alone() -> None:
    html = convert("# 東証\n\n[東証](x.md)と`東証`。[^s]\n\n[^s]: 東証の資料\n\n本文の東証。")
    assert re.search(r"<h1[^>]*>東証", html)
    assert '<a href="x.md">東証</a>' in html and "<code>東証</code>" in html
    assert "東証の資料" in html
    assert [t for _, t in linked(html)] == ["東証"]
    assert html.count("briefing-term__tip") == 1
    assert re.search(r"<p>本文の<span class=\"briefing-term\">", html)


def test_the_link_carries_an_accessible_tooltip() -> None:
    html = convert("東証")
    assert (
        '<span class="briefing-term__tip" data-pagefind-ignore="all" id="briefing-term-tse" role="tooltip">東京証券取引所</span>'
        in html
    )
    assert 'aria-describedby="briefing-term-tse"' in html


def test_escaped_text_and_html_placeholders_survive() -> None:
    html = convert("東証\\*は<br>AI")
    assert "*は<br>" in html and [t for _, t in linked(html)] == ["東証", "AI"]


def test_attr_lists_still_apply_after_linking() -> None:
    html = convert("- 東証の出来事<br>詳細\n  {: #e1 .briefing-event--planned }")
    assert '<li class="briefing-event--planned" id="e1">' in html
    assert [t for _, t in linked(html)] == ["東証"]


def terms_linked(text: str, terms: list[dict[str, Any]] = TERMS) -> list[str]:
    """The ids the extension records for a page (what the glossary lists the page under)."""
    record: list[str] = ["left over from another page"]
    markdown.markdown(text, extensions=[*SITE_EXTENSIONS, GlossaryLinksExtension(terms=terms, record=record)])
    return record


def test_record_lists_the_terms_a_page_links() -> None:
    assert terms_linked("# 東証\n\n大規模モデルと東証") == ["large-model", "tse"]
    assert terms_linked("なし") == []


def test_built_site_links_terms_in_both_languages(built_site: Path) -> None:
    """The sample site: a Japanese page and an English page carry glossary links with tooltips."""
    english = set((built_site / "en").rglob("index.html"))
    pages = {"ja": set(built_site.rglob("index.html")) - english, "en": english}
    found = {
        lang: [p for p in group if 'class="briefing-term__tip"' in p.read_text(encoding="utf-8")] for lang, group in pages.items()
    }
    assert found["ja"] and found["en"], found
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'class="briefing-term"' not in glossary  # no self-links on the glossary itself
    assert "使用ページ" in glossary


_TERM_LINK = re.compile(r'<span class="briefing-term"><a aria-describedby="[^"]+" href="([^"]*)#([a-z0-9-]+)">')
_SECTION = re.compile(r'<h2 id="([a-z0-9-]+)">(.*?)(?=<h2 id=|</article>)', re.DOTALL)


def _join(base: str, href: str) -> str:
    url = posixpath.normpath(posixpath.join(base, href))
    return url if url.endswith("/") else url + "/"


def _page_url(site: Path, page: Path) -> str:
    folder = page.relative_to(site).parent.as_posix()
    return "/" if folder == "." else f"/{folder}/"


def test_glossary_lists_exactly_the_pages_that_link_each_term(built_site: Path) -> None:
    """Per language: term → pages, read from the glossary, equals term → pages whose glossary links point at it.

    Every reader's page counts, hand-written ones included; the editors' pages (marked noindex, out of the
    readers' navigation and search) are not sent readers to.
    """
    for lang, glossary in (("ja", built_site / "glossary" / "index.html"), ("en", built_site / "en" / "glossary" / "index.html")):
        english = built_site / "en"
        pages = [
            p
            for p in built_site.rglob("index.html")
            if (english in p.parents) == (lang == "en")
            and p != glossary
            and '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")
        ]
        assert any("reference" in p.parts for p in built_site.rglob("index.html")), "the data reference is still built"
        linking: dict[str, set[str]] = {}
        for page in pages:
            for href, term in _TERM_LINK.findall(page.read_text(encoding="utf-8")):
                target = _join(_page_url(built_site, page), href)
                assert target == _page_url(built_site, glossary), (page, href)
                linking.setdefault(term, set()).add(_page_url(built_site, page))
        listed: dict[str, set[str]] = {}
        label = "使用ページ" if lang == "ja" else "Used on"
        for term, section in _SECTION.findall(glossary.read_text(encoding="utf-8")):
            used_on = re.search(rf"<p>{label}[：:]\s*(.*?)</p>", section, re.DOTALL)
            if used_on:
                hrefs = re.findall(r'href="([^"]+)"', used_on.group(1))
                listed[term] = {_join(_page_url(built_site, glossary), h) for h in hrefs}
        assert linking, f"no glossary links in the {lang} site"
        assert listed == linking, lang


WHITESPACE = [" ", "  ", "\t", "\n", " \n ", "\u00a0", "\u3000", "\u2003", " \u3000\t"]


def _convert_with(terms: list[dict[str, Any]], text: str) -> str:
    ext = GlossaryLinksExtension(terms=terms, page="en/index.md", glossary="en/glossary.md")
    return markdown.markdown(text, extensions=[*SITE_EXTENSIONS, ext])


def test_forms_with_several_spaces_match_any_whitespace_run() -> None:
    """A form typed with several spaces, a tab or a full-width space links text written with any other run."""
    for typed in WHITESPACE:
        terms = [{"id": "llm", "forms": [f"large{typed}language{typed}model"], "short": "LLM"}]
        for written in WHITESPACE:
            html = _convert_with(terms, f"A large{written}language{written}model here.")
            [(href, label)] = linked(html)
            assert href == "glossary.md#llm", (typed, written)
            # Markdown itself turns a tab into spaces; the words and their order are what matters.
            assert label.split() == ["large", "language", "model"], (typed, written)
    japanese = [{"id": "m", "forms": ["大規模  モデル"], "short": "s"}]
    assert terms_linked("大規模\u3000\u3000モデルと大規模 モデル", japanese) == ["m"]


@settings(derandomize=True, database=None, deadline=None, max_examples=200)
@given(
    words=st.lists(st.text(alphabet="abcXYZ大規模ſßİK-", min_size=1, max_size=4), min_size=1, max_size=3),
    runs=st.lists(st.sampled_from([*WHITESPACE, "-", "\u2010", " - "]), min_size=3, max_size=3),
    around=st.text(alphabet=" \t\n\u3000abc大-", max_size=6),
)
def test_matching_never_raises_whatever_the_whitespace(words: list[str], runs: list[str], around: str) -> None:
    """Forms and text with any mix of whitespace, hyphens and case-folding letters: links, never an exception."""
    form = runs[0].join(words)
    terms = [
        {"id": "t", "forms": [form, form.upper()], "short": "s"},
        {"id": "u", "forms": [runs[1].join(reversed(words))], "short": "s"},
    ]
    text = around + runs[2].join(words) + around + form.upper() + around
    html = _convert_with(terms, text)
    assert {href for href, _ in linked(html)} <= {"glossary.md#t", "glossary.md#u"}
    assert len(linked(html)) <= 2, "at most one link per term"


def test_spaces_around_a_form_do_not_drop_its_word_boundaries() -> None:
    html = _convert_with([{"id": "ai", "forms": [" AI\u3000"], "short": "s"}], "An email about AI.")
    assert linked(html) == [("glossary.md#ai", "AI")]
