"""Interface labels and number/date patterns, one YAML file per language."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .loader import load

LOCALES_DIR = Path(__file__).parent / "locales"


def available_languages() -> set[str]:
    """Languages that have an interface-label file."""
    return {p.stem for p in LOCALES_DIR.glob("*.yaml")}


@cache
def labels(lang: str) -> dict[str, Any]:
    """The labels of one language, read with the same strict loader as the data."""
    data = load(LOCALES_DIR / f"{lang}.yaml", f"generator/locales/{lang}.yaml").value
    assert isinstance(data, dict), f"{lang}.yaml must be a mapping"
    return data
