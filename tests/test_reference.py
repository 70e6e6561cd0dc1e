"""The data reference page documents every model editors write, nested settings included, in every language."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.model import COLLECTIONS, Checks, Site
from generator.render import render_pages
from generator.validate import load_briefing

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
    parts = re.split(r"^## (\w+) \{ #\w+ \}$", page, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


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
    assert "| `checks` | マッピング（Checks） |" in ja["Site"]
    for name, info in Checks.model_fields.items():
        [en_row] = [line for line in en["Checks"].splitlines() if line.startswith(f"| `{name}` |")]
        [ja_row] = [line for line in ja["Checks"].splitlines() if line.startswith(f"| `{name}` |")]
        assert "one of error \\| warning \\| off" in en_row and "error \\| warning \\| off のいずれか" in ja_row
        assert en_row.endswith(f"Default: {info.default}. |") and ja_row.endswith(f"既定値は {info.default}。 |")
        assert re.search("[ぁ-んァ-ン一-龥]", ja_row), "the Japanese page describes it in Japanese"
