"""Glossary links as a Python-Markdown extension, working in languages written without spaces.

The first occurrence of each glossary term (or alias) on a page becomes a link
to its glossary entry with the short definition as an accessible tooltip.
Word-boundary matching (``\\bTERM\\b``, as the ``abbr`` extension does) finds
nothing in Japanese, where ``東証は`` or ``大規模モデルを`` have no boundary
after the term: here Latin-script ends of a term must not touch another Latin
letter or digit, while Japanese ends match anywhere. One regular expression
per term list tries the longest form first, so a term is never linked inside a
longer one. Headings, links, code and footnotes are left alone.

The extension knows nothing of MkDocs: it is configured with the terms, the
path of the glossary page and the path of the page being converted.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from .model import Briefing

EXTENSION = "generator.glossary_links"
_SKIP_TAGS = {
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "abbr",
    "img",
    "svg",
    "math",
    "button",
    "textarea",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_SKIP_CLASSES = {"footnote", "briefing-term", "headerlink"}
_LATIN = "0-9A-Za-z\u00c0-\u024f"
# Python-Markdown keeps stashed HTML and escaped characters as \x02…\x03 placeholders until the very end.
_PLACEHOLDER = "\x02[^\x03]*\x03"


@dataclass(frozen=True)
class Term:
    """One glossary entry in one language: its id, every form that links to it, and its short definition."""

    id: str
    forms: tuple[str, ...]
    short: str
    page: str = ""  # the glossary part listing the term, where the glossary is split (else the ``glossary`` path)


def terms_for(briefing: Briefing, lang: str, pages: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The glossary of one language as plain data, ready to pass to the extension as ``terms``.

    ``pages`` gives, where the glossary is split, the path of the part listing each term (``ja/glossary/2.md``).
    """
    out = []
    for t in sorted(briefing.glossary.values(), key=lambda t: t.id):
        forms = [t.term[lang], *t.aliases.get(lang, [])]
        out.append({"id": t.id, "forms": forms, "short": t.short[lang], "page": (pages or {}).get(t.id, "")})
    return out


class Matcher:
    """Finds term forms in text: longest form first, Latin ends on word boundaries, case-insensitively."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = {t.id: t for t in terms}
        self.by_form: dict[str, str] = {}
        forms: dict[str, str] = {}
        for t in terms:
            for form in t.forms:
                if _key(form) and _key(form) not in self.by_form:
                    self.by_form[_key(form)] = t.id
                    forms[form] = t.id
        self.forms = forms
        body = forms_pattern(forms)
        self.regex = re.compile(f"({_PLACEHOLDER})" + (f"|(?:{body})" if body else ""), re.IGNORECASE)

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of every term form in ``text``, left to right, never overlapping."""
        for match in self.regex.finditer(text):
            if match.group(1) is None and (term_id := self._term_of(match.group(0))) is not None:
                yield match.start(), match.end(), term_id

    def _term_of(self, text: str) -> str | None:
        term_id = self.by_form.get(_key(text))
        if term_id is None:  # case-insensitive matching is looser than casefold(), e.g. for "ſ" and "s"
            term_id = next((i for f, i in self.forms.items() if re.fullmatch(forms_pattern([f]), text, re.IGNORECASE)), None)
        return term_id


_SEPARATOR = re.compile(r"[\s\-\u2010\u2011]+")
_IS_LATIN = re.compile(f"[{_LATIN}]")
_END = ""  # trie key marking the end of a form


def _key(form: str) -> str:
    return " ".join(w for w in _SEPARATOR.split(form) if w).casefold()


def forms_pattern(forms: Iterable[str], *, boundaries: bool = True) -> str:
    """A regular expression (for ``re.IGNORECASE``) matching any of ``forms``; the longest wins where several start.

    The forms are merged into a trie, so at each position the regex engine tries only the
    letters that can come next instead of every form in turn: with thousands of terms this
    is the difference between a fraction of a second and minutes per site. Any run of spaces
    or hyphens in a form matches any run in the text ("large model" finds "large-model team");
    with ``boundaries``, a Latin-script end of a form must not touch another Latin letter or digit.
    """
    trie: dict[str, Any] = {}
    for form in forms:
        words = [w for w in _SEPARATOR.split(form) if w]
        if not words:
            continue
        node = trie
        for i, word in enumerate(words):
            for ch in ((" ",) if i else ()) + tuple(word):
                lower = ch.lower()
                node = node.setdefault(lower if len(lower) == 1 else ch, {})
        node[_END] = boundaries and _IS_LATIN.match(words[-1][-1]) is not None
    branches = []
    for ch, child in _branches(trie):
        before = f"(?<![{_LATIN}])" if boundaries and _IS_LATIN.match(ch) else ""
        branches.append(before + _branch_pattern(ch, child))
    return "|".join(branches)


def _branches(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return sorted((k, v) for k, v in node.items() if k != _END)


def _branch_pattern(ch: str, node: dict[str, Any]) -> str:
    """One trie branch: its letters, then what may follow (longer forms before the form ending here)."""
    head = []
    while True:  # a run of letters without a choice is a plain sequence (no recursion, no group)
        head.append(_SEPARATOR.pattern if ch == " " else re.escape(ch))
        following = _branches(node)
        if _END in node or len(following) != 1:
            break
        ch, node = following[0]
    children = [_branch_pattern(c, n) for c, n in following]
    if _END not in node:
        return "".join(head) + (f"(?:{'|'.join(children)})" if children else "")
    end = f"(?![{_LATIN}])" if node[_END] else ""
    if not children:
        return "".join(head) + end
    rest = f"(?:{'|'.join(children)}|{end})" if end else f"(?:{'|'.join(children)})?"
    return "".join(head) + rest


_MATCHERS: dict[int, tuple[list[dict[str, Any]], Matcher]] = {}


def _matcher(terms: list[dict[str, Any]]) -> Matcher:
    """One compiled matcher per term list, shared by every page of the build.

    MkDocs makes a new Markdown instance (and so a new extension) for every page; the plugin
    hands each page of a language the same list, so the list itself is the cache key.
    """
    cached = _MATCHERS.get(id(terms))
    if cached is not None and cached[0] is terms:
        return cached[1]
    matcher = Matcher(tuple(Term(t["id"], tuple(t["forms"]), t["short"], t.get("page", "")) for t in terms))
    if len(_MATCHERS) >= 16:
        _MATCHERS.clear()
    _MATCHERS[id(terms)] = (terms, matcher)
    return matcher


class GlossaryTreeprocessor(Treeprocessor):
    """Wraps the first occurrence of each term on the page in a link with a tooltip."""

    def __init__(self, md: markdown.Markdown, matcher: Matcher, href: str, record: list[str], page: str = "") -> None:
        super().__init__(md)
        self.matcher = matcher
        self.href = href
        self.folder = posixpath.dirname(page) or "."
        self.linked: list[str] = []
        self.record = record

    def run(self, root: etree.Element) -> None:
        self.linked = []
        if self.matcher.by_form:
            self._walk(root)
        self.record[:] = self.linked

    def _walk(self, elem: etree.Element) -> None:
        children = list(elem)
        out: list[etree.Element] = []
        if elem.text:
            nodes, elem.text = self._split(elem.text)
            out += nodes
        for child in children:
            if child.tag not in _SKIP_TAGS and not (_SKIP_CLASSES & set(child.get("class", "").split())):
                self._walk(child)
            out.append(child)
            if child.tail:
                nodes, child.tail = self._split(child.tail)
                out += nodes
        if len(out) != len(children):
            elem[:] = out

    def _split(self, text: str) -> tuple[list[etree.Element], str]:
        """Links for the terms first seen in ``text``; returns them and the text before the first."""
        nodes: list[etree.Element] = []
        head = text
        last = 0
        for start, end, term_id in self.matcher.find(text):
            if term_id in self.linked:
                continue
            self.linked.append(term_id)
            before = text[last:start]
            if nodes:
                nodes[-1].tail = before
            else:
                head = before
            nodes.append(self._link(text[start:end], self.matcher.terms[term_id]))
            last = end
        if nodes:
            nodes[-1].tail = text[last:]
        return nodes, head

    def _link(self, label: str, term: Term) -> etree.Element:
        tip_id = f"briefing-term-{term.id}"
        wrapper = etree.Element("span", {"class": "briefing-term"})
        href = posixpath.relpath(term.page, self.folder) if term.page else self.href
        link = etree.SubElement(wrapper, "a", {"href": f"{href}#{term.id}", "aria-describedby": tip_id})
        link.text = label
        tip = etree.SubElement(
            wrapper, "span", {"class": "briefing-term__tip", "role": "tooltip", "id": tip_id, "data-pagefind-ignore": "all"}
        )
        tip.text = term.short
        return wrapper


class GlossaryLinksExtension(Extension):
    """Python-Markdown extension: ``terms`` (list of {id, forms, short}), ``glossary`` and ``page`` paths."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "terms": [[], "Glossary of the page's language: a list of {id, forms, short}"],
            "glossary": ["glossary.md", "Path of the glossary page"],
            "page": ["", "Path of the page being converted (links are made relative to it)"],
            # (A None default would make Python-Markdown read the option as a yes/no flag.)
            "record": [[], "A list that receives the ids of the terms linked on the page, in order"],
        }
        super().__init__(**kwargs)
        self.processor: GlossaryTreeprocessor | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        page = str(self.getConfig("page"))
        glossary = str(self.getConfig("glossary"))
        href = posixpath.relpath(glossary, posixpath.dirname(page) or ".")
        self.processor = GlossaryTreeprocessor(md, _matcher(self.getConfig("terms")), href, self.getConfig("record"), page)
        # After inline markup (20) and attr_list (8), before the table of contents (5).
        md.treeprocessors.register(self.processor, "glossary_links", 7)


def makeExtension(**kwargs: Any) -> GlossaryLinksExtension:
    """Entry point for ``markdown_extensions: [generator.glossary_links]``."""
    return GlossaryLinksExtension(**kwargs)
