"""Descriptions of the model for editors: the data reference page.

Nothing here is worded: a field's type is a :class:`TypeName`, named in a language
by its label file (``reference.types`` in ``generator/locales/<lang>.yaml``), so a
new language needs a label file and no code. Field descriptions come from the
model (English, with the Japanese ``x-description-ja``).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..model import COLLECTIONS, Localized, PartialDate, Ref, Site
from ..model.introspect import field_annotation, unwrap
from ..scaffold import example_lines


@dataclass(frozen=True)
class TypeName:
    """A field's type: ``kind`` is a key of ``reference.types``; ``model`` names a model, ``item`` a list's items."""

    kind: str
    model: str = ""
    collection: str = ""
    options: tuple[str, ...] = ()
    item: TypeName | None = None

    def text(self, labels: Mapping[str, Any]) -> str:
        """The type as it reads in the language of ``labels`` (a whole label file)."""
        reference = labels["reference"]
        pattern: str = reference["types"][self.kind]
        return pattern.format(
            model=reference["models"][self.model] if self.model else "",
            collection=self.collection,
            options=reference["types"]["option_separator"].join(self.options),
            examples=labels["formats"]["list_separator"].join(PartialDate.EXAMPLES),
            item=self.item.text(labels) if self.item else "",
        )


def type_name(annotation: Any) -> TypeName:
    """What kind of value a field holds."""
    bare, markers = unwrap(annotation)
    for marker in markers:
        if isinstance(marker, Localized):
            return TypeName("localized")
        if isinstance(marker, Ref):
            return TypeName("ref", model=COLLECTIONS[marker.collection].__name__, collection=marker.collection)
    origin = typing.get_origin(bare)
    if origin is list:
        return TypeName("list", item=type_name(typing.get_args(bare)[0]))
    if origin is dict:
        return TypeName("per_language_list")
    if origin is typing.Literal:
        return TypeName("one_of", options=tuple(str(a) for a in typing.get_args(bare)))
    if bare is PartialDate:
        return TypeName("date")
    if bare is Decimal or bare is int:
        return TypeName("number")
    if bare is bool:
        return TypeName("bool")
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return TypeName("mapping", model=bare.__name__)
    return TypeName("text")


def describe(model: type[BaseModel]) -> list[dict[str, Any]]:
    """One row per field of ``model``: name, type, whether required, descriptions, default of an optional setting."""
    rows = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        default = None
        # What an omitted optional setting means (checks: levels, a metric's scale) belongs next to it.
        if not info.is_required() and isinstance(info.default, str | bool | int):
            default = str(info.default).lower() if isinstance(info.default, bool) else str(info.default)
        rows.append(
            {
                "name": name,
                "type": type_name(field_annotation(model, name)),
                "required": info.is_required() and name != "id",
                "description": {"en": info.description or "", "ja": str(extra.get("x-description-ja", ""))},
                "default": default,
            }
        )
    return rows


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type is made of (``list[Relation]`` → Relation; ``Share | None`` → Share)."""
    bare, _ = unwrap(annotation)
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
            for part in _models_in(field_annotation(model, name)):
                if part not in seen:
                    seen.add(part)
                    found.append(part)
                    pending.append(part)
    return found


@dataclass(frozen=True)
class Example:
    """The smallest entry of a model, as the YAML an editor writes (the fields ``new`` asks to fill)."""

    model: type[BaseModel]

    def text(self, labels: Mapping[str, Any], languages: Sequence[str]) -> str:
        """The YAML, each placeholder commented with its type in the language of ``labels``."""
        return "\n".join(example_lines(self.model, list(languages), lambda a: type_name(a).text(labels)))


def describe_collections() -> list[dict[str, Any]]:
    """Every model editors write, with where its files go, an example and its fields; parts (Highlight, Checks …) after them."""
    out = [
        {
            "name": "Site",
            "folder": "data/site.yaml",
            "example": Example(Site),
            "doc": Site.__doc__ or "",
            "fields": describe(Site),
        }
    ]
    for collection, model in COLLECTIONS.items():
        out.append(
            {
                "name": model.__name__,
                "folder": f"data/{collection}/",
                "example": Example(model),
                "doc": model.__doc__ or "",
                "fields": describe(model),
            }
        )
    for part in nested_models():
        out.append({"name": part.__name__, "folder": "", "example": None, "doc": part.__doc__ or "", "fields": describe(part)})
    return out
