"""Shared fixtures: real MkDocs builds of a copy of the project in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from projectkit import copy_project, mkdocs_build


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing, built once per test session; returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("sample") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    # Python warnings (a DeprecationWarning from MkDocs) are logged at INFO with a traceback: --strict lets them pass.
    for marker in ("WARNING", "Warning:", "Traceback"):
        assert marker not in result.stderr, result.stderr
    return project / "site"
