"""A briefing split into parts (generator/render/paging.py), in the browser: old anchors lead to their part, search finds entries there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import SUB_PATH, SiteServer, Watched
from test_search import results

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
