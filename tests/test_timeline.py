"""The timeline: grouped by year and quarter, planned events marked, narrowed by company or topic without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from projectkit import SITE_EXTENSIONS
from support.pages import render_pages

from generator.load import load_briefing

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {k: v for k, v in render_pages(load_briefing(MINI), ROOT / "templates").items() if isinstance(v, str)}


def html(text: str) -> str:
    return markdown.markdown(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL), extensions=SITE_EXTENSIONS)


def items(page_html: str) -> dict[str, str]:
    """Event id → class of its list item."""
    out = {}
    for attrs in re.findall(r"<li ([^>]*)>", page_html):
        found = dict(re.findall(r'([a-z-]+)="([^"]*)"', attrs))
        if "id" in found:
            out[found["id"]] = found.get("class", "")
    return out


def event_attributes(page_html: str) -> list[dict[str, str]]:
    """The attributes of each event's list item."""
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', a)) for a in re.findall(r'<li ([^>]*class="briefing-event[^>]*)>', page_html)]


def test_events_are_grouped_by_year_then_quarter(pages: dict[str, str]) -> None:
    headings = re.findall(r"^#{2,3} (.+?) \{", pages["ja/timeline/index.md"], re.MULTILINE)
    assert headings == ["絞り込み", "2021年", "時期未詳", "2023年", "2023年第2四半期", "2024年", "時期未詳"]


def test_planned_and_reported_events_carry_their_status_as_a_class_and_a_label(pages: dict[str, str]) -> None:
    classes = items(html(pages["ja/timeline/index.md"]))
    assert classes["acme-mass-production"] == "briefing-event briefing-event--planned"
    assert classes["globex-report"] == "briefing-event briefing-event--reported"
    assert classes["acme-team"] == "briefing-event briefing-event--happened"
    assert "**2024年** · 予定 — アクメの量産開始" in pages["ja/timeline/index.md"]
    assert "**2024** · Planned — Acme starts mass production" in pages["en/timeline/index.md"]


def test_company_pages_mark_status_too(pages: dict[str, str]) -> None:
    page = html(pages["en/companies/acme.md"])
    assert "briefing-event briefing-event--planned" in [a["class"] for a in event_attributes(page)]
    assert 'href="../timeline/index.md">All events (timeline)</a>' in page


def test_the_timeline_links_to_one_page_per_topic_and_each_company_timeline(pages: dict[str, str]) -> None:
    timeline = pages["ja/timeline/index.md"]
    # Each filter is a link (it works without a script) that a script can read (data-filter, data-value).
    assert (
        '- 企業別：[アクメ（4件）](../companies/acme.md#timeline){: data-filter="companies" data-value="acme" }、'
        '[グローベックス（2件）](../companies/globex.md#timeline){: data-filter="companies" data-value="globex" }' in timeline
    )
    assert (
        '- トピック別：[AI（1件）](../timeline/ai.md){: data-filter="topics" data-value="ai" }、'
        '[自動車（3件）](../timeline/cars.md){: data-filter="topics" data-value="cars" }' in timeline
    )
    assert '- By topic: [AI (1)](../timeline/ai.md){: data-filter="topics" data-value="ai" }' in pages["en/timeline/index.md"]
    assert '[2023 (3)](../timeline/index.md#y2023){: data-filter="year" data-value="2023" }' in pages["en/timeline/index.md"]
    for lang in ("ja", "en"):
        for link in re.findall(r"\]\(\.\./(companies/[a-z-]+)\.md#timeline\)", pages[f"{lang}/timeline/index.md"]):
            assert "{ #timeline}" in pages[f"{lang}/{link}.md"]


def test_events_carry_what_the_filters_select_on(pages: dict[str, str]) -> None:
    events = {a["id"]: a for a in event_attributes(html(pages["en/timeline/index.md"]))}
    assert events["acme-mass-production"]["data-year"] == "2024"
    assert "acme" in events["acme-mass-production"]["data-companies"].split()
    assert "cars" in events["acme-mass-production"]["data-topics"].split()


def test_an_event_known_only_to_its_year_follows_the_dated_events_of_that_year() -> None:
    # The sample briefing has 2023 events dated to the day, the month, and only the year.
    page = render_pages(load_briefing(ROOT / "data"), ROOT / "templates", only={"en/timeline/index.md"})["en/timeline/index.md"]
    assert isinstance(page, str)
    headings = re.findall(r"^#{2,3} .+? \{ #(y2023[a-z0-9-]*) \}", page, re.MULTILINE)
    assert headings[0] == "y2023" and headings[-1] == "y2023-undated" and len(headings) > 2, headings
    order = list(items(html(page)))
    assert order.index("xiaomi-q1-2023-results") < order.index("wsj-apple-chatgpt-ban-bobcat")


def test_a_topic_page_holds_only_that_topic_and_links_back(pages: dict[str, str]) -> None:
    cars = pages["en/timeline/cars.md"]
    assert cars.startswith('---\ndescription: "Timeline: Cars"\n---\n\n# Timeline: Cars\n')
    ids = {i for i in items(html(cars)) if not i.startswith("fn:")}
    assert ids == {"acme-founded", "globex-report", "acme-mass-production"}
    assert "[All events (timeline)](../timeline/index.md)" in cars
    assert "Companies: [Acme](../companies/acme.md)" in cars
    assert "[^survey]: Research Co" in cars  # sources of the events shown, and only those
    assert "# 年表：AI" in pages["ja/timeline/ai.md"]
    assert {i for i in items(html(pages["ja/timeline/ai.md"])) if not i.startswith("fn:")} == {"acme-team"}


def test_event_topics_link_to_their_topic_page(pages: dict[str, str]) -> None:
    assert "トピック：[自動車](../timeline/cars.md)" in pages["ja/timeline/index.md"]
    assert "Topics: [AI](../timeline/ai.md)" in pages["en/timeline/ai.md"]


def test_built_topic_pages_exist_in_both_languages(built_site: Path) -> None:
    for root in (built_site, built_site / "en"):
        timeline = (root / "timeline" / "index.html").read_text(encoding="utf-8")
        topic_links = re.findall(r'href="([a-z0-9-]+)/"', timeline)
        assert topic_links, "the timeline links no topic page"
        for slug in topic_links:
            assert (root / "timeline" / slug / "index.html").is_file(), slug
