"""Search words: what Pagefind indexes for each page, and what the browser asks it for.

Pagefind splits Japanese text into words one way when it indexes a page (Lindera) and another way when a
reader types a query (the browser's Intl.Segmenter), so a name inside a sentence is often not found
(Pagefind issue #1237). Here both sides use one tokenizer instead, written twice: in Python for the
index, and in ``overrides/assets/briefing-search.js`` for queries; a test runs both on the same text.

- Text is NFKC-normalised and lower-cased; punctuation and spaces separate words and are not searched.
- Japanese and Chinese characters are indexed one per position, each followed by the pair it starts, and a
  query is searched as the phrase of its own such words: 規模 inside 大規模モデル is found, and only where the
  characters stand side by side.
- Numbers are one word however grouped (``1,200`` = ``1200``), so ``5.8`` never finds ``58.8`` and a bare
  ``12`` does not find ``1200``; ``%`` is a word of its own.
- Latin words are whole words (a word with a digit in it, such as ``q1``, is one word); Pagefind matches
  English words by their stem.

The words are ASCII letters and digits, so the browser's segmenter leaves the query alone. They are given
to Pagefind in a hidden part of each page, made only for the copy of the page Pagefind reads; readers'
pages are unchanged, and the search box builds its excerpts from the page's visible text.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from .labels import labels

if TYPE_CHECKING:
    from .validate import Briefing

# Kana, the prolonged sound mark, CJK ideographs (with extensions and compatibility forms) and 々〆〇.
CJK = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
LATIN = "a-z\u00df-\u00f6\u00f8-\u024f"
TOKEN = re.compile(
    rf"(?P<cjk>[{CJK}]+)|(?P<word>[{LATIN}0-9]*[{LATIN}][{LATIN}0-9]*)"
    rf"|(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)|(?P<pct>%)"
)
# Dropped from a name the search box looks up, so that ルーウェイビン finds ルー・ウェイビン.
JOINERS = str.maketrans("", "", "\u30fb\u00b7")
# Starts the hidden words of a page, so the search box can cut them off the text it shows.
START = "zqzqzq"
# Between two blocks of text (paragraphs, table cells): a phrase never runs across it.
BREAK = "zqzq"


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def name_key(text: str) -> str:
    """How the search box looks up a name: normalised, without joiners, spaces collapsed."""
    return " ".join(normalize(text).translate(JOINERS).split())


def char_word(char: str) -> str:
    """A character as an ASCII word: four letters of its code point between 'z' and 'q'.

    The 'q' at the end keeps English stemming (Pagefind stems the words of English pages) off it.
    """
    code = ord(char)
    letters = []
    for _ in range(4):
        code, digit = divmod(code, 26)
        letters.append(chr(97 + digit))
    return "z" + "".join(reversed(letters)) + "q"


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    for match in TOKEN.finditer(normalize(text)):
        kind = match.lastgroup or ""
        value = match.group()
        if kind == "num":
            yield kind, value.replace(",", "").replace(".", "d") + "n"
        elif kind == "pct":
            yield kind, "pct"
        else:
            yield kind, value


def text_words(text: str) -> list[str]:
    """The words of a text, one position each; a query is searched as the phrase of its own words.

    A CJK character is at one position, and the pair it starts with the next character at the next:
    a query's words, made the same way, stand side by side in the text only where the query does.
    """
    words: list[str] = []
    for kind, value in _tokens(text):
        if kind == "cjk":
            codes = [char_word(char) for char in value]
            for code, following in itertools.pairwise(codes):
                words += (code, code + following)
            words.append(codes[-1])
        else:
            words.append(value)
    return words


def index_words(blocks: Iterable[str]) -> str:
    """The words Pagefind indexes for a page's text blocks; a phrase never runs from one block into the next."""
    return " ".join([START, *(word for block in blocks for word in [*text_words(block), BREAK])])


BLOCKS = frozenset(
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Text(HTMLParser):
    """The text of a page's ``data-pagefind-body`` parts, in blocks, less what Pagefind is told to skip."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside the body, skipped)

    def _break(self) -> None:
        if text := " ".join("".join(self.current).split()):
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        body, skipped = self.stack[-1][1:] if self.stack else (False, False)
        body = body or "data-pagefind-body" in names
        classes = (names.get("class") or "").split()
        # Footnote markers are numbers glued to the text ("CNY 350,000" + "1"): not words of it.
        skipped = (
            skipped
            or "data-pagefind-ignore" in names
            or tag in ("script", "style", "template")
            or "headerlink" in classes
            or "footnote-ref" in classes
            or (tag == "sup" and (names.get("id") or "").startswith("fnref"))
        )
        if tag in BLOCKS:
            self._break()
        if tag not in VOID:
            self.stack.append((tag, body, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # Close up to the matching tag: HTML lets some end tags be left out.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.current.append(data)


def page_text(page: str) -> list[str]:
    """The indexed text of an HTML page, as blocks (paragraphs, cells, headings, list items)."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    parser._break()
    return parser.blocks


def with_search_words(page: str) -> str:
    """The page as Pagefind reads it: its own HTML, and its search words in a hidden part of the body."""
    words = f'<div data-pagefind-body hidden aria-hidden="true">{html.escape(index_words(page_text(page)))}</div>'
    end = page.rfind("</body>")
    return page[:end] + words + page[end:] if end >= 0 else page + words


# ----------------------------------------------------------------- names the search box knows

# What has a page or an entry of its own, where, and the line shown under its name in the search box.
NAMED = {
    "companies": ("companies/{id}/", "category"),
    "people": ("people/#{id}", "role"),
    "markets": ("markets/{id}/", "description"),
    "glossary": ("glossary/#{id}", "short"),
}
NAMES_FILE = "search-names.json"


def entity_forms(entity: Any) -> list[str]:
    """Every name of an entity a reader may type: its name in each language, reading and aliases."""
    name = getattr(entity, "name", None) or getattr(entity, "term", None) or {}
    aliases = getattr(entity, "aliases", None) or []
    if isinstance(aliases, dict):
        aliases = [a for forms in aliases.values() for a in forms]
    texts = [alias if isinstance(alias, str) else alias.text for alias in aliases]
    forms = [*name.values(), *([entity.reading] if getattr(entity, "reading", None) else []), *texts]
    return list(dict.fromkeys(forms))


def search_names(briefing: Briefing, lang: str) -> str:
    """The search box's list of names, for one language: each entity's page, title, line and names.

    A query that is one of these names finds the pages of every other name of the same entity too
    (ルー・ウェイビン finds 盧偉冰), and shows the entity's own page first.
    """
    entities: list[dict[str, Any]] = []
    forms: dict[str, list[int]] = {}
    for collection, (url, line) in NAMED.items():
        for entity_id, entity in sorted(briefing[collection].items()):
            names = entity_forms(entity)
            title = (getattr(entity, "name", None) or getattr(entity, "term", None) or {}).get(lang, entity_id)
            number = len(entities)
            entities.append(
                {"url": url.format(id=entity_id), "title": title, "text": getattr(entity, line)[lang], "forms": names}
            )
            for form in names:
                key = name_key(form)
                if key and number not in forms.setdefault(key, []):
                    forms[key].append(number)
    document = {"labels": labels(lang)["search"], "entities": entities, "forms": forms}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def search_files(briefing: Briefing) -> dict[str, str]:
    """The search box's list of names, in each language folder."""
    return {f"{lang}/{NAMES_FILE}": search_names(briefing, lang) for lang in briefing.languages}


def search_file_paths(languages: Iterable[str]) -> set[str]:
    return {f"{lang}/{NAMES_FILE}" for lang in languages}
