"""A lighter Jinja code generator for the page templates, used only with the Jinja versions it was tested with.

Jinja's ``CodeGenerator`` is a documented extension point (``Environment.code_generator_class``, used by
``jinja2.nativetypes``), but the methods overridden here are internal. So it is used only with a Jinja
release it was checked against: ``tests/test_codegen.py`` renders the pages with it and with Jinja's own
generator and compares them, and fails when the installed Jinja is not one of ``TESTED_JINJA``. With another
Jinja the plain generator is used: the pages are the same, rendering is slower.

Measured at scale M (236 pages, 13 alternating runs on a loaded 2-core machine): median render time 2.27 s
with this generator, 2.94 s with Jinja's own; faster in 9 of 13 pairs.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst

#: Jinja releases (major.minor) this generator was compared with the plain one on.
TESTED_JINJA = ("3.1",)


def jinja_tested() -> bool:
    """Whether the installed Jinja is one this generator was tested with."""
    return ".".join(jinja2.__version__.split(".")[:2]) in TESTED_JINJA


def code_generator() -> type[CodeGenerator]:
    """The lighter generator with a tested Jinja, else Jinja's own."""
    return MarkdownCodeGenerator if jinja_tested() else CodeGenerator


class MarkdownCodeGenerator(CodeGenerator):
    """Jinja's code generator, made lighter for these templates (the extension point jinja2.nativetypes uses).

    A value is printed as ``finalize`` made it, without markupsafe's ``escape``: ``finalize`` returns
    Markup for every value (data text escaped for Markdown, or Markdown the generator built), and
    ``escape`` would only copy each one, hundreds of thousands of times in a large briefing.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write("(" + finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    @optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        # Calls go straight to the callable. Jinja's context.call looks, on every call, for a callable
        # that wants the template context (@pass_context): the templates call none (their helpers are
        # methods of PageContext, Formatter and Index, and macros), and that look cost more than most calls.
        self.visit(node.node, frame)
        self.write("(*()")
        self.signature(node, frame, {"caller": "caller"} if forward_caller else None)
        self.write(")")
