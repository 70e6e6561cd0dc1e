"""The pages a reader starts from (issue 15): the home page as a briefing's first page, the about page,
and the editors' material kept out of the readers' navigation and search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.pages import render_pages

from generator.load import load_briefing

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    wanted = {f"{lang}/{p}" for lang in ("ja", "en") for p in ("index.md", "about.md", "companies/xiaomi.md")}
    rendered = render_pages(load_briefing(ROOT / "data"), ROOT / "templates", only=wanted)
    return {k: v for k, v in rendered.items() if isinstance(v, str)}


def test_home_shows_key_figures_as_tiles_with_signed_change_period_and_source(pages: dict[str, str]) -> None:
    home = pages["ja/index.md"]
    tiles = home.split('<div class="briefing-tiles" markdown>')[1].split("</div>")[0]
    first = tiles.strip().split("\n- ")[0]
    assert "[売上高](companies/xiaomi.md#figures)" in first
    assert '<strong class="briefing-tile__value">595億元</strong>[^xiaomi-2023-q1-report]' in first
    assert '<span aria-hidden="true">▼</span> \\-18.9% 前年同期比' in first
    assert '<span class="briefing-tile__period">2023年第1四半期</span>' in first
    assert len(re.findall(r"^- ", tiles, re.MULTILINE)) == 6
    assert "▲</span> \\+13.1%" in pages["en/index.md"]


def test_home_takeaways_cite_with_separate_markers_only(pages: dict[str, str]) -> None:
    for lang in ("ja", "en"):
        home = pages[f"{lang}/index.md"]
        takeaways = home.split("{ #key-takeaways }")[1].split("\n## ")[0]
        lines = [line for line in takeaways.splitlines() if line.startswith("- ")]
        assert len(lines) == 7
        for line in lines:
            assert "](" not in line and "根拠" not in line and "Based on" not in line, line
            # Markers never touch: each is separated from the next by a comma.
            assert not re.search(r"\]\[\^", line), line
        assert '[^xiaomi-2023-q1-report]<sup class="briefing-cite-sep">,</sup>[^canalys-2023-q1]' in takeaways


def test_home_has_a_lead_chart_the_latest_events_and_what_to_watch(pages: dict[str, str]) -> None:
    home = pages["en/index.md"]
    assert "](charts/xiaomi-results-2023-q1.svg){ .briefing-chart" in home
    assert "[The chart's figures (table)](companies/xiaomi.md#chart-xiaomi-results-2023-q1)" in home
    latest = home.split("{ #latest-events }")[1].split("\n## ")[0]
    assert latest.strip().startswith("- **May 24, 2023** · Confirmed — [Xiaomi reports")
    watch = home.split("{ #what-to-watch }")[1].split("\n## ")[0]
    assert "**2024** · Planned — [Xiaomi's first car is due to enter mass production]" in watch


def test_about_page_says_what_it_covers_its_sources_their_limits_and_the_date(pages: dict[str, str]) -> None:
    about = pages["ja/about.md"]
    assert "- 時点：2023年5月" in about
    assert "企業13社、市場4、人物9人、出来事16件" in about
    assert "中国語の原文を機械翻訳した日本語版をもとにした" in about  # the source's own note
    assert "機械翻訳" in about.split("{ #limits }")[1]
    assert "[データの編集ガイド](editing.md)" in about
    en = pages["en/about.md"]
    assert "- As of: May 2023" in en and "machine translation" in en


def test_profile_opens_with_an_at_a_glance_box(pages: dict[str, str]) -> None:
    page = pages["ja/companies/xiaomi.md"]
    glance = page.split('<div class="briefing-glance" markdown>')[1].split("</div>")[0]
    assert "**スマートフォン・家電メーカー**" in glance
    assert "売上高：**" in glance and "▼</span> \\-18.9%" in glance
    assert "[雷軍](../people.md#lei-jun)" in glance
    assert "**次の予定**：2023年 — [シャオミのEVが計画どおり冬季・夏季テストを実施へ]" in glance
    order = [page.index(anchor) for anchor in ("{ #at-a-glance }", "{ #charts }", "{ #figures}", "{ #timeline}")]
    assert order == sorted(order)


def test_editors_pages_are_out_of_the_readers_nav_and_search(built_site: Path) -> None:
    # The navigation on a reader's page (the home page links to none of the editors' pages in its text).
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="about/" class="md-nav__link">' in home
    for editors in ("editing/", "reference/", "performance/"):
        assert f'href="{editors}"' not in home, editors
    for lang_root in (built_site, built_site / "en"):
        for editors in ("editing", "reference", "performance"):
            page = (lang_root / editors / "index.html").read_text(encoding="utf-8")
            assert "data-pagefind-body" not in page and '<meta name="robots" content="noindex">' in page
        about = (lang_root / "about" / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" in about and "noindex" not in about
    # Pagefind indexed every reader's page of each language, and only those.
    for lang, lang_root in (("ja", built_site), ("en", built_site / "en")):
        readers = [
            p
            for p in lang_root.rglob("index.html")
            if (lang == "en" or (built_site / "en") not in p.parents) and "noindex" not in p.read_text(encoding="utf-8")
        ]
        entry = json.loads((lang_root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"][lang]["page_count"] == len(readers), lang
