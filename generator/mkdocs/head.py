"""What a page's head tells other sites and the browser: alternates, Open Graph, the preview card, the search label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..load.labels import labels
from ..pagemeta import CARD_FILE, absolute_alternates, card_svg, og_locale


def page_head(page: Any, config: MkDocsConfig) -> dict[str, Any]:
    """Absolute hreflang alternates (with x-default) when the site's address is known, the Open Graph locale and the card."""
    lang = page.file.src_uri.partition("/")[0]
    # The i18n plugin sets this page's own alternates as an attribute (the theme reads config.extra.alternate).
    listed = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    alternates = [(alt["lang"], alt["link"]) for alt in listed if alt.get("lang")]
    return {
        "alternates": absolute_alternates(config.site_url, alternates) if config.site_url else None,
        "og_locale": og_locale(lang),
        "og_locale_alternates": [og_locale(other) for other, _ in alternates if other != lang],
        "card": page.url + CARD_FILE,
        "search_label": labels(lang)["ui"]["search_label"],
    }


class Cards:
    """The pages' preview cards: noted as each page is built, written while Pagefind indexes the site (it reads
    only the HTML), where they keep no one waiting; writing them page by page took 0.9 s of each process at L."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, str, str, str]] = []

    def add(self, page: Any, config: MkDocsConfig) -> None:
        """Note the card of a page just built: its title and the site's name, beside the page."""
        lang = page.file.src_uri.partition("/")[0]
        title = page.meta.get("title") or (config.site_name if page.is_homepage else page.title) or config.site_name
        dest = Path(page.file.abs_dest_path).parent / CARD_FILE
        self._pending.append((dest, str(title), config.site_name, lang))

    def write(self, templates_dir: Path) -> None:
        """Write the cards noted since the last call, from the card template found in ``templates_dir`` or the package's."""
        pending, self._pending = self._pending, []
        for dest, title, site_name, lang in pending:  # beside the page's HTML: its folder is there
            dest.write_text(card_svg(templates_dir, title, site_name, lang), encoding="utf-8")


def not_found_context(context: Any, config: MkDocsConfig) -> Any:
    """The error page is served at any missing address. Without the site's address its links would be
    root-absolute, wrong under a sub-path: they are made relative, and a script in its head finds the root."""
    context["briefing_not_found"] = True
    lang = config.theme["language"]
    context["briefing_head"] = {
        "alternates": None,
        "og_locale": og_locale(lang),
        "og_locale_alternates": [],
        "card": None,
        "search_label": labels(lang)["ui"]["search_label"],
        "not_found": labels(lang)["pages"]["not_found"],
        "home": labels(lang)["nav"]["home"],
    }
    if not config.site_url:
        context["base_url"] = "."
    return context
