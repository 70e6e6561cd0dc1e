"""Every page and picture of a briefing in one call, for tests that read them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.model import Briefing
from generator.outputs.pictures import draw
from generator.render import TermPages, render_site


def render_pages(
    briefing: Briefing,
    templates_dir: Path,
    *,
    only: set[str] | None = None,
    term_pages: Mapping[str, TermPages] | None = None,
) -> dict[str, str | bytes]:
    """Every page in every language and every chart, drawn here: ``{"ja/companies/xiaomi.md": "…", "ja/charts/x.svg": b"…"}``."""
    rendered = render_site(briefing, templates_dir, only=only, term_pages=term_pages)
    return {**rendered.pages, **{path: draw(d) for path, d in rendered.drawings.items()}}
