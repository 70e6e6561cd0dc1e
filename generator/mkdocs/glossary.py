"""The glossary's back-links: which pages use each term, known only as MkDocs converts the pages.

The glossary-links Markdown extension links a page's terms and records which it linked; the
glossary (and each of its parts, where it is split), converted last, is rendered again with the
pages that use each term.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data as get_markdown_and_meta

from ..glossary_links import EXTENSION as GLOSSARY_LINKS
from ..glossary_links import terms_for
from ..incremental import RenderCache
from ..model import Briefing
from ..render import GLOSSARY_PAGE, TermPages, render_site
from ..render.paging import is_glossary, term_parts
from .live import LiveSite


def glossary_last(files: Files) -> Files:
    """MkDocs converts pages in this order: the glossary, converted last, can list the pages using each term."""
    for file in [f for f in files.documentation_pages() if is_glossary(f.src_uri.partition("/")[2])]:
        files.remove(file)
        files.append(file)
    return files


class TermLinks:
    """The terms each page may link, and those it did link, for one build of the given languages."""

    def __init__(self, briefing: Briefing, languages: list[str], live: LiveSite) -> None:
        self.briefing, self.live = briefing, live
        self.terms = {lang: terms_for(briefing, lang, term_parts(briefing, lang)) for lang in languages}
        self.linked: dict[str, list[str]] = {}

    def configure(self, src_uri: str, config: MkDocsConfig) -> None:
        """Configure the extension for one page: its language's terms (none on the glossary itself),
        the paths its links are made relative to, and the list that records what it linked."""
        if GLOSSARY_LINKS in config.markdown_extensions:
            lang, _, rest = src_uri.partition("/")
            config.mdx_configs[GLOSSARY_LINKS] = {
                "terms": self.terms.get(lang, []) if not is_glossary(rest) else [],
                "page": src_uri,
                "glossary": f"{lang}/{GLOSSARY_PAGE}",
                "record": self.linked.setdefault(src_uri, []),
            }

    def converted(self, page: Any, docs_dir: Path) -> None:
        """After MkDocs converted a page: what the glossary lists of it is kept (``live.py``)."""
        self.live.note(page, self.linked.get(page.file.src_uri, []), docs_dir)

    def glossary(
        self, uri: str, files: Files, templates_dir: Path, term_pages: dict[str, TermPages], cache: RenderCache | None
    ) -> str:
        """The Markdown of the glossary (or one of its parts) at ``uri`` with each term's "used on" list (the readers' pages
        converted in this build and, under ``mkdocs serve --dirty``, in the builds before); ``term_pages`` gets its language's lists."""
        lang = uri.partition("/")[0]
        term_pages[lang] = self.live.used(lang, files)
        text = render_site(self.briefing, templates_dir, only={uri}, cache=cache, term_pages=term_pages).pages[uri]
        markdown: str = get_markdown_and_meta(text)[0]
        return markdown
