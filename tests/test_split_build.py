"""The build split by language (``parallel``) and its failure paths: each failure is one error line, never a rebuild."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from projectkit import ROOT, copy_project, mkdocs_build

from generator.mkdocs.parallel import Built, Fork

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}  # the copies are no git checkouts: the same date for both builds
FORKED = "alongside, in a forked process"


def _parallel(project: Path, value: bool) -> None:
    config = project / "mkdocs.yml"
    text, count = re.subn(
        r"^  - briefing\b.*$", f"  - briefing:\n      parallel: {str(value).lower()}", config.read_text(), flags=re.M
    )
    assert count == 1
    config.write_text(text)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _one_error(output: str, expected: str) -> str:
    """The build's one error line (MkDocs adds its own 'Aborted with a BuildError!'); no traceback."""
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and expected in errors[0], output
    return errors[0]


def test_split_and_unsplit_builds_write_byte_identical_sites(tmp_path: Path) -> None:
    split, single = copy_project(tmp_path / "split"), copy_project(tmp_path / "single")
    _parallel(split, True)
    _parallel(single, False)
    results = {name: mkdocs_build(project, env=EPOCH) for name, project in (("split", split), ("single", single))}
    for result in results.values():
        assert result.returncode == 0, result.stderr
    assert FORKED in results["split"].stderr and FORKED not in results["single"].stderr
    # Every file of both sites, nothing excluded: sitemaps, search bundles, feeds, pictures and cards included.
    split_files, single_files = _files(split / "site"), _files(single / "site")
    assert sorted(split_files) == sorted(single_files)
    different = [path for path, data in split_files.items() if single_files[path] != data]
    assert different == [], different
    assert any(p.startswith("en/pagefind/") for p in split_files) and any(p.startswith("pagefind/") for p in split_files)
    # And the generated Markdown, which the split build's MkDocs reads from memory and writes while the site is indexed.
    split_docs = _files(split / "build" / "docs")
    assert split_docs == _files(single / "build" / "docs")
    assert any(p.startswith("en/companies/") for p in split_docs)


def test_a_failing_forked_build_fails_the_build_in_one_line_without_building_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # A project template that fails in the second language only, which the fork renders.
    about = (ROOT / "generator" / "templates" / "about.md.j2").read_text(encoding="utf-8")
    (project / "templates" / "about.md.j2").write_text('{% if lang == "en" %}{{ no_such_value.field }}{% endif %}' + about)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the published site")
    result = mkdocs_build(project, env=EPOCH)
    assert result.returncode == 1
    line = _one_error(result.stderr, "briefing: building en failed in the forked process: ")
    assert "UndefinedError: 'no_such_value' is undefined" in line and "about.md.j2" in line, line
    assert result.stderr.count("Building 'en'") == 0 and "again" not in result.stderr
    assert (project / "site" / "index.html").read_text() == "the published site", "the published site is left as it was"


def test_a_crashing_chart_painter_fails_the_build_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # The painter process (python -m generator.outputs.painter) dies as it reads its first job.
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import os, sys\n"
        "if sys.orig_argv[-2:] == ['-m', 'generator.outputs.painter']:\n"
        "    class _Dies:\n"
        "        def __iter__(self):\n"
        "            return self\n"
        "        def __next__(self):\n"
        "            sys.__stdin__.readline()\n"
        "            os._exit(3)\n"
        "    sys.stdin = _Dies()\n"
    )
    result = mkdocs_build(project, env={**EPOCH, "PYTHONPATH": str(hooks)})
    assert result.returncode == 1
    _one_error(result.stderr, "briefing: the chart painter stopped")
    assert not (project / "site").exists()


def test_a_failing_pagefind_fails_the_build_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # The pinned Pagefind replaced by a program that fails.
    fake = tmp_path / "fake" / "pagefind_bin_extended"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("from pathlib import Path\n\ndef get_executable():\n    return Path('/bin/false')\n")
    result = mkdocs_build(project, env={**EPOCH, "PYTHONPATH": str(fake.parent)})
    assert result.returncode == 1
    _one_error(result.stderr, "search indexing failed: Pagefind exited with 1: no output")
    assert not (project / "site").exists()


def test_an_absent_pagefind_is_one_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator.mkdocs.search import Indexing

    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # import fails as if not installed
    (tmp_path / "index.html").write_text("<html><body>page</body></html>")
    with pytest.raises(PluginError, match=r"^search indexing failed: Pagefind is not installed .*set search: false$"):
        Indexing(tmp_path, "ja", ["ja", "en"])


def test_a_fork_answers_what_it_built() -> None:
    built = Fork("en", lambda fork: Built("<urlset/>", 1.5, 2.0)).finish()
    assert built == Built("<urlset/>", 1.5, 2.0)


def test_a_crashing_fork_is_one_line_naming_the_error_and_where() -> None:
    def work(fork: Fork) -> Built:
        raise ZeroDivisionError("division by zero")

    with pytest.raises(PluginError) as failed:
        Fork("en", work).finish()
    message = str(failed.value)
    assert message.startswith("briefing: building en failed in the forked process: ZeroDivisionError: division by zero (File ")
    assert "test_split_build.py" in message and "\n" not in message


def _killed(fork: Fork) -> Built:
    os.kill(os.getpid(), 9)
    raise AssertionError("not reached")


def test_a_fork_killed_midway_is_one_line() -> None:
    with pytest.raises(
        PluginError, match=r"^briefing: building en failed: the forked process ended without an answer \(killed by signal 9\)$"
    ):
        Fork("en", _killed).finish()


def test_a_fork_stopped_by_mkdocs_says_why() -> None:
    def work(fork: Fork) -> Built:
        raise Abort("Aborted with 1 warnings in strict mode!")

    with pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"):
        Fork("en", work).finish()


def test_a_file_system_failure_in_the_fork_is_raised_here_as_itself() -> None:
    def work(fork: Fork) -> Built:
        raise PermissionError(1, "Operation not permitted", "/site/en/index.html")

    with pytest.raises(PermissionError) as failed:
        Fork("en", work).finish()
    assert (failed.value.errno, failed.value.filename) == (1, "/site/en/index.html")
