"""generator/mkdocs/live.py without a server: when a dirty build builds everything, and when the glossary is converted again."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from generator.mkdocs.live import LiveSite, shown_everywhere


def _page(uri: str, title: str, editors: bool = False) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), title=title, meta={"editors": True} if editors else {})


def _old(path: Path) -> None:
    os.utime(path, (1_000_000, 1_000_000))


def test_everything_is_built_at_first_when_what_every_page_shows_changes_and_when_a_page_is_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    live = LiveSite(dirty=True)
    for shown, removed, full in [
        (("a",), [], True),
        (("a",), [], False),
        (("a",), ["en/downloads/events.csv"], False),
        (("a",), ["en/companies/acme.md"], True),
        (("b",), [], True),
    ]:
        (site / "en").mkdir(parents=True, exist_ok=True)
        (site / "en" / "index.html").write_text("old")
        assert live.start(site, shown, removed) is full, (shown, removed)
        assert (site / "en" / "index.html").exists() is not full  # a full build starts from an empty site folder


def test_a_page_whose_terms_or_title_changed_has_its_glossary_converted_again(tmp_path: Path) -> None:
    glossary = tmp_path / "en" / "glossary.md"
    glossary.parent.mkdir()
    glossary.write_text("# Glossary")
    part = tmp_path / "en" / "glossary" / "2.md"  # a long glossary is split in parts (paging.py)
    part.parent.mkdir()
    part.write_text("# Glossary (2)")
    live = LiveSite(dirty=True)
    live.note(_page("en/companies/acme.md", "Acme"), ["large-model"], tmp_path)
    for title, terms, touched in [
        ("Acme", ["large-model"], False),
        ("Acme Widgets", ["large-model"], True),
        ("Acme Widgets", ["large-model", "shipments"], True),
        ("Acme Widgets", [], True),
        ("Acme Inc.", [], False),  # in no "used on" list, before or after
    ]:
        _old(glossary)
        _old(part)
        live.note(_page("en/companies/acme.md", title), terms, tmp_path)
        assert [p.stat().st_mtime > 1_000_000 for p in (glossary, part)] == [touched, touched], (title, terms)


def test_the_glossary_lists_the_readers_pages_from_their_last_conversion(tmp_path: Path) -> None:
    live = LiveSite(dirty=True)
    live.note(_page("en/companies/acme.md", "Acme"), ["large-model"], tmp_path)
    live.note(_page("en/timeline/index.md", "Timeline"), ["large-model", "shipments"], tmp_path)
    live.note(_page("en/editing.md", "Editing", editors=True), ["shipments"], tmp_path)
    live.note(_page("ja/companies/acme.md", "アクメ"), ["large-model"], tmp_path)
    pages = [
        "en/companies/acme.md",
        "en/editing.md",
        "en/timeline/index.md",
        "ja/companies/acme.md",
    ]  # a removed page is in no list
    files = SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(src_uri=uri) for uri in pages])
    assert live.used("en", files) == {  # type: ignore[arg-type]
        "large-model": [("Acme", "companies/acme.md"), ("Timeline", "timeline/index.md")],
        "shipments": [("Timeline", "timeline/index.md")],
    }


def test_equal_terms_are_the_last_builds_objects_and_the_folder_sitemaps_follow_the_sitemap(tmp_path: Path) -> None:
    live = LiveSite(dirty=True)
    first = {"en": [{"id": "x", "forms": ["x"], "short": "X"}]}
    assert live.same_terms(first) is first
    assert live.same_terms({"en": [{"id": "x", "forms": ["x"], "short": "X"}]}) is first
    changed = {"en": [{"id": "x", "forms": ["x", "ex"], "short": "X"}]}
    assert live.same_terms(changed) is changed
    (tmp_path / "sitemap.xml").write_text("<urlset/>")
    assert [live.sitemaps_changed(tmp_path), live.sitemaps_changed(tmp_path)] == [True, False]
    (tmp_path / "sitemap.xml").write_text("<urlset><url/></urlset>")
    assert live.sitemaps_changed(tmp_path)
    assert LiveSite(dirty=False).sitemaps_changed(tmp_path), "without --dirty the site folder starts empty"


def test_what_every_page_shows_follows_the_settings_the_labels_the_overrides_and_the_terms(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yaml").write_text("title: x")
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "footer.html").write_text("x")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "en.yaml").write_text("x: y")

    def shown(terms: object = ()) -> tuple[object, ...]:
        return shown_everywhere(config, tmp_path / "data", [str(tmp_path / "overrides")], terms)

    before = shown()
    assert shown() == before
    assert shown(("term",)) != before
    for path in (
        config,
        tmp_path / "data" / "site.yaml",
        tmp_path / "overrides" / "partials" / "footer.html",
        tmp_path / "locales" / "en.yaml",
    ):
        _old(path)
        assert shown() != before, path
        before = shown()


def test_pages_the_dirty_build_did_not_read_keep_their_titles_for_the_navigation(tmp_path: Path) -> None:
    live = LiveSite(dirty=True)
    live.note(_page("en/companies/acme.md", "Acme"), [], tmp_path)
    unread = SimpleNamespace(file=SimpleNamespace(src_uri="en/companies/acme.md"), markdown=None, title=None)
    read = SimpleNamespace(file=SimpleNamespace(src_uri="en/companies/acme.md"), markdown="# Acme Widgets", title="Acme Widgets")
    files = SimpleNamespace(documentation_pages=lambda: [unread.file, read.file])
    unread.file.page, read.file.page = unread, read
    live.keep_titles(files)  # type: ignore[arg-type]
    assert (unread.title, read.title) == ("Acme", "Acme Widgets")
