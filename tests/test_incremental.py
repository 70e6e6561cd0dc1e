"""Incremental generation (``mkdocs serve``, the benchmark's one-company edit): the same output as a cold run, with less work."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import generate
from generator.incremental import RenderCache
from generator.load import load_briefing
from generator.render import GLOSSARY_PAGE, render_site

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        file = data / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def add_company(data: Path) -> None:
    (data / "companies" / "byd.yaml").write_text(
        "name: {ja: BYD, en: BYD}\ncategory: {ja: 自動車メーカー, en: Carmaker}\n"
        "summary: {ja: 中国の自動車メーカー。, en: A Chinese carmaker.}\n",
        encoding="utf-8",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "a company's summary": replace("companies/apple.yaml", "AI is a big change", "AI is a very big change"),
    "a company's name": replace("companies/xiaomi.yaml", "en: Xiaomi}", "en: Xiaomi Corp.}"),
    "a figure": replace("metrics/xiaomi-2023-q1.yaml", "value: 59.5", "value: 59.6"),
    "an event's title": replace("events/events.yaml", "Xiaomi announces it will make cars", "Xiaomi says it will make cars"),
    "a glossary term": replace("glossary/terms.yaml", "en: shipments", "en: unit shipments"),
    "a source's title": replace("sources/zimubang-2023-05.yaml", "ja: ", "ja: 【記事】"),
    "a new company": add_company,
    "what is general knowledge": replace(
        "companies/alibaba.yaml", "general_knowledge: [category, website, aliases]", "general_knowledge: [website]"
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_second_run_after_an_edit_writes_what_a_cold_run_writes(edit: str, tmp_path: Path) -> None:
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    cache = RenderCache()
    generate(data, TEMPLATES, tmp_path / "warm", cache=cache)
    files_read = cache.loaded.read
    EDITS[edit](data)
    again = generate(data, TEMPLATES, tmp_path / "warm", cache=cache)
    generate(data, TEMPLATES, tmp_path / "cold")
    warm, cold = tree(tmp_path / "warm"), tree(tmp_path / "cold")
    assert warm.keys() == cold.keys()
    assert [p for p in warm if warm[p] != cold[p]] == []
    assert again.written, "the edit shows somewhere"
    assert cache.loaded.read - files_read == 1, "only the edited file is read again"


def test_a_summary_edit_renders_and_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    cache = RenderCache()
    generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    downloads = cache.results["site_files"][1]
    sources = cache.pages["en/sources.md"]
    EDITS["a company's summary"](data)
    again = generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    assert again.written == ["en/companies/apple.md"]  # the English text was edited; the Japanese page is as it was
    # Pages that read the whole company (its page, the lists of companies) are rendered again; the timeline,
    # which shows only names, is not; downloads show no summary and are not made again.
    assert cache.rendered < 10
    assert cache.results["site_files"][1] is downloads
    # The sources page lists what is general knowledge and links companies by name: no summary.
    assert cache.pages["en/sources.md"] is sources


def test_a_summary_edit_leaves_the_home_pages_unrendered(tmp_path: Path) -> None:
    """The home page reads the latest events and the companies' categories, never a summary: a page that
    read more than it shows would be rendered on every save."""
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    cache = RenderCache()
    generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    EDITS["a company's summary"](data)
    generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    assert "en/companies/apple.md" in cache.rendered_pages
    assert not {"ja/index.md", "en/index.md", "ja/timeline/index.md", "en/timeline/index.md"} & set(cache.rendered_pages)


def test_a_name_edit_renders_every_page_showing_the_name(tmp_path: Path) -> None:
    """A wrong dependency cannot print a stale name: every page whose cold text changes was rendered again."""
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    cache = RenderCache()
    generate(data, TEMPLATES, tmp_path / "before", cache=cache)
    before = tree(tmp_path / "before")
    EDITS["a company's name"](data)
    generate(data, TEMPLATES, tmp_path / "warm", cache=cache)
    generate(data, TEMPLATES, tmp_path / "cold")
    cold = tree(tmp_path / "cold")
    changed = {p for p in cold if p.endswith(".md") and cold[p] != before.get(p)}
    assert len(changed) > 5, "the name shows on many pages"
    assert changed <= set(cache.rendered_pages)


def test_a_name_edit_makes_the_downloads_again(tmp_path: Path) -> None:
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    cache = RenderCache()
    generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    EDITS["a company's name"](data)
    again = generate(data, TEMPLATES, tmp_path / "out", cache=cache)
    assert "en/downloads/metrics.csv" in again.written
    assert "Xiaomi Corp." in (tmp_path / "out" / "en" / "downloads" / "metrics.csv").read_text(encoding="utf-8-sig")


def test_a_template_edit_renders_every_page_again(tmp_path: Path) -> None:
    templates = Path(shutil.copytree(ROOT / "generator" / "templates", tmp_path / "templates"))
    shutil.copytree(TEMPLATES, templates, dirs_exist_ok=True)  # the project's own, over the package's
    cache = RenderCache()
    first = generate(ROOT / "data", templates, tmp_path / "out", cache=cache)
    pages = len([p for p in first.written if p.endswith(".md")])
    company = templates / "company.md.j2"
    company.write_text(company.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    generate(ROOT / "data", templates, tmp_path / "out", cache=cache)
    assert cache.rendered == pages


def test_the_glossary_rendered_again_in_the_same_run_shows_the_pages_using_each_term(tmp_path: Path) -> None:
    """The plugin renders the glossary again once the pages are converted, over the same facts: the lists it is given then
    show, and the next save's lists do too, in either direction."""
    briefing = load_briefing(ROOT / "data")
    cache = RenderCache()
    render_site(briefing, TEMPLATES, cache=cache)
    page = f"en/{GLOSSARY_PAGE}"
    term = next(iter(briefing.glossary))
    for title in ("First page using it", "Second page using it", "First page using it"):
        lists = {"en": {term: [(title, "companies/xiaomi.md")]}}
        text = render_site(briefing, TEMPLATES, only={page}, cache=cache, term_pages=lists).pages[page]
        assert title in text
        assert cache.rendered == 1
    again = render_site(briefing, TEMPLATES, only={page}, cache=cache, term_pages=lists)
    assert (again.pages[page], cache.rendered) == (text, 0), "the same lists: the glossary is reused"
