"""Incremental rendering: reuse a page when nothing it read has changed.

While a page renders, every fact it reaches through the ``Index``, the
briefing (``b``) or the sorted glossary is noted as a *read*: one entity or one of its fields, one
lookup list (``events_of[xiaomi]``), a whole collection, or everything. The
page is stored with a fingerprint of those reads. On the next run (``mkdocs
serve`` keeps one cache across saves) each stored fingerprint is recomputed
from the new facts; pages whose fingerprint is unchanged are not rendered
again. Templates and label files are part of the key: a change there renders
everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

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


def _model_digest(value: BaseModel) -> int:
    try:
        return hash(value.model_dump_json())
    except Exception:  # a field pydantic cannot serialise: fall back to its repr
        return hash(repr(value))


@dataclass
class Entry:
    """One rendered page (and the files rendered with it) and what it read."""

    reads: tuple[Read, ...]
    fingerprint: tuple[Any, ...]
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
    # Digests of entities by identity: an entity read from an unchanged file is the same object (FileCache).
    _digests: dict[int, tuple[Any, Any]] = field(default_factory=dict)
    _values: dict[Read, Any] = field(default_factory=dict)
    # Each read's value in the run that last computed it.
    _last: dict[Read, Any] = field(default_factory=dict)
    _run: tuple[Any, Any] | None = None

    def start(self, key: str, briefing: Any, index: Any) -> None:
        """Begin a run over new facts; drop everything if templates or labels changed."""
        if key != self.key:
            self.pages.clear()
            self._last.clear()
            self.key = key
        self.rendered = self.reused = 0
        self.rendered_pages = []
        if len(self._digests) > 4 * sum(len(group) for group in briefing.entities.values()) + 1000:
            self._digests.clear()  # entities of files read again since: keep the table to about the briefing's size
        self._values.clear()
        self._run = (briefing, index)

    def lookup(self, page: str) -> Entry | None:
        """The stored page if every fact it read is unchanged."""
        entry = self.pages.get(page)
        if entry is None:
            return None
        values = self._values  # most reads were worked out for an earlier page of this run: no call for those
        for read, old in zip(entry.reads, entry.fingerprint, strict=True):
            now = values.get(read, _UNSET)
            if now is _UNSET:
                now = self.value(read)
            if now is not old and now != old:
                return None
        self.reused += 1
        return entry

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

    def store(self, page: str, reads: set[Read], text: str, extra: dict[str, Any]) -> None:
        """Keep a freshly rendered page with the fingerprint of what it read."""
        ordered = tuple(reads)
        self.pages[page] = Entry(ordered, tuple(self.value(r) for r in ordered), text, extra)
        self.rendered += 1
        self.rendered_pages.append(page)

    # ------------------------------------------------------------- fingerprints

    def digest(self, value: Any) -> Any:
        """A comparable summary of a fact: entities by their JSON, lists item by item."""
        if isinstance(value, BaseModel):
            return self._once_per_object(value, _model_digest)
        if isinstance(value, (list, tuple)):
            return tuple(self.digest(v) for v in value)
        if isinstance(value, dict):
            return tuple((k, self.digest(v)) for k, v in value.items())
        return value

    def _shown(self, value: Any) -> Any:
        """The digest of a value a link or a field shows: a mapping (a name) belongs to its entity, digested once while it lives."""
        return self._once_per_object(value, self.digest) if isinstance(value, dict) else self.digest(value)

    def _once_per_object(self, value: Any, make: Callable[[Any], Any]) -> Any:
        # Keyed by identity: an entity read from an unchanged file is the same object (FileCache), and the
        # table holds the object, so its id is not reused while the entry lives.
        cached = self._digests.get(id(value))
        if cached is not None and cached[0] is value:
            return cached[1]
        found = make(value)
        self._digests[id(value)] = (value, found)
        return found

    def value(self, read: Read) -> Any:
        """The current fingerprint of one read."""
        known = self._values.get(read, _UNSET)
        if known is not _UNSET:
            return known
        assert self._run is not None
        briefing, index = self._run
        kind = read[0]
        if kind == "e":
            result = self.digest(briefing.entities.get(read[1], {}).get(read[2]))
        elif kind == "m":
            result = self.digest(dict.get(getattr(index, read[1]), read[2], []))
        elif kind == "a":
            current = getattr(index, read[1])
            result = self.digest(list(dict.items(current)) if isinstance(current, dict) else current)
        elif kind == "c":
            result = self.digest(dict(briefing.entities.get(read[1], {})))
        elif kind == "n":
            facts = index.link_facts(read[1], read[2])
            result = tuple(map(self._shown, facts)) if isinstance(facts, tuple) else self._shown(facts)
        elif kind == "f":
            result = self._shown(getattr(briefing.entities.get(read[1], {}).get(read[2]), read[3], None))
        elif kind == "k":
            result = tuple(sorted(briefing.entities.get(read[1], {})))
        elif kind == "site":
            result = self.digest(briefing.site)
        else:
            result = (self.digest(briefing.site), self.digest({c: dict(g) for c, g in briefing.entities.items()}))
        # An unchanged value is the same object as before: the pages that stored it compare it by identity.
        last = self._last.get(read, _UNSET)
        if last is not _UNSET and last == result:
            result = last
        else:
            self._last[read] = result
        self._values[read] = result
        return result
