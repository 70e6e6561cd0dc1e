"""The data folder: which files are data, and each file read, parsed and validated (kept while its bytes stay the same)."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, Path_, Problem, dotted
from ..model import COLLECTIONS, SLUG_PATTERN, Entity, Origin
from ..model.introspect import texts_in_raw, walk
from .loader import parse_bytes_partly, read_data_file
from .messages import validate_model
from .style import STYLE_FILE


def _editor_leftover(name: str) -> bool:
    """A file an editor leaves beside the one being edited (a backup, an autosave, a probe): never data."""
    return name.endswith(("~", ".tmp", ".swp")) or (name.startswith("#") and name.endswith("#")) or name == "4913"


def data_files(data_dir: Path, rel: str, problems: list[Problem]) -> Iterator[tuple[str, Path, str]]:
    """Yield (collection, path, name in messages) of every data file; report files and folders that are not read."""
    for entry in sorted(data_dir.iterdir()):
        name = entry.name
        if name.startswith(".") or name in ("site.yaml", STYLE_FILE) or _editor_leftover(name):
            continue
        if entry.is_dir() and name in COLLECTIONS:
            continue
        hint = difflib.get_close_matches(name, list(COLLECTIONS), n=1)
        extra = f"; did you mean {hint[0]!r}?" if hint else f"; data folders are {', '.join(sorted(COLLECTIONS))}"
        problems.append(Problem(f"{rel}/{name}", 1, 1, "(file)", f"unexpected {'folder' if entry.is_dir() else 'file'}{extra}"))
    for collection in COLLECTIONS:
        folder = data_dir / collection
        if not folder.is_dir():
            continue
        # os.walk, not Path.rglob: this runs on every save under mkdocs serve, over every data file.
        found = [f"{os.path.relpath(at, folder)}/{name}".removeprefix("./") for at, _, names in os.walk(folder) for name in names]
        for inside in sorted(found, key=lambda p: p.split("/")):
            path = folder / inside
            if path.name.startswith(".") or _editor_leftover(path.name):
                continue
            file = f"{rel}/{collection}/{inside}"
            if path.suffix != ".yaml" or "/" in inside:
                where = "directly in" if path.suffix == ".yaml" else "with the extension .yaml in"
                problems.append(
                    Problem(file, 1, 1, "(file)", f"data files must be {where} {rel}/{collection}/; this file is not read")
                )
                continue
            yield collection, path, file


@dataclass
class _Entry:
    """One entry of a data file, validated (``entity`` None if it is not), with the markers its fields carry."""

    collection: str
    entity_id: str
    origin: Origin
    entity: Entity | None
    markers: list[tuple[Path_, Any, Any]]


@dataclass
class _FileResult:
    """What one data file holds: its entries, and the problems found reading and validating it.

    ``unchecked`` has the translated texts of what was read but could not be validated (an entry with an
    unknown field, a file with a duplicate key): their translations are checked and counted all the same.
    """

    entries: list[_Entry]
    problems: list[Problem]
    broken: bool = False
    unchecked: list[tuple[Origin, list[tuple[Path_, dict[str, str]]]]] = field(default_factory=list)


@dataclass
class FileCache:
    """The data files of the last load, by path and content: a file whose bytes did not change is not parsed or
    validated again (``mkdocs serve``). Comparing bytes, not modification times, also catches an edit made
    within the file system's time resolution."""

    files: dict[Path, tuple[bytes, _FileResult]] = field(default_factory=dict)
    read: int = 0

    def result(self, collection: str, path: Path, file: str) -> _FileResult:
        """The file's entries, read again only if the file changed."""
        try:
            raw = read_data_file(path)
        except OSError as exc:
            self.files.pop(path, None)
            problem = Problem(file, 1, 1, "(file)", f"cannot read the file: {exc.strerror or exc}")
            return _FileResult([], [problem], broken=True)
        cached = self.files.get(path)
        if cached is not None and cached[0] == raw:
            return cached[1]
        self.read += 1
        result = _read_file(collection, raw, path, file)
        self.files[path] = (raw, result)
        return result


def _read_file(collection: str, raw: bytes, path: Path, file: str) -> _FileResult:
    model = COLLECTIONS[collection]
    try:
        doc, problems = parse_bytes_partly(raw, file)
    except DataError as exc:
        return _FileResult([], list(exc.problems), broken=True)
    # Entries found but not validated (an unknown field, a duplicate key, no id): their translations are checked.
    unchecked: list[tuple[Origin, list[tuple[Path_, dict[str, str]]]]] = []

    def not_validated(base: Path_, item: Any) -> None:
        unchecked.append((Origin(doc, base), list(texts_in_raw(item, model))))

    if problems:  # what was read is incomplete: its entries are not validated
        if isinstance(doc.value, list):
            for i, item in enumerate(doc.value):
                not_validated((i,), item)
        else:
            not_validated((), doc.value)
        return _FileResult([], problems, broken=True, unchecked=unchecked)
    raw_entries: list[tuple[str, Path_, Any]] = []
    stem = path.stem
    if isinstance(doc.value, list):
        for i, item in enumerate(doc.value):
            if not isinstance(item, dict):
                problems.append(doc.problem((i,), "expected a mapping of fields for one entry"))
            elif "id" not in item:
                problems.append(doc.problem((i,), "required field is missing", label=dotted((i, "id"))))
                not_validated((i,), item)
            else:
                raw_entries.append((str(item["id"]), (i,), item))
    elif isinstance(doc.value, dict):
        if not re.fullmatch(SLUG_PATTERN, stem):
            problems.append(
                Problem(file, 1, 1, "(file)", f"file name {stem!r} is not a valid id: use lowercase letters, digits and hyphens")
            )
            not_validated((), doc.value)
            return _FileResult([], problems, broken=True, unchecked=unchecked)
        item = dict(doc.value)
        if "id" in item and item["id"] != stem:
            problems.append(doc.problem(("id",), f"id {str(item['id'])!r} differs from the file name {stem!r}: rename one"))
            not_validated((), item)
            return _FileResult([], problems, broken=True, unchecked=unchecked)
        item.setdefault("id", stem)
        raw_entries.append((stem, (), item))
    else:
        problems.append(doc.problem((), "expected a mapping of fields (one entry) or a list of entries"))
    entries = []
    for entity_id, base, raw in raw_entries:
        origin = Origin(doc, base)
        entity = validate_model(model, raw, origin, problems)
        if entity is None:
            not_validated(base, raw)
        markers = list(walk(entity, model)) if entity is not None else []
        entries.append(_Entry(collection, entity_id, origin, entity, markers))
    return _FileResult(entries, problems, unchecked=unchecked)
