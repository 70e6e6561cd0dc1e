"""What outlives one build of a project: ``mkdocs serve`` reloads the config, and so makes a new plugin, on every save."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..errors import DataError
from ..incremental import RenderCache
from ..render import TermPages
from .dates import BuildDate
from .live import LiveSite
from .search import BackgroundSearch

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass
class Session:
    """The state a project's builds in one process share."""

    serving: bool = False
    render_cache: RenderCache = field(default_factory=RenderCache)  # a save re-renders only the pages whose facts changed
    term_pages: dict[str, TermPages] = field(default_factory=dict)  # where each glossary term was linked, per language
    search: BackgroundSearch | None = None
    date: BuildDate = field(default_factory=BuildDate)
    live: LiveSite = field(default_factory=LiveSite)  # mkdocs serve --dirty: what the builds before showed

    def data_problems(self, exc: DataError) -> None:
        """Each data problem on a line; under ``mkdocs serve`` the site keeps the last good data, a build stops."""
        for line in exc.lines():
            log.error(line)
        if not self.serving:
            raise PluginError(f"{len(exc.problems)} data problem(s); nothing was built") from None
        log.error("The site keeps the last good data; save a fix to rebuild.")

    def index_in_background(self, site_dir: Path, languages: list[str]) -> None:
        self.search = self.search or BackgroundSearch()
        self.search.refresh(site_dir, languages)


_SESSIONS: dict[Path, Session] = {}


def session_of(root: Path) -> Session:
    """The session of the project in ``root``."""
    return _SESSIONS.setdefault(root, Session())
