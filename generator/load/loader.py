"""Strict YAML loading that keeps the line and column of every key and value.

PyYAML resolves plain scalars with YAML 1.1 rules (``NO`` → False, ``0755`` →
493, ``2024-01-02`` → a date). We compose nodes with the safe C loader and
build values ourselves: every plain scalar keeps its exact text and the model
decides what a field means, so text fields never change silently.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError, Path_, Problem, dotted

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_MERGE = "tag:yaml.org,2002:merge"
_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class Plain(str):
    """The text of a plain (unquoted) scalar; a number or flag only where a field asks for one."""

    __slots__ = ()


@dataclass
class Document:
    """One loaded file: its value and, when asked, where each part of it stands."""

    file: str
    value: Any
    text: str = field(default="", repr=False)
    _places: dict[Path_, tuple[int, int]] | None = field(default=None, repr=False)
    _key_places: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def places(self) -> dict[Path_, tuple[int, int]]:
        """Line and column of every value by its path (found again from the text on first use: problems are rare)."""
        if self._places is None:
            builder = _Builder(self.file)
            node = _compose(self.text)
            assert node is not None, "a document with a value has nodes"
            builder.build(node, ())
            self._places, self._key_places = builder.doc.places, builder.doc.key_places
        return self._places

    @property
    def key_places(self) -> dict[Path_, tuple[int, int]]:
        """Line and column of every mapping key by the path of its value."""
        _ = self.places
        return self._key_places

    def place(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        if key and path in self.key_places:
            return self.key_places[path]
        while path not in self.places and path:
            path = path[:-1]
        return self.places.get(path, (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False, label: str | None = None) -> Problem:
        """A problem located at ``path`` in this file."""
        line, col = self.place(path, key=key)
        return Problem(self.file, line, col, label if label is not None else dotted(path), message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds a value and records where each part stands; reports every problem it meets."""

    def __init__(self, file: str) -> None:
        self.doc = Document(file, None, _places={})
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.doc.file, line, col, dotted(path), message))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            line, col = self.doc.key_places.get(path, _mark(node))
            self.problems.append(
                Problem(self.doc.file, line, col, dotted(path), "anchors and aliases are not supported; write the value out")
            )
            return None
        self.seen.add(id(node))
        self.doc.places[path] = _mark(node)
        if node.tag not in _STANDARD_TAGS:
            self.fail(node, path, f"tag {node.tag!r} is not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and not node.style:
            return None if node.value in _NULLS else Plain(node.value)
        return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                self.fail(key_node, path, "keys must be plain names")
                continue
            key = str(key_node.value)
            line, _ = _mark(key_node)
            if key in first_line:
                self.fail(key_node, path + (key,), f"duplicate key {key!r} (lines {first_line[key]} and {line})")
                continue
            first_line[key] = line
            self.doc.key_places[path + (key,)] = _mark(key_node)
            out[key] = self.build(value_node, path + (key,))
        return out


class _Unusual(Exception):
    """Met by the fast builder: let the careful one find and describe the problem."""


def _fast(node: yaml.Node, seen: set[int] | None) -> Any:
    """The value of a node, without recording places: the path every valid file takes.

    ``seen`` finds a node met twice (an alias); None when the text has no anchor for an alias to name.
    """
    if node.tag not in _STANDARD_TAGS:
        raise _Unusual
    if seen is not None:
        if id(node) in seen:
            raise _Unusual
        seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.style:
            return str(node.value)
        return None if node.value in _NULLS else Plain(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_fast(item, seen) for item in node.value]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not yaml.ScalarNode or key_node.tag == _MERGE or key_node.value in out:
            raise _Unusual
        out[key_node.value] = _fast(value_node, seen)
    return out


class _Composer(_Loader):
    """Composes nodes without resolving plain scalars to YAML 1.1 types: the model decides what a field means."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    # libyaml calls these around every node; no path resolvers are registered.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _compose(text: str) -> yaml.Node | None:
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataError([Problem(file, line, col, "(file)", "file is not UTF-8 text; save it as UTF-8")]) from None


_HINTS = {
    "mapping values are not allowed": "text that contains ': ' must be put in quotes",
    "found character that cannot start any token": "text that starts with @, ` or % must be put in quotes",
}


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


def parse(text: str, file: str) -> Document:
    """Parse YAML text strictly; raise DataError on any problem."""
    doc, problems = parse_partly(text, file)
    if problems:
        raise DataError(problems)
    return doc


def parse_partly(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text; raise DataError when it cannot be read at all.

    Well-formed YAML that breaks a rule of these files (a duplicate key, an alias, a tag, a key that is not a
    plain name) gives what could be read along with those problems: the first of duplicate keys is kept, other
    offending parts are left out or read as nothing.
    """
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        start = exc.context_mark
        if exc.problem and exc.context and start and mark and (start.line, start.column) != (mark.line, mark.column):
            # Where the unclosed bracket or quote began is usually where the mistake is.
            message += f" ({' '.join(exc.context.split())} that starts at line {start.line + 1}, column {start.column + 1})"
        for start_of_message, hint in _HINTS.items():
            if message.startswith(start_of_message):
                message += f"; {hint}"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            message = "tab character; indent with spaces, not tabs"
        raise DataError([Problem(file, line, col, "(yaml)", f"YAML syntax error: {message}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        # libyaml counts bytes of UTF-8, PyYAML's own reader characters.
        before = text.encode()[: exc.position].decode(errors="ignore") if _Loader is not yaml.SafeLoader else text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise DataError(
            [Problem(file, line, col, "(yaml)", f"character U+{ord(char):04X} is not allowed in YAML text; remove it")]
        ) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(file, 1, 1, "(yaml)", f"YAML error: {' '.join(str(exc).split())}")]) from None
    if node is None:
        raise DataError([Problem(file, 1, 1, "(file)", "file is empty")])
    try:
        try:
            return Document(file, _fast(node, set() if "&" in text else None), text), []
        except _Unusual:
            builder = _Builder(file)
            builder.doc.value = builder.build(node, ())
            builder.doc.text = text
            return builder.doc, builder.problems
    except RecursionError:  # libyaml allows 1,000 levels, Python's stack fewer
        line, col = _mark(_deep_node(node))
        message = f"nested more than {MAX_DEPTH} levels deep; a data file needs only a few"
        raise DataError([Problem(file, line, col, "(yaml)", message)]) from None


MAX_DEPTH = 100


def _deep_node(node: yaml.Node) -> yaml.Node:
    """The first node nested more than MAX_DEPTH levels deep (without recursion: the stack is what ran out)."""
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return current
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in reversed(current.value) for child in reversed(pair))
    return node


def read_data_file(path: Path) -> bytes:
    """The bytes of a data file; OSError for anything but a regular file (a pipe would block, a device never end)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, a device or a socket); only files are read")
        return f.read()


def load(path: Path, file: str) -> Document:
    """Read and parse one YAML file; ``file`` is the name shown in messages."""
    try:
        raw = read_data_file(path)
    except OSError as exc:
        raise DataError([Problem(file, 1, 1, "(file)", f"cannot read the file: {exc.strerror or exc}")]) from None
    return parse_bytes(raw, file)


def parse_bytes(raw: bytes, file: str) -> Document:
    """Parse the bytes of a YAML file (UTF-8, with or without a byte-order mark)."""
    return parse(_decode(raw, file), file)


def parse_bytes_partly(raw: bytes, file: str) -> tuple[Document, list[Problem]]:
    """``parse_partly`` for the bytes of a YAML file."""
    return parse_partly(_decode(raw, file), file)
