"""A Python-Markdown extension that leaves out, for one page, the inline patterns whose syntax the page never uses.

Python-Markdown tries each of its inline patterns (links, emphasis, images, entities...) on every piece
of text of a page, one after the other: at scale L of the benchmark that is about half of the time spent
converting Markdown. A pattern can match only where its marker stands in the text (an image needs ``![``,
an entity ``&``), and the text it is tried on is cut from the page's Markdown: a pattern whose markers are
nowhere in the page is taken out of that page's converter before its text is parsed. The HTML is the same.

MkDocs makes a converter for each page; one that has left patterns out is not reused (``reset`` refuses).
"""

from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

EXTENSION = "generator.inline_patterns"

# Python-Markdown's inline patterns (and the footnotes extension's), each with the strings one of which its
# regular expression needs; patterns not named here (or below) are always kept.
MARKERS: dict[str, tuple[str, ...] | re.Pattern[str]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_image_ref": ("![",),
    "autolink": re.compile(r"<(?:f|ht)tps?://", re.IGNORECASE),  # <https://...>, not every address
    "automail": ("@",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
}
# Emphasis and strong: one processor for the delimiters it lists (``*`` and ``_``, and any an extension adds).
DELIMITERS = "em_strong"


# The patterns of links to reference definitions ([text][id], [id]): they link only where a definition ("[id]: url")
# is given; "[^id]:" is a footnote's where the footnotes extension is on.
REFERENCES = {"reference", "short_reference"}
_DEFINITION = re.compile(r"\[(?!\^)[^\[\]]*\]:")
_ANY_DEFINITION = re.compile(r"\[[^\[\]]*\]:")


class UnusedPatterns(Preprocessor):
    """Takes out the inline patterns none of whose markers occur in the page's lines."""

    def __init__(self, md: markdown.Markdown, extension: InlinePatternsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        patterns = self.md.inlinePatterns
        needed = {name: _occurs(markers, text) for name, markers in MARKERS.items()}
        needed.update(dict.fromkeys(REFERENCES, self._references(text)))
        if DELIMITERS in patterns:
            tokens = getattr(patterns[DELIMITERS], "tokens", None)
            needed[DELIMITERS] = not isinstance(tokens, list) or any(token in text for token in tokens)
        for name, used in needed.items():
            if name in patterns and not used:
                patterns.deregister(name)
                self.extension.dropped = True
        return lines

    def _references(self, text: str) -> bool:
        """Whether the page may have reference definitions ("[id]: url"), counting footnotes' ("[^id]: text")
        only where the footnotes extension does not take them, or definitions given by another extension."""
        definition = _DEFINITION if "footnote" in self.md.parser.blockprocessors else _ANY_DEFINITION
        return bool(self.md.references) or definition.search(text) is not None


def _occurs(markers: tuple[str, ...] | re.Pattern[str], text: str) -> bool:
    if isinstance(markers, re.Pattern):
        return markers.search(text) is not None
    return any(marker in text for marker in markers)


class InlinePatternsExtension(Extension):
    """Registers ``UnusedPatterns`` once whitespace is normalised (tabs expanded), before any block is parsed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dropped = False

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        # After 'normalize_whitespace' (30), before 'html_block' (20) stashes raw HTML.
        md.preprocessors.register(UnusedPatterns(md, self), "unused_inline_patterns", 25)

    def reset(self) -> None:
        if self.dropped:
            raise RuntimeError(f"{EXTENSION}: a converter that converted a page is not reused; make a new one")


def makeExtension(**kwargs: Any) -> InlinePatternsExtension:
    return InlinePatternsExtension(**kwargs)
