"""The GitHub workflows: Pages builds with the same strict command as `make site` and deploys what it built;
pull requests run `make test`; every action is pinned by commit and every install comes from the lock."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from generator.load.loader import load
from generator.outputs.site_url import SITE_URL_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
LOCK = ROOT / "requirements.txt"


def _load(path: Path) -> dict[str, Any]:
    # The project's loader keeps `on:` as the text "on" (YAML 1.1 would make it True).
    value = load(path, path.relative_to(ROOT).as_posix()).value
    assert isinstance(value, dict)
    return value


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return _load(WORKFLOWS / "pages.yml")


@pytest.fixture(scope="module")
def test_workflow() -> dict[str, Any]:
    return _load(WORKFLOWS / "test.yml")


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
    # Feed entries are dated by their data file's last commit (generator/history.py): a shallow clone has no such dates.
    assert int(checkout["with"]["fetch-depth"]) == 0
    assert str(checkout["with"]["persist-credentials"]).lower() == "false", "the token is not left in .git/config"
    python = next(s for s in steps if _uses(s) == "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == LOCK.name
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


def test_pull_requests_run_make_test_and_keep_the_screenshots(test_workflow: dict[str, Any]) -> None:
    assert "pull_request" in test_workflow["on"]
    assert dict(test_workflow["permissions"]) == {"contents": "read"}
    [job] = test_workflow["jobs"].values()
    steps = list(job["steps"])
    assert [str(s["run"]).strip() for s in steps if "run" in s] == ["make test"]
    checkout = next(s for s in steps if _uses(s) == "actions/checkout")
    assert str(checkout["with"]["persist-credentials"]).lower() == "false"
    upload = next(s for s in steps if _uses(s) == "actions/upload-artifact")
    assert str(upload["with"]["path"]).rstrip("/") == "artifacts"
    assert "cancelled()" in upload["if"], "the screenshots are most wanted when a test failed"


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_actions_are_pinned_by_commit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin to a full commit SHA"
        assert re.search(r"# v\d", comment), f"{action}: say the version in a comment, for review and Dependabot"


def test_dependabot_bumps_actions_and_locked_packages() -> None:
    config = _load(ROOT / ".github" / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    assert all(u["directory"] == "/" for u in ecosystems.values())


def _locked() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", LOCK.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in pins}


def test_lock_pins_every_dependency_within_its_range_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"]]
    wanted += project["build-system"]["requires"]
    locked = _locked()
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in {LOCK.name}: run the pip-compile command at its top"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]} is outside {requirement.specifier}"
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8").split("\n\n", 1)[-1])
    assert all("--hash=sha256:" in entry for entry in entries if "==" in entry)


def test_make_installs_from_the_lock_only() -> None:
    recipe = _make_recipe(r"\$\(STAMP\)")
    installs = [shlex.split(line) for line in recipe if " install " in line]
    assert installs and all("--no-deps" in words for words in installs), "nothing resolved outside the lock"
    assert any("--require-hashes" in words and LOCK.name in words for words in installs)


def test_pre_commit_hooks_make_the_environment_first() -> None:
    config = _load(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks
    for hook in hooks:
        assert "make -s .venv/.installed" in hook["entry"], f"{hook['id']} would fail in a fresh clone"
