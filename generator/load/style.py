"""The editors' style list (``data/style.yaml``): preferred words and register rules, checked on every translated text.

In the spirit of the prh dictionaries used with textlint in Japanese publishing: each rule names the word to
use and the variants it replaces, and every variant found is one problem at its place, ``use X, not Y``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..errors import DataError, Path_, Problem, dotted
from ..model import Line, Origin, Text, doc
from .loader import Document, load
from .messages import validate_model

STYLE_FILE = "style.yaml"


class Rule(BaseModel):
    """One preferred form and the variants it replaces."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    expected: Line = doc("The form to use (shown in the message).", "使う表記（メッセージに表示）。")
    patterns: list[Line] = doc(
        "The variants it replaces. A pattern written /like this/ is a regular expression; any other is matched as "
        "written (in English, as a whole word).",
        "置き換える表記。/〜/ で囲むと正規表現、それ以外は書かれたとおりに照合（英語は単語単位）。",
        min_length=1,
    )
    lang: str = doc("The language of the texts it applies to.", "対象の言語。")
    except_in: list[str] = doc(
        "Collections where the variants may stand, e.g. glossary, whose entries name them.",
        "表記を許すデータの種類（例: 用語集では原語や誤訳例を説明に挙げる）。",
        default_factory=list,
    )
    note: str | None = doc("Why, for the editor.", "理由（編集者向け）。", default=None)


class Style(BaseModel):
    """The style list of a briefing."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    conventions: Text = doc("Conventions the rules follow, in a sentence.", "表記の方針（1文）。")
    terms: list[Rule] = doc("Preferred words.", "用語の統一。", default_factory=list)
    register_rules: list[Rule] = doc("Register rules: endings and forms the prose avoids.", "文体の規則。", default_factory=list)


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    regex: re.Pattern[str]


def _compile(rule: Rule) -> _Compiled:
    parts = []
    for pattern in rule.patterns:
        if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
            parts.append(f"(?:{pattern[1:-1]})")
        elif rule.lang == "en" or rule.lang.startswith("en-"):
            parts.append(rf"\b{re.escape(pattern)}\b")
        else:
            parts.append(re.escape(pattern))
    return _Compiled(rule, re.compile("|".join(parts)))


def load_style(data_dir: Path, rel: str, problems: list[Problem]) -> tuple[Style | None, Document | None]:
    """The style list, or None when the briefing has none (it is optional); problems in it are added."""

    path = data_dir / STYLE_FILE
    if not path.is_file():
        return None, None
    try:
        document = load(path, f"{rel}/{STYLE_FILE}")
    except DataError as exc:
        problems.extend(exc.problems)
        return None, None
    style = validate_model(Style, document.value, Origin(document, ()), problems)
    if style is not None:
        for section, rules in (("terms", style.terms), ("register_rules", style.register_rules)):
            for i, rule in enumerate(rules):
                for j, pattern in enumerate(rule.patterns):
                    if pattern.startswith("/") and pattern.endswith("/") and len(pattern) > 2:
                        try:
                            re.compile(pattern[1:-1])
                        except re.error as exc:
                            problems.append(document.problem((section, i, "patterns", j), f"not a regular expression: {exc}"))
    return style, document


def _place(origin: Origin, at: Path_, hit: str, seen: dict[tuple[Path_, str], int]) -> tuple[int, int]:
    """Line and column of a hit: the next time its words stand in the file after the text's own start.

    A hit the file writes otherwise (an escape, a line folded inside it) is placed at the start of its text.
    """
    line, col = origin.doc.place(origin.base + tuple(at))
    source = origin.doc.text
    offset = sum(len(x) + 1 for x in source.split("\n")[: line - 1]) + col - 1
    found = source.find(hit, seen.get((at, hit), offset))
    if found < 0:
        return line, col
    seen[(at, hit)] = found + len(hit)
    before = source[:found]
    return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1


def check_style(style: Style, texts: Iterable[tuple[str, Origin, Path_, dict[str, str]]]) -> list[Problem]:
    """Every use of a variant in a translated text: ``file:line:col: field.lang: use X, not Y``."""
    rules = [_compile(rule) for rule in [*style.terms, *style.register_rules]]
    problems = []
    for collection, origin, at, value in texts:
        seen: dict[tuple[Path_, str], int] = {}
        for lang, text in value.items():
            for compiled in rules:
                rule = compiled.rule
                if rule.lang != lang or collection in rule.except_in:
                    continue
                for match in compiled.regex.finditer(text):
                    if _inside_expected(text, match, rule.expected):
                        continue
                    line, col = _place(origin, at + (lang,), match.group(), seen)
                    field = dotted(origin.base + tuple(at) + (lang,))
                    problems.append(Problem(origin.doc.file, line, col, field, f"use {rule.expected}, not {match.group()}"))
    return problems


def _inside_expected(text: str, match: re.Match[str], expected: str) -> bool:
    """A variant that is part of the preferred form where it stands (小鵬 inside 小鵬汽車) is no hit."""
    start = 0
    while (found := text.find(expected, start)) >= 0:
        if found <= match.start() and match.end() <= found + len(expected):
            return True
        start = found + 1
    return False
