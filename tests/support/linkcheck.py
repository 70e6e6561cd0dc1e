"""Offline check of a built site: every internal link, anchor and image resolves.

Reads the HTML files of a built site (no server, no network) and reports each
link to a missing file, each ``#anchor`` missing from its target page, each
missing image or script, each link that is not http(s) or a path
(``javascript:`` and the like), each id used twice on a page, and each
``hreflang`` alternate that is broken or not answered by an alternate back.
Error pages (``404.html``) are served for any address, so their alternates
are not checked: the theme fills them from whichever page was built last.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_EXTERNAL = {"http", "https", "mailto"}
_LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src", "area": "href"}


@dataclass(frozen=True, order=True)
class Broken:
    """One broken reference: on ``page`` (site-relative), ``target`` fails for ``reason``."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


@dataclass
class Page:
    """What the checker needs from one HTML page."""

    lang: str = ""
    ids: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, url)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if "id" in values:
            self.page.ids.append(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.append(values["name"])
        attr = _LINK_ATTRS.get(tag)
        if attr and attr in values:
            rel = values.get("rel", "").split()
            if tag == "link" and "alternate" in rel and "hreflang" in values:
                self.page.alternates.append((values["hreflang"], values[attr]))
            elif tag == "link" and not {"stylesheet", "icon", "alternate", "manifest"} & set(rel):
                return  # preconnect, canonical and the like name addresses, not files of this site
            self.page.links.append((tag, values[attr]))

    handle_startendtag = handle_starttag


def parse_page(html: str) -> Page:
    """The ids, links and language alternates of one HTML document."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def _resolve(site_dir: Path, page: str, url: str) -> tuple[str | None, str, str | None]:
    """(site-relative file or None when external, fragment, problem) for ``url`` found on ``page``."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        scheme = parts.scheme.lower()
        if scheme in _EXTERNAL and (parts.netloc or scheme == "mailto"):
            return None, "", None
        if scheme in _EXTERNAL:
            return None, "", "malformed address: no host after the scheme"
        return None, "", f"link scheme {scheme or '//'!r} is not allowed"
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment, None
    path = unquote(parts.path)
    rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path))
    if rel == ".." or rel.startswith("../"):
        return None, fragment, "points outside the site"
    target = site_dir / rel
    if parts.path.endswith("/") or target.is_dir():
        rel = posixpath.join(rel, "index.html") if rel not in ("", ".") else "index.html"
        target = site_dir / rel
    if not target.is_file():
        return None, fragment, "no such file"
    return rel, fragment, None


def check_site(site_dir: Path) -> list[Broken]:
    """Every broken internal link, anchor, image and hreflang pair of the site built in ``site_dir``."""
    pages = {
        path.relative_to(site_dir).as_posix(): parse_page(path.read_text(encoding="utf-8"))
        for path in sorted(site_dir.rglob("*.html"))
    }
    broken: list[Broken] = []
    for name, page in pages.items():
        seen: set[str] = set()
        for anchor in page.ids:
            if anchor in seen:
                broken.append(Broken(name, "#" + anchor, "id used twice on the page"))
            seen.add(anchor)
        for tag, url in page.links:
            target, fragment, problem = _resolve(site_dir, name, url)
            if problem:
                broken.append(Broken(name, url, f"{problem} ({tag})"))
            elif target and fragment and target in pages and fragment not in pages[target].ids:
                broken.append(Broken(name, url, f"no anchor #{fragment} in {target}"))
        for lang, url in [] if posixpath.basename(name) == "404.html" else page.alternates:
            target, _, problem = _resolve(site_dir, name, url)
            if problem or target is None:
                broken.append(Broken(name, url, f"hreflang {lang}: {problem or 'not a page of this site'}"))
                continue
            other = pages.get(target)
            if other is None:
                broken.append(Broken(name, url, f"hreflang {lang}: not an HTML page"))
                continue
            if other.lang and other.lang != lang:
                broken.append(Broken(name, url, f"hreflang {lang} points to a page in {other.lang!r}"))
            back = {_resolve(site_dir, target, u)[0] for alt_lang, u in other.alternates if alt_lang == page.lang}
            if name not in back:
                broken.append(
                    Broken(name, url, f"hreflang {lang}: {target} has no hreflang {page.lang} alternate back to this page")
                )
    return sorted(set(broken))
