"""Rendering: a validated Briefing → Markdown pages, one set per language, and the chart pictures they show.

Python decides what is on a page (lookups, ordering, grouping); the Jinja
templates decide how it reads. Every value printed by a template is escaped
for Markdown and HTML unless it is Markdown the generator built itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..incremental import RenderCache, TrackedBriefing, TrackedList, source_key
from ..load.labels import locale_dirs
from ..model import Briefing, Event, Term
from . import paging
from .charts import Charts, Drawing
from .collation import collation_key, glossary_reading
from .environment import make_environment, template_dirs
from .formatting import Formatter
from .lookups import LATEST_EVENTS, Index, event_order, index_of
from .page import PageContext
from .site_map import HOME_PAGE, PageSpec, plan

TermPages = Mapping[str, Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class Paged:
    """What a split page or one of its parts shows of the split: every part, this one, and its neighbours."""

    parent: str
    parts: tuple[paging.Part, ...]
    current: paging.Part | None = None
    previous: paging.Part | None = None
    next: paging.Part | None = None

    def of_year(self, year: int) -> paging.Part:
        """The first part showing a year (a timeline split by year, or a year by quarter)."""
        return next(p for p in self.parts if p.year == year)


def paged_of(layout: paging.Layout, lang: str, path: str) -> Paged | None:
    """The split a page is the index of, or a part of; None for a page that is whole."""
    split = layout.splits.get(path)
    if split is not None:
        return Paged(split.parent, split.parts[lang])
    found = layout.part_at(lang, path)
    if found is None:
        return None
    split, part = found
    parts = split.parts[lang]
    at = parts.index(part)
    return Paged(split.parent, parts, part, parts[at - 1] if at else None, parts[at + 1] if at + 1 < len(parts) else None)


def collection_of(parent: str) -> str:
    """The collection a split page lists: a timeline's events, the glossary's terms, the sources."""
    return {paging.GLOSSARY: "glossary", paging.SOURCES: "sources"}.get(parent, "events")


def _part_entities(index: Index, paged: Paged | None) -> list[Any]:
    """What a part of a split page shows, in the page's order (events chronologically, as the whole timeline)."""
    if paged is None or paged.current is None:
        return []
    collection = collection_of(paged.parent)
    shown = [index.get(collection, entity_id) for entity_id in paged.current.ids]
    return sorted(shown, key=event_order) if collection == "events" else shown


def about_limits(briefing: Briefing) -> list[str]:
    """The limits the about page states (keys of the labels' about_limits_text): those the briefing has cause for."""
    sources = list(briefing.sources.values())
    checks = {
        "as_of": True,
        "second_hand": any(s.via for s in sources),
        "source_notes": any(s.note for s in sources),
        "paraphrase": any(q.paraphrase for q in briefing.quotes.values()),
        "plans_and_reports": any(e.status != "happened" for e in briefing.events.values()),
        "calculated": any(c.kind == "periods" for c in briefing.charts.values()),
    }
    return [key for key, applies in checks.items() if applies]


def _by_year(events: Iterable[Event]) -> list[tuple[int, list[tuple[int | None, list[Event]]]]]:
    years: dict[int, dict[int | None, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in events:
        years[e.date.year][e.date.quarter_of_year].append(e)
    return [(y, sorted(qs.items(), key=lambda kv: kv[0] or 5)) for y, qs in sorted(years.items())]


def _reference_rows() -> list[dict[str, Any]]:
    from ..outputs.reference import describe_collections

    return describe_collections()


@dataclass
class Rendered:
    """The pages of every language (``{"ja/companies/xiaomi.md": "…"}``) and the chart pictures they show."""

    pages: dict[str, str]
    drawings: dict[str, Drawing]


def _page_charts(charts: Charts, briefing: Briefing, spec: PageSpec) -> list[Any]:
    """The charts a page shows: a subject's own, and the site's lead chart on the home page."""
    if spec.subject:
        return charts.on_page(spec.subject)
    lead = briefing.site.lead_chart
    return [briefing["charts"][lead]] if spec.path == HOME_PAGE and lead else []


def chart_drawings(briefing: Briefing, languages: Sequence[str]) -> dict[str, Drawing]:
    """The chart pictures the pages of ``languages`` show, known without rendering the pages."""
    charts = Charts(briefing)
    out: dict[str, Drawing] = {}
    for lang in languages:
        fmt = Formatter(lang)
        for spec in plan(briefing):
            for view in [charts.view(c, fmt) for c in _page_charts(charts, briefing, spec)]:
                out[f"{lang}/{view.path}"] = view.drawing
    return out


def render_site(
    briefing: Briefing,
    templates_dir: Path,
    *,
    only: set[str] | None = None,
    cache: RenderCache | None = None,
    term_pages: Mapping[str, TermPages] | None = None,
    languages: Sequence[str] | None = None,
) -> Rendered:
    """Render every page in every language (or in ``languages``), and describe the chart pictures they show.

    ``term_pages`` gives, per language, the (title, path) of the pages that link each glossary
    term; the glossary lists them. They are known only once the site's pages are converted
    (the MkDocs plugin renders the glossary again then); without them the lists are left out.
    With a ``cache`` from an earlier run, pages whose facts did not change are reused, not rendered.
    """
    env = make_environment(templates_dir)
    tracking = cache is not None
    index = index_of(briefing, tracked=tracking)
    charts = Charts(briefing)
    out: dict[str, str] = {}
    drawings: dict[str, Drawing] = {}
    b = TrackedBriefing(briefing, lambda: index.reads) if tracking else briefing
    layout = paging.layout(briefing)
    used_on = {lang: {t: list(ps) for t, ps in sorted((term_pages or {}).get(lang, {}).items())} for lang in briefing.languages}
    if cache is not None:
        cache.start(source_key(*template_dirs(templates_dir), *locale_dirs()), briefing, index)
        cache.set_value(("paging",), layout.key())
        for lang, terms in used_on.items():
            cache.set_value(("term_pages", lang), tuple((t, tuple(map(tuple, ps))) for t, ps in terms.items()))
    for lang in briefing.languages if languages is None else languages:
        fmt = Formatter(lang)
        glossary_terms: list[Term] = sorted(
            briefing.glossary.values(),
            key=lambda t: (collation_key(glossary_reading(t, lang)), t.id),
        )
        if tracking:
            glossary_terms = TrackedList(glossary_terms, ("c", "glossary"), lambda: index.reads)
        shared: dict[tuple[Any, ...], Any] = {}
        for spec in plan(briefing):
            key = f"{lang}/{spec.path}"
            if only is not None and key not in only:
                continue
            entry = cache.lookup(key) if cache is not None else None
            if entry is not None:
                out[key] = entry.text
                drawings.update(entry.extra)
                continue
            if tracking:
                index.reads = {("site",), ("c", "charts"), ("paging",)} | ({("e", *spec.subject)} if spec.subject else set())
                if spec.template == "glossary.md.j2":
                    index.reads.add(("term_pages", lang))
            page = PageContext(spec.path, index, fmt, shared, layout)
            paged = paged_of(layout, lang, spec.path)
            views = [charts.view(c, fmt) for c in _page_charts(charts, briefing, spec)]
            context: dict[str, Any] = {
                "lang": lang,
                "site": briefing.site,
                "fmt": fmt,
                "ui": fmt.labels["ui"],
                "nav": fmt.labels["nav"],
                "status": fmt.labels["status"],
                "intro": fmt.labels["pages"],
                "page": page,
                "index": index,
                "b": b,
                "by_year": _by_year,
                "entity": index.get(*spec.subject) if spec.subject else None,
                "reference": _reference_rows,
                "glossary_terms": glossary_terms,
                "charts": views,
                "term_pages": used_on[lang],
                "latest_events": index.latest_events(LATEST_EVENTS) if spec.path == HOME_PAGE else [],
                "planned_events": index.planned_events()[: layout.home_planned] if spec.path == HOME_PAGE else [],
                "planned_count": len(index.planned_events()) if spec.path == HOME_PAGE else 0,
                "paged": paged,
                "part_entities": _part_entities(index, paged),
                "about_limits": about_limits(briefing) if spec.template == "about.md.j2" else [],
            }
            text = out[key] = env.get_template(spec.template).render(context)
            extra = {f"{lang}/{v.path}": v.drawing for v in views}
            drawings.update(extra)
            reads, index.reads = index.reads, None
            if cache is not None and reads is not None:
                if views:  # charts draw from figures of other subjects too
                    reads |= {("c", "metrics"), ("c", "measures"), ("c", "regions")}
                cache.store(key, reads, text, extra)
        if only is None:
            out.update(layout.moved_files(lang))
    return Rendered(out, drawings)
