"""The Jinja environment the page templates run in: strict, escaping every value, with the pages' filters."""

from __future__ import annotations

import functools
import hashlib
import types
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from jinja2.bccache import Bucket

from ..model import PartialDate
from . import codegen
from .formatting import Formatter, expand
from .markdown import MD, finalize, front_matter, inline_code

if TYPE_CHECKING:
    from .page import PageContext


# Part of the compiled templates' cache key: templates compiled by another version of this module
# (its code generator, its environment's options) or of Jinja are another code.
_COMPILED_AS = hashlib.sha256(
    Path(__file__).read_bytes() + Path(codegen.__file__).read_bytes() + jinja2.__version__.encode()
).hexdigest()[:16]


class _MarkdownEnvironment(jinja2.Environment):
    code_generator_class = codegen.code_generator()


class _ContentKeyedCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates found by name and content, not by path: a new clone or folder of the same templates reuses them."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        checksum = self.get_source_checksum(source)
        # The code generator is part of the key: templates compiled another way are not this code.
        bucket = Bucket(environment, self.get_cache_key(f"{name}\0{_COMPILED_AS}", checksum), checksum)
        self.load_bytecode(bucket)
        if bucket.code is not None and filename is not None:
            bucket.code = _located(bucket.code, filename)  # tracebacks name this folder's file, not the first compiler's
        return bucket


def _located(code: types.CodeType, filename: str) -> types.CodeType:
    consts = tuple(_located(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


TEMPLATES_DIR = Path(__file__).parent.parent / "templates"


def template_dirs(templates_dir: Path) -> list[Path]:
    """Where templates are found: a project's own folder first, file by file, then the package's."""
    own = templates_dir.resolve()
    return [own, TEMPLATES_DIR] if own.is_dir() and own != TEMPLATES_DIR else [TEMPLATES_DIR]


@functools.lru_cache(maxsize=8)
def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja environment that fails on any undefined name and escapes every printed value.

    One per templates folder and process (it reloads a template whose file changed), with
    Jinja's bytecode cache in the user's temporary folder: compiling the templates costs
    more than rendering a small site.
    """
    env = _MarkdownEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(templates_dir)]),
        bytecode_cache=_ContentKeyedCache(),
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        # Autoescape marks template text and macro output as Markdown (Markup);
        # finalize escapes every other printed value for Markdown and HTML.
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json"] = front_matter
    env.filters["code"] = inline_code
    env.filters["text"] = _text
    env.filters["date"] = _date
    env.filters["cite"] = _cite
    return env


# The commonest helpers are filters ({{ e.title | text }}): Jinja calls a filter directly, a method through its
# call machinery, three times slower, and a large briefing's pages make hundreds of thousands of these calls.
@jinja2.pass_context
def _text(context: jinja2.runtime.Context, value: dict[str, str] | None) -> str:
    """A translated field in the page's language."""
    fmt: Formatter = context["fmt"]
    return expand(fmt.text(value), fmt, context["index"].get)


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: PartialDate) -> str:
    """A date in the page's language, at its precision."""
    fmt: Formatter = context["fmt"]
    return fmt.date(value)


@jinja2.pass_context
def _cite(context: jinja2.runtime.Context, source_id: str) -> MD:
    """A footnote marker for a source, listed in the page's footnotes."""
    page: PageContext = context["page"]
    return page.cite(source_id)
