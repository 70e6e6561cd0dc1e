"""The data files of each language folder, beside the pages: downloads, schemas, the feed and the search names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import Briefing
from .outputs.datapackage import JSON_SCHEMA, briefing_json_schema, data_package
from .outputs.downloads import COLUMNS, DATA_PACKAGE, TEXT_COLUMNS, download_names, downloads
from .outputs.feed import atom_feed
from .outputs.schemas import all_schemas, schema_names
from .render.formatting import Formatter
from .search import search_file_paths, search_files


def site_file_paths(languages: Sequence[str]) -> set[str]:
    """The paths of the files ``site_files`` makes, known without making them."""
    shared = [f"downloads/{name}" for name in download_names(languages)] + [f"schemas/{name}" for name in schema_names()]
    shared += [f"downloads/{DATA_PACKAGE}", f"downloads/{JSON_SCHEMA}"]
    return {f"{lang}/{path}" for lang in languages for path in [*shared, "feed.xml"]} | search_file_paths(languages)


def site_files(
    briefing: Briefing,
    *,
    site_url: str | None = None,
    names: bool = True,
    times: Mapping[str, int] | None = None,
    built: int | None = None,
) -> dict[str, str | bytes]:
    """The data files of each language folder: ``{"ja/downloads/briefing.json": …, "en/feed.xml": …}``,
    and the search box's list of names unless ``names`` is false; ``times`` and ``built`` date the feeds' entries."""
    files = {f"downloads/{name}": data for name, data in downloads(briefing).items()}
    files.update({f"schemas/{name}": text for name, text in all_schemas(briefing.languages).items()})
    out: dict[str, str | bytes] = {}
    for lang in briefing.languages:
        out.update({f"{lang}/{path}": data for path, data in files.items()})
        out[f"{lang}/feed.xml"] = atom_feed(briefing, lang, site_url=site_url, times=times, built=built)
        title = Formatter(lang).text(briefing.site.title)
        listed = download_names(briefing.languages)
        out[f"{lang}/downloads/{DATA_PACKAGE}"] = data_package(lang, briefing.languages, title, listed, COLUMNS, TEXT_COLUMNS)
        out[f"{lang}/downloads/{JSON_SCHEMA}"] = briefing_json_schema(lang, briefing.languages, COLUMNS, TEXT_COLUMNS)
    if names:
        out.update(search_files(briefing))
    return out
