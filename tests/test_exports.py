"""Downloads, feeds, sharing tags and sitemap of a built site: present, parseable, in both languages, from the data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from projectkit import copy_project, mkdocs_build

from generator.history import file_times
from generator.load import load_briefing
from generator.model import SCALE_FACTORS, Briefing, PartialDate
from generator.outputs.datapackage import JSON_SCHEMA
from generator.outputs.downloads import COLUMNS, TABLES, column_titles, downloads
from generator.outputs.feed import STATUS_SCHEME, atom_feed
from generator.outputs.site_url import SITE_URL_VARIABLE, published_url
from generator.render.formatting import Formatter, expand

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = load_briefing(ROOT / "data")
LANGS = BRIEFING.languages


RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _event_id(entry: ET.Element) -> str:
    return entry.find(f"{ATOM}link").get("href", "").split("#", 1)[1]  # type: ignore[union-attr]


def assert_valid_atom(feed: ET.Element, *, site_url: str | None) -> None:
    """RFC 4287's rules for a feed and its entries: required elements once, times in RFC 3339, ids absolute IRIs,
    the feed's ``updated`` the latest of its entries'; links absolute when the site's address is known."""
    assert feed.tag == f"{ATOM}feed"
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        for tag in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{tag}")) == 1, f"one atom:{tag}"
        assert RFC3339.fullmatch(element.findtext(f"{ATOM}updated") or ""), element.findtext(f"{ATOM}updated")
        assert re.match(r"[a-z][a-z0-9+.-]*:", element.findtext(f"{ATOM}id") or ""), "an id is an absolute IRI"
        alternates = [link for link in element.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert alternates, "a feed or entry without content links to it"
        for link in element.findall(f"{ATOM}link"):
            href = link.get("href", "")
            assert href and (href.startswith(site_url) if site_url else "://" not in href and not href.startswith("/")), href
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None, "the feed's author stands for every entry"
    stamps = [e.findtext(f"{ATOM}updated") or "" for e in feed.findall(f"{ATOM}entry")]
    assert feed.findtext(f"{ATOM}updated") == max(stamps)


def _written(text: str, lang: str) -> str:
    """A text as readers get it: figures ({value:…}) written out."""
    return expand(text, Formatter(lang), lambda collection, entity_id: BRIEFING[collection][entity_id])


ATOM = "{http://www.w3.org/2005/Atom}"
NUMBER_COLUMNS = {"value", "value_max", "change_yoy_percent", "share_percent"}


def _folder(site: Path, lang: str) -> Path:
    return site if lang == LANGS[0] else site / lang


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a byte-order mark"
    return _rows(raw)


def _by_machine_names(header: list[str]) -> list[str]:
    """A language's CSV header (its column titles) read back as the machine names; an all-language header as it is."""
    for columns in COLUMNS.values():
        for lang in LANGS:
            if header == column_titles(columns, lang):
                return list(columns)
    return header


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_are_published_and_parse(built_site: Path, lang: str) -> None:
    folder = _folder(built_site, lang) / "downloads"
    data = json.loads((folder / f"briefing.{lang}.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["language"]) == ("briefing-data", 1, lang)
    assert data["title"] == BRIEFING.site.title[lang]
    for table in TABLES:
        header = next(csv.reader(io.StringIO((folder / f"{table}.{lang}.csv").read_text(encoding="utf-8-sig"))))
        assert header == column_titles(COLUMNS[table], lang), "headed by the column titles in the file's language"
        assert len(set(header)) == len(header)
        rows = _csv(folder / f"{table}.{lang}.csv")
        assert rows and list(rows[0]) == list(COLUMNS[table])
        every = next(csv.reader(io.StringIO((folder / f"{table}.csv").read_text(encoding="utf-8-sig"))))
        assert every[0] == "id" and all(re.fullmatch(r"[a-z_]+", name) for name in every), "machine names in all languages"
        assert [r["id"] for r in rows] == [r["id"] for r in data[table]]
        assert sorted(r["id"] for r in rows) == sorted(BRIEFING[table])


def test_numbers_are_raw_values_with_unit_currency_and_period(built_site: Path) -> None:
    rows = {r["id"]: r for r in _csv(built_site / "downloads" / "metrics.en.csv")}
    data = {
        r["id"]: r for r in json.loads((built_site / "downloads" / "briefing.en.json").read_text(encoding="utf-8"))["metrics"]
    }
    assert rows
    for metric_id, metric in BRIEFING["metrics"].items():
        expected = metric.value * SCALE_FACTORS[metric.scale]  # type: ignore[attr-defined]
        assert Decimal(rows[metric_id]["value"]) == expected
        assert Decimal(str(data[metric_id]["value"])) == expected
        assert re.fullmatch(r"-?\d+(\.\d+)?", rows[metric_id]["value"]), "no grouping, units or exponent"
        assert rows[metric_id]["unit"] == metric.unit  # type: ignore[attr-defined]
        assert rows[metric_id]["currency"] == (metric.currency or "")  # type: ignore[attr-defined]
        assert rows[metric_id]["period"] == str(metric.period)  # type: ignore[attr-defined]


def test_all_languages_file_has_a_column_per_language(built_site: Path) -> None:
    rows = _csv(built_site / "downloads" / "events.csv")
    data = json.loads((built_site / "downloads" / "briefing.json").read_text(encoding="utf-8"))
    assert data["languages"] == LANGS
    for row, record in zip(rows, data["events"], strict=True):
        event = BRIEFING["events"][row["id"]]
        for lang in LANGS:
            assert row[f"title_{lang}"] == _written(event.title[lang], lang) == record["title"][lang]  # type: ignore[attr-defined]
        assert "title" not in row


def test_downloads_are_linked_from_the_sources_page(built_site: Path) -> None:
    for lang in LANGS:
        html = (_folder(built_site, lang) / "sources" / "index.html").read_text(encoding="utf-8")
        for name in (f"briefing.{lang}.json", "briefing.json", f"metrics.{lang}.csv", "glossary.csv"):
            assert f'href="../downloads/{name}"' in html, name
        assert 'href="../feed.xml"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_lists_events_newest_first_with_stable_ids(built_site: Path, lang: str) -> None:
    path = _folder(built_site, lang) / "feed.xml"
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(BRIEFING["events"])
    dates = [BRIEFING["events"][_event_id(e)].date.sort_key() for e in entries]  # type: ignore[attr-defined]
    assert dates == sorted(dates, reverse=True), "the timeline's order, newest first"
    assert_valid_atom(feed, site_url=None)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        event_id = href.split("#", 1)[1]
        assert href == f"timeline/#{event_id}"
        event = BRIEFING["events"][event_id]
        title = _written(event.title[lang], lang)  # type: ignore[attr-defined]
        status = Formatter(lang).labels["status"][event.status]  # type: ignore[attr-defined]
        planned = event.status == "planned"  # type: ignore[attr-defined]
        assert entry.findtext(f"{ATOM}title") == (f"{status}{Formatter(lang).formats['colon']}{title}" if planned else title)
        [category] = [c for c in entry.findall(f"{ATOM}category") if c.get("scheme") == STATUS_SCHEME]
        assert (category.get("term"), category.get("label")) == (event.status, status)  # type: ignore[attr-defined]
        page = (path.parent / "timeline" / "index.html").read_text(encoding="utf-8")
        assert f'id="{event_id}"' in page, "the entry links to an anchor that exists"
    assert path.read_bytes() == atom_feed(BRIEFING, lang), "same data, same bytes: nothing from the clock"
    ids = {e.findtext(f"{ATOM}id") for e in entries}
    assert len(ids) == len(entries) and all(i and i.startswith("urn:uuid:") for i in ids)


def test_feed_entries_do_not_change_when_an_event_is_added() -> None:
    """Adding an event leaves the id, link and date of every other entry as they were."""
    tiny = load_briefing(ROOT / "tests" / "fixtures" / "tiny")
    events = tiny.events
    first = next(iter(events.values()))
    later = first.model_copy(update={"id": "a-later-event", "date": PartialDate(2024, 1)})
    more = dataclasses.replace(tiny, events={**events, later.id: later})

    def entries(briefing: Briefing) -> dict[str, tuple[str | None, str | None]]:
        feed = ET.fromstring(atom_feed(briefing, "en"))
        return {
            e.find(f"{ATOM}link").get("href", ""): (e.findtext(f"{ATOM}id"), e.findtext(f"{ATOM}updated"))  # type: ignore[union-attr]
            for e in feed.iter(f"{ATOM}entry")
        }

    before, after = entries(tiny), entries(more)
    assert next(iter(after)) == "timeline/#a-later-event", "newest first"
    assert {href: value for href, value in after.items() if href != "timeline/#a-later-event"} == before


def test_schemas_are_published(built_site: Path) -> None:
    for name in ("site.json", "companies.json", "events.json"):
        published = json.loads((built_site / "schemas" / name).read_text(encoding="utf-8"))
        assert published == json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8")), "the committed schema"
        assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_carry_open_graph_in_their_language(built_site: Path, lang: str) -> None:
    html = (_folder(built_site, lang) / "timeline" / "index.html").read_text(encoding="utf-8")
    title = re.search(r'<meta property="og:title" content="([^"]*)"', html)
    description = re.search(r'<meta property="og:description" content="([^"]*)"', html)
    assert title and description
    from generator.load.labels import labels

    assert title.group(1) == labels(lang)["nav"]["timeline"]
    assert description.group(1) == labels(lang)["pages"]["timeline_intro"]
    # No feed link without the site's address: Material would fetch a sitemap.xml next to it (tests/browser/test_sitemap_probes.py).
    assert 'type="application/atom+xml"' not in html


class _Meta(HTMLParser):
    """The decoded content of each ``<meta>`` by its name or property."""

    def __init__(self) -> None:
        super().__init__()
        self.content: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("name") or found.get("property")
        if tag == "meta" and key and found.get("content") is not None:
            self.content.setdefault(key, []).append(str(found["content"]))


def _meta(page: Path) -> dict[str, list[str]]:
    parser = _Meta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.content


def test_descriptions_with_quotes_are_escaped_once_in_both_tags(built_site: Path) -> None:
    """The generator escapes front matter for HTML; the sharing tag must not escape it again."""
    checked = []
    for lang in LANGS:
        for kind, field in (("companies", "summary"), ("markets", "description")):
            for entity in BRIEFING[kind].values():
                text = " ".join(_written(getattr(entity, field)[lang], lang).split())
                meta = _meta(_folder(built_site, lang) / kind / entity.id / "index.html")
                assert meta["description"] == meta["og:description"] == [text], (lang, entity.id)
                checked.append(text)
    assert any('"' in text for text in checked), "the sample has a description with quotes (Tesla's, in English)"
    for page in built_site.rglob("*.html"):
        assert "&amp;quot;" not in page.read_text(encoding="utf-8"), f"an attribute escaped twice in {page}"


def test_sitemap_lists_both_languages_with_hreflang_alternates(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site_yaml = project / "data" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "base_url: https://example.org/briefing/\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(project / "site" / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    locs = [u.findtext("s:loc", namespaces=ns) for u in urls]
    assert "https://example.org/briefing/" in locs and "https://example.org/briefing/en/" in locs
    assert all(loc and loc.startswith("https://example.org/briefing/") for loc in locs)
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        assert set(alternates) == {*LANGS, "x-default"}
        assert url.findtext("s:loc", namespaces=ns) in alternates.values()
        assert alternates["x-default"] == alternates[LANGS[0]]
        assert all(href and href.startswith("https://") for href in alternates.values())
    timeline = (project / "site" / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="' in timeline and 'href="../feed.xml"' in timeline
    feed = ET.parse(project / "site" / "en" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href", "").startswith("https://example.org/briefing/en/timeline/#")  # type: ignore[union-attr]
    for lang in LANGS:
        assert_valid_atom(
            ET.parse(_folder(project / "site", lang) / "feed.xml").getroot(), site_url="https://example.org/briefing/"
        )


def test_deployed_address_is_used_when_the_data_gives_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Pages workflow passes the deployed address; base_url in the data, when set, still wins."""
    data = tmp_path / "data"
    data.mkdir()
    site_yaml = data / "site.yaml"
    site_yaml.write_text("title: {ja: タイトル, en: Title}\n", encoding="utf-8")
    monkeypatch.delenv(SITE_URL_VARIABLE, raising=False)
    assert published_url(data) is None
    assert ET.fromstring(atom_feed(BRIEFING, "en")).find(f"{ATOM}link").get("href") == "timeline/"  # type: ignore[union-attr]
    relative_ids = [e.text for e in ET.fromstring(atom_feed(BRIEFING, "en")).iter(f"{ATOM}id")]

    monkeypatch.setenv(SITE_URL_VARIABLE, "https://owner.github.io/repo")
    assert published_url(data) == "https://owner.github.io/repo/"
    feed = ET.fromstring(atom_feed(BRIEFING, "en"))
    assert feed.find(f"{ATOM}link").get("href") == "https://owner.github.io/repo/en/timeline/"  # type: ignore[union-attr]
    assert [e.text for e in feed.iter(f"{ATOM}id")] == relative_ids, "entry ids do not depend on where the site is deployed"

    site_yaml.write_text("base_url: https://example.org/briefing\n", encoding="utf-8")
    assert published_url(data) == "https://example.org/briefing/"

    site_yaml.write_text("title: {ja: タイトル, en: Title}\n", encoding="utf-8")
    for bad in ("javascript:alert(1)", "file:///etc/", " https://x.example/"):
        monkeypatch.setenv(SITE_URL_VARIABLE, bad)
        assert published_url(data) is None, bad


HOSTILE = {
    "company": '=HYPERLINK("http://evil.example/","click")',
    "note": "-2+3+cmd|' /C calc'!A0",
    "event": "@SUM(1+1)*cmd|' /C calc'!A0",
    "term": "+1+1",
    "definition": "\tTAB=1",
}


def _hostile_tiny(tmp_path: Path) -> Briefing:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", data)

    def edit(rel: str, old: str, new: str) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("companies/acme.yaml", "en: Acme}", f"en: {json.dumps(HOSTILE['company'])}}}")
    edit(
        "metrics/acme.yaml",
        "  unit: units\n  share:",
        f"  unit: units\n  change_yoy: -18.9\n  note: {{ja: 注, en: {json.dumps(HOSTILE['note'])}}}\n  share:",
    )
    edit("events/events.yaml", "en: Acme launches a new product}", f"en: {json.dumps(HOSTILE['event'])}}}")
    edit("glossary/terms.yaml", "en: widget}", f"en: {json.dumps(HOSTILE['term'])}}}")
    edit("glossary/terms.yaml", "en: A fictional small device}", f"en: {json.dumps(HOSTILE['definition'])}}}")
    return load_briefing(data)


def test_csv_text_never_starts_a_formula_but_numbers_stay_numbers(tmp_path: Path) -> None:
    briefing = _hostile_tiny(tmp_path)
    files = downloads(briefing)
    formula = ("=", "+", "-", "@", "\t", "\r")
    for name in ("metrics.en.csv", "events.en.csv", "glossary.en.csv", "metrics.csv", "events.csv", "glossary.csv"):
        rows = list(csv.reader(io.StringIO(files[name].decode("utf-8-sig"), newline="")))  # type: ignore[union-attr]
        header, body = _by_machine_names(rows[0]), rows[1:]
        numeric = {i for i, column in enumerate(header) if column in NUMBER_COLUMNS}
        for row in body:
            for i, cell in enumerate(row):
                if i in numeric and cell:
                    Decimal(cell)  # a raw number, unchanged
                else:
                    assert not cell.startswith(formula), f"{name}: {header[i]} = {cell!r}"
    metrics = {r["id"]: r for r in _rows(files["metrics.en.csv"])}
    shipments = metrics["acme-shipments-2023-q1"]
    assert shipments["change_yoy_percent"] == "-18.9", "a negative number stays a number"
    assert shipments["note"] == "'" + HOSTILE["note"]
    assert shipments["company_name"] == "'" + HOSTILE["company"]
    assert _rows(files["events.en.csv"])[0]["title"] == "'" + HOSTILE["event"]
    term = _rows(files["glossary.en.csv"])[0]
    assert (term["term"], term["definition"]) == ("'" + HOSTILE["term"], "'" + HOSTILE["definition"])
    assert _rows(files["metrics.csv"])[0]["company_name_ja"] == "エイクミー", "harmless text is untouched"
    # JSON is not read by spreadsheets: it keeps the text and the number exactly.
    data = json.loads(files["briefing.en.json"])
    record = next(m for m in data["metrics"] if m["id"] == "acme-shipments-2023-q1")
    assert (record["note"], record["company_name"], record["change_yoy_percent"]) == (HOSTILE["note"], HOSTILE["company"], -18.9)


def _rows(raw: str | bytes) -> list[dict[str, str]]:
    assert isinstance(raw, bytes)
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    return [dict(zip(_by_machine_names(header), row, strict=True)) for row in rows]


def _git(folder: Path, *args: str, when: str = "") -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=folder, check=True,
                   capture_output=True, env={**os.environ, **env})  # fmt: skip


def test_feed_entries_are_updated_when_their_data_changed_not_on_the_event_date(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", project / "data")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "first", when="2025-03-04T05:06:07Z")
    briefing = load_briefing(project / "data")
    times = file_times(project / "data")
    event = next(iter(briefing["events"].values()))
    origin = briefing.origins[("events", event.id)].doc.file
    assert times[origin] == 1741064767
    feed = ET.fromstring(atom_feed(briefing, "en", times=times, built=1800000000))
    assert_valid_atom(feed, site_url=None)
    assert {e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")} == {"2025-03-04T05:06:07Z"}

    (project / origin).write_text((project / origin).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert origin not in file_times(project / "data"), "an edited file's time is unknown until it is committed"
    feed = ET.fromstring(atom_feed(briefing, "en", times=file_times(project / "data"), built=1800000000))
    assert feed.findtext(f"{ATOM}updated") == "2027-01-15T08:00:00Z", "then the build's time (SOURCE_DATE_EPOCH)"
    _git(project, "commit", "-qam", "second", when="2025-06-01T00:00:00Z")
    assert file_times(project / "data")[origin] == 1748736000

    planned = event.model_copy(update={"id": "a-planned-launch", "status": "planned", "date": PartialDate(2031, 1)})
    more = dataclasses.replace(briefing, events={**briefing.events, planned.id: planned},
                               origins={**briefing.origins, ("events", planned.id): briefing.origins[("events", event.id)]})  # fmt: skip
    feed = ET.fromstring(atom_feed(more, "en", times=file_times(project / "data")))
    [entry] = [e for e in feed.iter(f"{ATOM}entry") if _event_id(e) == planned.id]
    assert entry.findtext(f"{ATOM}title", "").startswith("Planned: ")
    assert entry.findtext(f"{ATOM}updated") == "2025-06-01T00:00:00Z", "a planned event is not news from 2031"
    assert feed.findtext(f"{ATOM}updated") == "2025-06-01T00:00:00Z"


def test_shallow_clones_and_copies_know_no_file_times(tmp_path: Path) -> None:
    assert file_times(tmp_path) == {}
    assert file_times(tmp_path / "missing") == {}


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_validate_against_their_data_package(built_site: Path, lang: str, tmp_path: Path) -> None:
    """`frictionless validate` on the published datapackage.json: every file, its columns, types and constraints."""
    folder = _folder(built_site, lang) / "downloads"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    assert described == {p.name for p in folder.iterdir()} - {"datapackage.json", JSON_SCHEMA}, "every download is described"
    titles = {f["title"] for r in package["resources"] if r["type"] == "table" for f in r["schema"]["fields"]}
    assert column_titles(COLUMNS["metrics"], lang)[1] in titles, "column titles in the folder's language"
    result = _frictionless(folder)
    assert result.returncode == 0 and "VALID" in result.stdout and "INVALID" not in result.stdout, result.stdout

    broken = tmp_path / "downloads"
    shutil.copytree(folder, broken)
    target = broken / f"metrics.{lang}.csv"
    lines = target.read_bytes().split(b"\r\n")
    cells = lines[1].split(b",")
    value = column_titles(COLUMNS["metrics"], lang).index(column_titles(["value"], lang)[0])
    cells[value] = b"TODO"
    target.write_bytes(b"\r\n".join([lines[0], b",".join(cells), *lines[2:]]))
    result = _frictionless(broken)
    assert result.returncode != 0 and "type-error" in result.stdout, result.stdout


def _frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("frictionless")
    return subprocess.run([str(command), "validate", "datapackage.json"], cwd=folder, capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "200"})  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_json_downloads_follow_their_json_schema(built_site: Path, lang: str) -> None:
    folder = _folder(built_site, lang) / "downloads"
    schema = json.loads((folder / JSON_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert schema["properties"]["metrics"]["items"]["properties"]["value"]["title"] == column_titles(["value"], lang)[0]
    for name in ("briefing.json", *(f"briefing.{code}.json" for code in LANGS)):
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), name
        data["metrics"][0]["value"] = "TODO"
        data["events"][0]["status"] = "rumoured"
        del data["glossary"][0]["term"]
        assert len(list(validator.iter_errors(data))) == 3, f"{name}: each mistake is found"
