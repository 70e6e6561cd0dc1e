"""What a reader sees in a real browser: glossary tooltips, charts and the timeline, in both languages.

Screenshots go to artifacts/screenshots/ for review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import SCREENSHOTS, Watched

LANGS = {"ja": "", "en": "en/"}


class Reader:
    """Opens pages of the served site in one watched tab and saves screenshots."""

    def __init__(self, watched: Watched, base: str) -> None:
        self.watched, self.base = watched, base

    def open(self, path: str) -> Any:
        self.watched.goto(self.base + path)
        return self.watched.page

    def screenshot(self, target: Any, name: str, **kwargs: Any) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        target.screenshot(path=str(path), **kwargs)
        return path


@pytest.fixture
def reader(new_page: Callable[..., Watched], site_urls: dict[str, str]) -> Iterator[Reader]:
    r = Reader(new_page(1100, 900), site_urls["root"])
    yield r
    r.watched.assert_clean()


def glossary_shorts(site: Path, lang: str) -> dict[str, str]:
    """Short definitions as the glossary data gives them, read back from the built pages' tooltips."""
    root = site / LANGS[lang]
    shorts: dict[str, str] = {}
    for page in root.rglob("index.html"):
        if lang == "ja" and (site / "en") in page.parents:
            continue
        for term_id, short in re.findall(
            r'id="briefing-term-([a-z0-9-]+)" role="tooltip">([^<]+)<', page.read_text(encoding="utf-8")
        ):
            shorts[term_id] = short
    return shorts


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_tooltip_shows_on_hover_and_focus(lang: str, reader: Any, built_site: Path) -> None:
    page = reader.open(f"{LANGS[lang]}timeline/")
    term = page.locator(".briefing-term").first
    link, tip = term.locator("a"), term.locator(".briefing-term__tip")
    assert tip.is_hidden()
    link.scroll_into_view_if_needed()
    link.hover()
    tip.wait_for(state="visible")
    term_id = tip.get_attribute("id").removeprefix("briefing-term-")  # type: ignore[union-attr]
    assert tip.inner_text() == glossary_shorts(built_site, lang)[term_id]
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    box, link_box = tip.bounding_box(), link.bounding_box()
    assert box and link_box and box["y"] >= link_box["y"] + link_box["height"] - 1  # under the term, not over it
    reader.screenshot(page, f"glossary-tooltip-{lang}")
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    link.focus()
    tip.wait_for(state="visible")
    assert re.search(r"glossary/#" + term_id + "$", link.get_attribute("href") or "")


@pytest.mark.parametrize("where", ["companies/xiaomi", "markets/smartphones", "markets/pcs"])
@pytest.mark.parametrize("lang", LANGS)
def test_charts_load_and_are_screenshotted(lang: str, where: str, reader: Any) -> None:
    page = reader.open(f"{LANGS[lang]}{where}/")
    charts = page.locator("img.briefing-chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        assert chart.get_attribute("alt")
        assert chart.evaluate("img => img.getBoundingClientRect().width") > 200
        # The same figures as a table right under the chart (after the line that points to it and to the download).
        assert chart.evaluate(
            "img => { const links = img.closest('p').nextElementSibling; const next = links.nextElementSibling;"
            " return links.classList.contains('briefing-chart-links') && (next.tagName === 'TABLE' || !!next.querySelector('table')); }"
        )
        reader.screenshot(chart, f"chart-{lang}-{where.split('/')[-1]}-{i + 1}")


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_marks_status_and_narrows_by_topic(lang: str, reader: Any) -> None:
    page = reader.open(f"{LANGS[lang]}timeline/")
    events = page.locator("li.briefing-event")
    assert events.count() >= 1
    reader.screenshot(page, f"timeline-{lang}", full_page=True)
    # Narrowing works without script: each topic filter links to the topic's page (a script filters in place).
    topic = page.locator('.briefing-filters a[data-filter="topics"]').first
    href = topic.get_attribute("href") or ""
    reader.open(f"{LANGS[lang]}timeline/{href}")
    assert page.url.endswith("/timeline/" + href)
    assert 1 <= page.locator("li.briefing-event").count() <= events.count()
    reader.screenshot(page, f"timeline-topic-{lang}", full_page=True)
