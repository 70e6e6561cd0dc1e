"""Search in a real browser: the header's Pagefind box searches only the page's language.

Japanese is written without spaces, so the Japanese index must be segmented into words when it is built
(Pagefind's extended binary) and the query in the browser (Intl.Segmenter): a word inside a sentence
or a compound must be found on its own. The expected pages are read from the built HTML, not written here.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from harness import Watched

JAPANESE_WORDS = ["大規模モデル", "規模", "言語モデル", "売上高", "出荷台数"]
ENGLISH_WORDS = ["revenue", "shipments"]
SKIPPED_TAGS = {"script", "style", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _IndexedText(HTMLParser):
    """The text Pagefind indexes: inside ``data-pagefind-body``, minus ``data-pagefind-ignore`` elements."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, in body, ignored)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        body, ignored = self.stack[-1][1:] if self.stack else (False, False)
        if tag in VOID_TAGS:
            return
        self.stack.append(
            (tag, body or "data-pagefind-body" in names, ignored or "data-pagefind-ignore" in names or tag in SKIPPED_TAGS)
        )

    def handle_endtag(self, tag: str) -> None:
        if any(open_tag == tag for open_tag, _, _ in self.stack):  # a stray end tag closes nothing
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.parts.append(data)


def indexed_text(html_file: Path) -> str:
    parser = _IndexedText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def page_path(site: Path, html_file: Path) -> str:
    """Site-relative URL of a built page: ``companies/xiaomi/`` for companies/xiaomi/index.html."""
    rel = html_file.relative_to(site).parent.as_posix()
    return "" if rel == "." else rel + "/"


@pytest.fixture(scope="module")
def page_texts(built_site: Path) -> dict[str, str]:
    """Indexed text of every built page, keyed by site-relative URL."""
    return {page_path(built_site, f): indexed_text(f) for f in built_site.rglob("index.html") if "pagefind" not in f.parts}


RESULTS_SCRIPT = """(term) => {
  const ui = document.querySelector('#briefing-search');
  const message = ui.querySelector('.pagefind-ui__message');
  if (!message || !message.textContent.includes(term)) return null;
  const count = message.textContent.replace(term, '').match(/\\d+/);
  const loaded = ui.querySelectorAll('.pagefind-ui__result-title > .pagefind-ui__result-link').length;
  const nested = ui.querySelectorAll('.pagefind-ui__result-nested .pagefind-ui__result-link').length;
  const loading = ui.querySelectorAll('.pagefind-ui__loading').length;
  return {count: count ? Number(count[0]) : 0, loaded: loaded - nested, loading,
          more: !!ui.querySelector('.pagefind-ui__button')};
}"""


def search(page: Watched, term: str) -> list[str]:
    """Types ``term`` into the header search box and returns every result's page URL (all results loaded).

    Waits for at least one result: a term without results fails here, on the timeout.
    """
    page.page.locator("#briefing-search .pagefind-ui__search-input").fill(term)
    state = page.page.wait_for_function(
        f"(term) => {{ const s = ({RESULTS_SCRIPT})(term); return s && !s.loading && s.loaded > 0 && s; }}",
        arg=term,
    ).json_value()
    while state["more"]:
        page.page.locator("#briefing-search .pagefind-ui__button").click()
        state = page.page.wait_for_function(
            f"([term, before]) => {{ const s = ({RESULTS_SCRIPT})(term); return s && !s.loading && s.loaded > before && s; }}",
            arg=[term, state["loaded"]],
        ).json_value()
    assert state["loaded"] == state["count"], state
    links = page.page.locator(
        "#briefing-search .pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"
    )
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) == state["count"], (hrefs, state)
    titles = page.page.locator("#briefing-search .pagefind-ui__result-link").all_inner_texts()
    assert not [t for t in titles if "¶" in t], f"heading permalinks indexed as text: {titles}"
    return [href.split("#")[0] for href in hrefs]


def words_of(page: Watched, term: str) -> list[str]:
    """The query split into words by the browser, as Pagefind splits it."""
    return page.page.evaluate(
        """(term) => [...new Intl.Segmenter(document.documentElement.lang, {granularity: 'word'}).segment(term)]
                     .filter(s => s.isWordLike).map(s => s.segment.toLowerCase())""",
        term,
    )


def check_results(page: Watched, base: str, term: str, lang: str, page_texts: dict[str, str], results: list[str]) -> None:
    assert results, f"{lang}: no results for {term!r}"
    prefix = urlsplit(base).path
    paths = {urlsplit(url).path.removeprefix(prefix) for url in results}
    in_lang = {p for p in page_texts if p.startswith("en/") == (lang == "en")}
    wrong_language = paths - in_lang
    assert not wrong_language, f"{lang} search for {term!r} returned pages of another language or unknown pages: {wrong_language}"
    containing = {p for p in in_lang if term.lower() in page_texts[p].lower()}
    assert containing, f"no {lang} page contains {term!r}: test data changed?"
    assert containing <= paths, f"{lang} search for {term!r} missed pages containing it: {containing - paths}"
    # Every result holds every word of the query: no match on a stray fragment of a compound.
    stems = [w.removesuffix("s") if lang == "en" else w for w in words_of(page, term)]
    for path in paths:
        missing = [w for w in stems if w not in page_texts[path].lower()]
        assert not missing, f"{lang} search for {term!r} returned {path}, which lacks {missing}"


@pytest.mark.parametrize(("lang", "words"), [("ja", JAPANESE_WORDS), ("en", ENGLISH_WORDS)])
def test_search_finds_words_in_its_own_language_only(
    page: Watched, site_urls: dict[str, str], page_texts: dict[str, str], lang: str, words: list[str]
) -> None:
    base = site_urls["root"]
    page.goto(base + ("en/" if lang == "en" else ""))
    for term in words:
        check_results(page, base, term, lang, page_texts, search(page, term))
    page.assert_clean()
