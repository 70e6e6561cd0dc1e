"""Incremental rendering: reuse a page when nothing it read has changed.

While a page renders, every fact it reaches through the ``Index``, the
briefing (``b``) or the sorted glossary is noted as a *read*: one entity or one of its fields, one
lookup list (``events_of[xiaomi]``), a whole collection, or everything. The
page is stored, and each read keeps its value and the pages that read it. On
the next run (``mkdocs serve`` keeps one cache across saves) each read's value
is worked out once from the new facts; the pages that read a changed value are
dropped and rendered again, the others are reused. Templates and label files are part of the key: a change there renders
everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import FileCache
from .writer import Known

Read = tuple[Any, ...]
ALL: Read = ("all",)


class TrackedMap(dict[Any, Any]):
    """A lookup (key → list) that notes which keys a page reads; a missing key reads as an empty list."""

    def __init__(self, name: str, data: dict[Any, Any], reads: Callable[[], set[Read] | None]) -> None:
        super().__init__(data)
        self.name = name
        self._reads = reads

    def _note(self, read: Read) -> None:
        reads = self._reads()
        if reads is not None:
            reads.add(read)

    def __getitem__(self, key: Any) -> Any:
        self._note(("m", self.name, key))
        return dict.get(self, key, [])

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(("m", self.name, key))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._note(("m", self.name, key))
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[Any]:
        self._note(("a", self.name))
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._note(("a", self.name))
        return dict.__len__(self)

    def keys(self) -> Any:
        self._note(("a", self.name))
        return dict.keys(self)

    def values(self) -> Any:
        self._note(("a", self.name))
        return dict.values(self)

    def items(self) -> Any:
        self._note(("a", self.name))
        return dict.items(self)


class TrackedList(list[Any]):
    """A list derived from a whole collection: reading it reads the collection."""

    def __init__(self, items: list[Any], read: Read, reads: Callable[[], set[Read] | None]) -> None:
        super().__init__(items)
        self._read = read
        self._reads = reads

    def _note(self) -> None:
        reads = self._reads()
        if reads is not None:
            reads.add(self._read)

    def __iter__(self) -> Iterator[Any]:
        self._note()
        return list.__iter__(self)

    def __len__(self) -> int:
        self._note()
        return list.__len__(self)

    def __getitem__(self, i: Any) -> Any:
        self._note()
        return list.__getitem__(self, i)


class TrackedBriefing:
    """The briefing as templates see it (``b``): ``b["companies"]`` reads the whole collection."""

    def __init__(self, briefing: Any, reads: Callable[[], set[Read] | None]) -> None:
        self._briefing = briefing
        self._reads = reads

    def __getitem__(self, collection: str) -> Any:
        reads = self._reads()
        if reads is not None:
            reads.add(("c", collection))
        return self._briefing[collection]

    def __getattr__(self, name: str) -> Any:
        reads = self._reads()
        if reads is not None:
            reads.add(ALL)
        return getattr(self._briefing, name)


def source_key(*folders: Path) -> str:
    """A digest of every file under ``folders`` (templates, labels): when it changes, nothing is reused."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


_UNSET = object()
_EMPTY: dict[str, Any] = {}


def digest(value: Any) -> Any:
    """A comparable summary of a fact: lists and mappings as tuples; an entity stands for itself.

    Entities are frozen, and one read from an unchanged file is the same object (``FileCache``): the
    summaries of an unchanged fact compare by identity, those of an edited one field by field."""
    if isinstance(value, (list, tuple)):
        return tuple(map(digest, value))
    if isinstance(value, dict):
        return tuple((k, digest(v)) for k, v in value.items())
    return value


@dataclass
class Entry:
    """One rendered page (and the files rendered with it)."""

    text: str
    extra: dict[str, Any]


@dataclass
class RenderCache:
    """What the previous run made: its files read, its pages, its downloads; ``rendered`` counts the pages the last run had to render."""

    pages: dict[str, Entry] = field(default_factory=dict)
    key: str = ""
    rendered: int = 0
    #: The pages the last run rendered (not reused), in order.
    rendered_pages: list[str] = field(default_factory=list)
    reused: int = 0
    loaded: FileCache = field(default_factory=FileCache)
    written: Known = field(default_factory=dict)
    # Other results, each kept with the fingerprint of what it was made from (see ``remember``).
    results: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    _values: dict[Read, Any] = field(default_factory=dict)
    # Each read's value when last worked out, and the stored pages that read it then: a read is worked out once
    # a run, not once for each page reading it, and a change drops the pages that read it.
    # A read also keeps the one entity it is made of alone, if it is: the same object next run is the same value.
    _readers: dict[Read, tuple[Any, set[str], Any]] = field(default_factory=dict)
    # The name reads ("n") made of their entity alone: a figure's name, or one giving figures, shows other entities.
    _names: set[Read] = field(default_factory=set)
    _checked = False
    _run: tuple[Any, Any] | None = None

    def start(self, key: str, briefing: Any, index: Any) -> None:
        """Begin a run over new facts; drop everything if templates or labels changed.

        Every read that is not a fact (``set_value``) is given its value before the first ``lookup``. A run
        over the same facts (the plugin renders the glossary again) keeps what the last one worked out."""
        if key != self.key:
            self.pages.clear()
            self._readers.clear()
            self._names.clear()
            self.key = key
        self.rendered = self.reused = 0
        self.rendered_pages = []
        if self._run is None or self._run[0] is not briefing or self._run[1] is not index:
            self._values.clear()
            self._checked = False
        self._run = (briefing, index)

    def lookup(self, page: str) -> Entry | None:
        """The stored page if every fact it read is unchanged."""
        self._check()
        entry = self.pages.get(page)
        if entry is not None:
            self.reused += 1
        return entry

    def _check(self) -> None:
        """Once a run: drop the stored pages that read something that changed."""
        if self._checked:
            return
        self._checked = True
        for read, (_, _, alone) in list(self._readers.items()):
            # Made of one entity alone, and it is the very object it was: unchanged, nothing to work out.
            if alone is None or self._entity(read) is not alone:
                self._drop_if_changed(read)

    def _drop_if_changed(self, read: Read) -> None:
        """Drop the stored pages that read ``read`` if its value changed since they were stored."""
        old, readers, _ = self._readers[read]
        now = self.value(read)
        if now is not old and now != old:
            for page in readers:
                self.pages.pop(page, None)
            self._readers[read] = (now, set(), self._alone(read))
        else:
            self._readers[read] = (old, readers, self._alone(read))

    def _alone(self, read: Read) -> Any:
        """The entity a read is made of alone (an entity, one of its fields, its name), or None."""
        return self._entity(read) if read[0] in ("e", "f") or read in self._names else None

    def _entity(self, read: Read) -> Any:
        """The entity a read names (collection, id), or None."""
        assert self._run is not None
        return self._run[0].entities.get(read[1], _EMPTY).get(read[2])

    def remember(self, name: str, fingerprint: Any, make: Callable[[], Any]) -> Any:
        """``make()``, or what it returned last time if ``fingerprint`` is the same."""
        kept = self.results.get(name)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
        value = make()
        self.results[name] = (fingerprint, value)
        return value

    def set_value(self, read: Read, value: Any) -> None:
        """Give a read that is not a fact (e.g. the glossary's list of pages) its value for this run."""
        self._values[read] = value
        if self._checked and read in self._readers:
            self._drop_if_changed(read)

    def store(self, page: str, reads: set[Read], text: str, extra: dict[str, Any]) -> None:
        """Keep a freshly rendered page with what it read."""
        self._check()
        for read in reads:
            now = self.value(read)
            kept = self._readers.get(read)
            if kept is None or (kept[0] is not now and kept[0] != now):
                # A read first seen in this run: the pages that read it before (if any) were dropped.
                self._readers[read] = kept = (now, set(), self._alone(read))
            kept[1].add(page)
        self.pages[page] = Entry(text, extra)
        self.rendered += 1
        self.rendered_pages.append(page)

    def value(self, read: Read) -> Any:
        """The current fingerprint of one read."""
        known = self._values.get(read, _UNSET)
        if known is not _UNSET:
            return known
        assert self._run is not None
        briefing, index = self._run
        kind = read[0]
        if kind == "e":
            result = digest(self._entity(read))
        elif kind == "m":
            result = digest(dict.get(getattr(index, read[1]), read[2], []))
        elif kind == "a":
            current = getattr(index, read[1])
            result = digest(list(dict.items(current)) if isinstance(current, dict) else current)
        elif kind == "c":
            result = digest(dict(briefing.entities.get(read[1], {})))
        elif kind == "n":
            facts = index.link_facts(read[1], read[2])
            if isinstance(facts, tuple):
                result = tuple(map(digest, facts))
                self._names.discard(read)
            else:
                result = digest(facts)
                self._names.add(read)
        elif kind == "f":
            result = digest(getattr(self._entity(read), read[3], None))
        elif kind == "k":
            result = tuple(sorted(briefing.entities.get(read[1], {})))
        elif kind == "site":
            result = digest(briefing.site)
        else:
            result = (digest(briefing.site), digest({c: dict(g) for c, g in briefing.entities.items()}))
        self._values[read] = result
        return result
