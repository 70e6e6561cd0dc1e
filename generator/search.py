"""Search words: what Pagefind indexes for each page, and what the browser asks it for.

Pagefind splits Japanese text into words one way when it indexes a page (Lindera) and another way when a
reader types a query (the browser's Intl.Segmenter), so a name inside a sentence is often not found
(Pagefind issue #1237). Here both sides use one tokenizer instead, written twice: in Python for the
index, and in ``generator/overrides/assets/briefing-search.js`` for queries; a test runs both on the same text.

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

import functools
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .load.labels import labels
from .render.paging import url_of

if TYPE_CHECKING:
    from .model import Briefing

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


@functools.cache
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


class _CharWords(dict[int, str]):
    """``str.translate``'s table: each character to its ``char_word``, made the first time it is asked for."""

    def __missing__(self, code: int) -> str:
        word = self[code] = char_word(chr(code))
        return word


_CHAR_WORDS = _CharWords()
# In a run of character words: each one that has a next, followed by the pair it starts with it.
_PAIRED = re.compile(r"(z[a-z]{4}q)(?=(z[a-z]{4}q))")


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


# Blocks repeat from page to page (an event on its quarter's, its topics' and its companies' pages): each is made once.
@functools.lru_cache(maxsize=1 << 16)
def text_words(text: str) -> str:
    """The words of a text, one position each; a query is searched as the phrase of its own words.

    A CJK character is at one position, and the pair it starts with the next character at the next:
    a query's words, made the same way, stand side by side in the text only where the query does.
    """
    words: list[str] = []
    for kind, value in _tokens(text):
        if kind == "cjk":
            words.append(_PAIRED.sub(r"\1 \1\2 ", value.translate(_CHAR_WORDS)))
        else:
            words.append(value)
    return " ".join(words)


def index_words(blocks: Iterable[str]) -> str:
    """The words Pagefind indexes for a page's text blocks; a phrase never runs from one block into the next."""
    return " ".join([START, *(f"{text_words(block)} {BREAK}" for block in blocks)])


# The indexed text is read with regular expressions, not an HTML parser: this is the theme's own HTML, and a
# parser took 9 s for the 71 MB of a large briefing (scale L of the benchmark), these 1.7 s.
BLOCKS = (
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
).split()
_BODY = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-body\b[^>]*>")
_IGNORED = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
# Not text of the page: scripts, heading permalinks, and footnote markers (numbers glued to the text:
# "CNY 350,000" + "1").
_DROP = re.compile(
    r"<!--.*?-->|<(script|style|template)\b.*?</\1\s*>"
    r"|<sup\b[^>]*\bid=\"fnref[^>]*>.*?</sup>|<a\b[^>]*\bclass=\"[^\"]*\b(?:headerlink|footnote-ref)\b[^>]*>.*?</a>",
    re.S,
)
_BLOCK = re.compile(r"</?(?:{})\b[^>]*>".format("|".join(BLOCKS)))
_TAG = re.compile(r"<[^>]*>")


@functools.cache
def _tags_named(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}\b[^>]*>")


def _element_end(page: str, tag: str, start: int) -> int:
    """Where the element whose start tag is at ``start`` ends (its end tag, counting nested ones)."""
    depth = 0
    for match in _tags_named(tag).finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(page)


def _without_ignored(region: str) -> str:
    kept, at = [], 0
    for match in _IGNORED.finditer(region):
        if match.start() >= at:
            kept.append(region[at : match.start()])
            at = _element_end(region, match.group(1), match.start())
    kept.append(region[at:])
    return "".join(kept)


def page_text(page: str) -> list[str]:
    """The text Pagefind indexes of an HTML page (its ``data-pagefind-body`` parts less what it is told to
    ignore), as blocks: paragraphs, cells, headings, list items."""
    blocks: list[str] = []
    at = 0
    while match := _BODY.search(page, at):
        end = _element_end(page, match.group(1), match.start())
        region = _without_ignored(_DROP.sub("", page[match.end() : end]))
        text = html.unescape(_TAG.sub("", _BLOCK.sub("\n", region)))
        blocks += [" ".join(line.split()) for line in text.split("\n") if line.strip()]
        at = end
    return blocks


def with_search_words(page: str) -> str:
    """The page as Pagefind reads it: its own HTML, and its search words in a hidden part of the body.
    A page left out of search (no ``data-pagefind-body``) stays out."""
    if not _BODY.search(page):
        return page
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


# The fields the names of an entity are read from (a glossary term's "name" is its "term").
NAME_FIELDS = ("name", "term", "reading", "aliases")


def entity_forms(entity: Any) -> list[str]:
    """Every name of an entity a reader may type (its ``NAME_FIELDS``): its name in each language, reading and aliases."""
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
                {
                    "url": url_of(briefing, lang, collection, entity_id) or url.format(id=entity_id),
                    "title": title,
                    "text": getattr(entity, line)[lang],
                    "forms": names,
                }
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
