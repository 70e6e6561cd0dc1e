"""What a template may call while it renders one page: links, names, citations and footnotes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from ..model import COLLECTIONS, KINDS, Entity, Source
from . import paging
from .collation import collation_key
from .formatting import Formatter, expand
from .lookups import Index
from .markdown import MD, md
from .site_map import PAGE_OF

R = TypeVar("R")


def reads_link_only(method: Callable[[PageContext, str, str], R]) -> Callable[[PageContext, str, str], R]:
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
    """A piece of Markdown shared by pages (``PageContext.once``): its text, the sources it cites, the facts it read.

    ``at`` holds its text as pages at each depth show it (the way up replaced): most pages are one folder deep.
    """

    text: MD
    cited: dict[str, None]
    reads: frozenset[tuple[Any, ...]]
    at: dict[str, MD] = field(default_factory=dict)


# The way up to the language folder in a shared piece's links: data text cannot hold a control character.
UP = "\x00"
_PLAIN = (str, int, bool, type(None))
_NAMED = object()  # between the positional and the named arguments: f(x, "a", 1) is not f(x, a=1)


def memo_key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """What tells a shared piece apart: the macro's name and every argument."""
    # Called for every shared piece a page shows (200,000 times at L): plain loops, no sorting for one named argument.
    key: list[Any] = [name]
    for value in args:
        key.append(value if type(value) in _PLAIN else _key_part(value))
    if kwargs:
        key.append(_NAMED)
        for k in sorted(kwargs) if len(kwargs) > 1 else kwargs:
            value = kwargs[k]
            key += (k, value if type(value) in _PLAIN else _key_part(value))
    return tuple(key)


def _key_part(value: Any) -> Any:
    if isinstance(value, Entity):
        return (value.collection, value.id)
    if value is None or isinstance(value, (str, int)):
        return value
    raise TypeError(f"a shared piece takes entries and plain values, not {type(value).__name__}: it could not be told apart")


@functools.lru_cache(maxsize=1 << 14)
def _marker(source_id: str) -> MD:  # cited tens of thousands of times at scale L, by a few thousand sources
    return MD(f"[^{source_id}]")


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
        self.cited: dict[str, None] = {}  # in order of first use; a timeline part cites thousands
        # Links go up to the language folder and down to the target ("../companies/x.md" from any page one
        # folder deep); in a shared piece the way up is a mark, replaced on each page (see once).
        self.up = "../" * path.count("/")
        self.shared = shared if shared is not None else {}

    def url(self, target: str) -> str:
        """Relative link from this page to ``target`` (a path inside the language folder, with #anchor)."""
        if target.startswith(("http://", "https://")):
            return quote(target, safe=":/?#[]@!$&'*+,;=%~")  # validated http(s) link; parentheses escaped for Markdown
        return self.up + target

    def once(self, make: Any, *args: Any, **kwargs: Any) -> MD:
        """``make(*args, **kwargs)`` (a macro), made once per language for every page.

        What is made is known by the macro's name and its arguments (an entry by its collection and id), so
        no template writes a key that could fail to tell two pieces apart.

        An event reads the same on the timeline, a topic's page and a company's page: it is rendered
        once, and each page showing it cites its sources and depends on the facts it read. Its links are
        made with ``UP`` for the way up to the language folder, which each page replaces with its own.
        """
        key = memo_key(make.name, args, kwargs)
        made: Made | None = self.shared.get(key)
        if made is None:
            outer_reads, outer_cited, outer_up = self.index.reads, self.cited, self.up
            self.index.reads = set() if outer_reads is not None else None
            self.cited, self.up = {}, UP
            try:
                text = MD(make(*args, **kwargs))
            finally:
                reads, cited = self.index.reads, self.cited
                self.index.reads, self.cited, self.up = outer_reads, outer_cited, outer_up
            made = self.shared[key] = Made(text, cited, frozenset(reads or ()))
        self.cited.update(made.cited)  # in order of first use: a source cited before keeps its place
        if made.reads and self.index.reads is not None:
            self.index.reads |= made.reads
        if self.up == UP:
            return made.text
        shown = made.at.get(self.up)
        if shown is None:
            shown = made.at[self.up] = MD(str.replace(made.text, UP, self.up))
        return shown

    def link(self, label: Any, target: str) -> MD:
        """A Markdown link whose label is data text."""
        return MD(f"[{md(label)}]({self.url(target)})")

    @reads_link_only
    def name(self, collection: str, entity_id: str) -> str:
        """An entity's name in this language (a page that shows only the name depends only on it)."""
        return expand(self.fmt.text(self.index.get(collection, entity_id).display_name), self.fmt, self.index.get)

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
            return collation_key(reading or self.field(collection, entity_id, "name")[lang]), entity_id

        return sorted(self.ids(collection), key=key)

    @reads_link_only
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
            name = expand(self.fmt.text(entity.display_name), self.fmt, self.index.get)  # an event's title may give a figure
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
        return self.entity_link(KINDS[kind], entity_id)

    def ref_sources(self, refs: Iterable[str]) -> list[str]:
        """The sources behind highlight references (``metric:…``, ``event:…``, ``quote:…``, ``source:…``), in order."""
        out: list[str] = []
        for ref in refs:
            kind, _, entity_id = ref.partition(":")
            entity = self.index.get(KINDS[kind], entity_id)
            source = entity_id if kind == "source" else getattr(entity, "source", None)
            if source and source not in out:
                out.append(source)
        return out

    def cite(self, source_id: str) -> MD:
        """A footnote marker for a source; the footnote itself is listed by ``footnotes``."""
        self.cited.setdefault(source_id)
        return _marker(source_id)

    def footnotes(self) -> list[tuple[str, Source, Source | None]]:
        """(label, source, via source) for every source cited on this page, in order of first use."""
        out = []
        for source_id in self.cited:
            source = self.index.get("sources", source_id)
            via = self.index.get("sources", source.via) if source.via else None
            out.append((source_id, source, via))
        return out
