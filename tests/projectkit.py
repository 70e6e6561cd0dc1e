"""What tests share for building a copy of the project (a plain module: ``conftest`` names clash across folders)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "templates")
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# The Markdown extensions mkdocs.yml puts around the glossary links, for tests that convert pages without MkDocs.
SITE_EXTENSIONS = ["attr_list", "footnotes", "tables"]
# The page size limit of the split briefing built for the paging tests (``paged_site`` in conftest.py).
PAGED_LIMIT_KB = 100


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """Copy what a build reads into ``dest``; ``data`` replaces the sample data."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if part == "data" and data is not None:
            src = data
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project`` (never -q: it hides the warnings strict mode fails on)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [MKDOCS, "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
    )
