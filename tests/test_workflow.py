"""The GitHub Pages workflow: builds with the same strict command as `make site` and deploys what it built."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from generator.exports import SITE_URL_VARIABLE
from generator.loader import load

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    # The project's loader keeps `on:` as the text "on" (YAML 1.1 would make it True).
    value = load(WORKFLOW, ".github/workflows/pages.yml").value
    assert isinstance(value, dict)
    return value


def _steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def _uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def _make_recipe(target: str) -> list[str]:
    """The command lines of a Makefile target, with $(BIN)/ stripped."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"{target}\s*:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().replace("$(BIN)/", ""))
    return recipe


def _mkdocs_commands(lines: list[str]) -> list[list[str]]:
    return [words for line in lines for words in [shlex.split(line)] if words and Path(words[0]).name == "mkdocs"]


def test_runs_on_push_to_main_and_by_hand(workflow: dict[str, Any]) -> None:
    triggers = workflow["on"]
    assert list(triggers["push"]["branches"]) == ["main"]
    assert "workflow_dispatch" in triggers


def test_build_job_checks_out_history_and_builds_strictly(workflow: dict[str, Any]) -> None:
    steps = _steps(workflow, "build")
    checkout = next(s for s in steps if _uses(s) == "actions/checkout")
    assert int(checkout["with"]["fetch-depth"]) == 0, "full history: the site is dated from the last commit"
    python = next(s for s in steps if _uses(s) == "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [str(s["run"]).strip() for s in steps if "run" in s]
    assert runs == ["make site"]
    build = next(s for s in steps if s.get("run"))
    assert SITE_URL_VARIABLE in build.get("env", {}), "the deployed address reaches the generator"
    # make site is what the workflow runs: it must build with --strict and never with -q (mkdocs issue 4126).
    commands = _mkdocs_commands(_make_recipe("site"))
    assert commands and all(c[1] == "build" and "--strict" in c for c in commands)
    quiet = {"-q", "--quiet"}
    assert not any(quiet & set(c) for c in commands)
    assert not any(quiet & set(shlex.split(r)) for r in runs if "mkdocs" in r)
    upload = next(s for s in steps if _uses(s) == "actions/upload-pages-artifact")
    assert str(upload["with"]["path"]).rstrip("/") == "site"
    order = [_uses(s) or s.get("run") for s in steps]
    assert order.index("make site") < order.index("actions/upload-pages-artifact")


def test_deploy_job_has_pages_permissions_and_waits_for_the_build(workflow: dict[str, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert dict(deploy["permissions"]) == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [_uses(s) for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert dict(workflow["permissions"]) == {"contents": "read"}, "the build job itself only reads"
    assert workflow["concurrency"]["group"]
