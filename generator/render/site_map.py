"""The site's layout, in one place: the pages made, where each kind of entry is shown, and where each language lives.

The first language's pages are the site's root; every other language has its own folder beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import paging
from ..model import Briefing

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
PAGE_OF = {
    "companies": "companies/{id}.md",
    "markets": "markets/{id}.md",
    "people": "people.md#{id}",
    "glossary": "glossary.md#{id}",
    "sources": "sources.md#{id}",
    "events": "timeline/index.md#{id}",
    "quotes": "people.md#quote-{id}",
}


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, which template, and what it is about."""

    path: str
    template: str
    subject: tuple[str, str] | None = None


def plan(briefing: Briefing) -> list[PageSpec]:
    """Every generated page, the same in each language."""
    pages = [
        PageSpec(HOME_PAGE, "home.md.j2"),
        PageSpec("companies/index.md", "companies.md.j2"),
        PageSpec("markets/index.md", "markets.md.j2"),
        PageSpec("people.md", "people.md.j2"),
        PageSpec("timeline/index.md", "timeline.md.j2"),
        PageSpec(GLOSSARY_PAGE, "glossary.md.j2"),
        PageSpec("sources.md", "sources.md.j2"),
        PageSpec("about.md", "about.md.j2"),
        PageSpec("reference.md", "reference.md.j2"),
    ]
    pages += [PageSpec(f"companies/{cid}.md", "company.md.j2", ("companies", cid)) for cid in sorted(briefing["companies"])]
    pages += [PageSpec(f"markets/{mid}.md", "market.md.j2", ("markets", mid)) for mid in sorted(briefing["markets"])]
    topics = sorted({t for e in briefing.events.values() for t in e.topics})
    pages += [PageSpec(f"timeline/{tid}.md", "timeline-topic.md.j2", ("topics", tid)) for tid in topics]
    parents = {spec.path: spec for spec in pages}
    pages += [replace(parents[parent], path=path) for path, parent in paging.layout(briefing).pages()]
    return pages


def picture_path(chart_id: str) -> str:
    """Where a chart's picture is inside a language folder."""
    return f"charts/{chart_id}.svg"


def language_folder(lang: str, languages: Sequence[str]) -> str:
    """The folder of a language's pages from the site root: "" for the first language, else ``"<lang>/"``."""
    return "" if lang == languages[0] else f"{lang}/"


def site_path(path: str, languages: Sequence[str]) -> str:
    """Where a generated file (``"<lang>/companies/x.md"``) is in the built site: the first language's at the root."""
    lang, _, rest = path.partition("/")
    return rest if lang == languages[0] else path


def search_bundle(lang: str, languages: Sequence[str]) -> str:
    """Where a language's search index is, relative to the site root: each language has its own."""
    return language_folder(lang, languages) + "pagefind"
