"""``briefing init``: a new briefing project, copied from the package's skeleton."""

from __future__ import annotations

import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

SKELETON_DIR = Path(__file__).parent / "skeleton"
# Package data leaves out dot files; the skeleton stores them without their dot.
_DOTTED = {"github", "gitignore", "gitkeep"}


class ProjectError(Exception):
    """A project cannot be written where asked."""


def init_project(dest: Path) -> list[Path]:
    """Write the skeleton project into ``dest`` (new or empty) and return the files written."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ProjectError(f"{dest} already exists and is not an empty folder; choose a new folder")
    written: list[Path] = []
    for src in sorted(SKELETON_DIR.rglob("*")):
        if not src.is_file() or "__pycache__" in src.parts:
            continue
        rel = Path(*(f".{part}" if part in _DOTTED else part for part in src.relative_to(SKELETON_DIR).parts))
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        written.append(target)
    requirements = dest / "requirements.txt"
    requirements.write_text(
        "# What the Pages workflow installs. If the generator is not on your package index, name it by its\n"
        "# repository instead, e.g. briefing-generator @ git+https://github.com/OWNER/REPO@TAG\n"
        f"briefing-generator=={_version()}\n",
        encoding="utf-8",
    )
    written.append(requirements)
    return written


def _version() -> str:
    try:
        return version("briefing-generator")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "0.1.0"
