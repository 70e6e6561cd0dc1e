"""The one place that uses private internals of mkdocs-static-i18n and MkDocs, for the split build.

The i18n plugin builds the languages after the first one after the other, by calling MkDocs'
``build()`` again from its ``on_post_build``. A split build does that work in a forked process
instead, so it needs what the plugin keeps to itself: its languages (``build_languages``,
``default_language``, ``current_language``), its guard against building them twice
(``building``), its log filter (``I18nLoggingFilter``), and MkDocs' ``build()`` with
``mkdocs.utils.clean_directory`` made a no-op, as the plugin does it. Neither library offers a
public way. It also shortens the plugin's lookup of a page's link targets (``exact_paths_first``),
which follows the plugin's order of candidates. ``tests/test_i18n_internals.py`` checks each of
these against the installed versions.
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import version
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

VERSIONS = f"mkdocs {version('mkdocs')}, mkdocs-static-i18n {version('mkdocs-static-i18n')}"


def split_of(config: MkDocsConfig) -> tuple[Any, str, list[str]] | None:
    """The i18n plugin, the language it builds now and the others, if this is the first language's build of several."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None
    first = i18n.default_language
    others = [lang for lang in i18n.build_languages if lang != first]
    return (i18n, first, others) if others and i18n.current_language == first else None


def root_language(config: MkDocsConfig) -> str | None:
    """The language the i18n plugin puts at the site root, if it is configured."""
    return getattr(config.plugins.get("i18n"), "default_language", None)


def built_elsewhere(i18n: Any, elsewhere: bool) -> None:
    """Tell the i18n plugin that its languages after the first are built by another process (its on_post_build leaves them)."""
    i18n.building = elsewhere


def build_languages(config: MkDocsConfig, i18n: Any, languages: list[str]) -> None:
    """Build ``languages`` into the site folder as the i18n plugin's on_post_build does, without emptying the folder."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    build_logger = logging.getLogger("mkdocs.commands.build")
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
    build_logger.addFilter(quiet)
    # The site folder holds the first language's site (another process builds it): never emptied here.
    clean_directory = utils.clean_directory
    utils.clean_directory = _keep
    i18n.building = True
    try:
        for lang in languages:
            i18n.current_language = lang
            build(config, dirty="--dirty" in sys.argv)
    finally:
        utils.clean_directory = clean_directory
        build_logger.removeFilter(quiet)


def _keep(directory: str) -> None:
    """``mkdocs.utils.clean_directory`` for a build whose site folder was emptied by the first language's build."""


def exact_paths_first(files: Files, config: MkDocsConfig) -> None:
    """Find a link target that names a file of a language folder (``en/companies/x.md``) at once.

    The i18n plugin's ``get_file_from_path`` tries, for such a path, the path itself first, after
    building several ``PurePath`` objects: at scale L of the benchmark about 4 % of the build's
    CPU time, as MkDocs looks up every link of every page. Other paths go to the plugin's lookup.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    lookup = files.get_file_from_path

    def get_file_from_path(path: str) -> File | None:
        if path.startswith((f"{i18n.current_language}/", f"{i18n.default_language}/")):
            found = files.src_uris.get(path)  # keys are normalised paths: a key is its own PurePath form
            if found is not None:
                return found
        return lookup(path)

    files.get_file_from_path = get_file_from_path  # type: ignore[method-assign]
