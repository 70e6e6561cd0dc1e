"""The site settings (data/site.yaml) and the languages they list, checked against mkdocs.yml's root language."""

from __future__ import annotations

from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..errors import DataError, Problem
from ..model import Briefing, Origin, Site
from .labels import LOCALES_DIR, available_languages, use_project_locales
from .loader import load
from .messages import validate_model


def load_site(data_dir: Path, rel: str, problems: list[Problem]) -> tuple[Site | None, Origin | None]:
    path = data_dir / "site.yaml"
    file = f"{rel}/site.yaml"
    if not path.is_file():
        problems.append(Problem(file, 1, 1, "(file)", "missing: every briefing needs data/site.yaml"))
        return None, None
    try:
        doc = load(path, file)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, None
    origin = Origin(doc, ())
    site = validate_model(Site, doc.value, origin, problems)
    if site is not None:
        use_project_locales(data_dir.parent)
        known = available_languages()
        for i, lang in enumerate(site.languages):
            try:
                Locale.parse(lang.replace("-", "_"))
            except (UnknownLocaleError, ValueError):
                problems.append(origin.problem(("languages", i), f"unknown language {lang!r}"))
                continue
            if lang not in known:
                problems.append(
                    origin.problem(
                        ("languages", i),
                        f"no interface labels for {lang!r}: add locales/{lang}.yaml beside data/ "
                        f"(copy {sorted(known)[0]}.yaml from {LOCALES_DIR} and translate it)",
                    )
                )
        if len(set(site.languages)) != len(site.languages):
            problems.append(origin.problem(("languages",), "a language is listed twice"))
    return site, origin


def check_root_language(briefing: Briefing, default: str | None) -> None:
    """The data's first language is the site root's: it must be the one mkdocs.yml builds at the root (``default``)."""
    if default is not None and briefing.languages[0] != default and briefing.site_origin is not None:
        message = (
            f"the first language, {briefing.languages[0]!r}, is the site root's, but mkdocs.yml builds {default!r} there "
            f"(plugins: i18n: languages: default: true): list {default!r} first, or change mkdocs.yml"
        )
        raise DataError([briefing.site_origin.problem(("languages",), message)])


class _SettingsLoader(yaml.SafeLoader):
    """The safe loader, reading the Python tags mkdocs.yml may hold (pymdownx's slugify) as nothing, never running them."""


_SettingsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_SettingsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def mkdocs_root_language(mkdocs_yml: Path) -> str | None:
    """The language mkdocs.yml builds at the site root (the i18n plugin's default), if it says."""
    try:
        loader = _SettingsLoader(mkdocs_yml.read_text(encoding="utf-8"))
        try:
            config = loader.get_single_data()
        finally:
            loader.dispose()
        plugins = config["plugins"]
        i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
        return next(str(lang["locale"]) for lang in i18n["languages"] if lang.get("default"))
    except (OSError, yaml.YAMLError, KeyError, TypeError, StopIteration, AttributeError):
        return None  # no mkdocs.yml, or one that MkDocs itself will report on
