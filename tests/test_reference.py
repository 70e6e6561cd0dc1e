"""The data reference page documents every model editors write, nested settings included, in every language."""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from support.pages import render_pages

from generator.errors import DataError
from generator.load import load_briefing
from generator.load.labels import available_languages, labels
from generator.model import COLLECTIONS, Checks, PartialDate, Site
from generator.scaffold import must_fill

ROOT = Path(__file__).resolve().parent.parent
TINY = load_briefing(ROOT / "tests" / "fixtures" / "tiny")
PAGES = render_pages(TINY, ROOT / "templates")


def _models(annotation: object) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return {m for arg in typing.get_args(annotation) for m in _models(arg)}


def every_model() -> set[type[BaseModel]]:
    """Site, the collections and every model reachable through their fields (found here, not by the generator)."""
    found: set[type[BaseModel]] = set()
    pending: list[type[BaseModel]] = [Site, *COLLECTIONS.values()]
    while pending:
        model = pending.pop()
        if model not in found:
            found.add(model)
            pending += [m for info in model.model_fields.values() for m in _models(info.annotation)]
    return found


def _sections(page: str) -> dict[str, str]:
    """Each section of the page by the model it documents (its anchor is the model's name in lower case)."""
    names = {m.__name__.lower(): m.__name__ for m in every_model()}
    parts = re.split(r"^## .+ \{ #(\w+) \}$", page, flags=re.MULTILINE)
    return {names[anchor]: text for anchor, text in zip(parts[1::2], parts[2::2], strict=True)}


def _headings(page: str) -> dict[str, str]:
    return {anchor: heading for heading, anchor in re.findall(r"^## (.+) \{ #(\w+) \}$", page, flags=re.MULTILINE)}


@pytest.mark.parametrize("lang", TINY.languages)
def test_every_model_and_field_is_documented(lang: str) -> None:
    sections = _sections(str(PAGES[f"{lang}/reference.md"]))
    models = every_model()
    assert Checks in models
    assert {m.__name__ for m in models} <= set(sections), "a section per model"
    for model in models:
        rows = {
            m.group(1): m.group(2)
            for m in re.finditer(r"^\| `(\w+)` \|.*\| ([^|]*) \|$", sections[model.__name__], flags=re.MULTILINE)
        }
        assert set(rows) == set(model.model_fields), model.__name__
        assert all(text.strip() for text in rows.values()), f"{model.__name__}: a description for every field"


def test_checks_settings_show_their_levels_and_defaults_in_both_languages() -> None:
    en = _sections(str(PAGES["en/reference.md"]))
    ja = _sections(str(PAGES["ja/reference.md"]))
    assert "| `checks` | mapping (Checks) |" in en["Site"]
    assert "| `checks` | マッピング（整合性チェック） |" in ja["Site"]
    for name, info in Checks.model_fields.items():
        [en_row] = [line for line in en["Checks"].splitlines() if line.startswith(f"| `{name}` |")]
        [ja_row] = [line for line in ja["Checks"].splitlines() if line.startswith(f"| `{name}` |")]
        assert "one of error \\| warning \\| off" in en_row and "error \\| warning \\| off のいずれか" in ja_row
        assert en_row.endswith(f"Default: {info.default}. |") and ja_row.endswith(f"既定値は {info.default}。 |")
        assert re.search("[ぁ-んァ-ン一-龥]", ja_row), "the Japanese page describes it in Japanese"


def _literals(models: set[type[BaseModel]]) -> set[str]:
    """What the page writes as the data spells it: options of a one-of field, collection names, dates, true and false."""
    found = set(COLLECTIONS) | set(PartialDate.EXAMPLES) | {"true", "false"}
    for model in models:
        for info in model.model_fields.values():
            for annotation in [info.annotation, *typing.get_args(info.annotation)]:
                if typing.get_origin(annotation) is typing.Literal:
                    found |= {str(a) for a in typing.get_args(annotation)}
    return found


def test_the_japanese_page_names_models_and_types_in_japanese() -> None:
    page = str(PAGES["ja/reference.md"])
    headings = _headings(page)
    assert set(headings) == {m.__name__.lower() for m in every_model()}
    latin = [h for h in headings.values() if re.search("[A-Za-z]", h)]
    assert not latin, f"English headings on the Japanese page: {latin}"
    literals = sorted(_literals(every_model()), key=len, reverse=True)
    for model, text in _sections(page).items():
        for type_cell in re.findall(r"^\| `\w+` \| ([^|]*(?:\\\|[^|]*)*) \|", text, flags=re.MULTILINE):
            words = type_cell.replace("\\|", " ")
            for literal in literals:
                words = words.replace(literal, " ")
            assert not re.search("[A-Za-z]", words), f"{model}: English in the type {type_cell!r}"


@pytest.mark.parametrize("lang", sorted(available_languages()))
def test_every_language_file_names_every_model_and_type(lang: str) -> None:
    """A language needs only its label file: every word of the page is in it."""
    reference = labels(lang)["reference"]
    assert {m.__name__ for m in every_model()} <= set(reference["models"])
    assert set(reference["types"]) == set(labels("en")["reference"]["types"])
    assert {"with_default", "example"} <= set(reference)


def _example(page: str, model: str) -> str:
    match = re.search(r"^```yaml\n(.*?)^```$", _sections(page)[model], flags=re.MULTILINE | re.DOTALL)
    assert match, f"{model}: no example"
    return match.group(1)


@pytest.mark.parametrize("lang", TINY.languages)
def test_each_collection_has_an_example_of_what_a_new_entry_must_fill(lang: str, tmp_path: Path) -> None:
    page = str(PAGES[f"{lang}/reference.md"])
    for collection, model in COLLECTIONS.items():
        example = _example(page, model.__name__)
        keys = re.findall(r"^([a-z_]+):", example, flags=re.MULTILINE)
        assert keys == must_fill(model), model.__name__
        for comment in re.findall(r"  # (.*)$", example, flags=re.MULTILINE):
            if lang == "ja":
                assert re.search("[ぁ-んァ-ン一-龥]", comment), f"{model.__name__}: {comment!r} is not Japanese"
        # Written as a data file, the example lacks nothing: only its placeholders are left to fill.
        data = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", tmp_path / collection))
        (data / collection).mkdir(exist_ok=True)
        (data / collection / "example-entry.yaml").write_text(example, encoding="utf-8")
        with pytest.raises(DataError) as caught:
            load_briefing(data)
        problems = [str(p) for p in caught.value.problems]
        assert problems and all("example-entry.yaml" in p and "TODO" in p for p in problems), problems
