"""A real ``mkdocs build --strict`` of the sample briefing: every page in both languages."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.load import load_briefing

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


class _Descriptions(HTMLParser):
    """The decoded ``<meta name="description">`` and ``og:description`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {"description": [], "og:description": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("name") or found.get("property") or ""
        if tag == "meta" and key in self.found:
            self.found[key].append(str(found.get("content") or ""))


def _description(page: Path) -> str:
    parser = _Descriptions()
    parser.feed(page.read_text(encoding="utf-8"))
    description, shared = parser.found["description"], parser.found["og:description"]
    assert len(description) == len(shared) == 1, f"{page}: one description and one og:description, not {parser.found}"
    assert description[0].strip() and shared == description, f"{page}: {parser.found}"
    return description[0]


KANA = re.compile("[ぁ-んァ-ヶ]")


def test_every_page_has_a_description_in_its_own_language(built_site: Path) -> None:
    ja, en = _pages(built_site)
    assert ja == en
    for rel in sorted(ja):
        ja_text, en_text = _description(built_site / rel), _description(built_site / "en" / rel)
        assert re.search("[ぁ-んァ-ヶ一-龥]", ja_text), f"{rel}: the Japanese description is not Japanese: {ja_text!r}"
        assert re.search("[A-Za-z]{3}", en_text) and not KANA.search(en_text), f"en/{rel}: not English: {en_text!r}"
        assert ja_text != en_text, rel


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


def test_header_shows_the_briefing_title_in_each_language(built_site: Path) -> None:
    """The theme's header (mkdocs.yml's site_name per language) says what data/site.yaml's title says."""
    titles = load_briefing(Path(__file__).resolve().parent.parent / "data").site.title
    for lang, home in (("ja", built_site / "index.html"), ("en", built_site / "en" / "index.html")):
        header = re.search(
            r'<div class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', home.read_text(encoding="utf-8")
        )
        assert header is not None
        assert html.unescape(header[1]) == titles[lang]
