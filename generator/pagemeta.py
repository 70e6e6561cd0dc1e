"""What a page's head says about it to other sites: language alternates, Open Graph locale and a preview card.

Plain functions of strings, without MkDocs: the plugin passes them the page's facts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from .load.labels import labels
from .render import template_dirs
from .render.charts import wrapped

CARD_FILE = "card.svg"
CARD_TEMPLATE = "card.svg.j2"
CARD_TITLE_EM = 18  # characters of a Japanese title on one line of the card (a Latin letter counts about half)
CARD_TITLE_LINES = 4


def absolute_alternates(site_url: str, alternates: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(hreflang, absolute URL)`` for each language's version of a page, then ``x-default`` (the first language's).

    ``alternates`` holds each language and its link from the site's root (``en/companies/xiaomi/``).
    """
    root = site_url if site_url.endswith("/") else site_url + "/"
    out = [(lang, urljoin(root, link.removeprefix("/"))) for lang, link in alternates]
    return [*out, ("x-default", out[0][1])] if out else out


def og_locale(lang: str) -> str:
    """The Open Graph locale of a language (``ja_JP``), from its label file."""
    return str(labels(lang)["og_locale"])


@cache
def _card_template(templates_dir: Path) -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(templates_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(CARD_TEMPLATE)


def card_svg(templates_dir: Path, title: str, site_name: str, lang: str) -> str:
    """A 1200 × 630 preview card with the page's title and the site's name (Open Graph image)."""
    lines = wrapped(" ".join(title.split()), CARD_TITLE_EM)
    if len(lines) > CARD_TITLE_LINES:
        lines = [*lines[: CARD_TITLE_LINES - 1], lines[CARD_TITLE_LINES - 1].rstrip() + "…"]
    return _card_template(templates_dir).render(title_lines=lines, site_name=site_name, lang=lang)
