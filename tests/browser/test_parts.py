"""A briefing split into parts (generator/render/paging.py), in the browser: old anchors lead to their part, search finds entries there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import SUB_PATH, SiteServer, Watched
from playwright.sync_api import Browser
from test_search import results

from bench.search_quality import measure, own_pages, page_blocks, query_set
from generator.load import load_briefing
from generator.render import paging

LANG_PREFIX = {"ja": "", "en": "en/"}


@pytest.fixture(scope="module")
def paged_url(paged_site: Path) -> Iterator[str]:
    """The split briefing's site, served under a sub-path."""
    with SiteServer(paged_site / "site", SUB_PATH) as server:
        yield server.url


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_old_anchor_of_the_timeline_opens_its_part(page: Watched, paged_site: Path, paged_url: str, lang: str) -> None:
    briefing = load_briefing(paged_site / "data", rel="data")
    layout = paging.layout(briefing)
    part = layout.splits["timeline/index.md"].parts[lang][-1]
    event = part.ids[-1]
    page.goto(f"{paged_url}{LANG_PREFIX[lang]}timeline/#{event}")
    want = f"{paged_url}{LANG_PREFIX[lang]}{paging.site_url(part.path)}#{event}"
    page.page.wait_for_url(want)
    assert page.page.locator(f"#{event}").is_visible()
    page.assert_clean()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_search_finds_a_term_on_its_part(page: Watched, paged_site: Path, paged_url: str, lang: str) -> None:
    briefing = load_briefing(paged_site / "data", rel="data")
    term_id = sorted(briefing["glossary"])[-1]
    page.goto(paged_url + LANG_PREFIX[lang])
    hrefs = results(page, briefing["glossary"][term_id].term[lang])  # type: ignore[attr-defined]
    own = paging.url_of(briefing, lang, "glossary", term_id)
    assert own is not None and own.startswith("glossary/")
    # The term's own entry first: the part listing it (the names the search box knows).
    assert hrefs[0] == paged_url + LANG_PREFIX[lang] + own
    page.assert_clean()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_name_lists_its_own_page_or_entry_first(paged_site: Path, browser: Browser, lang: str) -> None:
    """A term's own entry is on a part of the glossary: the first result is that part, at the term's anchor.
    A name two companies share lists both their pages first."""
    briefing = load_briefing(paged_site / "data", rel="data")
    site = paged_site / "site"
    names = [
        q
        for q in query_set(briefing, lang, page_blocks(site, lang, briefing.languages), own_pages(site, briefing, lang))
        if q.kind == "name"
    ]
    split = {q.text: q.own for q in names if any("/glossary/" in own and "/glossary/#" not in own for own in q.own)}
    shared = {q.text: q.own for q in names if len(q.own) > 1}
    # Every term by its Japanese and English name; the twins by their two names and their alias.
    assert len(split) == 2 * len(briefing["glossary"]) and len(shared) == 3, (split, shared)
    report = measure(site, briefing, lang, browser, kinds={"name"})
    assert report.names == len(names) and report.first_not_own == [], report.first_not_own[:20]
    assert report.kind_recall("name") == 1.0 and report.other_language == 0, report.misses[:10]
