"""Interface labels and number/date patterns, one YAML file per language.

The package ships them in ``generator/locales/``; a project's own ``locales/<lang>.yaml``
(next to its ``data/``) takes precedence, file by file, and adds languages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .loader import load

LOCALES_DIR = Path(__file__).parent.parent / "locales"
# Folders searched in order; the package's own is always last.
_search: list[Path] = [LOCALES_DIR]


def use_project_locales(project: Path) -> None:
    """Let ``project/locales/*.yaml`` take precedence over the package's label files."""
    own = (project / "locales").resolve()
    wanted = [own, LOCALES_DIR] if own.is_dir() and own != LOCALES_DIR else [LOCALES_DIR]
    if wanted != _search:
        _search[:] = wanted
        labels.cache_clear()


def locale_dirs() -> list[Path]:
    """The folders label files are read from, the first found winning."""
    return list(_search)


def available_languages() -> set[str]:
    """Languages that have an interface-label file."""
    return {p.stem for folder in _search for p in folder.glob("*.yaml")}


@cache
def labels(lang: str) -> dict[str, Any]:
    """The labels of one language, read with the same strict loader as the data."""
    path = next(
        (folder / f"{lang}.yaml" for folder in _search if (folder / f"{lang}.yaml").is_file()), LOCALES_DIR / f"{lang}.yaml"
    )
    shown = f"generator/locales/{lang}.yaml" if path.parent == LOCALES_DIR else f"locales/{lang}.yaml"
    data = load(path, shown).value
    assert isinstance(data, dict), f"{lang}.yaml must be a mapping"
    return data
