"""Rendering: a validated Briefing → Markdown pages, one set per language.

Python decides what is on a page (lookups, ordering, grouping); the Jinja
templates decide how it reads. Every value printed by a template is escaped
for Markdown and HTML unless it is Markdown this module built itself.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import types
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from markupsafe import Markup

from . import paging
from .charts import Charts, Drawing, draw
from .figures import FIGURE, expand
from .formatting import Formatter
from .incremental import ALL, RenderCache, TrackedBriefing, TrackedList, TrackedMap, source_key
from .labels import locale_dirs
from .model import COLLECTIONS, Chart, Event, Metric, PartialDate, Person, Product, Quote, Source, Term
from .validate import Briefing


class MD(Markup):
    """Markdown built by the generator itself (or a template): printed as is."""

    __slots__ = ()


_WHITESPACE = re.compile(r"\s+")
_ESCAPE_ANYWHERE = re.compile(r"([\\`*_{}\[\]|!])")
_ESCAPE_AT_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)](?:\s|$)))")


def md(value: Any) -> str:
    """Data text as inert Markdown: markup characters escaped, HTML as entities, one line."""
    if isinstance(value, Markup):
        return value
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> MD:
    # Names, labels and dates repeat on every page: escape each text once.
    text = _WHITESPACE.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPE_ANYWHERE.sub(r"\\\1", text)
    # A value may start a line: no heading, list or "1." ordered-list marker may come of it.
    return MD(_ESCAPE_AT_START.sub(_escape_start, text))


def _escape_start(match: re.Match[str]) -> str:
    lead, mark = match.groups()
    if mark.isdigit():
        return f"{lead}{mark}\\"
    return f"{lead}&#61;" if mark == "=" else f"{lead}\\{mark}"  # Markdown has no escape for "="


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None: guard optional fields with {% if %}")
    return _escaped(str(value))


def _front_matter(value: Any) -> MD:
    """A front-matter string: the theme prints it into an HTML attribute unescaped, so escape it for HTML here."""
    return MD(json.dumps(html.escape(" ".join(str(value).split()), quote=False).replace('"', "&quot;"), ensure_ascii=False))


def _code(value: Any) -> MD:
    text = " ".join(str(value).split()).replace("`", "'")
    return MD(f"`{text}`")


class _MarkdownCodeGenerator(CodeGenerator):
    """Jinja's code generator, made lighter for these templates (the extension point jinja2.nativetypes uses).

    A value is printed as ``finalize`` made it, without markupsafe's ``escape``: ``_finalize`` returns
    Markup for every value (data text escaped for Markdown, or Markdown the generator built), and
    ``escape`` would only copy each one, hundreds of thousands of times in a large briefing.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write("(" + finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    @optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        # Calls go straight to the callable. Jinja's context.call looks, on every call, for a callable
        # that wants the template context (@pass_context): the templates call none (their helpers are
        # methods of PageContext, Formatter and Index, and macros), and that look cost more than most calls.
        self.visit(node.node, frame)
        self.write("(*()")
        self.signature(node, frame, {"caller": "caller"} if forward_caller else None)
        self.write(")")


# Part of the compiled templates' cache key: templates compiled by another version of this module
# (its code generator, its environment's options) or of Jinja are another code.
_COMPILED_AS = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]


class _MarkdownEnvironment(jinja2.Environment):
    code_generator_class = _MarkdownCodeGenerator


class _ContentKeyedCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates found by name and content, not by path: a new clone or folder of the same templates reuses them."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        checksum = self.get_source_checksum(source)
        # The code generator is part of the key: templates compiled another way are not this code.
        bucket = Bucket(environment, self.get_cache_key(f"{name}\0{_COMPILED_AS}", checksum), checksum)
        self.load_bytecode(bucket)
        if bucket.code is not None and filename is not None:
            bucket.code = _located(bucket.code, filename)  # tracebacks name this folder's file, not the first compiler's
        return bucket


def _located(code: types.CodeType, filename: str) -> types.CodeType:
    consts = tuple(_located(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


TEMPLATES_DIR = Path(__file__).parent / "templates"


def template_dirs(templates_dir: Path) -> list[Path]:
    """Where templates are found: a project's own folder first, file by file, then the package's."""
    own = templates_dir.resolve()
    return [own, TEMPLATES_DIR] if own.is_dir() and own != TEMPLATES_DIR else [TEMPLATES_DIR]


@functools.lru_cache(maxsize=8)
def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja environment that fails on any undefined name and escapes every printed value.

    One per templates folder and process (it reloads a template whose file changed), with
    Jinja's bytecode cache in the user's temporary folder: compiling the templates costs
    more than rendering a small site.
    """
    env = _MarkdownEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(templates_dir)]),
        bytecode_cache=_ContentKeyedCache(),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        # Autoescape marks template text and macro output as Markdown (Markup);
        # _finalize escapes every other printed value for Markdown and HTML.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json"] = _front_matter
    env.filters["code"] = _code
    env.filters["text"] = _text
    env.filters["date"] = _date
    env.filters["cite"] = _cite
    return env


# The commonest helpers are filters ({{ e.title | text }}): Jinja calls a filter directly, a method through its
# call machinery, three times slower, and a large briefing's pages make hundreds of thousands of these calls.
@jinja2.pass_context
def _text(context: jinja2.runtime.Context, value: dict[str, str] | None) -> str:
    """A translated field in the page's language."""
    fmt: Formatter = context["fmt"]
    return expand(fmt.text(value), fmt, context["index"].get)


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: PartialDate) -> str:
    """A date in the page's language, at its precision."""
    fmt: Formatter = context["fmt"]
    return fmt.date(value)


@jinja2.pass_context
def _cite(context: jinja2.runtime.Context, source_id: str) -> MD:
    """A footnote marker for a source, listed in the page's footnotes."""
    page: PageContext = context["page"]
    return page.cite(source_id)


# ----------------------------------------------------------------- the site map

GLOSSARY_PAGE = "glossary.md"
LATEST_EVENTS = 5  # events the home page lists
GLANCE_FIGURES = 4  # figures in a profile's at-a-glance box
PAGE_OF = {
    "companies": "companies/{id}.md",
    "markets": "markets/{id}.md",
    "people": "people.md#{id}",
    "glossary": "glossary.md#{id}",
    "sources": "sources.md#{id}",
    "events": "timeline/index.md#{id}",
    "quotes": "people.md#quote-{id}",
}
_KINDS = {
    "company": "companies",
    "person": "people",
    "market": "markets",
    "metric": "metrics",
    "event": "events",
    "quote": "quotes",
    "term": "glossary",
    "source": "sources",
}


T = TypeVar("T")


def _of_kind(briefing: Briefing, collection: str, kind: type[T]) -> list[T]:
    return [e for e in briefing[collection].values() if isinstance(e, kind)]


@dataclass
class Index:
    """Lookups computed once per build, shared by every page."""

    briefing: Briefing
    metrics_of: dict[tuple[str, str], list[Metric]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    events_on: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    people_of: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    products_of: dict[str, list[Product]] = field(default_factory=lambda: defaultdict(list))
    quotes_of: dict[str, list[Quote]] = field(default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    events: list[Event] = field(default_factory=list)
    # (collection, id, fields) of the entities marking fields as general knowledge: the sources page lists them
    # without reading the entities (a company's summary is not the sources page's to render again for).
    general_knowledge: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    # While a page renders: the facts it has read (see incremental.py); None otherwise.
    reads: set[tuple[Any, ...]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        b = self.briefing
        # A subject's figures read measure by measure, in the order the data declares measures and regions.
        measure_at = {key: i for i, key in enumerate(b["measures"])}
        region_at = {key: i for i, key in enumerate(b["regions"])}
        for m in sorted(
            _of_kind(b, "metrics", Metric),
            key=lambda m: (measure_at[m.measure], region_at.get(m.region or "", -1), m.period.sort_key(), m.id),
        ):
            self.metrics_of[m.subject].append(m)
        self.events = sorted(_of_kind(b, "events", Event), key=_event_order)
        for e in self.events:
            for c in e.companies:
                self.events_of[c].append(e)
            for t in e.topics:
                self.events_on[t].append(e)
        for p in b["people"].values():
            assert isinstance(p, Person)
            if p.company:
                self.people_of[p.company].append(p)
        for pr in b["products"].values():
            assert isinstance(pr, Product)
            self.products_of[pr.company].append(pr)
        for q in sorted(_of_kind(b, "quotes", Quote), key=lambda q: (q.date.sort_key(), q.id)):
            self.quotes_of[q.person].append(q)
        for collection in ("metrics", "events", "quotes", "products"):
            for entity in b[collection].values():
                self.cited_by[entity.source].append((collection, entity.id))  # type: ignore[attr-defined]
        self.general_knowledge = marked_general_knowledge(b)
        self._entities = b.entities

    def latest_events(self, count: int) -> list[Event]:
        """The most recent events that happened or were reported, newest first (an event known only to its year counts from the year's start)."""
        done = [e for e in self.events if e.status != "planned"]
        return sorted(done, key=lambda e: (e.date.sort_key(), e.id), reverse=True)[:count]

    def glance_metrics(self, subject: tuple[str, str], key_figures: Sequence[str], count: int = GLANCE_FIGURES) -> list[Metric]:
        """A subject's latest figures for its at-a-glance box: the site's key figures first, then those with a change."""
        metrics = self.metrics_of.get(subject) or []
        if not metrics:
            return []
        latest = max(m.period.sort_key() for m in metrics)
        recent = [m for m in metrics if m.period.sort_key() == latest or m.id in key_figures]
        ranked = sorted(recent, key=lambda m: (m.id not in key_figures, m.change_yoy is None, m.period.sort_key() != latest))
        return ranked[:count]

    def next_planned(self, company: str) -> Event | None:
        """A company's first planned event, if any."""
        return next((e for e in self.events_of.get(company) or [] if e.status == "planned"), None)

    def planned_events(self) -> list[Event]:
        """Events announced as plans, soonest first."""
        return [e for e in self.events if e.status == "planned"]

    def link_facts(self, collection: str, entity_id: str) -> Any:
        """What a link to an entity shows: its name (for a figure: measure, subject and period)."""
        entity = self._entities[collection].get(entity_id)
        if not isinstance(entity, Metric):
            name = entity and _name(entity)
            # A name that gives figures ({value:…}: an event's title) shows those metrics too.
            cited = name and sorted({m for text in name.values() for _, m in FIGURE.findall(text)})
            if not cited:
                return name
            metrics: list[Any] = [self._entities["metrics"].get(m) for m in cited]
            return (name, *metrics, *(m and self._entities["measures"].get(m.measure) for m in metrics))
        subject = self._entities[entity.subject[0]].get(entity.subject[1])
        region = entity.region and _name(self._entities["regions"][entity.region])
        return (
            entity.subject,
            subject and _name(subject),
            region,
            _name(self._entities["measures"][entity.measure]),
            str(entity.period),
        )

    def get(self, collection: str, entity_id: str) -> Any:
        if self.reads is not None:
            self.reads.add(("e", collection, entity_id))
        return self._entities[collection][entity_id]


class TrackedIndex(Index):
    """An Index that notes which facts each page reads (see incremental.py): for a render cache."""

    def __post_init__(self) -> None:
        super().__post_init__()
        for name, value in list(vars(self).items()):
            if isinstance(value, dict) and not name.startswith("_"):
                setattr(self, name, TrackedMap(name, value, lambda: self.reads))

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name.startswith("_") or name == "reads" or isinstance(value, TrackedMap):
            return value
        reads = object.__getattribute__(self, "reads")
        if reads is not None:
            if isinstance(value, list):
                reads.add(("a", name))
            elif not callable(value):
                reads.add(ALL)  # e.g. index.briefing: the page may read anything
        return value


_INDEXES: dict[tuple[int, bool], Index] = {}


def _index_of(briefing: Briefing, *, tracked: bool) -> Index:
    """The lookups of a briefing, computed once however many times its pages are rendered (the plugin renders the glossary again).

    Only a render cache needs to know what each page read: without one, pages are rendered untracked, faster.
    """
    key = (id(briefing), tracked)
    index = _INDEXES.get(key)
    if index is not None and index.briefing is briefing:
        return index
    earlier = [v for (_, kind), v in _INDEXES.items() if kind == tracked]
    _INDEXES.clear()
    if earlier and _same_sources(earlier[0].briefing, briefing):
        # The facts the lookups are made of are the very same objects (mkdocs serve: another file changed).
        index = earlier[0]
        index.briefing, index._entities = briefing, briefing.entities
        index.general_knowledge = marked_general_knowledge(briefing)  # made of other collections: always anew
    else:
        index = (TrackedIndex if tracked else Index)(briefing)
    _INDEXES[key] = index
    return index


def marked_general_knowledge(b: Briefing) -> list[tuple[str, str, tuple[str, ...]]]:
    """(collection, id, fields) of each entity marking fields as general knowledge, by collection and id."""
    return [
        (collection, e.id, tuple(e.general_knowledge))  # type: ignore[attr-defined]
        for collection in ("companies", "people", "glossary")
        for e in sorted(b[collection].values(), key=lambda e: e.id)
        if e.general_knowledge  # type: ignore[attr-defined]
    ]


# The collections the Index's lookups are made of (general_knowledge aside).
_INDEXED = ("metrics", "measures", "regions", "events", "people", "products", "quotes")


def _same_sources(old: Briefing, new: Briefing) -> bool:
    return all(
        len(old[c]) == len(new[c]) and all(a is b for a, b in zip(old[c].values(), new[c].values(), strict=True))
        for c in _INDEXED
    )


R = TypeVar("R")


def _reads_link_only(method: Callable[[PageContext, str, str], R]) -> Callable[[PageContext, str, str], R]:
    """A link depends on the name it shows, not on the whole entity: note only that (see incremental.py).

    It reads the same on every page at the same depth: made once per language and depth.
    """

    @functools.wraps(method)
    def wrapper(self: PageContext, collection: str, entity_id: str) -> R:
        key = (self.up, method, collection, entity_id)
        made: R | None = self.shared.get(key)
        if made is None:
            reads, self.index.reads = self.index.reads, None
            try:
                made = self.shared[key] = method(self, collection, entity_id)
            finally:
                self.index.reads = reads
        if self.index.reads is not None:
            self.index.reads.add(("n", collection, entity_id))
        return made

    return wrapper


@dataclass(frozen=True)
class Made:
    """A piece of Markdown shared by pages (``PageContext.once``): its text, the sources it cites, the facts it read."""

    text: MD
    cited: tuple[str, ...]
    reads: frozenset[tuple[Any, ...]]


class PageContext:
    """What a template may call while rendering one page in one language."""

    def __init__(
        self,
        path: str,
        index: Index,
        fmt: Formatter,
        shared: dict[tuple[Any, ...], Any] | None = None,
        layout: paging.Layout | None = None,
    ) -> None:
        self.path = path
        self.layout = layout or paging.Layout()
        self.index = index
        self.fmt = fmt
        self.cited: list[str] = []
        # Links go up to the language folder and down to the target ("../companies/x.md" from any page one
        # folder deep), so a piece of Markdown reads the same on every page at the same depth.
        self.up = "../" * path.count("/")
        self.shared = shared if shared is not None else {}

    def url(self, target: str) -> str:
        """Relative link from this page to ``target`` (a path inside the language folder, with #anchor)."""
        if target.startswith(("http://", "https://")):
            return quote(target, safe=":/?#[]@!$&'*+,;=%~")  # validated http(s) link; parentheses escaped for Markdown
        return self.up + target

    def once(self, key: tuple[Any, ...], make: Callable[..., Any], *args: Any, **kwargs: Any) -> MD:
        """``make(*args, **kwargs)`` (a macro), made once per language for every page at this page's depth.

        ``key`` names what is made; it must tell apart everything the arguments change.

        An event reads the same on the timeline, a topic's page and a company's page: it is rendered
        once, and each page showing it cites its sources and depends on the facts it read.
        """
        full = (self.up, *key)
        made: Made | None = self.shared.get(full)
        if made is None:
            outer_reads, outer_cited = self.index.reads, self.cited
            self.index.reads = set() if outer_reads is not None else None
            self.cited = []
            try:
                text = MD(make(*args, **kwargs))
            finally:
                reads, cited = self.index.reads, self.cited
                self.index.reads, self.cited = outer_reads, outer_cited
            made = self.shared[full] = Made(text, tuple(cited), frozenset(reads or ()))
        for source_id in made.cited:
            self.cite(source_id)
        if made.reads and self.index.reads is not None:
            self.index.reads |= made.reads
        return made.text

    def link(self, label: Any, target: str) -> MD:
        """A Markdown link whose label is data text."""
        return MD(f"[{md(label)}]({self.url(target)})")

    @_reads_link_only
    def name(self, collection: str, entity_id: str) -> str:
        """An entity's name in this language (a page that shows only the name depends only on it)."""
        return expand(self.fmt.text(_name(self.index.get(collection, entity_id))), self.fmt, self.index.get)

    def field(self, collection: str, entity_id: str, name: str) -> Any:
        """One field of an entity (a page that shows only that field depends only on it)."""
        if self.index.reads is not None:
            self.index.reads.add(("f", collection, entity_id, name))
        return getattr(self.index._entities[collection][entity_id], name)

    def ids(self, collection: str) -> list[str]:
        """The ids of a collection, sorted (a page that lists them depends on which exist, not on what they say)."""
        if self.index.reads is not None:
            self.index.reads.add(("k", collection))
        return sorted(self.index._entities[collection])

    def by_name(self, collection: str) -> list[str]:
        """The ids of a collection in the order of their names in this language: Japanese by reading (あいうえお)."""
        lang = self.fmt.lang
        has_reading = "reading" in COLLECTIONS[collection].model_fields

        def key(entity_id: str) -> tuple[str, str]:
            reading = self.field(collection, entity_id, "reading") if lang == "ja" and has_reading else None
            return _collation_key(reading or self.field(collection, entity_id, "name")[lang]), entity_id

        return sorted(self.ids(collection), key=key)

    @_reads_link_only
    def entity_link(self, collection: str, entity_id: str) -> MD:
        """A link to an entity's page or entry, labelled with its name in this language."""
        entity = self.index.get(collection, entity_id)
        if collection == "metrics":
            subject = self.index.get(*entity.subject)
            opening, closing = self.fmt.formats["paren"]
            # The region tells apart figures of one measure, subject and period (global, China, India shipments).
            where = [self.fmt.text(subject.name)]
            if entity.region:
                where.append(self.fmt.text(self.index.get("regions", entity.region).name))
            detail = self.fmt.join([*where, self.fmt.date(entity.period)])
            name = f"{self.fmt.text(self.index.get('measures', entity.measure).name)}{opening}{detail}{closing}"
            target = PAGE_OF[entity.subject[0]].format(id=subject.id) + "#figures"
        else:
            name = expand(self.fmt.text(_name(entity)), self.fmt, self.index.get)  # an event's title may give a figure
            if collection == "quotes":  # a quote's words name it in a list, where its final full stop would clash
                name = name.rstrip("。.")
            target = self.entry(collection, entity_id)
        return self.link(name, target)

    def entry(self, collection: str, entity_id: str) -> str:
        """Where an entity's page or entry is, inside the language folder: on a part where its page is split."""
        part = self.layout.page_of(self.fmt.lang, collection, entity_id)
        return f"{part}#{entity_id}" if part else PAGE_OF[collection].format(id=entity_id)

    def subject_page(self, subject: tuple[str, str]) -> str:
        """The page of a company or market (``("companies", "xiaomi")`` → ``companies/xiaomi.md``)."""
        return PAGE_OF[subject[0]].format(id=subject[1])

    def ref_link(self, ref: str) -> MD:
        """A link for a highlight reference ``kind:id``."""
        kind, _, entity_id = ref.partition(":")
        return self.entity_link(_KINDS[kind], entity_id)

    def ref_sources(self, refs: Iterable[str]) -> list[str]:
        """The sources behind highlight references (``metric:…``, ``event:…``, ``quote:…``, ``source:…``), in order."""
        out: list[str] = []
        for ref in refs:
            kind, _, entity_id = ref.partition(":")
            entity = self.index.get(_KINDS[kind], entity_id)
            source = entity_id if kind == "source" else getattr(entity, "source", None)
            if source and source not in out:
                out.append(source)
        return out

    def cite(self, source_id: str) -> MD:
        """A footnote marker for a source; the footnote itself is listed by ``footnotes``."""
        if source_id not in self.cited:
            self.cited.append(source_id)
        return MD(f"[^{source_id}]")

    def footnotes(self) -> list[tuple[str, Source, Source | None]]:
        """(label, source, via source) for every source cited on this page, in order of first use."""
        out = []
        for source_id in self.cited:
            source = self.index.get("sources", source_id)
            via = self.index.get("sources", source.via) if source.via else None
            out.append((source_id, source, via))
        return out


def _name(entity: Any) -> dict[str, str]:
    """The translated text that names an entity: its name, term, title or (a quote) its words."""
    kind = type(entity)
    field = _NAME_FIELDS.get(kind)
    if field is None:  # looked up once per model: a missing attribute costs pydantic an exception
        fields = getattr(kind, "model_fields", {})
        field = _NAME_FIELDS[kind] = next((a for a in ("name", "term", "title") if a in fields), "text")
    name: dict[str, str] = getattr(entity, field)
    return name


_NAME_FIELDS: dict[type, str] = {}


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
    topics = sorted({t for e in briefing["events"].values() for t in e.topics})  # type: ignore[attr-defined]
    pages += [PageSpec(f"timeline/{tid}.md", "timeline-topic.md.j2", ("topics", tid)) for tid in topics]
    parents = {spec.path: spec for spec in pages}
    pages += [replace(parents[parent], path=path) for path, parent in paging.layout(briefing).pages()]
    return pages


def _part_entities(index: Index, paged: paging.Paged | None) -> list[Any]:
    """What a part of a split page shows, in the page's order (events chronologically, as the whole timeline)."""
    if paged is None or paged.current is None:
        return []
    collection = paging.collection_of(paged.parent)
    shown = [index.get(collection, entity_id) for entity_id in paged.current.ids]
    return sorted(shown, key=_event_order) if collection == "events" else shown


def about_limits(briefing: Briefing) -> list[str]:
    """The limits the about page states (keys of the labels' about_limits_text): those the briefing has cause for."""
    sources = _of_kind(briefing, "sources", Source)
    checks = {
        "as_of": True,
        "second_hand": any(s.via for s in sources),
        "source_notes": any(s.note for s in sources),
        "paraphrase": any(q.paraphrase for q in _of_kind(briefing, "quotes", Quote)),
        "plans_and_reports": any(e.status != "happened" for e in _of_kind(briefing, "events", Event)),
        "calculated": any(c.kind == "periods" for c in _of_kind(briefing, "charts", Chart)),
    }
    return [key for key, applies in checks.items() if applies]


def _event_order(e: Event) -> tuple[Any, ...]:
    """Chronological; an event known only to its year comes after the dated events of that year."""
    return (e.date.year, e.date.precision == "year", e.date.sort_key(), e.id)


def _by_year(events: Iterable[Event]) -> list[tuple[int, list[tuple[int | None, list[Event]]]]]:
    years: dict[int, dict[int | None, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for e in events:
        years[e.date.year][e.date.quarter_of_year].append(e)
    return [(y, sorted(qs.items(), key=lambda kv: kv[0] or 5)) for y, qs in sorted(years.items())]


def _reference_rows() -> list[dict[str, Any]]:
    from .schema import describe_collections

    return describe_collections()


TermPages = Mapping[str, Sequence[tuple[str, str]]]

_collation_key = paging.collation_key


@dataclass
class Rendered:
    """The pages of every language (``{"ja/companies/xiaomi.md": "…"}``) and the chart pictures they show."""

    pages: dict[str, str]
    drawings: dict[str, Drawing]


HOME_PAGE = "index.md"


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


def render_pages(
    briefing: Briefing,
    templates_dir: Path,
    *,
    only: set[str] | None = None,
    term_pages: Mapping[str, TermPages] | None = None,
) -> dict[str, str | bytes]:
    """Every page in every language and every chart, drawn here: ``{"ja/companies/xiaomi.md": "…", "ja/charts/x.svg": b"…"}``."""
    rendered = render_site(briefing, templates_dir, only=only, term_pages=term_pages)
    return {**rendered.pages, **{path: draw(d) for path, d in rendered.drawings.items()}}


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
    index = _index_of(briefing, tracked=tracking)
    charts = Charts(briefing)
    out: dict[str, str] = {}
    drawings: dict[str, Drawing] = {}
    b = TrackedBriefing(briefing, lambda: index.reads) if tracking else briefing
    layout = paging.layout(briefing)
    if cache is not None:
        cache.start(source_key(*template_dirs(templates_dir), *locale_dirs()), briefing, index)
        cache.set_value(("paging",), hash(layout.key()))
    for lang in briefing.languages if languages is None else languages:
        fmt = Formatter(lang)
        glossary_terms: list[Term] = sorted(
            _of_kind(briefing, "glossary", Term), key=lambda t: (_collation_key(paging.glossary_reading(t, lang)), t.id)
        )
        if tracking:
            glossary_terms = TrackedList(glossary_terms, ("c", "glossary"), lambda: index.reads)
        used_on = {t: list(ps) for t, ps in sorted((term_pages or {}).get(lang, {}).items())}
        shared: dict[tuple[Any, ...], Any] = {}
        if cache is not None:
            cache.set_value(("term_pages", lang), tuple((t, tuple(map(tuple, ps))) for t, ps in used_on.items()))
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
            paged = paging.paged(layout, lang, spec.path)
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
                "term_pages": used_on,
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
            out.update(paging.moved_files(layout, lang))
    return Rendered(out, drawings)
