"""The timeline: grouped by year and quarter, planned events marked, narrowed by company or topic without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from projectkit import SITE_EXTENSIONS

from generator.render import render_pages
from generator.validate import load_briefing

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {k: v for k, v in render_pages(load_briefing(MINI), ROOT / "templates").items() if isinstance(v, str)}


def html(text: str) -> str:
    return markdown.markdown(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL), extensions=SITE_EXTENSIONS)


def items(page_html: str) -> dict[str, str]:
    """Event id → class of its list item."""
    return dict((m[1], m[0]) for m in re.findall(r'<li class="([^"]+)" id="([^"]+)">', page_html))


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
    assert '<li class="briefing-event briefing-event--planned">' in page
    assert 'href="../timeline/index.md">All events (timeline)</a>' in page


def test_the_timeline_links_to_one_page_per_topic_and_each_company_timeline(pages: dict[str, str]) -> None:
    timeline = pages["ja/timeline/index.md"]
    assert (
        "- 企業別：[アクメ](../companies/acme.md#timeline)（4件）、[グローベックス](../companies/globex.md#timeline)（2件）"
        in timeline
    )
    assert "- トピック別：[AI](../timeline/ai.md)（1件）、[自動車](../timeline/cars.md)（3件）" in timeline
    assert "- By topic: [AI](../timeline/ai.md) (1), [Cars](../timeline/cars.md) (3)" in pages["en/timeline/index.md"]
    for lang in ("ja", "en"):
        for link in re.findall(r"\]\(\.\./(companies/[a-z-]+)\.md#timeline\)", pages[f"{lang}/timeline/index.md"]):
            assert "{ #timeline}" in pages[f"{lang}/{link}.md"]


def test_a_topic_page_holds_only_that_topic_and_links_back(pages: dict[str, str]) -> None:
    cars = pages["en/timeline/cars.md"]
    assert cars.startswith('---\ndescription: "Timeline: Cars"\n---\n\n# Timeline: Cars\n')
    ids = set(items(html(cars)))
    assert ids == {"acme-founded", "globex-report", "acme-mass-production"}
    assert "[All events (timeline)](../timeline/index.md)" in cars
    assert "Companies: [Acme](../companies/acme.md)" in cars
    assert "[^survey]: Research Co" in cars  # sources of the events shown, and only those
    assert "# 年表：AI" in pages["ja/timeline/ai.md"]
    assert set(items(html(pages["ja/timeline/ai.md"]))) == {"acme-team"}


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
