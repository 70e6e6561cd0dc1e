"""Validation: loaded documents → a checked Briefing, or every problem at once."""

from __future__ import annotations

import difflib
import functools
import os
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ValidationError

from .consistency import check_consistency
from .errors import DataError, Problem
from .figures import figure_problems
from .labels import LOCALES_DIR, available_languages, use_project_locales
from .loader import Document, Path_, dotted, load, parse_bytes_partly, read_data_file
from .model import COLLECTIONS, SLUG_PATTERN, Entity, Localized, Ref, Site
from .rules import check_rules
from .style import STYLE_FILE, check_style, load_style

PLACEHOLDER = "TODO"


@dataclass
class Origin:
    """Where an entity was read: its document and its path inside it."""

    doc: Document
    base: Path_

    def problem(self, path: Path_, message: str, *, key: bool = False, label_path: Path_ | None = None) -> Problem:
        """A problem at ``path`` inside this entity; ``label_path`` names a field that is absent."""
        label = dotted(self.base + tuple(label_path)) if label_path is not None else None
        return self.doc.problem(self.base + tuple(path), message, key=key, label=label)


@dataclass
class Coverage:
    """How many translated text fields each language has, and which are missing."""

    total: int = 0
    missing: dict[str, list[Problem]] = field(default_factory=dict)


@dataclass
class Briefing:
    """The validated facts of one briefing."""

    site: Site
    entities: dict[str, dict[str, Entity]]
    origins: dict[tuple[str, str], Origin]
    coverage: Coverage
    warnings: list[Problem] = field(default_factory=list)
    site_origin: Origin | None = None

    def __getitem__(self, collection: str) -> dict[str, Entity]:
        return self.entities[collection]

    @property
    def languages(self) -> list[str]:
        return list(self.site.languages)

    def origin_file(self, collection: str, entity_id: str) -> str:
        """The data file an entity was read from."""
        return self.origins[(collection, entity_id)].doc.file


# ----------------------------------------------------------------- annotations


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional; return the bare type and the markers met."""
    markers: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *meta = typing.get_args(annotation)
            markers.extend(meta)
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, markers
            annotation = args[0]
        else:
            return annotation, markers


def _field_annotation(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields[name]
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def walk(value: Any, annotation: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any, Any]]:
    """Yield (path, value, marker) for every Ref or Localized marker met in a model value."""
    return _walk(value, _plan(annotation), path)


def _walk(value: Any, plan: _Plan, path: Path_) -> Iterator[tuple[Path_, Any, Any]]:
    if value is None:
        return
    for marker in plan.markers:
        yield path, value, marker
    if plan.inner is not None:
        for key, item in enumerate(value) if plan.kind == "list" else value.items():
            yield from _walk(item, plan.inner, path + (key,))
    elif plan.kind == "model":
        for name, field_plan in _walked_fields(typing.cast("type[BaseModel]", type(value))):
            yield from _walk(getattr(value, name), field_plan, path + (name,))


def texts_in_raw(value: Any, annotation: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Yield (path, texts) for every translated text field in data that did not validate as ``annotation``.

    Only a field read as a mapping of non-empty texts is yielded: the checks that failed have reported the others.
    """
    return _texts_in_raw(value, _plan(annotation), path)


def _texts_in_raw(value: Any, plan: _Plan, path: Path_) -> Iterator[tuple[Path_, dict[str, str]]]:
    if value is None:
        return
    if any(isinstance(m, Localized) for m in plan.markers):
        if isinstance(value, dict) and all(isinstance(v, str) and v.strip() for v in value.values()):
            yield path, value
        return
    if plan.inner is not None and plan.kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts_in_raw(item, plan.inner, path + (i,))
    elif plan.inner is not None and plan.kind == "dict" and isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in_raw(item, plan.inner, path + (key,))
    elif plan.model is not None and isinstance(value, dict):
        for name, field_plan in _walked_fields(plan.model):
            yield from _texts_in_raw(value.get(name), field_plan, path + (name,))


@dataclass(frozen=True, eq=False)
class _Plan:
    """How ``walk`` goes through a value of one type: its markers, its kind, and the plan of its items or its model.

    Made once per type: hashing a typed annotation for every value walked took most of the walk's time.
    """

    markers: tuple[Any, ...]
    kind: str
    inner: _Plan | None = None
    model: type[BaseModel] | None = None


@functools.cache
def _plan(annotation: Any) -> _Plan:
    bare, markers = _unwrap(annotation)
    found = tuple(m for m in markers if isinstance(m, (Ref, Localized)))
    origin = typing.get_origin(bare)
    if origin is list:
        return _Plan(found, "list", _plan(typing.get_args(bare)[0]))
    if origin is dict:
        return _Plan(found, "dict", _plan(typing.get_args(bare)[1]))
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return _Plan(found, "model", model=bare)
    return _Plan(found, "")


@functools.cache
def _walked_fields(model: type[BaseModel]) -> tuple[tuple[str, _Plan], ...]:
    """The fields of a model that can hold a marker (plain numbers and names are skipped)."""
    out = []
    for name in model.model_fields:
        plan = _plan(_field_annotation(model, name))
        if _can_hold_marker(plan, set()):
            out.append((name, plan))
    return tuple(out)


def _can_hold_marker(plan: _Plan, seen: set[Any]) -> bool:
    if plan.markers:
        return True
    if plan.inner is not None:
        return _can_hold_marker(plan.inner, seen)
    if plan.model is not None:
        if plan.model in seen:
            return True
        seen.add(plan.model)
        return any(_can_hold_marker(_plan(_field_annotation(plan.model, n)), seen) for n in plan.model.model_fields)
    return False


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names allowed at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        bare, _ = _unwrap(current)
        if isinstance(part, int) or typing.get_origin(bare) in (list, dict):
            args = typing.get_args(bare)
            current = args[-1] if args else Any
        elif isinstance(bare, type) and issubclass(bare, BaseModel) and part in bare.model_fields:
            current = _field_annotation(bare, part)
        else:
            return []
    bare, _ = _unwrap(current)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return list(bare.model_fields)
    return []


# ----------------------------------------------------------------- messages

_NUMBER_ERRORS = {"decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"}


def _message(err: dict[str, Any], model: type[BaseModel]) -> tuple[str, bool]:
    """A plain-language message for one pydantic error, and whether it points at the key."""
    kind = err["type"]
    loc = tuple(err["loc"])
    given = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        near = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r}?" if near else f"; allowed fields: {', '.join(allowed)}"
        return f"unknown field {loc[-1]!r}{hint}", True
    if kind == "missing":
        return "required field is missing", True
    if kind in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, "), False
    if kind == "string_type":
        return f"expected text, got {_show(given)}", False
    if kind == "dict_type":
        return f"expected a mapping (e.g. {{ja: …, en: …}}), got {_show(given)}", False
    if kind == "list_type":
        return f"expected a list, got {_show(given)}", False
    if kind == "model_type" or kind == "model_attributes_type":
        return f"expected a mapping of fields, got {_show(given)}", False
    if kind in _NUMBER_ERRORS or kind.startswith("decimal"):
        return f"expected a number, got {_show(given)}", False
    if kind == "literal_error":
        return f"expected one of {err['ctx']['expected']}, got {_show(given)}", False
    if kind == "string_pattern_mismatch":
        return f"{_show(given)} does not have the expected form ({err['ctx']['pattern']})", False
    if kind == "too_short":
        return "must not be empty", False
    if kind == "string_too_short":
        return "text is empty", False
    msg = str(err["msg"])
    return msg[:1].lower() + msg[1:], False


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(str(value))


def _validate(model: type[BaseModel], data: Any, origin: Origin, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            message, at_key = _message(dict(err), model)
            problems.append(origin.problem(tuple(err["loc"]), message, key=at_key))
        return None


# ----------------------------------------------------------------- loading


def _load_site(data_dir: Path, rel: str, problems: list[Problem]) -> tuple[Site | None, Origin | None]:
    path = data_dir / "site.yaml"
    file = f"{rel}/site.yaml"
    if not path.is_file():
        problems.append(Problem(file, 1, 1, "(file)", "missing: every briefing needs data/site.yaml"))
        return None, None
    try:
        doc = load(path, file)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, None
    origin = Origin(doc, ())
    site = _validate(Site, doc.value, origin, problems)
    if site is not None:
        use_project_locales(data_dir.parent)
        known = available_languages()
        for i, lang in enumerate(site.languages):
            try:
                Locale.parse(lang.replace("-", "_"))
            except (UnknownLocaleError, ValueError):
                problems.append(origin.problem(("languages", i), f"unknown language {lang!r}"))
                continue
            if lang not in known:
                problems.append(
                    origin.problem(
                        ("languages", i),
                        f"no interface labels for {lang!r}: add locales/{lang}.yaml beside data/ "
                        f"(copy {sorted(known)[0]}.yaml from {LOCALES_DIR} and translate it)",
                    )
                )
        if len(set(site.languages)) != len(site.languages):
            problems.append(origin.problem(("languages",), "a language is listed twice"))
    return site, origin


def _editor_leftover(name: str) -> bool:
    """A file an editor leaves beside the one being edited (a backup, an autosave, a probe): never data."""
    return name.endswith(("~", ".tmp", ".swp")) or (name.startswith("#") and name.endswith("#")) or name == "4913"


def _data_files(data_dir: Path, rel: str, problems: list[Problem]) -> Iterator[tuple[str, Path, str]]:
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
class LoadCache:
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
        entity = _validate(model, raw, origin, problems)
        if entity is None:
            not_validated(base, raw)
        markers = list(walk(entity, model)) if entity is not None else []
        entries.append(_Entry(collection, entity_id, origin, entity, markers))
    return _FileResult(entries, problems, unchecked=unchecked)


def load_briefing(data_dir: Path, *, rel: str = "data", cache: LoadCache | None = None) -> Briefing:
    """Load and check every file under ``data_dir``; raise DataError listing every problem.

    With a ``cache`` from an earlier load, files that did not change are not read or validated again.
    """
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(rel, 1, 1, "(file)", "data folder not found")])
    site, site_origin = _load_site(data_dir, rel, problems)
    entities: dict[str, dict[str, Entity]] = {name: {} for name in COLLECTIONS}
    origins: dict[tuple[str, str], Origin] = {}
    invalid: set[tuple[str, str]] = set()
    # Entries of a file that could not be read are unknown: references to them are not reported too.
    broken: set[str] = set()
    warnings: list[Problem] = []
    marked: list[tuple[Origin, list[tuple[Path_, Any, Any]]]] = []
    collection_of: dict[int, str] = {}  # id(origin) → collection, for the style rules that spare one
    unchecked: list[tuple[Origin, list[tuple[Path_, dict[str, str]]]]] = []
    files = cache if cache is not None else LoadCache()
    seen: set[Path] = set()
    for collection, path, file in _data_files(data_dir, rel, problems):
        seen.add(path)
        result = files.result(collection, path, file)
        problems.extend(result.problems)
        if result.broken:
            broken.add(collection)
        unchecked.extend(result.unchecked)
        for entry in result.entries:
            entity, origin = entry.entity, entry.origin
            if entity is None:
                invalid.add((collection, entry.entity_id))  # reported once; references to it are not errors too
                continue
            if entity.id in entities[collection]:
                first = origins[(collection, entity.id)]
                line, col = first.doc.place(first.base)
                problems.append(origin.problem(("id",), f"duplicate id {entity.id!r} (also in {first.doc.file}:{line}:{col})"))
                continue
            entities[collection][entity.id] = entity
            origins[(collection, entity.id)] = origin
            marked.append((origin, entry.markers))
            collection_of[id(origin)] = collection
    for gone in set(files.files) - seen:
        del files.files[gone]
    coverage = Coverage()
    # Without valid site settings there are no languages to check translations against; references still are.
    langs = list(site.languages) if site is not None else None
    coverage.missing = {lang: [] for lang in langs or []}
    site_markers = [(site_origin, list(walk(site, Site)))] if site is not None and site_origin is not None else []
    for origin, markers in [*site_markers, *marked]:
        for at, value, marker in markers:
            if isinstance(marker, Ref):
                if (
                    value not in entities[marker.collection]
                    and (marker.collection, value) not in invalid
                    and marker.collection not in broken
                ):
                    problems.append(origin.problem(at, _unknown(marker.collection, value, entities)))
            elif langs is not None:
                _check_translations(origin, at, value, langs, coverage, problems)
    if site is not None and site_origin is not None and langs is not None:
        for origin, texts in unchecked:
            for at, value in texts:
                _check_translations(origin, at, value, langs, coverage, problems)
        problems.extend(check_rules(site, site_origin, entities, origins, invalid, broken))
        translated = [
            (collection_of.get(id(origin), "site"), origin, at, value)
            for origin, markers in [(site_origin, list(walk(site, Site))), *marked]
            for at, value, marker in markers
            if isinstance(marker, Localized)
        ]
        problems.extend(figure_problems([t[1:] for t in translated], entities["metrics"], invalid))
        style, _ = load_style(data_dir, rel, problems)
        if style is not None:
            problems.extend(check_style(style, translated))
        errors, warnings = check_consistency(site, entities, origins)
        problems.extend(errors)
    if problems:
        raise DataError(problems, coverage=coverage)
    assert site is not None
    return Briefing(site, entities, origins, coverage, warnings, site_origin)


def check_root_language(briefing: Briefing, default: str | None) -> None:
    """The data's first language is the site root's: it must be the one mkdocs.yml builds at the root (``default``)."""
    if default is not None and briefing.languages[0] != default and briefing.site_origin is not None:
        message = (
            f"the first language, {briefing.languages[0]!r}, is the site root's, but mkdocs.yml builds {default!r} there "
            f"(plugins: i18n: languages: default: true): list {default!r} first, or change mkdocs.yml"
        )
        raise DataError([briefing.site_origin.problem(("languages",), message)])


class _SettingsLoader(yaml.SafeLoader):
    """The safe loader, reading the Python tags mkdocs.yml may hold (pymdownx's slugify) as nothing, never running them."""


_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_SettingsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def mkdocs_root_language(mkdocs_yml: Path) -> str | None:
    """The language mkdocs.yml builds at the site root (the i18n plugin's default), if it says."""
    try:
        loader = _SettingsLoader(mkdocs_yml.read_text(encoding="utf-8"))
        try:
            config = loader.get_single_data()
        finally:
            loader.dispose()
        plugins = config["plugins"]
        i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
        return next(str(lang["locale"]) for lang in i18n["languages"] if lang.get("default"))
    except (OSError, yaml.YAMLError, KeyError, TypeError, StopIteration, AttributeError):
        return None  # no mkdocs.yml, or one that MkDocs itself will report on


def _unknown(collection: str, value: str, entities: dict[str, dict[str, Entity]]) -> str:
    near = difflib.get_close_matches(value, list(entities[collection]), n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"no entry {value!r} in {collection}{hint}"


def _check_translations(
    origin: Origin, path: Path_, value: dict[str, str], langs: list[str], coverage: Coverage, problems: list[Problem]
) -> None:
    coverage.total += 1
    for lang in value:
        if lang not in langs:
            problems.append(
                origin.problem(
                    path + (lang,), f"unknown language {lang!r}; the site's languages are {', '.join(langs)}", key=True
                )
            )
    for lang in langs:
        text = value.get(lang)
        if text is None:
            problem = origin.problem(path, f"missing {lang!r} translation", label_path=path + (lang,))
        elif text.strip().startswith(PLACEHOLDER):
            problem = origin.problem(path + (lang,), "unfinished: replace the TODO placeholder")
        else:
            continue
        coverage.missing[lang].append(problem)
        problems.append(problem)
