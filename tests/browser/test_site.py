"""The site as a reader gets it, at the server root and under a sub-path (as on GitHub Pages):
language switcher, <html lang> and hreflang links, assets, links and search, nothing fetched from
another host, no console errors, no sideways scrolling on a phone, and screenshots for review."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from harness import PHONE, SUB_PATH, Watched

KEY_PAGES = {"home": "", "company": "companies/xiaomi/", "timeline": "timeline/", "glossary": "glossary/"}
LANG_PREFIX = {"ja": "", "en": "en/"}


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.hreflang: dict[str, str] = {}
        self.selector: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.hreflang[a["hreflang"] or ""] = a.get("href") or ""
        elif tag == "a" and "md-select__link" in (a.get("class") or "") and a.get("hreflang"):
            self.selector[a["hreflang"] or ""] = a.get("href") or ""


def test_every_page_has_the_right_lang_and_language_links_to_both_languages(built_site: Path) -> None:
    """Built without the site's address: no hreflang links in the head (relative ones tell search engines nothing,
    and Material would fetch a sitemap.xml next to each), and the language selector leads to the same page."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for html_file in pages:
        rel = html_file.relative_to(built_site).as_posix()
        head = _Head()
        head.feed(html_file.read_text(encoding="utf-8"))
        lang = "en" if rel.startswith("en/") else "ja"
        assert head.lang == lang, f"{rel}: <html lang={head.lang!r}>, expected {lang!r}"
        if rel == "404.html":
            continue  # one page for every missing address, in the default language
        assert head.hreflang == {}, f"{rel}: relative hreflang links {head.hreflang}"
        assert set(head.selector) == {"ja", "en"}, f"{rel}: language selector {head.selector}"
        page_url = "http://site/" + rel.removesuffix("index.html")
        same_page = rel.removeprefix("en/").removesuffix("index.html")
        for alt_lang, href in head.selector.items():
            assert not href.startswith("/"), f"{rel}: {alt_lang} link {href!r} ignores a sub-path"
            target = urlsplit(urljoin(page_url, href)).path
            assert target == "/" + LANG_PREFIX[alt_lang] + same_page, f"{rel}: {alt_lang} → {target}"


def switch_language(page: Watched, lang: str) -> None:
    page.page.locator(".md-header .md-select").hover()
    link = page.page.locator(f".md-header .md-select__link[hreflang={lang}]")
    with page.page.expect_navigation():
        link.click()
    page.page.wait_for_load_state("load")


@pytest.mark.parametrize("key", ["company", "glossary"])
def test_language_switcher_leads_to_the_same_page_in_the_other_language(page: Watched, base_url: str, key: str) -> None:
    path = KEY_PAGES[key]
    page.goto(base_url + path)
    assert page.page.evaluate("document.documentElement.lang") == "ja"
    switch_language(page, "en")
    assert page.page.url == base_url + "en/" + path
    assert page.page.evaluate("document.documentElement.lang") == "en"
    switch_language(page, "ja")
    assert page.page.url == base_url + path
    assert page.page.evaluate("document.documentElement.lang") == "ja"
    page.assert_clean()


def test_home_page_switcher_under_sub_path(page: Watched, site_urls: dict[str, str]) -> None:
    base = site_urls["sub"]
    page.goto(base)
    switch_language(page, "en")
    assert page.page.url == base + "en/"
    switch_language(page, "ja")
    assert page.page.url == base
    page.assert_clean()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_key_pages_under_sub_path_load_cleanly_and_link_inside_it(
    new_page: Callable[..., Watched], site_urls: dict[str, str], lang: str
) -> None:
    """Styles and scripts load, every internal link stays under the sub-path and answers,
    nothing is fetched from another host (no web fonts, no CDN), no console errors."""
    base = site_urls["sub"]
    origin = base.removesuffix(SUB_PATH)
    targets: set[str] = set()
    for path in KEY_PAGES.values():
        page = new_page()
        page.goto(base + LANG_PREFIX[lang] + path)
        page.page.wait_for_load_state("networkidle")
        # Material's stylesheet applied (not only requested): the header is laid out as a flex row.
        assert page.page.evaluate("getComputedStyle(document.querySelector('.md-header__inner')).display") == "flex"
        assert page.page.evaluate("typeof window.briefingSearch") == "object"
        assert page.page.locator("#briefing-search-input").count() == 1
        hrefs = page.page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and href.startswith(origin):
                assert parts.path.startswith(SUB_PATH), f"{page.page.url}: link {href} leaves the sub-path"
                targets.add(href.split("#")[0])
        assert not page.external_requests
        page.assert_clean()
    for target in sorted(targets):
        with urlopen(target) as resp:
            assert resp.status == 200, target


@pytest.mark.parametrize(("lang", "term"), [("ja", "出荷台数"), ("en", "shipments")])
def test_search_under_sub_path_links_to_pages_under_it(page: Watched, site_urls: dict[str, str], lang: str, term: str) -> None:
    base = site_urls["sub"]
    page.goto(base + LANG_PREFIX[lang])
    page.page.locator("#briefing-search-input").fill(term)
    first = page.page.locator(".briefing-search__result > .briefing-search__link").first
    first.wait_for()
    href = first.evaluate("e => e.href")
    assert href.startswith(base + LANG_PREFIX[lang]), href
    with page.page.expect_navigation():
        first.click()
    assert page.page.evaluate("document.documentElement.lang") == lang
    assert page.page.locator(f"text={term}").count() > 0 or term in page.page.content()
    page.assert_clean()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_key_pages_fit_a_phone_screen(new_page: Callable[..., Watched], site_urls: dict[str, str], screenshot, lang: str) -> None:
    page = new_page(**PHONE)
    for key, path in KEY_PAGES.items():
        page.goto(site_urls["root"] + LANG_PREFIX[lang] + path)
        widths = page.page.evaluate(
            "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"], f"{lang} {key}: scrolls sideways {widths}"
        screenshot(f"phone-{lang}-{key}", page, full_page=False)
    page.assert_clean()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_screenshots_of_key_pages_and_search(
    new_page: Callable[..., Watched], site_urls: dict[str, str], screenshot, lang: str
) -> None:
    """Screenshots for review in artifacts/screenshots/, including the search drop-down on desktop and phone."""
    page = new_page()
    base = site_urls["root"] + LANG_PREFIX[lang]
    for key, path in KEY_PAGES.items():
        page.goto(base + path)
        assert screenshot(f"desktop-{lang}-{key}", page).stat().st_size > 10_000
    term = {"ja": "売上高", "en": "revenue"}[lang]
    for name, watched in (("desktop", page), ("phone", new_page(**PHONE))):
        watched.goto(base)
        watched.page.locator("#briefing-search-input").fill(term)
        watched.page.locator(".briefing-search__excerpt mark").first.wait_for()
        drawer = watched.page.locator(".briefing-search__results")
        box = drawer.bounding_box()
        viewport = watched.page.viewport_size
        assert box and viewport and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, (name, box)
        screenshot(f"{name}-{lang}-search", watched, full_page=False)
        watched.assert_clean()
