"""What a reader sees in a real browser: glossary tooltips, charts and the timeline, in both languages.

Screenshots go to artifacts/screenshots/ for review.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

LANGS = {"ja": "", "en": "en/"}
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]


class Reader:
    """A browser tab on the served site that records console errors and requests leaving it."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.errors: list[str] = []
        self.external: list[str] = []

    def open(self, path: str) -> Any:
        page = self.context.new_page()
        # Failed loads are recorded by URL from the responses; Material's language selector asks for
        # sitemap.xml files the i18n build does not write (a site-wide issue outside this test).
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith("/sitemap.xml") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((self.base, "data:", "blob:")) else self.external.append(r.url))
        page.goto(self.base + path)
        return page

    def screenshot(self, target: Any, name: str, **kwargs: Any) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        target.screenshot(path=str(path), **kwargs)
        return path


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


@pytest.fixture
def reader(browser: Any, served: str) -> Iterator[Reader]:
    r = Reader(browser, served)
    yield r
    r.context.close()
    assert not r.errors, r.errors
    assert not r.external, r.external


def glossary_shorts(site: Path, lang: str) -> dict[str, str]:
    """Short definitions as the glossary data gives them, read back from the built pages' tooltips."""
    root = site / LANGS[lang]
    shorts: dict[str, str] = {}
    for page in root.rglob("index.html"):
        if lang == "ja" and (site / "en") in page.parents:
            continue
        for term_id, short in re.findall(r'id="briefing-term-([a-z0-9-]+)" role="tooltip">([^<]+)<', page.read_text(encoding="utf-8")):
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
        # The same figures as a table right under the chart.
        assert chart.evaluate("img => { const next = img.closest('p').nextElementSibling; return next.tagName === 'TABLE' || !!next.querySelector('table'); }")
        reader.screenshot(chart, f"chart-{lang}-{where.split('/')[-1]}-{i + 1}")


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_marks_status_and_narrows_by_topic(lang: str, reader: Any) -> None:
    page = reader.open(f"{LANGS[lang]}timeline/")
    events = page.locator("li.briefing-event")
    assert events.count() >= 1
    reader.screenshot(page, f"timeline-{lang}", full_page=True)
    # Narrowing works without script: the "by topic" line links to a page per topic.
    topic = page.locator("h2#filter + ul > li").last.locator("a").first
    href = topic.get_attribute("href") or ""
    topic.click()
    page.wait_for_load_state()
    assert page.url.endswith("/timeline/" + href)
    assert 1 <= page.locator("li.briefing-event").count() <= events.count()
    reader.screenshot(page, f"timeline-topic-{lang}", full_page=True)
