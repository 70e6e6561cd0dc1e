"""The MkDocs settings a briefing needs: derived from ``data/site.yaml`` where they can be, checked where not.

A project's ``mkdocs.yml`` names the plugin; the site's name in each language, the i18n plugin's
languages, the navigation and its translations come from ``data/site.yaml`` and the label files, so
they are never written twice. A setting that contradicts them, or a missing prerequisite, stops the
build with one message naming both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..errors import DataError
from ..glossary_links import EXTENSION as GLOSSARY_LINKS
from ..inline_patterns import EXTENSION as INLINE_PATTERNS
from ..load.labels import LOCALES_DIR, available_languages, labels, use_project_locales
from ..load.loader import load

OVERRIDES_DIR = Path(__file__).parent.parent / "overrides"
# The Markdown the templates write needs these besides the glossary links.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "footnotes", "tables", GLOSSARY_LINKS)
# The readers' navigation: label key (``nav.*`` in the label files) → page.
NAV = {
    "home": "index.md",
    "companies": "companies/index.md",
    "markets": "markets/index.md",
    "people": "people.md",
    "timeline": "timeline/index.md",
    "glossary": "glossary.md",
    "sources": "sources.md",
    "about": "about.md",
}
# The generated data reference is for editors: built, linked from the about page, kept out of the navigation.
NOT_IN_NAV = "/reference.md\n/*/reference.md\n"


@dataclass
class SiteSettings:
    """What ``data/site.yaml`` says about the site as a whole (read before the full validation)."""

    file: str
    title: dict[str, str]
    languages: list[str]


def read_settings(data_dir: Path, rel: str) -> SiteSettings | None:
    """The title and languages of ``data/site.yaml``; None when they cannot be read (the build then reports why)."""
    file = f"{rel}/site.yaml"
    try:
        value = load(data_dir / "site.yaml", file).value
    except DataError:
        return None
    if not isinstance(value, dict):
        return None
    title, languages = value.get("title"), value.get("languages")
    if not isinstance(title, dict) or not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        return None
    if not languages:
        return None
    return SiteSettings(file, {str(k): str(v) for k, v in title.items()}, list(languages))


def check_theme(config: MkDocsConfig) -> None:
    """The overrides (search box, language switcher, glossary tooltips) are for Material: put them in its search path."""
    theme = config.theme
    if theme.name != "material":
        raise PluginError(
            f"briefing: theme {theme.name!r} in mkdocs.yml cannot carry the briefing's overrides "
            "(search box, language switcher, glossary tooltips): set theme: {name: material}"
        )
    if str(OVERRIDES_DIR) in theme.dirs:
        return
    if theme.custom_dir:  # a project's own overrides still win, file by file
        theme.dirs.insert(theme.dirs.index(theme.custom_dir) + 1, str(OVERRIDES_DIR))
    else:
        # As custom_dir (read-only in MkDocs' Theme, hence the private name): the i18n plugin puts its
        # own sitemap.xml first unless custom_dir has one.
        theme._custom_dir = str(OVERRIDES_DIR)
        theme.dirs.insert(0, str(OVERRIDES_DIR))


def check_extensions(config: MkDocsConfig) -> None:
    """The templates write Markdown that needs these extensions; without them pages lose links and layout silently."""
    missing = [name for name in MARKDOWN_EXTENSIONS if name not in config.markdown_extensions]
    if missing:
        raise PluginError(
            f"briefing: markdown_extensions in mkdocs.yml lacks {', '.join(missing)}: add "
            + ("it" if len(missing) == 1 else "them")
            + f" (the briefing's pages need {', '.join(MARKDOWN_EXTENSIONS)})"
        )


def check_languages(settings: SiteSettings, root: Path) -> None:
    """Every language of the site has a label file, the project's own or the package's."""
    use_project_locales(root)
    known = available_languages()
    for lang in settings.languages:
        if lang not in known:
            raise PluginError(
                f"briefing: {settings.file} lists the language {lang!r}, which has no locale file: "
                f"add locales/{lang}.yaml beside mkdocs.yml (copy en.yaml from {LOCALES_DIR} and translate it)"
            )


def derive_site_name(config: MkDocsConfig, settings: SiteSettings) -> None:
    """The site's name is the title in the first language; mkdocs.yml may leave it empty or repeat it, nothing else."""
    lang = settings.languages[0]
    title = settings.title.get(lang, "")
    if config.site_name and config.site_name != title:
        raise PluginError(
            f"briefing: site_name in mkdocs.yml ({config.site_name!r}) differs from title.{lang} in "
            f"{settings.file} ({title!r}): the title is set in {settings.file}; leave site_name empty in mkdocs.yml"
        )
    config.site_name = title
    if config.site_url is None:  # the sitemaps write the address as text: "" keeps them relative, not "None…"
        config.site_url = ""
    if "generator" not in config.extra:
        config.extra["generator"] = False  # Material's credit line is English on every language's pages


def derive_nav(config: MkDocsConfig, settings: SiteSettings) -> dict[str, dict[str, str]]:
    """The readers' navigation in the first language when mkdocs.yml has none; each other language's translations."""
    first = labels(settings.languages[0])["nav"]
    if config.nav is None:
        config.nav = [{first[key]: page} for key, page in NAV.items()]
        if config.not_in_nav is None:
            config["not_in_nav"] = config_options.PathSpec().validate(NOT_IN_NAV)
    return {lang: {first[key]: labels(lang)["nav"][key] for key in NAV} for lang in settings.languages[1:]}


def derive_i18n(config: MkDocsConfig, settings: SiteSettings, translations: dict[str, dict[str, str]]) -> Any:
    """The i18n plugin with one language per language of ``data/site.yaml``, added unless mkdocs.yml configures it.

    A configured one must list the same languages, in the same order, with the folder structure.
    """
    plugin = config.plugins.get("i18n")
    if plugin is None:
        try:
            from mkdocs_static_i18n.plugin import I18n
        except ImportError:
            raise PluginError(
                "briefing: the i18n plugin is not installed, and the briefing builds one site per language with it: "
                "pip install mkdocs-static-i18n"
            ) from None
        plugin = I18n()
        errors, _warnings = plugin.load_config(
            {
                "docs_structure": "folder",
                "reconfigure_material": True,
                "reconfigure_search": False,  # search is Pagefind's, one index per language
                "languages": [_language(settings, lang, translations) for lang in settings.languages],
            }
        )
        if errors:  # a bug here, not the user's: say what was derived
            raise PluginError(f"briefing: the i18n settings derived from {settings.file} are invalid: {errors}")
        config.plugins["i18n"] = plugin  # registers its events; its on_config (priority -100) runs after this one
        return plugin
    declared = [lang.locale for lang in plugin.config.languages if lang.build]
    if declared != settings.languages:
        raise PluginError(
            f"briefing: the i18n plugin's languages in mkdocs.yml ({', '.join(declared)}) differ from languages in "
            f"{settings.file} ({', '.join(settings.languages)}): the briefing configures the i18n plugin from "
            f"{settings.file}; remove the i18n plugin from mkdocs.yml"
        )
    if plugin.config.docs_structure != "folder":
        raise PluginError("briefing: the i18n plugin in mkdocs.yml must have docs_structure: folder (one folder per language)")
    for lang_config in plugin.config.languages:
        lang = lang_config.locale
        title = settings.title.get(lang)
        if lang_config.site_name and lang_config.site_name != title:
            raise PluginError(
                f"briefing: site_name of the language {lang!r} in mkdocs.yml ({lang_config.site_name!r}) differs from "
                f"title.{lang} in {settings.file} ({title!r}): remove it from mkdocs.yml"
            )
        lang_config.site_name = title
        if lang in translations and not lang_config.nav_translations:
            lang_config.nav_translations = translations[lang]
    return plugin


def _language(settings: SiteSettings, lang: str, translations: dict[str, dict[str, str]]) -> dict[str, Any]:
    first = lang == settings.languages[0]
    return {
        "locale": lang,
        "name": labels(lang)["language_name"],
        "default": first,
        "build": True,
        # The switcher links to each language's home relative to the page (i18n's default, "/" and
        # "/en/", breaks when the site is hosted under a sub-path such as /REPO/).
        "fixed_link": "./" if first else f"{lang}/",
        "site_name": settings.title.get(lang),
        **({"nav_translations": translations[lang]} if lang in translations else {}),
    }


def configure(config: MkDocsConfig, root: Path, data_dir: Path, rel: str) -> None:
    """Check the prerequisites and derive the settings ``data/site.yaml`` decides; raise PluginError on the first problem."""
    check_theme(config)
    check_extensions(config)
    if INLINE_PATTERNS not in config.markdown_extensions:  # speed only: every page's HTML stays the same
        config.markdown_extensions.append(INLINE_PATTERNS)
    settings = read_settings(data_dir, rel)
    if settings is None:
        return  # the generator reports what is wrong with site.yaml, with its line
    check_languages(settings, root)
    derive_site_name(config, settings)
    derive_i18n(config, settings, derive_nav(config, settings))
