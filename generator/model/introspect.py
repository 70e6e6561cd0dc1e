"""Reading the model's declarations: the markers a field carries, and every marked value in an entry.

Schemas, the reference page, scaffolding and validation all read the model through these functions.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel

from ..errors import Path_
from .fields import Localized, Ref


def unwrap(annotation: Any) -> tuple[Any, list[Any]]:
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


def field_annotation(model: type[BaseModel], name: str) -> Any:
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
    bare, markers = unwrap(annotation)
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
        plan = _plan(field_annotation(model, name))
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
        return any(_can_hold_marker(_plan(field_annotation(plan.model, n)), seen) for n in plan.model.model_fields)
    return False


def fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names allowed at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        bare, _ = unwrap(current)
        if isinstance(part, int) or typing.get_origin(bare) in (list, dict):
            args = typing.get_args(bare)
            current = args[-1] if args else Any
        elif isinstance(bare, type) and issubclass(bare, BaseModel) and part in bare.model_fields:
            current = field_annotation(bare, part)
        else:
            return []
    bare, _ = unwrap(current)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return list(bare.model_fields)
    return []
