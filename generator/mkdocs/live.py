"""Live preview: a save under ``mkdocs serve --dirty`` rebuilds only the pages whose Markdown changed.

The generator writes a page's Markdown only when it changed, and renders again the pages that
list what changed (``incremental.py``); MkDocs' dirty build then converts only the Markdown newer
than its HTML, for each language. What a page shows besides its own Markdown is kept right here:

- the glossary lists the pages using each term: each converted page's title and terms are kept,
  and a page whose terms or title changed has its language's glossary converted again;
- what every page shows (mkdocs.yml, data/site.yaml, the label files, the theme's overrides, the
  glossary terms every page links): when it changed, or a page was removed, the site folder is
  emptied and everything is built, as without ``--dirty``;
- unchanged pages keep their titles in the navigation of the pages built again;
- unchanged glossary terms keep their compiled matcher;
- the folder sitemaps are written again only when the site's sitemap changed.

Search is indexed again in the background (``search.BackgroundSearch``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.utils import clean_directory

from ..render import GLOSSARY_PAGE
from .siteconfig import OVERRIDES_DIR

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass(frozen=True)
class PageRecord:
    """What the glossary and the navigation show of a page converted in an earlier build."""

    title: str | None
    editors: bool
    terms: tuple[str, ...]


@dataclass
class LiveSite:
    """What a dirty build under ``mkdocs serve`` knows of the builds before it (one per served project)."""

    dirty: bool = False
    records: dict[str, PageRecord] = field(default_factory=dict)
    # What every page shows, as of the last build: a change builds everything.
    shown: tuple[Any, ...] | None = None
    sitemap: bytes | None = None
    terms: dict[str, list[dict[str, Any]]] | None = None

    def serve(self, serving: bool, dirty: bool) -> None:
        """At the start of the process: whether saves rebuild only what they changed."""
        self.dirty = serving and dirty
        if serving and not dirty:
            log.info("briefing: each save rebuilds every page; `mkdocs serve --dirty` rebuilds only what the save changed")

    def begin(self, config: Any, data_dir: Path, links: Any, removed: Iterable[str]) -> None:
        """At the start of a dirty build, once the Markdown is written: everything is built again if what every page
        shows changed; the glossary links (``glossary.TermLinks``) keep the last build's term lists if they are equal."""
        if not self.dirty:
            return
        links.terms = self.same_terms(links.terms)
        theme_dirs = {config.theme.custom_dir or str(OVERRIDES_DIR), str(OVERRIDES_DIR)}
        self.start(
            Path(config.site_dir), shown_everywhere(Path(config.config_file_path), data_dir, theme_dirs, links.terms), removed
        )

    def start(self, site_dir: Path, shown: tuple[Any, ...], removed: Iterable[str]) -> bool:
        """At the start of a dirty build, once the Markdown is written (``removed``: the files it removed): True if everything is built again."""
        # A removed page's HTML would stay in the site, and still be served.
        full = shown != self.shown or any(path.endswith(".md") for path in removed)
        self.shown = shown
        if full:
            clean_directory(str(site_dir))
            self.records.clear()
            self.sitemap = None
        return full

    def same_terms(self, terms: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        """The last build's term lists if they are equal: the glossary links compile one matcher per list (seconds at L)."""
        if terms != self.terms:
            self.terms = terms
        return self.terms

    def note(self, page: Any, terms: Iterable[str], docs_dir: Path) -> None:
        """Keep what a converted page shows elsewhere; its glossary is converted again if that changed."""
        uri = page.file.src_uri
        record = PageRecord(page.title, bool(page.meta.get("editors")), tuple(terms))
        before = self.records.get(uri)
        self.records[uri] = record
        if self.dirty and before != record and (record.terms or (before is not None and before.terms)):
            folder = docs_dir / uri.partition("/")[0]
            # Newer than their HTML: the dirty build converts them, after this page (the glossary comes last).
            # Every part of a glossary split in parts (paging.py), each listing where its terms are used.
            for glossary in [folder / GLOSSARY_PAGE, *sorted((folder / "glossary").glob("*.md"))]:
                if glossary.is_file():
                    os.utime(glossary)

    def used(self, lang: str, files: Files) -> dict[str, list[tuple[str, str]]]:
        """Per glossary term, the readers' pages of ``lang`` using it: (title, path in the language), in the files' order."""
        used: dict[str, list[tuple[str, str]]] = {}
        for file in files.documentation_pages():
            record = self.records.get(file.src_uri)
            if file.src_uri.startswith(f"{lang}/") and record is not None and not record.editors:
                for term_id in record.terms:
                    used.setdefault(term_id, []).append((record.title or "", file.src_uri.partition("/")[2]))
        return used

    def keep_titles(self, files: Files) -> None:
        """Pages the dirty build did not read have no title: give them their last one, for the navigation."""
        if not self.dirty:
            return
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.markdown is None and (record := self.records.get(file.src_uri)) is not None:
                page.title = record.title

    def sitemaps_changed(self, site_dir: Path) -> bool:
        """Whether the site's sitemap changed since the last build (always, without ``--dirty``)."""
        sitemap = site_dir / "sitemap.xml"
        data = sitemap.read_bytes() if sitemap.is_file() else None
        changed = not self.dirty or data != self.sitemap
        self.sitemap = data
        return changed


def shown_everywhere(config_file: Path, data_dir: Path, theme_dirs: Iterable[str], glossary: object) -> tuple[Any, ...]:
    """What every page shows besides its Markdown: the files it comes from (their modification times) and the terms."""
    files = [config_file, data_dir / "site.yaml", *sorted((config_file.parent / "locales").glob("*.yaml"))]
    for folder in theme_dirs:
        files += sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return (tuple((str(p), p.stat().st_mtime_ns) for p in files if p.is_file()), glossary)
