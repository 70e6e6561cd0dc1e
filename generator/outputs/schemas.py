"""JSON Schemas of the data files, derived from the model, for editors' YAML language server.

One schema per collection (``schemas/<collection>.json``) and one for
``data/site.yaml`` (``schemas/site.json``). They come from pydantic's
``model_json_schema()``; this module only adds what the model states through
markers: translated text is an object whose keys are the site's languages, and
a collection file holds one entity (id optional: the file name) or a list of
entities with ids. Regenerate with ``python -m generator schemas``.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.numbers import list_currencies
from pydantic import BaseModel

from ..errors import DataError, Problem
from ..load.loader import load
from ..load.style import Style
from ..model import COLLECTIONS, SLUG_PATTERN, Localized, PartialDate, Site
from ..model.introspect import field_annotation, unwrap

# The draft pydantic emits ($defs); the YAML language server reads it, and ajv and check-jsonschema know it.
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# A date as the model takes it, with months and days in range (February 30 is still for `check` to find).
DATE_PATTERN = r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
NOT_BLANK = r"\S"
DECIMAL_PATTERN = r"^\s*[-+]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][-+]?\d(_?\d)*)?\s*$"  # as Decimal() reads
# What an editor shows instead of a failed regular expression (yaml-language-server's patternErrorMessage).
PATTERN_MESSAGES = {
    SLUG_PATTERN: "lowercase letters, digits and single hyphens, e.g. li-auto / 半角英小文字・数字・ハイフン（例: li-auto）",
    DATE_PATTERN: "a date: 2023, 2023-Q2, 2023-05 or 2023-05-24 / 日付: 2023、2023-Q2、2023-05、2023-05-24 のいずれか",
    "^https?://": "a link starting with http:// or https:// / http:// か https:// で始まるリンク",
    NOT_BLANK: "text, not only spaces / 空白だけでないテキスト",
    DECIMAL_PATTERN: "a number, such as 59.5 or -18.9 / 数値（59.5、-18.9 など）",
    # Language tags as the model writes them (site languages; languages of aliases and original forms).
    r"^[a-z]{2,3}(-[A-Z]{2})?$": "a language code such as ja, en or pt-BR / 言語コード（ja、en、pt-BR など）",
    r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$": "a BCP 47 language tag such as zh-Hans, ko or ja / BCP 47 の言語タグ（zh-Hans、ko、ja など）",
    r"^(company|person|market|metric|event|quote|term|source):[a-z0-9-]+$": (
        "kind:id, such as company:xiaomi or term:gross-margin / 種類:識別子（company:xiaomi、term:gross-margin など）"
    ),
}


def _localized(languages: Sequence[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1, "pattern": NOT_BLANK} for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
    }


def _branch(node: dict[str, Any], kind: str) -> dict[str, Any]:
    """The member of an Optional's ``anyOf`` that holds ``kind`` (``object``, ``array`` or ``$ref``)."""
    for member in node.get("anyOf", []):
        if member.get("type") == kind or kind in member:
            return member
    return node


def _apply(annotation: Any, node: dict[str, Any], defs: dict[str, Any], languages: Sequence[str], seen: set[str]) -> None:
    """Rewrite ``node`` (the schema of a value of type ``annotation``) where a marker says more than the type."""
    bare, markers = unwrap(annotation)
    if any(isinstance(m, Localized) for m in markers):
        target = _branch(node, "object")
        target.pop("additionalProperties", None)
        target.update(_localized(languages))
        return
    if bare is Decimal:
        # pydantic's schema takes any text for a Decimal; check takes a number, or text that is one ('59.5').
        for member in node.get("anyOf", []):
            if member.get("type") == "string":
                member["pattern"] = DECIMAL_PATTERN
        return
    origin = typing.get_origin(bare)
    if origin is list:
        _apply(typing.get_args(bare)[0], _branch(node, "array").get("items", {}), defs, languages, seen)
    elif origin is dict:
        inner = _branch(node, "object").get("additionalProperties")
        if isinstance(inner, dict):
            _apply(typing.get_args(bare)[1], inner, defs, languages, seen)
    elif isinstance(bare, type) and issubclass(bare, BaseModel):
        ref = _branch(node, "$ref").get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name in defs and name not in seen:
            seen.add(name)
            _apply_model(bare, defs[name], defs, languages, seen)


def _apply_model(
    model: type[BaseModel], node: dict[str, Any], defs: dict[str, Any], languages: Sequence[str], seen: set[str]
) -> None:
    for name in model.model_fields:
        _apply(field_annotation(model, name), node["properties"][name], defs, languages, seen)


def _dates(node: Any) -> None:
    """A year alone is a number to YAML: accept it where a date is expected."""
    if isinstance(node, dict):
        if node.get("pattern") == PartialDate.PATTERN and node.get("type") == "string":
            del node["type"], node["pattern"]
            node["anyOf"] = [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
            return
        for value in node.values():
            _dates(value)
    elif isinstance(node, list):
        for value in node:
            _dates(value)


def _model_schema(model: type[BaseModel], languages: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(schema of the model without its $defs, the $defs) with markers applied."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    _apply_model(model, schema, defs, languages, set())
    _dates(schema)
    _dates(defs)
    return schema, defs


def _editor_help(node: Any) -> None:
    """Help in both languages where editors show it: ``markdownDescription`` (hover), ``patternErrorMessage``."""
    if isinstance(node, dict):
        if "x-description-ja" in node:
            ja = node.pop("x-description-ja")
            node["markdownDescription"] = f"{node.get('description', '')}\n\n{ja}"
        if (message := PATTERN_MESSAGES.get(node.get("pattern", ""))) is not None:
            node["patternErrorMessage"] = message
        for value in node.values():
            _editor_help(value)
    elif isinstance(node, list):
        for value in node:
            _editor_help(value)


def _requires(name: str) -> dict[str, Any]:
    # Type and property stated beside `required`, as ajv's strict mode (strictTypes, strictRequired) asks.
    return {"type": "object", "properties": {name: True}, "required": [name]}


def _rules(model: type[BaseModel], entity: dict[str, Any]) -> None:
    """The model's cross-field rules (``one_of``, ``required_if``) and the currency list, as JSON Schema."""
    rules: list[dict[str, Any]] = []
    one_of = getattr(model, "one_of", ())
    if one_of:
        rules.append({"oneOf": [_requires(name) for name in one_of]})
    for name, (other, value) in getattr(model, "required_if", {}).items():
        rules.append({"if": {**_requires(other), "properties": {other: {"const": value}}}, "then": _requires(name)})
    if rules:
        entity["allOf"] = rules
    currency = entity["properties"].get("currency")
    if currency is not None:
        _branch(currency, "string").pop("pattern", None)
        _branch(currency, "string")["enum"] = sorted(list_currencies())


def site_schema(languages: Sequence[str]) -> dict[str, Any]:
    """The schema of ``data/site.yaml``."""
    schema, defs = _model_schema(Site, languages)
    return {"$schema": DRAFT, **schema, **({"$defs": defs} if defs else {})}


def collection_schema(collection: str, languages: Sequence[str]) -> dict[str, Any]:
    """The schema of one file under ``data/<collection>/``: one entity, or a list of entities with ids."""
    model = COLLECTIONS[collection]
    entity, defs = _model_schema(model, languages)
    entity["required"] = [name for name in entity.get("required", []) if name != "id"]
    _rules(model, entity)
    name = model.__name__
    defs[name] = entity
    ref = {"$ref": f"#/$defs/{name}"}
    return {
        "$schema": DRAFT,
        "title": f"data/{collection}/*.yaml",
        "description": f"One {name} (the file name is its id), or a list of them, each with an id.",
        "x-description-ja": f"{name} を1件（ファイル名が識別子）、または識別子付きで複数件をリストで。",
        "anyOf": [ref, {"type": "array", "minItems": 1, "items": {"allOf": [ref, _requires("id")]}}],
        "$defs": defs,
    }


def schema_names() -> list[str]:
    """The name of every schema file: the site settings', one per collection, then the style list's."""
    return ["site.json", *(f"{c}.json" for c in COLLECTIONS), "style.json"]


def all_schemas(languages: Sequence[str]) -> dict[str, str]:
    """Every schema file as text, by file name (``site.json``, ``companies.json`` …)."""
    site, *collections, style = schema_names()
    schemas = {site: site_schema(languages)}
    schemas.update({name: collection_schema(c, languages) for name, c in zip(collections, COLLECTIONS, strict=True)})
    style_schema, defs = _model_schema(Style, languages)
    schemas[style] = {"$schema": DRAFT, **style_schema, **({"$defs": defs} if defs else {})}
    _editor_help(schemas)
    return {name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for name, schema in schemas.items()}


def site_languages(data_dir: Path, *, rel: str = "data") -> list[str]:
    """The languages listed in ``data/site.yaml`` (the keys every translated text must have)."""
    file = f"{rel}/site.yaml"
    if not (data_dir / "site.yaml").is_file():
        raise DataError([Problem(file, 1, 1, "(file)", "missing: every briefing needs data/site.yaml")])
    doc = load(data_dir / "site.yaml", file)
    languages = doc.value.get("languages") if isinstance(doc.value, dict) else None
    if not isinstance(languages, list) or not languages or not all(isinstance(lang, str) for lang in languages):
        raise DataError([doc.problem(("languages",), "expected a list of languages, e.g. [ja, en]")])
    return [str(lang) for lang in languages]


def write_schemas(out_dir: Path, languages: Sequence[str]) -> list[str]:
    """Write every schema into ``out_dir``; return the names of the files that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in all_schemas(languages).items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
