"""Pages split into parts where one would pass the page size limit (generator/render/paging.py).

The build tests read a real ``mkdocs build --strict`` of a synthetic briefing with the limit lowered
(``paged_site`` in conftest.py); the sample briefing, small, is left whole (its golden pages say so).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
import yaml
from projectkit import PAGED_LIMIT_KB, SITE_EXTENSIONS
from support.linkcheck import check_site

from generator.glossary_links import GlossaryLinksExtension
from generator.load import load_briefing
from generator.load.labels import labels
from generator.mkdocs.sitemaps import page_times
from generator.render import paging
from generator.render.collation import initial

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ja", "en")


def lang_dir(site: Path, lang: str) -> Path:
    return site if lang == "ja" else site / lang


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def ids_on(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("かぶか", "か"), ("ガバナンス", "か"), ("ぱけっと", "は"), ("ゆにこーん", "や"), ("ん", "わ"), ("apple", "A"), ("5G", "5")],
)
def test_a_term_is_found_under_its_kana_row_or_letter(text: str, expected: str) -> None:
    assert initial(text) == expected


def test_the_sample_briefing_is_not_split() -> None:
    layout = paging.layout(load_briefing(ROOT / "data", rel="data"))
    assert layout.splits == {}
    assert layout.home_planned is None


def test_every_page_is_within_the_limit(paged_site: Path) -> None:
    sizes = {p.relative_to(paged_site / "site").as_posix(): p.stat().st_size for p in html_pages(paged_site / "site")}
    over = {p: s for p, s in sizes.items() if s > PAGED_LIMIT_KB * 1000}
    assert not over
    # The pages that were over the limit whole are split: each has parts in both languages.
    for lang in LANGS:
        root = lang_dir(paged_site / "site", lang)
        for folder in ("timeline", "glossary", "sources", "timeline/ai"):
            parts = [p for p in (root / folder).iterdir() if (p / "index.html").is_file()]
            assert len(parts) >= 2, (lang, folder)


def test_every_link_and_anchor_resolves(paged_site: Path) -> None:
    assert check_site(paged_site / "site") == []


def test_part_navigation_in_both_languages(paged_site: Path) -> None:
    for lang in LANGS:
        ui = labels(lang)["ui"]
        root = lang_dir(paged_site / "site", lang)
        first, second = (
            (root / "glossary" / "1" / "index.html").read_text(encoding="utf-8"),
            (root / "glossary" / "2" / "index.html").read_text(encoding="utf-8"),
        )
        assert ui["part_index"] in first and ui["part_index"] in second
        assert 'href="../2/"' in first  # next
        assert 'href="../1/"' in second  # previous
        index = (root / "glossary" / "index.html").read_text(encoding="utf-8")
        assert ui["parts_heading"] in index and 'href="1/"' in index and 'href="2/"' in index
        # The filters of a split timeline are links only: no status line for the script to fill.
        timeline = (root / "timeline" / "index.html").read_text(encoding="utf-8")
        assert "briefing-filter-status" not in timeline
        assert 'data-filter="year"' in timeline


def test_each_entry_is_on_one_part_where_its_links_go(paged_site: Path) -> None:
    briefing = load_briefing(paged_site / "data", rel="data")
    layout = paging.layout(briefing)
    for lang in LANGS:
        root = lang_dir(paged_site / "site", lang)
        for parent, collection in [("timeline/index.md", "events"), ("glossary.md", "glossary"), ("sources.md", "sources")]:
            split = layout.splits[parent]
            found: dict[str, int] = {}
            for part in split.parts[lang]:
                for anchor in ids_on(root / paging.site_url(part.path) / "index.html") & set(briefing[collection]):
                    found[anchor] = found.get(anchor, 0) + 1
            assert found == dict.fromkeys(briefing[collection], 1), (lang, parent)
        # The search box pins a term's entry on its part.
        names = json.loads((root / "search-names.json").read_text(encoding="utf-8"))
        for entity in names["entities"]:
            page, _, anchor = entity["url"].partition("#")
            if page.startswith("glossary/"):
                assert re.fullmatch(r"glossary/\d+/", page), entity["url"]
                assert anchor in ids_on(root / page / "index.html")
        # The feed's entries link to their part.
        feed = ET.parse(root / "feed.xml").getroot()
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link")
        assert entries
        for link in entries:
            page, _, anchor = link.attrib["href"].partition("#")
            assert anchor in ids_on(root / page / "index.html"), link.attrib["href"]


def test_glossary_links_go_to_the_terms_part() -> None:
    """A term's link goes to the part listing it where the glossary is split, to the glossary where not."""
    terms = [
        {"id": "large-model", "forms": ["大規模モデル"], "short": "大きなAIモデル", "page": "ja/glossary/2.md"},
        {"id": "chip", "forms": ["半導体"], "short": "集積回路"},
    ]
    ext = GlossaryLinksExtension(terms=terms, glossary="ja/glossary.md", page="ja/companies/acme.md", record=[])
    html = markdown.markdown("大規模モデルと半導体。", extensions=[*SITE_EXTENSIONS, ext])
    assert re.findall(r'<a [^>]*href="([^"]+)"', html) == ["../glossary/2.md#large-model", "../glossary.md#chip"]


def test_every_part_of_a_list_is_dated_by_its_whole_collection(paged_site: Path) -> None:
    """The sitemap's lastmod of each part of a split list: the last change of any file of the list's collection."""
    briefing = load_briefing(paged_site / "data", rel="data")
    files = {origin.doc.file for origin in briefing.origins.values()}
    newest = sorted(file for file in files if file.startswith("data/events/"))[-1]
    dated = page_times(briefing, {file: 2 if file == newest else 1 for file in files})
    parts = [path for path in dated if path.startswith("timeline/")]
    assert len(parts) > 1 and all(dated[path] == 2 for path in parts), parts
    assert dated["glossary/1.md"] == dated["glossary/2.md"] == 1


def test_old_anchors_of_a_split_page_name_their_part(paged_site: Path) -> None:
    """``timeline/#event-1`` bookmarked before the split: the page's script finds the part in parts.json."""
    briefing = load_briefing(paged_site / "data", rel="data")
    for lang in LANGS:
        root = lang_dir(paged_site / "site", lang)
        for folder, collection in [("timeline", "events"), ("glossary", "glossary"), ("sources", "sources")]:
            assert 'data-briefing-moved="parts.json"' in (root / folder / "index.html").read_text(encoding="utf-8")
            moved = json.loads((root / folder / "parts.json").read_text(encoding="utf-8"))
            assert set(moved["ids"]) == set(briefing[collection])
            for entity_id, at in moved["ids"].items():
                assert entity_id in ids_on(root / folder / moved["parts"][at] / "index.html")


PART_LABELS = ("part_title", "part_span", "part_year_undated", "part_previous", "part_next", "part_index", "parts_heading")


@pytest.mark.parametrize(
    "label_file",
    [
        ROOT / "generator" / "locales" / "ja.yaml",
        ROOT / "generator" / "locales" / "en.yaml",
        ROOT / "tests" / "fixtures" / "third-language" / "zh.yaml",
    ],
    ids=lambda p: p.name,
)
def test_every_label_file_names_the_parts(label_file: Path) -> None:
    ui = yaml.safe_load(label_file.read_text(encoding="utf-8"))["ui"]
    assert all(ui.get(key) for key in (*PART_LABELS, "part_count", "planned_more"))


def test_the_layout_is_worked_out_again_only_when_what_it_is_made_of_changed(paged_site: Path, tmp_path: Path) -> None:
    """Under mkdocs serve an unchanged file's facts are the same objects: a company edit keeps the layout, an event moved
    to another year makes it again, as a cold load would."""
    from bench.synth import company_file, edit_company
    from generator.load import FileCache

    data = Path(shutil.copytree(paged_site / "data", tmp_path / "data"))
    files = FileCache()
    first = paging.layout(load_briefing(data, cache=files))
    assert paging.layout(load_briefing(data, cache=files)) is first
    edit_company(company_file(data), "EDITED")
    assert paging.layout(load_briefing(data, cache=files)) is first
    events = sorted((data / "events").glob("*.yaml"))[0]
    text = events.read_text(encoding="utf-8")
    year = re.search(r"date: (\d{4})", text)
    assert year is not None
    other = "2019" if year.group(1) != "2019" else "2024"
    events.write_text(text.replace(year.group(0), f"date: {other}", 1), encoding="utf-8")
    moved = paging.layout(load_briefing(data, cache=files))
    assert moved is not first and moved.key() != first.key()
    assert moved.key() == paging._layout(load_briefing(data)).key()
