"""Markdown the pages are made of: data text escaped so it stays text, and the generator's own Markdown (``MD``)."""

from __future__ import annotations

import functools
import html
import json
import re
from typing import Any

from markupsafe import Markup


class MD(Markup):
    """Markdown built by the generator itself (or a template): printed as is."""

    __slots__ = ()

    def __new__(cls, text: str = "") -> MD:
        # Made from a str or Markup only: markupsafe's __new__ asks for __html__ first, and pages make
        # hundreds of thousands of these.
        return str.__new__(cls, text)


_WHITESPACE = re.compile(r"\s+")
_ESCAPE_ANYWHERE = re.compile(r"([\\`*_{}\[\]|!])")
_ESCAPE_AT_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)](?:\s|$)))")


def md(value: Any) -> str:
    """Data text as inert Markdown: markup characters escaped, HTML as entities, one line."""
    if isinstance(value, Markup):
        return value
    return escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def escaped(text: str) -> MD:
    # Names, labels and dates repeat on every page: escape each text once.
    text = _WHITESPACE.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPE_ANYWHERE.sub(r"\\\1", text)
    # A value may start a line: no heading, list or "1." ordered-list marker may come of it.
    return MD(_ESCAPE_AT_START.sub(_escape_start, text))


def _escape_start(match: re.Match[str]) -> str:
    lead, mark = match.groups()
    if mark.isdigit():
        return f"{lead}{mark}\\"
    return f"{lead}&#61;" if mark == "=" else f"{lead}\\{mark}"  # Markdown has no escape for "="


def finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None: guard optional fields with {% if %}")
    return escaped(str(value))


def front_matter(value: Any) -> MD:
    """A front-matter string: the theme prints it into an HTML attribute unescaped, so escape it for HTML here."""
    return MD(json.dumps(html.escape(" ".join(str(value).split()), quote=False).replace('"', "&quot;"), ensure_ascii=False))


def inline_code(value: Any) -> MD:
    text = " ".join(str(value).split()).replace("`", "'")
    return MD(f"`{text}`")
