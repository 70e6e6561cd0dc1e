"""The committed JSON Schemas match the model, and the sample data validates against them as an editor sees it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support.editor_view import editor_view

from generator.load.loader import load, parse
from generator.model import COLLECTIONS
from generator.outputs.schemas import all_schemas, site_languages

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SCHEMAS = ROOT / "schemas"
LANGUAGES = site_languages(DATA)


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _errors(name: str, yaml_text: str) -> list[str]:
    """Every message, including those under an ``anyOf`` (one entity or a list)."""
    pending = list(_validator(name).iter_errors(editor_view(parse(yaml_text, "x.yaml").value)))
    messages = []
    while pending:
        error = pending.pop()
        messages.append(error.message)
        pending.extend(error.context or [])
    return messages


def test_committed_schemas_are_up_to_date() -> None:
    expected = all_schemas(LANGUAGES)
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(expected), "run: python -m generator schemas"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"schemas out of date with the model: {stale}; run: python -m generator schemas"


def test_one_schema_per_collection_the_site_and_the_style_list() -> None:
    assert set(all_schemas(LANGUAGES)) == {"site.json", "style.json"} | {f"{c}.json" for c in COLLECTIONS}


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.relative_to(DATA).as_posix())
def test_sample_data_validates_and_points_at_its_schema(path: Path) -> None:
    name = f"{path.stem}.json" if path.parent == DATA else f"{path.parent.name}.json"
    errors = list(_validator(name).iter_errors(editor_view(load(path, path.name).value)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_data_files_name_their_schema() -> None:
    """Each data file's first line tells the YAML language server which schema applies."""
    for path in sorted(DATA.rglob("*.yaml")):
        expected = f"../schemas/{path.stem}.json" if path.parent == DATA else f"../../schemas/{path.parent.name}.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={expected}", path
        assert (path.parent / expected).resolve().is_file()


def test_text_needs_every_language_and_nothing_else() -> None:
    ok = "name: {ja: シャオミ, en: Xiaomi}\ncategory: {ja: 製造, en: Maker}\nsummary: {ja: 説明, en: Summary}\n"
    assert _errors("companies.json", ok) == []
    missing_en = ok.replace(", en: Xiaomi", "")
    assert any("'en' is a required property" in m for m in _errors("companies.json", missing_en))
    extra_lang = ok.replace("en: Xiaomi", "en: Xiaomi, fr: Xiaomi")
    assert _errors("companies.json", extra_lang)
    assert _errors("companies.json", ok.replace("en: Xiaomi", "en: ''"))


def test_ids_are_slugs_and_list_entries_need_them() -> None:
    entry = "name: {ja: a, en: b}\ncategory: {ja: a, en: b}\nsummary: {ja: a, en: b}\n"
    assert _errors("companies.json", "id: li-auto\n" + entry) == []
    assert _errors("companies.json", "id: Li_Auto\n" + entry)
    listed = "- " + entry.replace("\n", "\n  ").rstrip() + "\n"
    assert _errors("companies.json", listed), "a list entry without id must not validate"
    assert _errors("companies.json", "- id: li-auto\n  " + entry.replace("\n", "\n  ").rstrip() + "\n") == []


def test_unknown_field_and_bad_values_are_flagged() -> None:
    event = "date: {d}\nstatus: {s}\ntitle: {{ja: a, en: b}}\nsource: src\n"
    assert _errors("events.json", event.format(d="2023", s="happened")) == []
    assert _errors("events.json", event.format(d="2023-Q2", s="planned")) == []
    assert _errors("events.json", event.format(d="May 2023", s="happened"))
    assert _errors("events.json", event.format(d="2023-05", s="done"))
    assert _errors("events.json", event.format(d="2023-05", s="happened") + "titel: x\n")


def test_editor_view_reads_plain_scalars_like_yaml_1_2() -> None:
    value = parse("a: 2023\nb: 59.5\nc: true\nd: '2023'\ne: 2023-05\nf: -18.9\n", "x.yaml").value
    assert editor_view(value) == {"a": 2023, "b": 59.5, "c": True, "d": "2023", "e": "2023-05", "f": -18.9}


def test_schemas_command_writes_then_reports_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    out = tmp_path / "schemas"
    assert main(["schemas", "--data", str(DATA), "--out", str(out)]) == 0
    assert f"{len(all_schemas(LANGUAGES))} schema(s) written" in capsys.readouterr().out
    assert {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.json")} == all_schemas(LANGUAGES)
    assert main(["schemas", "--data", str(DATA), "--out", str(out)]) == 0
    assert "up to date" in capsys.readouterr().out


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("name", sorted(all_schemas(LANGUAGES)))
def test_schemas_suit_strict_validators_and_editors(name: str) -> None:
    """What ajv's strict mode asks (checked by hand with ajv 8 --strict=true, the two editor keywords declared),
    and what the YAML language server shows: help in both languages, pattern errors in words."""
    schema = json.loads(all_schemas(LANGUAGES)[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for node in _nodes(schema):
        assert not [key for key in node if key.startswith("x-")], "no keyword an editor or strict validator does not know"
        if "required" in node and isinstance(node["required"], list) and node["required"]:
            assert node.get("type") == "object" or "properties" in node, node
            assert set(node["required"]) <= set(node.get("properties", {})), f"strictRequired: {node}"
        if "pattern" in node:
            assert "patternErrorMessage" in node, f"a raw regular expression would be the editor's message: {node}"
        if "markdownDescription" in node:
            assert re.search(r"[ぁ-んァ-ン一-龥]", node["markdownDescription"]), "the hover help has the Japanese too"
