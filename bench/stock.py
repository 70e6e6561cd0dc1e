"""The stock builds the benchmark compares against, each of the Markdown our build generated (``build/docs``).

- defaults: Material + mkdocs-static-i18n as they come: no ``nav`` (MkDocs lists every page in every
  page), no pruning, Material's lunr search.
- tuned: what a user would tune first: the same with ``navigation.prune`` and without the lunr search
  plugin, then the stock Pagefind command line on the output (``pagefind --site site``). Timed as the
  two commands one after the other.
- Zensical (``ZENSICAL``), where it installs from the registry: ``zensical build`` with ``bench/zensical.toml``,
  in a virtual environment of its own kept in the user's cache folder, never the project's.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .processes import Timing, run_timed

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# The newest release that installs here: later ones need a zensical-ui package the registry does not have.
ZENSICAL = "0.0.73"
ZENSICAL_CONFIG = Path(__file__).with_name("zensical.toml")


def _mkdocs_config(tuned: bool) -> dict[str, Any]:
    i18n = {
        "docs_structure": "folder",
        "languages": [
            {"locale": "ja", "name": "日本語", "default": True, "build": True},
            {"locale": "en", "name": "English", "build": True},
        ],
    }
    theme: dict[str, Any] = {"name": "material", "language": "ja"}
    if tuned:
        theme["features"] = ["navigation.prune"]
    return {
        "site_name": "Baseline",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": [{"i18n": i18n}] if tuned else ["search", {"i18n": i18n}],
        "markdown_extensions": ["attr_list", "footnotes", "tables", {"toc": {"permalink": True}}],
    }


def _project(docs: Path, dest: Path) -> None:
    dest.mkdir(parents=True)
    shutil.copytree(docs, dest / "docs")


def mkdocs_stock(docs: Path, dest: Path, tuned: bool) -> tuple[Timing, Path]:
    """Build ``docs`` with stock Material + i18n in ``dest``; with ``tuned``, then index it with the stock Pagefind CLI."""
    from pagefind_bin_extended import get_executable

    _project(docs, dest)
    config = yaml.safe_dump(_mkdocs_config(tuned), allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    timing = run_timed([MKDOCS, "build"], dest)
    if tuned:
        timing += run_timed([str(get_executable()), "--site", "site"], dest)
    return timing, dest / "site"


def _cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing-bench"


@functools.cache
def zensical() -> Path | str:
    """The ``zensical`` command, installed once into its own cached environment; or why it could not be installed."""
    venv = _cache() / f"zensical-{ZENSICAL}-venv"
    command = venv / "bin" / "zensical"
    if command.exists():
        return command
    shutil.rmtree(venv, ignore_errors=True)
    steps = (
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "pip"), "install", "--quiet", f"zensical=={ZENSICAL}"],
    )
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False, timeout=600)
        if result.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)  # a half-made environment would be taken for a good one next time
            errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")] or result.stderr.splitlines()
            return f"zensical {ZENSICAL} could not be installed: {errors[-1] if errors else 'exit ' + str(result.returncode)}"
    return command


def zensical_build(docs: Path, dest: Path) -> Timing | str:
    """``zensical build`` of ``docs`` in ``dest`` (a new folder: no cache from an earlier build); or why it could not run."""
    command = zensical()
    if isinstance(command, str):
        return command
    _project(docs, dest)
    shutil.copy2(ZENSICAL_CONFIG, dest / "zensical.toml")
    return run_timed([str(command), "build"], dest)
