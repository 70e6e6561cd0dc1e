"""The Atom feed of the timeline's newest events, one per language (``feed.xml``).

Entries are dated by their data file's last commit (or ``SOURCE_DATE_EPOCH``), so two builds of the same data
give the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime

from ..model import Briefing, Event, PartialDate
from ..paging import url_of
from ..render.formatting import Formatter, written
from ..render.site_map import language_folder
from .site_url import deployed_url

ATOM = "http://www.w3.org/2005/Atom"
# A feed reader fetches the feed again and again for what is new: the newest events, not the whole timeline
# (that is in the downloads).
FEED_ENTRIES = 50
STATUS_SCHEME = "urn:briefing:event-status"  # the feed category telling happened, reported and planned events apart


def _timestamp(date: PartialDate) -> str:
    """The start of a (partial) date as an RFC 3339 time."""
    return f"{date.year:04d}-{date.first_month:02d}-{date.day or 1:02d}T00:00:00Z"


def _changed(briefing: Briefing, event: Event, times: Mapping[str, int], built: int | None) -> str:
    """When an entry last changed, as an RFC 3339 time: its data file's last commit, else the build's time
    (``SOURCE_DATE_EPOCH``), else the briefing's as-of date. Never the event's own date: a planned event
    is not news from the future."""
    origin = briefing.origins.get(("events", event.id))
    stamp = times.get(origin.doc.file, built) if origin is not None else built
    if stamp is None:
        return _timestamp(briefing.site.as_of)
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "briefing:" + "/".join(parts)).urn


def atom_feed(
    briefing: Briefing,
    lang: str,
    *,
    site_url: str | None = None,
    times: Mapping[str, int] | None = None,
    built: int | None = None,
) -> bytes:
    """The Atom feed of the timeline's newest events in ``lang``, newest first; links are relative to the feed unless ``site_url`` is known.

    Ids are UUIDs derived from the site address (or its title) and the event id,
    so they stay the same from build to build. An entry's ``updated`` is when its data last
    changed (``times``: data file → commit time, see ``history.file_times``; else ``built``).
    Planned events say so in their title and in a ``status`` category.
    """
    fmt = Formatter(lang)
    site = briefing.site
    base = site_url or site.base_url or deployed_url() or ""
    if base:
        base = base.rstrip("/") + "/" + language_folder(lang, briefing.languages)
    key = site.base_url or site.title[briefing.languages[0]]
    timeline = f"{base}timeline/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        child.text = text
        return child

    events = briefing.events_by_date[::-1][:FEED_ENTRIES]
    changed = {e.id: _changed(briefing, e, times or {}, built) for e in events}
    updated = max(changed.values(), default=_timestamp(site.as_of))
    add(feed, "id", _urn(key, lang, "timeline"))
    add(feed, "title", f"{fmt.text(site.title)}{fmt.formats['colon']}{fmt.labels['nav']['timeline']}")
    add(feed, "subtitle", fmt.text(site.description))
    add(feed, "updated", updated)
    add(feed, "link", rel="alternate", type="text/html", href=timeline)
    add(feed, "link", rel="self", type="application/atom+xml", href=f"{base}feed.xml")
    add(add(feed, "author"), "name", fmt.text(site.title))
    add(feed, "generator", "briefing-generator")
    for e in events:
        entry = add(feed, "entry")
        add(entry, "id", _urn(key, lang, "events", e.id))
        status = fmt.labels["status"][e.status]
        title = written(briefing, fmt.text(e.title), fmt)
        add(entry, "title", f"{status}{fmt.formats['colon']}{title}" if e.status == "planned" else title)
        moved = url_of(briefing, lang, "events", e.id)  # on a part of the timeline, where it is split
        add(entry, "link", rel="alternate", type="text/html", href=f"{base}{moved}" if moved else f"{timeline}#{e.id}")
        add(entry, "updated", changed[e.id])
        summary = f"{fmt.date(e.date)} · {status}"
        add(entry, "summary", f"{summary} — {written(briefing, fmt.text(e.description), fmt)}" if e.description else summary)
        add(entry, "category", term=e.status, scheme=STATUS_SCHEME, label=status)
        for topic in e.topics:
            add(entry, "category", term=topic, label=fmt.text(briefing.topics[topic].name))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
