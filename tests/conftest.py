"""Shared fixtures: real MkDocs builds of a copy of the project in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from projectkit import PAGED_LIMIT_KB, copy_project, mkdocs_build


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


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A briefing whose timeline, topics, glossary, sources and home page pass ``PAGED_LIMIT_KB`` (the benchmark's
    generator, 800 events), and two companies of one name (as at the benchmark's scale L), built once per session;
    returns the project."""
    from bench import synth

    base = tmp_path_factory.mktemp("paged")
    scale = synth.Scale("paging", companies=12, events=800, terms=150)
    data = base / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(synth.SCALES, scale.name, scale)
        synth.write_briefing(data, scale.name)
    settings = yaml.safe_load((data / "site.yaml").read_text(encoding="utf-8"))
    settings["page_limit_kb"] = PAGED_LIMIT_KB
    (data / "site.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    first = sorted((data / "companies").glob("*.yaml"))[0]
    (data / "companies" / f"twin-{first.name}").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    project = copy_project(base / "project", data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for marker in ("WARNING", "Warning:", "Traceback"):
        assert marker not in result.stderr, result.stderr
    return project
