"""The site's sitemaps: only with the site's address, one in every page folder, and each page's lastmod from its data.

Material's JavaScript fetches ``sitemap.xml`` relative to each ``<link rel="alternate">`` of
a page and to the page's base (``new URL("sitemap.xml", href)``). Our hreflang alternates
point to the same page in each language (``../en/companies/xiaomi/``), so it asks for
``en/companies/xiaomi/sitemap.xml``, and the English pages ask for ``en/sitemap.xml``:
files MkDocs never writes, so every page load made 404 requests. After the build, each
page folder gets a sitemap listing the site sitemap's entries under that folder (as the
sitemap protocol allows for a sitemap in a sub-folder); the root one is left as built.

Without the site's address there is no sitemap at all (``overrides/sitemap.xml`` renders nothing: the protocol
requires absolute addresses), so the pages carry no ``<link rel="alternate">`` either (``overrides/main.html``)
and Material asks for none. Each page's ``lastmod`` is when the data it shows was last committed.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render import plan

if TYPE_CHECKING:
    from ..build.pipeline import Generated
    from ..model import Briefing

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def _folder(loc: str, site_url: str) -> str | None:
    """The folder of a page address relative to the site root ("" for the root); None if it is elsewhere."""
    if site_url:
        if not loc.startswith(site_url):
            return None
        loc = loc[len(site_url) :]
    if "://" in loc or loc.startswith("/") or ".." in loc.split("/"):
        return None
    loc = loc.removeprefix("./")
    return loc if loc.endswith("/") or not loc else None


def merge_sitemaps(first: str, *others: str) -> str:
    """One sitemap with the entries of ``first`` then those of ``others`` (sitemaps written from one template).

    The languages of a site may be built by different processes, each writing the entries it knows;
    the text is joined as it is, so the result is the sitemap one process building them all would write.
    """
    end = first.rindex("</urlset>")
    entries = [text[text.index(">", text.index("<urlset")) + 1 : text.rindex("</urlset>")] for text in others]
    return first[:end].rstrip() + "".join(entries) + first[end:]


def write_folder_sitemaps(site_dir: Path, site_url: str) -> list[str]:
    """Writes ``<folder>/sitemap.xml`` for every page folder below the root; returns the folders written."""
    root_map = site_dir / "sitemap.xml"
    if not root_map.is_file():
        return []
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    entries = ET.parse(root_map).getroot().findall(f"{{{SITEMAP}}}url")
    located = [
        (folder, url) for url in entries if (folder := _folder(url.findtext(f"{{{SITEMAP}}}loc", ""), site_url)) is not None
    ]
    written = []
    for folder in sorted({f for f, _ in located if f}):
        if not (site_dir / folder).is_dir():
            continue
        urlset = ET.Element(f"{{{SITEMAP}}}urlset")
        urlset.extend(url for f, url in located if f.startswith(folder))
        ET.indent(urlset)
        data = ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
        (site_dir / folder / "sitemap.xml").write_bytes(data)
        written.append(folder)
    return written


def write_sitemap(site_dir: Path, text: str) -> None:
    """The site-wide sitemap and its gzip copy, as MkDocs writes them (the copy keeps MkDocs' timestamp)."""
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.is_file() else 0
    with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))


# What a page without a subject lists, by its template: the collections whose files date it.
LISTED = {
    "companies.md.j2": ("companies",),
    "markets.md.j2": ("markets",),
    "people.md.j2": ("people",),
    "timeline.md.j2": ("events",),
    "glossary.md.j2": ("glossary",),
    "sources.md.j2": ("sources",),
}


def _strings(value: Any) -> list[str]:
    """Every text in a YAML value, at any depth."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def page_times(briefing: Briefing, times: Mapping[str, int]) -> dict[str, int]:
    """When each generated page's data last changed (``{"companies/xiaomi.md": unix time}``, the same in every language).

    A page about an entity shows it and the entities that name it (its metrics, events, quotes); a list shows
    its collection; the home page shows anything. Its time is the last commit of those entities' data files
    (``times``, see ``history.file_times``). A page is left out when a file's time is unknown (edited, not committed).
    """
    origins = {key: origin for key, origin in briefing.origins.items() if key[1] in briefing.entities.get(key[0], {})}
    files = {key: origin.doc.file for key, origin in origins.items()}
    naming: dict[str, set[str]] = defaultdict(set)
    for doc in {origin.doc.file: origin.doc for origin in origins.values()}.values():
        for text in _strings(doc.value):  # the file as written: its ids and references
            naming[text.rpartition(":")[2]].add(doc.file)  # "metric:xiaomi-revenue" names xiaomi-revenue
    # A list split in parts (paging.py) has one page per part, each showing the whole collection: dated once.
    listed = {template: {file for (c, _), file in files.items() if c in collections} for template, collections in LISTED.items()}
    listed["home.md.j2"] = set(files.values())
    latest = {template: _latest(shown, times) for template, shown in listed.items()}
    dated: dict[str, int] = {}
    for spec in plan(briefing):
        if spec.subject is not None:
            named = naming.get(spec.subject[1], set())
            stamp = _latest(named | {files[spec.subject]} if spec.subject in files else named, times)
        else:
            stamp = latest.get(spec.template)
        if stamp is not None:
            dated[spec.path] = stamp
    return dated


def _latest(files: set[str], times: Mapping[str, int]) -> int | None:
    """The last time of ``files``; None if there are none or one's time is unknown."""
    return max(times[file] for file in files) if files and files <= times.keys() else None


def lastmod_of(times: Mapping[str, int], built: int | None) -> Callable[[str], str | None]:
    """The sitemap's lastmod of a page by its source (``"en/companies/xiaomi.md"``): when its data last changed
    (``times``, see ``page_times``), else the build's time (``SOURCE_DATE_EPOCH``), else none."""

    def lastmod(src_uri: str) -> str | None:
        stamp = times.get(src_uri.partition("/")[2], built)
        return None if stamp is None else datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d")

    return lastmod


class Dated:
    """The pages' times for the sitemap (``page_times``), worked out once per generation: every language's build asks."""

    def __init__(self) -> None:
        self._last: tuple[Generated, dict[str, int]] | None = None

    def of(self, generated: Generated) -> dict[str, int]:
        if self._last is None or self._last[0] is not generated:
            self._last = (generated, page_times(generated.briefing, generated.changes.times))
        return self._last[1]


def lastmod_context(context: Any, times: Mapping[str, int], built: int | None) -> Any:
    """The sitemap template's ``briefing_lastmod`` from the pages' times (``page_times``). Set as each process writes its
    sitemap, not earlier: a split build forks its other languages' process before the facts are known to this plugin."""
    context["briefing_lastmod"] = lastmod_of(times, built)
    return context
