"""The site's manifest: every file the generator makes, per language, computed once from the facts.

Pages, chart pictures, downloads, schemas, feeds and the search box's names: what is written, what
is kept when stale files are pruned, what a page may link to before its file exists, and what a
split build leaves to the other process all come from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..charts import Drawing
from ..exports import site_file_paths
from ..render import chart_drawings, plan
from ..validate import Briefing


@dataclass(frozen=True)
class SiteManifest:
    """Every generated path of the site (``"ja/companies/xiaomi.md"``, ``"en/charts/x.svg"``, ``"en/feed.xml"``)."""

    languages: tuple[str, ...]
    pages: frozenset[str]
    # Each picture's path and what it shows: the painter draws from these.
    pictures: Mapping[str, Drawing]
    # Downloads, schemas, feeds and search names: made for every language at once.
    site_files: frozenset[str]

    @classmethod
    def of(cls, briefing: Briefing) -> SiteManifest:
        languages = tuple(briefing.languages)
        specs = plan(briefing)
        return cls(
            languages,
            frozenset(f"{lang}/{spec.path}" for lang in languages for spec in specs),
            chart_drawings(briefing, languages),
            frozenset(site_file_paths(languages)),
        )

    @property
    def paths(self) -> frozenset[str]:
        """Every path the generator makes."""
        return self.pages | self.pictures.keys() | self.site_files

    def pictures_of(self, languages: Iterable[str]) -> dict[str, Drawing]:
        """The pictures shown by the pages of ``languages``."""
        wanted = set(languages)
        return {path: d for path, d in self.pictures.items() if path.partition("/")[0] in wanted}

    def pages_of(self, languages: Iterable[str]) -> frozenset[str]:
        wanted = set(languages)
        return frozenset(p for p in self.pages if p.partition("/")[0] in wanted)
