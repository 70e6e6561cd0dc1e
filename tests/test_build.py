"""A real ``mkdocs build --strict`` of the sample briefing: every page in both languages."""

from __future__ import annotations

import re
from pathlib import Path

PAGE_KINDS = [
    "index.html",
    "companies/index.html",
    "companies/xiaomi/index.html",
    "markets/index.html",
    "people/index.html",
    "timeline/index.html",
    "glossary/index.html",
    "sources/index.html",
    "reference/index.html",
    "about/index.html",
]


def _pages(site: Path) -> tuple[set[str], set[str]]:
    ja = {
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("en/", "pagefind/", "assets/"))
    }
    en = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html")}
    return ja, en


def test_every_page_exists_in_both_languages(built_site: Path) -> None:
    ja, en = _pages(built_site)
    assert ja == en
    for kind in PAGE_KINDS:
        assert kind in ja, f"{kind} missing"


def test_lang_attribute_matches_the_language_folder(built_site: Path) -> None:
    ja, en = _pages(built_site)
    for rel in ja:
        assert '<html lang="ja"' in (built_site / rel).read_text(encoding="utf-8"), rel
    for rel in en:
        assert '<html lang="en"' in (built_site / "en" / rel).read_text(encoding="utf-8"), rel


def test_heading_anchors_are_readable_not_positional(built_site: Path) -> None:
    heading_id = re.compile(r'<h[1-6][^>]* id="([^"]+)"')
    for page in built_site.rglob("*.html"):
        for anchor in heading_id.findall(page.read_text(encoding="utf-8")):
            assert not re.fullmatch(r"_\d*", anchor), f"positional anchor {anchor!r} in {page}"
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="このサイトについて"' in about


def test_generated_markdown_is_not_in_docs(built_site: Path) -> None:
    docs = built_site.parent / "docs"
    assert not (docs / "ja" / "companies").exists()
    assert (built_site.parent / "build" / "docs" / "ja" / "companies" / "xiaomi.md").is_file()
