"""The downloads' data dictionary: a Frictionless Data Package (``downloads/datapackage.json``).

Each language folder gets one describing every download in that folder: each CSV file as a
tabular resource (its columns as the file names them, with type, title and description in the
folder's language, and the machine name of a localised column as ``x-column``), and each JSON
file as a resource with its JSON Schema. ``frictionless validate downloads/datapackage.json``
checks the files against it.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from ..load.labels import labels
from ..model import Event, Metric

PROFILE = "data-package"
NUMBER_COLUMNS = {"value", "value_max", "change_yoy_percent", "share_percent"}
JSON_SCHEMA = "briefing.schema.json"
LIST_COLUMNS = {"companies", "people", "products", "topics", "related", "aliases"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _choices(annotation: Any) -> list[str]:
    """The values a ``Literal`` field (optional or not) allows."""
    if typing.get_origin(annotation) is Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return [c for arg in typing.get_args(annotation) for c in _choices(arg)]


def _enums() -> dict[str, list[str]]:
    return {
        "status": _choices(Event.model_fields["status"].annotation),
        "unit": _choices(Metric.model_fields["unit"].annotation),
        "bound": _choices(Metric.model_fields["bound"].annotation),
    }


def _field(column: str, name: str, title: str, lang: str) -> dict[str, Any]:
    doc = labels(lang)["columns"][column]
    field: dict[str, Any] = {"name": name, "title": title, "description": doc["description"]}
    field["type"] = "number" if column in NUMBER_COLUMNS else "string"
    if column == "id":
        field["constraints"] = {"required": True, "unique": True}
    elif choices := _enums().get(column):
        field["constraints"] = {"enum": choices}
    if name != column:
        field["x-column"] = column
    return field


def _schema(
    columns: Sequence[str], text_columns: set[str], languages: Sequence[str], file_lang: str | None, lang: str
) -> dict[str, Any]:
    titles = labels(lang)["columns"]
    fields = []
    for column in columns:
        title = titles[column]["title"]
        if file_lang is not None:
            fields.append(_field(column, labels(file_lang)["columns"][column]["title"], title, lang))
        elif column in text_columns:
            fields += [_field(column, f"{column}_{code}", f"{title} ({code})", lang) for code in languages]
        else:
            fields.append(_field(column, column, title, lang))
    return {"fields": fields, "primaryKey": [fields[0]["name"]], "missingValues": [""]}


def data_package(
    lang: str,
    languages: Sequence[str],
    title: str,
    names: Mapping[str, tuple[str | None, str | None]],
    columns: Mapping[str, Sequence[str]],
    text_columns: set[str],
) -> str:
    """The descriptor of the downloads in ``names`` (file → its language, its table), titled in ``lang``."""
    resources = []
    for name, (file_lang, table) in names.items():
        stem = name.rsplit(".", 1)[0].replace(".", "-")
        resource: dict[str, Any] = {"name": stem, "path": name}
        if table is None:
            resource |= {"type": "json", "format": "json", "mediatype": "application/json", "encoding": "utf-8"}
            resource["jsonSchema"] = JSON_SCHEMA  # Frictionless does not check it yet; see briefing_json_schema
        else:
            resource |= {"type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig"}
            resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
            resource["schema"] = _schema(columns[table], text_columns, languages, file_lang, lang)
        if file_lang is not None:
            resource["languages"] = [file_lang]
        else:
            resource["languages"] = list(languages)
        resources.append(resource)
    package = {
        "profile": PROFILE,
        "name": "briefing-data",
        "title": title,
        "version": "1",
        "languages": [lang],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _property(column: str, text_columns: set[str], languages: Sequence[str], lang: str) -> dict[str, Any]:
    doc = labels(lang)["columns"][column]
    one: dict[str, Any]
    if column in LIST_COLUMNS:
        one = {"type": "array", "items": {"type": "string"}}
    elif column in NUMBER_COLUMNS:
        one = {"type": ["number", "null"]}
    elif column == "id":
        one = {"type": "string", "minLength": 1}
    elif choices := _enums().get(column):
        one = {"enum": [*choices, None]}
    else:
        one = {"type": ["string", "null"]}
    if column in text_columns:
        # In one language's file the value itself; in the all-language file an object with one per language.
        each = {"type": "object", "propertyNames": {"enum": list(languages)}, "additionalProperties": one}
        one = {"anyOf": [one, each, {"type": "null"}]}
    return {"title": doc["title"], "description": doc["description"], **one}


def briefing_json_schema(
    lang: str, languages: Sequence[str], columns: Mapping[str, Sequence[str]], text_columns: set[str]
) -> str:
    """The JSON Schema of ``briefing.json`` and ``briefing.<lang>.json``, described in ``lang``.

    Records may gain columns at the end in a later version 1 file, so other properties are allowed.
    """
    tables = {
        table: {
            "type": "array",
            "items": {
                "type": "object",
                "required": list(names),
                "properties": {c: _property(c, text_columns | {"aliases"}, languages, lang) for c in names},
            },
        }
        for table, names in columns.items()
    }
    text = {"anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]}
    schema = {
        "$schema": DRAFT,
        "title": "briefing.json",
        "type": "object",
        "required": ["format", "version", "title", "as_of", *columns],
        "oneOf": [{"required": ["language"]}, {"required": ["languages"]}],
        "properties": {
            "format": {"const": "briefing-data"},
            "version": {"const": 1},
            "language": {"enum": list(languages)},
            "languages": {"type": "array", "items": {"enum": list(languages)}},
            "title": text,
            "as_of": {"type": "string", "pattern": r"^\d{4}(-(Q[1-4]|H[12]|\d{2}(-\d{2})?))?$"},
            **tables,
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
