"""Loading a briefing: every data file under data/ → a checked Briefing, or every problem at once."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..errors import DataError, Path_, Problem
from ..model import COLLECTIONS, Briefing, Coverage, Entity, Localized, Origin, Ref, Site
from ..model.introspect import walk
from .consistency import check_consistency
from .figures import figure_problems
from .files import FileCache, data_files
from .rules import check_rules
from .site import load_site
from .style import check_style, load_style

PLACEHOLDER = "TODO"


def load_briefing(data_dir: Path, *, rel: str = "data", cache: FileCache | None = None) -> Briefing:
    """Load and check every file under ``data_dir``; raise DataError listing every problem.

    With a ``cache`` from an earlier load, files that did not change are not read or validated again.
    """
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(rel, 1, 1, "(file)", "data folder not found")])
    site, site_origin = load_site(data_dir, rel, problems)
    entities: dict[str, dict[str, Entity]] = {name: {} for name in COLLECTIONS}
    origins: dict[tuple[str, str], Origin] = {}
    invalid: set[tuple[str, str]] = set()
    # Entries of a file that could not be read are unknown: references to them are not reported too.
    broken: set[str] = set()
    marked: list[tuple[Origin, list[tuple[Path_, Any, Any]]]] = []
    collection_of: dict[int, str] = {}  # id(origin) → collection, for the style rules that spare one
    unchecked: list[tuple[Origin, list[tuple[Path_, dict[str, str]]]]] = []
    files = cache if cache is not None else FileCache()
    seen: set[Path] = set()
    for collection, path, file in data_files(data_dir, rel, problems):
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
        briefing = Briefing.of(site, entities, origins=origins, coverage=coverage, site_origin=site_origin)
        problems.extend(check_rules(briefing, site_origin, invalid, broken))
        translated = [
            (collection_of.get(id(origin), "site"), origin, at, value)
            for origin, markers in [(site_origin, list(walk(site, Site))), *marked]
            for at, value, marker in markers
            if isinstance(marker, Localized)
        ]
        problems.extend(figure_problems([t[1:] for t in translated], briefing.metrics, invalid))
        style, _ = load_style(data_dir, rel, problems)
        if style is not None:
            problems.extend(check_style(style, translated))
        errors, briefing.warnings = check_consistency(briefing)
        problems.extend(errors)
        if not problems:
            return briefing
    raise DataError(problems, coverage=coverage)


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
