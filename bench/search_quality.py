"""Search recall and precision on a built site, with queries drawn from the site's own data.

Queries, per language:
- ``name``: every name, reading and alias of the companies, people, markets and glossary terms;
- ``word``: the words of those names (``Lu``, ``Weibing``, ``ルー``);
- ``part``: two-character and longer pieces of Japanese compounds (規模 of 大規模モデル, 売上 of 売上高);
- ``number``: every figure as a page writes it (``595億元``, ``1,200``, ``18.9%``, ``CNY 59.5 billion``).

A page is relevant when a block of its indexed text (a paragraph, a cell, a heading) contains the query,
NFKC-normalised and case-folded; for a name, when it contains any name of the same entity (a reading finds
the pages of the name it reads), or of each entity of that name where several share it. Letters and digits at
the edges of a query must not run on in the text: a page with 58.8% is not relevant to 5.8%, nor one with "said"
to "AI". A query of Latin words matches the same words in the text, whatever stands between them; on English
pages a word also matches the words of the same stem (Snowball's English stemmer, which Pagefind uses):
"layoffs" finds "layoff". The results are what the search box shows, obtained from the box's own code in Chromium.

A name's first result must be its entity's own page: a company's or market's page, or the entry of a person or
glossary term on the page that holds it (the part, where a long list is split), read from the built HTML. Where
several entities share a name (two companies called Bato Chips), a reader cannot say which one is meant: the
first results must be all of their own pages, in any order.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import snowballstemmer

from generator.model import Briefing
from generator.search import NAMED, entity_forms, name_key, page_text

from .run import serve_folder

CJK_RUN = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u4e00-\u9fff]{3,}")
# Figures as the (folded) pages write them.
NUMBERS = {
    "ja": re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?(?:%|[万億兆]*(?:元|台|人|米ドル|ドル|円))?"),
    "en": re.compile(
        r"(?<![0-9.,])(?:(?:cny|usd|jpy|hkd|eur) )?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?(?:%| (?:billion|million)(?: units)?)?"
    ),
}
ALNUM = re.compile(r"[0-9a-z]")
ID = re.compile(r'\sid="([^"]+)"')
LATIN_QUERY = re.compile(r"[a-z][a-z0-9]*(?:[\s\-‐–—/]+[a-z0-9]+)*")
LATIN_WORD = re.compile(r"[a-z\u00df-\u024f0-9]*[a-z\u00df-\u024f][a-z\u00df-\u024f0-9]*|[0-9]+")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    # For a name: every name of its entity (of each entity of that name); a page holding any of them is relevant.
    forms: tuple[str, ...] = ()
    # For a name: the own page of each entity of that name, ``/glossary/2/#term`` for an entry.
    own: tuple[str, ...] = ()


def first_is_own(query: Query, shown: list[str]) -> bool:
    """A name's first results are the own pages of the entities of that name, all of them, in any order."""
    return set(shown[: len(query.own)]) == set(query.own)


def _contains(block: str, query: str) -> bool:
    """``query`` in ``block`` (both folded), not running on into letters or digits at either edge."""
    start = block.find(query)
    while start >= 0:
        end = start + len(query)
        before = block[start - 1] if start else ""
        after = block[end] if end < len(block) else ""
        ok_before = not (
            ALNUM.match(query[0])
            and (ALNUM.match(before) or (query[0].isdigit() and before in ".," and start > 1 and block[start - 2].isdigit()))
        )
        ok_after = not (
            ALNUM.match(query[-1])
            and (ALNUM.match(after) or (query[-1].isdigit() and after in ".," and block[end + 1 : end + 2].isdigit()))
        )
        if ok_before and ok_after:
            return True
        start = block.find(query, start + 1)
    return False


def page_blocks(site: Path, lang: str, languages: list[str]) -> dict[str, list[str]]:
    """The folded text blocks of each reader-facing page of one language, keyed by URL path from the site root."""
    root = site if lang == languages[0] else site / lang
    prefix = "/" if lang == languages[0] else f"/{lang}/"
    pages: dict[str, list[str]] = {}
    for file in sorted(root.rglob("index.html")):
        rel = file.relative_to(root)
        if rel.parts[0] in {*languages, "pagefind"} - {lang} or "pagefind" in rel.parts:
            continue
        path = prefix + ("" if rel.parent == Path(".") else rel.parent.as_posix() + "/")
        pages[path] = [fold(b) for b in page_text(file.read_text(encoding="utf-8"))]
    return pages


def own_pages(site: Path, briefing: Briefing, lang: str) -> dict[tuple[str, str], str]:
    """Each named entity's own page in the built site, by (collection, id): its page, or for an entry (a person, a
    term) the page under its list's folder whose HTML holds the entry's anchor, with the anchor.

    Read from the HTML, not from the generator's map of parts, so that a name pinned to the wrong part is caught.
    """
    languages = briefing.languages
    root = site if lang == languages[0] else site / lang
    prefix = "/" if lang == languages[0] else f"/{lang}/"
    own: dict[tuple[str, str], str] = {}
    for collection, (url, _) in NAMED.items():
        folder, _, anchor = url.partition("#")
        if not anchor:
            own.update({(collection, i): prefix + url.format(id=i) for i in briefing[collection]})
            continue
        held: dict[str, str] = {}
        for file in sorted((root / folder).rglob("index.html")):
            page = prefix + file.parent.relative_to(root).as_posix() + "/"
            for found in ID.findall(file.read_text(encoding="utf-8")):
                held.setdefault(found, page)
        own.update({(collection, i): f"{held.get(i, prefix + folder)}#{i}" for i in briefing[collection]})
    return own


def query_set(briefing: Briefing, lang: str, pages: dict[str, list[str]], own: dict[tuple[str, str], str]) -> list[Query]:
    """The queries of one language; ``own`` is each entity's own page (``own_pages``)."""
    queries: dict[str, Query] = {}

    def add(query: Query) -> None:
        if fold(query.text) and fold(query.text) not in queries:
            queries[fold(query.text)] = query

    named = [(collection, entity) for collection in NAMED for entity in briefing[collection].values()]
    bearers: dict[str, dict[tuple[str, str], list[str]]] = {}  # a name (as the box looks it up): its entities' names
    for collection, entity in named:
        forms = entity_forms(entity)
        for form in forms:
            bearers.setdefault(name_key(form), {})[collection, entity.id] = forms
    for _, entity in named:
        for form in entity_forms(entity):
            sharing = bearers[name_key(form)]
            every = tuple(dict.fromkeys(f for forms in sharing.values() for f in forms))
            add(Query(form, "name", every, tuple(own[key] for key in sharing)))
    for _, entity in named:
        for form in entity_forms(entity):
            for word in re.split(r"[\s・·,()（）、。]+", form):
                if word != form and len(word) > 1:
                    add(Query(word, "word"))
            if lang == "ja":
                for run in CJK_RUN.findall(form):
                    for size in range(2, len(run)):
                        for start in range(len(run) - size + 1):
                            add(Query(run[start : start + size], "part"))
    for blocks in pages.values():
        for block in blocks:
            for match in NUMBERS[lang].finditer(block):
                add(Query(match.group(), "number"))
    return list(queries.values())


def _words(text: str, stem: Any) -> list[str]:
    words = LATIN_WORD.findall(text)
    return stem.stemWords(words) if stem else words


def _has_words(block_words: list[str], words: list[str]) -> bool:
    size = len(words)
    return any(block_words[i : i + size] == words for i in range(len(block_words) - size + 1))


class Corpus:
    """The pages' folded blocks, and their Latin words (stemmed on English pages)."""

    def __init__(self, pages: dict[str, list[str]], lang: str) -> None:
        self.pages = pages
        self.stem = snowballstemmer.stemmer("english") if lang == "en" else None
        self.words = {path: [_words(b, self.stem) for b in blocks] for path, blocks in pages.items()}
        # A page's whole text and its set of words rule most pages out at once: block by block is slow at L.
        self.text = {path: "\n".join(blocks) for path, blocks in pages.items()}
        self.vocabulary = {path: {w for words in self.words[path] for w in words} for path in pages}

    def relevant(self, query: Query) -> set[str]:
        needles = [fold(f) for f in (query.forms or (query.text,)) if fold(f)]
        latin = [_words(n, self.stem) for n in needles if LATIN_QUERY.fullmatch(n)]
        plain = [n for n in needles if not LATIN_QUERY.fullmatch(n)]
        found = set()
        for path, blocks in self.pages.items():
            if any(n in self.text[path] and any(_contains(b, n) for b in blocks) for n in plain) or any(
                self.vocabulary[path].issuperset(words) and any(_has_words(bw, words) for bw in self.words[path])
                for words in latin
            ):
                found.add(path)
        return found


@dataclass
class Report:
    lang: str
    drawn: int = 0  # queries in the set; ``queries`` of them were asked (a fixed-seed sample beyond the limit)
    queries: int = 0
    names: int = 0
    relevant: int = 0
    found: int = 0
    returned: int = 0
    other_language: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind: [relevant, found, returned]
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (query, kind, missed pages)
    extras: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (query, kind, pages not relevant)
    first_not_own: list[str] = field(default_factory=list)  # names whose first result is not their page

    @property
    def recall(self) -> float:
        return self.found / self.relevant if self.relevant else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.returned if self.returned else 1.0

    def kind_recall(self, kind: str) -> float:
        rel, found, _ = self.by_kind.get(kind, [0, 0, 0])
        return found / rel if rel else 1.0


# The search box's own code finds the pages: what it would list for each query, the pinned entity first.
_RUN = """async (queries) => {
  const box = window.briefingSearch;
  await box.load();
  const one = async (q) => {
    const {results, entities} = await box.find(q);
    const datas = await Promise.all(results.map((r) => r.data()));
    const pinned = entities.map((e) => {
      const url = new URL(e.url, box.root);
      return url.pathname + url.hash;
    });
    return [q, [...pinned, ...datas.map((d) => new URL(d.url, location.href).pathname)]];
  };
  return Object.fromEntries(await Promise.all(queries.map(one)));
}"""


def search_results(base: str, lang: str, languages: list[str], queries: list[str], browser: Any) -> dict[str, list[str]]:
    page = browser.new_page()
    try:
        page.goto(base + ("/" if lang == languages[0] else f"/{lang}/"))
        page.wait_for_function("() => window.briefingSearch")
        results: dict[str, list[str]] = {}
        for start in range(0, len(queries), 50):
            results.update(page.evaluate(_RUN, queries[start : start + 50]))
        return results
    finally:
        page.close()


def measure(
    site: Path, briefing: Briefing, lang: str, browser: Any, limit: int | None = None, kinds: set[str] | None = None
) -> Report:
    """Recall and precision of one language's search over the data's own query set (those of ``kinds``, or all),
    or a fixed sample of ``limit`` of it."""
    languages = briefing.languages
    pages = page_blocks(site, lang, languages)
    queries = [q for q in query_set(briefing, lang, pages, own_pages(site, briefing, lang)) if not kinds or q.kind in kinds]
    drawn = len(queries)
    if limit is not None and len(queries) > limit:
        queries = random.Random(0).sample(queries, limit)
    server, base = serve_folder(site)
    try:
        results = search_results(base, lang, languages, [q.text for q in queries], browser)
    finally:
        server.shutdown()
        server.server_close()
    report = Report(lang, drawn=drawn)
    corpus = Corpus(pages, lang)
    for query in queries:
        want = corpus.relevant(query)
        shown = results[query.text]
        got = {p.split("#")[0] for p in shown}
        report.other_language += len(got - set(pages))
        got &= set(pages)
        report.queries += 1
        report.relevant += len(want)
        report.found += len(want & got)
        report.returned += len(got)
        counts = report.by_kind.setdefault(query.kind, [0, 0, 0])
        counts[0] += len(want)
        counts[1] += len(want & got)
        counts[2] += len(got)
        if want - got:
            report.misses.append((query.text, query.kind, sorted(want - got)))
        if got - want:
            report.extras.append((query.text, query.kind, sorted(got - want)))
        if query.kind == "name":
            report.names += 1
            if not first_is_own(query, shown):
                report.first_not_own.append(query.text)
    return report
