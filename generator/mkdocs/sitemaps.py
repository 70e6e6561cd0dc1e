"""A sitemap in every page folder, for Material's language selector.

Material's JavaScript fetches ``sitemap.xml`` relative to each ``<link rel="alternate">`` of
a page and to the page's base (``new URL("sitemap.xml", href)``). Our hreflang alternates
point to the same page in each language (``../en/companies/xiaomi/``), so it asks for
``en/companies/xiaomi/sitemap.xml``, and the English pages ask for ``en/sitemap.xml``:
files MkDocs never writes, so every page load made 404 requests. After the build, each
page folder gets a sitemap listing the site sitemap's entries under that folder (as the
sitemap protocol allows for a sitemap in a sub-folder); the root one is left as built.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

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
