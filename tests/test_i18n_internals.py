"""What the split build relies on in mkdocs-static-i18n's and MkDocs' private internals (generator/mkdocs/i18n.py).

Each assertion names the installed versions: when one fails after an upgrade, adapt
``generator/mkdocs/i18n.py`` or set ``parallel: false``.
"""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from projectkit import copy_project

from generator.mkdocs.i18n import VERSIONS, build_languages, built_elsewhere, exact_paths_first, split_of


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    loaded = load_config(str(project / "mkdocs.yml"))
    configured: MkDocsConfig = loaded.plugins.on_config(loaded)
    return configured  # the briefing plugin adds and configures the i18n plugin


def test_the_i18n_plugin_state_the_split_reads(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    assert i18n.default_language == "ja", VERSIONS
    assert list(i18n.build_languages) == ["ja", "en"], VERSIONS
    assert i18n.current_language == "ja", VERSIONS
    assert i18n.building is False, VERSIONS
    assert split_of(config) == (i18n, "ja", ["en"]), VERSIONS


def test_the_i18n_plugin_leaves_languages_built_elsewhere(config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs_static_i18n.plugin as i18n_module

    builds: list[str] = []
    monkeypatch.setattr(i18n_module, "build", lambda config, dirty=False: builds.append(config.plugins["i18n"].current_language))
    i18n = config.plugins["i18n"]
    built_elsewhere(i18n, True)
    i18n.on_post_build(config)
    assert builds == [], f"the i18n plugin built the other languages although told not to ({VERSIONS})"
    built_elsewhere(i18n, False)
    i18n.on_post_build(config)
    assert builds == ["en"], f"the i18n plugin no longer builds its languages from on_post_build with build() ({VERSIONS})"


def test_mkdocs_build_empties_the_site_through_utils_clean_directory() -> None:
    from mkdocs import utils
    from mkdocs.commands import build

    assert callable(utils.clean_directory), VERSIONS
    assert "utils.clean_directory(config.site_dir)" in inspect.getsource(build.build), (
        f"mkdocs' build() no longer empties the site with utils.clean_directory: the split build's fork would not keep "
        f"the first language's site ({VERSIONS})"
    )
    assert "dirty" in inspect.signature(build.build).parameters, VERSIONS


def test_build_languages_builds_with_the_site_kept_and_quiet(config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs import utils
    from mkdocs.commands import build as build_module

    seen: list[tuple[str, bool, int]] = []

    def fake_build(config: MkDocsConfig, dirty: bool = False) -> None:
        utils.clean_directory(config.site_dir)
        logging.getLogger("mkdocs.commands.build").info("Documentation built in 1.00 seconds")
        seen.append((config.plugins["i18n"].current_language, config.plugins["i18n"].building, len(removed)))

    removed: list[str] = []
    monkeypatch.setattr(build_module, "build", fake_build)
    monkeypatch.setattr(utils, "clean_directory", lambda directory: removed.append(directory))
    before = utils.clean_directory
    build_languages(config, config.plugins["i18n"], ["en"])
    assert seen == [("en", True, 0)], f"the site folder was emptied or the i18n state not set ({VERSIONS})"
    assert utils.clean_directory is before, "clean_directory is restored after the build"


def test_the_i18n_log_filter_drops_the_prefixes_it_is_given() -> None:
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in"})
    record = logging.LogRecord(
        "mkdocs.commands.build", logging.INFO, __file__, 1, "Documentation built in 1.00 seconds", None, None
    )
    assert quiet(record) is False, VERSIONS
    record.msg = "Cleaning site directory"
    assert quiet(record) is True, VERSIONS


@pytest.mark.parametrize("current", ["ja", "en"])
def test_exact_paths_first_finds_what_the_i18n_plugin_finds(config: MkDocsConfig, tmp_path: Path, current: str) -> None:
    from mkdocs.structure.files import File, Files

    uris = ["index.md", "ja/index.md", "en/index.md", "ja/companies/a.md", "en/companies/a.md", "ja/only.md", "assets/x.png"]
    uris += ["en/assets/x.png", "companies/a.md"]
    i18n = config.plugins["i18n"]
    i18n.current_language = current
    files = i18n.on_files(Files([File(uri, str(tmp_path), str(tmp_path / "site"), True) for uri in uris]), config=config)
    plugin_lookup = type(files).get_file_from_path
    exact_paths_first(files, config)
    assert files.get_file_from_path is not plugin_lookup
    paths = [
        *files.src_uris,
        *uris,
        ".",
        "ja/./companies/a.md",
        "en//index.md",
        "ja/missing.md",
        "en/only.md",
        "x/../ja/index.md",
    ]
    paths += ["only.md", "assets/x.png", "companies/a.md", "ja", "en/"]
    for path in paths:
        assert files.get_file_from_path(path) is plugin_lookup(files, path), f"{path} while building {current} ({VERSIONS})"
