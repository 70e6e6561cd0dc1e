"""The package's imports point one way: mkdocs → build → render/outputs → load → model, with no circle.

Read from the source with ``ast`` (imports under ``TYPE_CHECKING`` and inside functions count too), so a
layering mistake fails here even when Python could still import the modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# What each stage must not import: the stages after it.
FORBIDDEN = {
    "model": {"load", "render", "outputs", "build", "mkdocs"},
    "load": {"render", "outputs", "build", "mkdocs"},
    "render": {"build", "mkdocs"},
    "outputs": {"build", "mkdocs"},
    "build": {"mkdocs"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The ``generator`` modules a source file imports (relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generator")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "generator":
                target = node.module
            else:
                continue
            for alias in node.names:  # ``from . import x`` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in FORBIDDEN) else None


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_has_no_import_circle() -> None:
    """A package's ``__init__`` re-exporting its modules is part of the graph like any other module."""
    graph = {
        m: {d for d in deps if not (m.startswith(d + ".") and MODULES[d].name == "__init__.py")} for m, deps in GRAPH.items()
    }
    assert _cycle(graph) is None


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    wrong = sorted(
        f"{module} imports {dep}"
        for module, deps in GRAPH.items()
        if _stage(module) == stage
        for dep in deps
        if _stage(dep) in FORBIDDEN[stage]
    )
    assert wrong == []


def test_the_checker_sees_a_circle_and_an_upward_import() -> None:
    """The checks above can fail: a made-up circle is found, and model → load counts as upward."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _stage("generator.load.site") == "load"
    assert "load" in FORBIDDEN[_stage("generator.model.briefing") or ""]
    assert "generator.model" in GRAPH["generator.load.briefing"]


def test_no_module_imports_a_private_name_of_another() -> None:
    wrong = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("generator")):
                wrong += [f"{name}: {a.name}" for a in node.names if a.name.startswith("_") and a.name != "__version__"]
    assert wrong == []


def test_the_public_api_is_importable_from_the_package() -> None:
    import generator

    for name in generator.__all__:
        assert getattr(generator, name) is not None
    from generator.pipeline import generate

    assert generator.generate is generate
