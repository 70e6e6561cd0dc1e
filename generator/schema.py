"""Descriptions of the model for editors: the reference page and the JSON Schemas."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from .model import COLLECTIONS, Localized, PartialDate, Ref, Site
from .validate import _field_annotation, _unwrap


def _type_name(annotation: Any) -> dict[str, str]:
    """How a field's type reads in each language."""
    bare, markers = _unwrap(annotation)
    for marker in markers:
        if isinstance(marker, Localized):
            return {"en": "text per language", "ja": "言語ごとのテキスト"}
        if isinstance(marker, Ref):
            return {"en": f"id in {marker.collection}", "ja": f"{marker.collection} の識別子"}
    origin = typing.get_origin(bare)
    if origin is list:
        inner = _type_name(typing.get_args(bare)[0])
        return {"en": f"list of {inner['en']}", "ja": f"{inner['ja']}のリスト"}
    if origin is dict:
        return {"en": "list per language", "ja": "言語ごとのリスト"}
    if origin is typing.Literal:
        options = " | ".join(str(a) for a in typing.get_args(bare))
        return {"en": f"one of {options}", "ja": f"{options} のいずれか"}
    if bare is PartialDate:
        return {"en": "date (2023, 2023-Q1, 2023-05, 2023-05-24)", "ja": "日付（2023、2023-Q1、2023-05、2023-05-24）"}
    if bare is Decimal:
        return {"en": "number", "ja": "数値"}
    if bare is bool:
        return {"en": "true or false", "ja": "true または false"}
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return {"en": f"mapping ({bare.__name__})", "ja": f"マッピング（{bare.__name__}）"}
    return {"en": "text", "ja": "テキスト"}


def describe(model: type[BaseModel]) -> list[dict[str, Any]]:
    """One row per field of ``model``: name, type, whether required, descriptions."""
    rows = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        description = {"en": info.description or "", "ja": str(extra.get("x-description-ja", ""))}
        # What an omitted optional setting means (checks: levels, a metric's scale) belongs next to it.
        if not info.is_required() and isinstance(info.default, str | bool | int):
            value = str(info.default).lower() if isinstance(info.default, bool) else str(info.default)
            description["en"] += f" Default: {value}."
            description["ja"] += f"既定値は {value}。"
        rows.append(
            {
                "name": name,
                "type": _type_name(_field_annotation(model, name)),
                "required": info.is_required() and name != "id",
                "description": description,
            }
        )
    return rows


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type is made of (``list[Relation]`` → Relation; ``Share | None`` → Share)."""
    bare, _ = _unwrap(annotation)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return [bare]
    return [m for arg in typing.get_args(bare) for m in _models_in(arg)]


def nested_models() -> list[type[BaseModel]]:
    """Every model written inside another one (site settings, collections), in the order first met."""
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [Site, *COLLECTIONS.values()]
    seen = set(pending)
    while pending:
        model = pending.pop(0)
        for name in model.model_fields:
            for part in _models_in(_field_annotation(model, name)):
                if part not in seen:
                    seen.add(part)
                    found.append(part)
                    pending.append(part)
    return found


def describe_collections() -> list[dict[str, Any]]:
    """Every model editors write, with where its files go and its fields; parts (Highlight, Checks …) after them."""
    out = [{"name": "Site", "folder": "data/site.yaml", "doc": Site.__doc__ or "", "fields": describe(Site)}]
    for collection, model in COLLECTIONS.items():
        out.append(
            {"name": model.__name__, "folder": f"data/{collection}/", "doc": model.__doc__ or "", "fields": describe(model)}
        )
    for part in nested_models():
        out.append({"name": part.__name__, "folder": "", "doc": part.__doc__ or "", "fields": describe(part)})
    return out
