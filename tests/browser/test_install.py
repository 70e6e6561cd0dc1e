"""The README's quick start for a new briefing, run as written: a new virtual environment, ``pip install``
of this repository, ``briefing init``, ``mkdocs build --strict``; then the site is read and searched."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from harness import SiteServer, Watched
from test_search import results

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = "path/to/this/repository"
# What a source distribution of the package holds (the repository's data, tests and site are not the package).
PACKAGE_PARTS = ("pyproject.toml", "README.md", "generator")


def quick_start() -> str:
    """The commands of the README's section "Start a new briefing"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Start a new briefing\n(.*?)(?=^## )", readme, flags=re.MULTILINE | re.DOTALL)
    assert section, "README has no section 'Start a new briefing'"
    block = re.search(r"```sh\n(.*?)```", section.group(1), flags=re.DOTALL)
    assert block, "the section has no sh block"
    return block.group(1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the quick start made, after its build (run once for the module)."""
    work = tmp_path_factory.mktemp("quick-start")
    source = work / "briefing-generator"
    source.mkdir()
    for part in PACKAGE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, source / part)
    commands = quick_start()
    assert PLACEHOLDER in commands
    # A clean environment: nothing of this test run's own virtual environment leaks into the new one.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "NO_MKDOCS_2_WARNING")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", commands.replace(PLACEHOLDER, str(source))],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    # Material's notice about its end of life is shown, not hidden (see the README's "The engine").
    assert "end of life" in done.stderr
    return work / "my-briefing"


def test_the_quick_start_installs_a_command_and_builds_both_languages(demo: Path) -> None:
    site = demo / "site"
    for folder, lang in ((site, "ja"), (site / "en", "en")):
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        assert (folder / "pagefind" / "pagefind-entry.json").is_file()
        assert (folder / "search-names.json").is_file()
        company = (folder / "companies" / "example-co" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../glossary/#briefing"' in company
    # The package came from the new environment, not from this repository.
    assert (demo.parent / ".venv" / "bin" / "briefing").is_file()


@pytest.mark.parametrize(("prefix", "term"), [("", "サンプル社"), ("en/", "Example")])
def test_the_new_site_finds_its_company_in_each_language(demo: Path, page: Watched, prefix: str, term: str) -> None:
    with SiteServer(demo / "site") as server:
        page.goto(server.url + prefix)
        hrefs = results(page, term)
        assert server.url + prefix + "companies/example-co/" in hrefs, hrefs
        page.assert_clean()
