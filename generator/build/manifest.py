"""The site's manifest: every file the generator makes, per language, computed once from the facts.

Pages, chart pictures, downloads, schemas, feeds and the search box's names: what is written, what
is kept when stale files are pruned, what a page may link to before its file exists, and what a
split build leaves to the other process all come from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..exports import site_file_paths
from ..model import Briefing
from ..render import HOME_PAGE, plan
from ..render.site_map import picture_path


@dataclass(frozen=True)
class SiteManifest:
    """Every generated path of the site (``"ja/companies/xiaomi.md"``, ``"en/charts/x.svg"``, ``"en/feed.xml"``)."""

    languages: tuple[str, ...]
    pages: frozenset[str]
    pictures: frozenset[str]
    # Downloads, schemas, feeds and search names: made for every language at once.
    site_files: frozenset[str]

    @classmethod
    def of(cls, briefing: Briefing) -> SiteManifest:
        languages = tuple(briefing.languages)
        specs = plan(briefing)
        # A chart is drawn where a page shows it: on its subject's page, and the lead chart on the home page.
        subjects = {spec.subject for spec in specs if spec.subject}
        lead = briefing.site.lead_chart if any(spec.path == HOME_PAGE for spec in specs) else None
        charts = [c for c in briefing.charts.values() if c.page in subjects or c.id == lead]
        return cls(
            languages,
            frozenset(f"{lang}/{spec.path}" for lang in languages for spec in specs),
            frozenset(f"{lang}/{picture_path(chart.id)}" for lang in languages for chart in charts),
            frozenset(site_file_paths(languages)),
        )

    @property
    def paths(self) -> frozenset[str]:
        """Every path the generator makes."""
        return self.pages | self.pictures | self.site_files

    def pictures_of(self, languages: Iterable[str]) -> frozenset[str]:
        """The pictures shown by the pages of ``languages``."""
        wanted = set(languages)
        return frozenset(p for p in self.pictures if p.partition("/")[0] in wanted)
