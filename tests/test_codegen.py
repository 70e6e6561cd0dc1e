"""The lighter Jinja code generator (render/codegen.py) renders exactly what Jinja's own does, on a Jinja it knows."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.compiler import CodeGenerator

from generator.load import load_briefing
from generator.render import environment, render_site
from generator.render.codegen import TESTED_JINJA, MarkdownCodeGenerator, code_generator, jinja_tested

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_jinja_is_one_the_generator_was_tested_with() -> None:
    """Fails on a Jinja upgrade: run the comparison below on the new release, then add it to TESTED_JINJA."""
    assert jinja_tested(), f"Jinja {jinja2.__version__} is not in {TESTED_JINJA}: the plain code generator is in use"
    assert code_generator() is MarkdownCodeGenerator
    assert environment._MarkdownEnvironment.code_generator_class is MarkdownCodeGenerator


@pytest.mark.parametrize("data", ["data", "tests/fixtures/mini", "tests/fixtures/tiny"])
def test_pages_are_the_same_with_jinja_s_own_code_generator(data: str, monkeypatch: pytest.MonkeyPatch) -> None:
    briefing = load_briefing(ROOT / data)
    fast = render_site(briefing, ROOT / "templates").pages
    monkeypatch.setattr(environment._MarkdownEnvironment, "code_generator_class", CodeGenerator)
    monkeypatch.setattr(environment, "_COMPILED_AS", environment._COMPILED_AS + "-plain")
    environment.make_environment.cache_clear()
    try:
        plain = render_site(briefing, ROOT / "templates").pages
    finally:
        environment.make_environment.cache_clear()
    assert plain.keys() == fast.keys()
    assert [p for p in fast if fast[p] != plain[p]] == []


def test_the_two_generators_write_different_code() -> None:
    """The comparison above compares two things: the lighter generator's Python differs from Jinja's."""
    source = "{{ f(x) }}"
    fast = jinja2.Environment(autoescape=True, finalize=str)
    fast.code_generator_class = MarkdownCodeGenerator
    plain = jinja2.Environment(autoescape=True, finalize=str)
    assert fast.compile(source, raw=True) != plain.compile(source, raw=True)
