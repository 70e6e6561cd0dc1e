"""The briefing's facts as data files, published with every build.

Each language folder of the site gets ``downloads/``: JSON and CSV of the metrics, events and glossary,
in that language and in all languages (beside them: the JSON Schemas of the data files, ``schemas.py``, and
an Atom feed, ``feed.py``). Everything is computed from the data, so two builds of the same data give the
same bytes.

Download format (version 1, stable: columns are only ever added at the end):

- ``briefing.<lang>.json`` / ``briefing.json``: ``{"format": "briefing-data", "version": 1,
  "language": "ja"`` (or ``"languages": [...]``) ``, "title", "as_of", "metrics": [...],
  "events": [...], "glossary": [...]}``; each record has the fields of the CSV columns below.
  In ``briefing.json`` every text is an object ``{"ja": …, "en": …}``.
- ``metrics|events|glossary.<lang>.csv`` / ``….csv``: UTF-8 with a byte-order mark (so that
  spreadsheet programs read Japanese correctly), one header row: the column titles in the file's
  language (``columns`` in ``generator/locales/<lang>.yaml``); the all-languages file keeps the
  machine names below, every text column repeated per language as ``<column>_<lang>``.
- ``datapackage.json``: a Frictionless Data Package describing every download (columns, types,
  titles and descriptions in the folder's language), and ``briefing.schema.json``, the JSON Schema
  of the JSON downloads; see ``datapackage.py``. Lists are ids separated
  by ``;``. Empty cells are absent values.
- Numbers are raw values, never formatted: ``value`` is in base units (yuan, devices, people:
  59.5 billion is ``59500000000``), with ``unit``, ``currency`` and ``period`` beside it;
  percentages are numbers of percent (``-18.9``).
- A CSV text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written
  with a leading ``'`` so that spreadsheet programs show it as text instead of running it as a
  formula; number columns are never changed. The JSON files keep every text exactly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..load.labels import labels
from ..model import Briefing
from ..render.formatting import Formatter, written

FORMAT_VERSION = 1
DATA_PACKAGE = "datapackage.json"
TABLES = ("metrics", "events", "glossary")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

METRIC_COLUMNS = (
    "id", "company", "company_name", "market", "market_name", "measure", "measure_name", "region", "region_name",
    "period", "period_precision", "value", "value_max", "bound", "unit", "currency", "change_yoy_percent",
    "share_percent", "share_of", "note", "source", "source_title", "source_url",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "date", "date_precision", "status", "title", "description", "companies", "people", "products", "topics",
    "source", "source_title", "source_url",
)  # fmt: skip
TERM_COLUMNS = ("id", "term", "reading", "original", "short", "definition", "aliases", "related")
COLUMNS = {"metrics": METRIC_COLUMNS, "events": EVENT_COLUMNS, "glossary": TERM_COLUMNS}
TEXT_COLUMNS = {
    "company_name", "market_name", "measure_name", "region_name", "note", "source_title",
    "title", "description", "term", "short", "definition", "aliases",
}  # fmt: skip


class Text(dict[str, Any]):
    """A translated value in a record: one text (or list of texts) per language."""


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _name(briefing: Briefing, collection: str, entity_id: str | None) -> Text | None:
    if entity_id is None:
        return None
    return Text(briefing.name_of(collection, entity_id))


def _source(briefing: Briefing, source_id: str) -> dict[str, Any]:
    source = briefing.sources[source_id]
    # A description is not a title: the column stays empty where the title is not known.
    return {"source": source_id, "source_title": Text(source.title) if source.title else None, "source_url": source.url}


def metric_records(briefing: Briefing) -> list[dict[str, Any]]:
    """One record per metric, by period then id, with raw values in base units."""
    out = []
    for m in sorted(briefing.metrics.values(), key=lambda m: (m.period.sort_key(), m.id)):
        factor = m.scale_factor
        out.append(
            {
                "id": m.id,
                "company": m.company,
                "company_name": _name(briefing, "companies", m.company),
                "market": m.market,
                "market_name": _name(briefing, "markets", m.market),
                "measure": m.measure,
                "measure_name": _name(briefing, "measures", m.measure),
                "region": m.region,
                "region_name": _name(briefing, "regions", m.region),
                "period": str(m.period),
                "period_precision": m.period.precision,
                "value": _number(m.raw_value),
                "value_max": _number(m.value_max * factor if m.value_max is not None else None),
                "bound": m.bound,
                "unit": m.unit,
                "currency": m.currency,
                "change_yoy_percent": _number(m.change_yoy),
                "share_percent": _number(m.share.percent) if m.share else None,
                "share_of": m.share.of if m.share else None,
                "note": Text(m.note) if m.note else None,
                **_source(briefing, m.source),
            }
        )
    return out


def event_records(briefing: Briefing) -> list[dict[str, Any]]:
    """One record per event, in date order."""
    return [
        {
            "id": e.id,
            "date": str(e.date),
            "date_precision": e.date.precision,
            "status": e.status,
            "title": Text(e.title),
            "description": Text(e.description) if e.description else None,
            "companies": list(e.companies),
            "people": list(e.people),
            "products": list(e.products),
            "topics": list(e.topics),
            **_source(briefing, e.source),
        }
        for e in briefing.events_by_date
    ]


def term_records(briefing: Briefing) -> list[dict[str, Any]]:
    """One record per glossary term, by id."""
    out = []
    for t in sorted(briefing.glossary.values(), key=lambda t: t.id):
        out.append(
            {
                "id": t.id,
                "term": Text(t.term),
                "reading": t.reading,
                "original": t.original,
                "short": Text(t.short),
                "definition": Text(t.definition),
                "aliases": Text({lang: list(t.aliases.get(lang, [])) for lang in briefing.languages}),
                "related": list(t.related),
            }
        )
    return out


def records(briefing: Briefing) -> dict[str, list[dict[str, Any]]]:
    """Every table, as records whose translated values are ``Text``."""
    tables = {"metrics": metric_records(briefing), "events": event_records(briefing), "glossary": term_records(briefing)}
    # Figures in texts ({value:…}) written out as the pages write them, in each language.
    fmts = {lang: Formatter(lang) for lang in briefing.languages}
    for rows in tables.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, Text):
                    row[key] = Text({lang: written(briefing, text, fmts[lang]) for lang, text in value.items()})
    return tables


def _in(value: Any, lang: str | None) -> Any:
    return value.get(lang) if isinstance(value, Text) and lang is not None else value


def to_json(briefing: Briefing, tables: dict[str, list[dict[str, Any]]], lang: str | None) -> str:
    """The JSON download in one language, or in all (``lang`` None)."""
    head: dict[str, Any] = {"format": "briefing-data", "version": FORMAT_VERSION}
    head.update({"language": lang} if lang else {"languages": briefing.languages})
    head["title"] = _in(Text(briefing.site.title), lang)
    head["as_of"] = str(briefing.site.as_of)
    for name, rows in tables.items():
        if lang is None:
            head[name] = rows  # Text is a mapping of every language already
        else:
            head[name] = [{k: v.get(lang) if isinstance(v, Text) else v for k, v in row.items()} for row in rows]
    # Compact: at thousands of events an indented file is half whitespace and many times slower to write.
    return json.dumps(head, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        return str(value)
    elif isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    elif isinstance(value, int):
        return str(value)
    else:
        text = ";".join(value) if isinstance(value, list) else str(value)
    # A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"): text from
    # the data is never a formula, so it gets a leading apostrophe. Numbers above stay raw numbers.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def column_titles(columns: Sequence[str], lang: str) -> list[str]:
    """The header of a table's CSV in ``lang``: each column's title in that language (``generator/locales``)."""
    titles = labels(lang)["columns"]
    return [titles[c]["title"] for c in columns]


def csv_tables(columns: Sequence[str], rows: list[dict[str, Any]], languages: Sequence[str]) -> dict[str | None, bytes]:
    """One table as CSV in each language, headed by the column titles in that language, and in all
    (``None``: headed by the machine names, text columns repeated as ``<column>_<lang>``).

    Every cell is made once for all of them: a large briefing's tables have hundreds of thousands.
    """
    variants: list[str | None] = [None, *languages]
    buffers = {lang: io.StringIO() for lang in variants}
    writers = {lang: csv.writer(buffer, lineterminator="\r\n") for lang, buffer in buffers.items()}
    header: list[str] = []
    for c in columns:
        header += [f"{c}_{code}" for code in languages] if c in TEXT_COLUMNS else [c]
    writers[None].writerow(header)
    for lang in languages:
        writers[lang].writerow(column_titles(columns, lang))
    for row in rows:
        every: list[str] = []
        each: list[list[str]] = [[] for _ in languages]
        for c in columns:
            value = row.get(c)
            if isinstance(value, Text):
                texts = [_cell(value.get(code)) for code in languages]
                if c in TEXT_COLUMNS:
                    every += texts
                else:
                    every.append(_cell(value))
            else:
                texts = [_cell(value)] * len(languages)
                every += [""] * len(languages) if c in TEXT_COLUMNS else texts[:1]
            for cells, text in zip(each, texts, strict=True):
                cells.append(text)
        writers[None].writerow(every)
        for lang, cells in zip(languages, each, strict=True):
            writers[lang].writerow(cells)
    return {lang: buffer.getvalue().encode("utf-8-sig") for lang, buffer in buffers.items()}


def download_names(languages: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
    """Every download file's name → (its language or None for all, its table or None for the JSON of all tables)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for lang in (None, *languages):
        suffix = f".{lang}" if lang else ""
        out[f"briefing{suffix}.json"] = (lang, None)
        out.update({f"{name}{suffix}.csv": (lang, name) for name in TABLES})
    return out


def downloads(briefing: Briefing) -> dict[str, str | bytes]:
    """Every download file by name: JSON and CSV per language and for all languages."""
    tables = records(briefing)
    langs = briefing.languages
    csvs = {table: csv_tables(COLUMNS[table], tables[table], langs) for table in TABLES}
    return {
        name: to_json(briefing, tables, lang) if table is None else csvs[table][lang]
        for name, (lang, table) in download_names(langs).items()
    }
