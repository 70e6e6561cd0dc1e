"""A project made by ``briefing init`` builds, and a missing prerequisite stops the build with one message."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from projectkit import mkdocs_build

from generator.cli import main
from generator.load.labels import LOCALES_DIR
from generator.project import init_project


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project written by init (copied by each test that changes it)."""
    dest = tmp_path_factory.mktemp("init") / "demo"
    init_project(dest)
    return dest


@pytest.fixture
def project(made: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(made, tmp_path / "demo"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _error(project: Path) -> str:
    """The one error line of a build that must fail, without MkDocs' level prefix."""
    done = mkdocs_build(project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, done.stderr
    return re.sub(r"^ERROR\s+-\s+", "", errors[0])


def test_init_writes_the_project_the_issue_lists(made: Path) -> None:
    files = {p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file()}
    assert {
        "data/site.yaml",
        "data/companies/example-co.yaml",
        "data/events/events.yaml",
        "data/glossary/terms.yaml",
        "data/sources/example-co-announcement.yaml",
        "mkdocs.yml",
        "README.md",
        ".github/workflows/pages.yml",
        ".gitignore",
        "requirements.txt",
    } <= files
    assert "  - briefing\n" in (made / "mkdocs.yml").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(made)]) == 1
    assert capsys.readouterr().err == f"error: {made} already exists and is not an empty folder; choose a new folder\n"


def test_an_init_project_builds_in_both_languages(project: Path) -> None:
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    for folder, lang, title in ((site, "ja", "新しいブリーフィング"), (site / "en", "en", "A new briefing")):
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        assert f"{title}</title>" in home  # site_name per language, from data/site.yaml
        assert (folder / "pagefind" / "pagefind-entry.json").is_file()
        assert (folder / "search-names.json").is_file()
        company = (folder / "companies" / "example-co" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../glossary/#briefing"' in company
        assert not (folder / "sitemap.xml").exists(), "no site_url: a sitemap could only hold relative addresses"


def test_a_theme_other_than_material_is_an_error(project: Path) -> None:
    _edit(project / "mkdocs.yml", "  name: material\n", "  name: mkdocs\n")
    assert _error(project) == (
        "briefing: theme 'mkdocs' in mkdocs.yml cannot carry the briefing's overrides "
        "(search box, language switcher, glossary tooltips): set theme: {name: material}"
    )


def test_without_the_glossary_extension_the_build_stops(project: Path) -> None:
    _edit(project / "mkdocs.yml", "  - generator.glossary_links\n", "")
    assert _error(project) == (
        "briefing: markdown_extensions in mkdocs.yml lacks generator.glossary_links: add it "
        "(the briefing's pages need attr_list, md_in_html, footnotes, tables, generator.glossary_links)"
    )


def test_a_language_without_a_locale_file_is_an_error(project: Path) -> None:
    _edit(project / "data" / "site.yaml", "languages: [ja, en]", "languages: [ja, en, ko]")
    assert _error(project) == (
        "briefing: data/site.yaml lists the language 'ko', which has no locale file: "
        f"add locales/ko.yaml beside mkdocs.yml (copy en.yaml from {LOCALES_DIR} and translate it)"
    )


I18N_SUFFIX = """  - i18n:
      docs_structure: suffix
      languages:
        - {locale: ja, name: 日本語, default: true}
        - {locale: en, name: English}
"""


def test_an_i18n_plugin_not_set_up_for_folders_is_an_error(project: Path) -> None:
    _edit(project / "mkdocs.yml", "  - briefing\n", "  - briefing\n" + I18N_SUFFIX)
    assert _error(project) == (
        "briefing: the i18n plugin in mkdocs.yml must have docs_structure: folder (one folder per language)"
    )


def test_i18n_languages_that_differ_from_the_data_name_both_places(project: Path) -> None:
    i18n = I18N_SUFFIX.replace("suffix", "folder").replace("        - {locale: en, name: English}\n", "")
    _edit(project / "mkdocs.yml", "  - briefing\n", "  - briefing\n" + i18n)
    assert _error(project) == (
        "briefing: the i18n plugin's languages in mkdocs.yml (ja) differ from languages in data/site.yaml (ja, en): "
        "the briefing configures the i18n plugin from data/site.yaml; remove the i18n plugin from mkdocs.yml"
    )


def test_a_site_name_that_differs_from_the_title_names_both_places(project: Path) -> None:
    _edit(project / "mkdocs.yml", 'site_name: ""', "site_name: My site")
    assert _error(project) == (
        "briefing: site_name in mkdocs.yml ('My site') differs from title.ja in data/site.yaml ('新しいブリーフィング'): "
        "the title is set in data/site.yaml; leave site_name empty in mkdocs.yml"
    )


def test_the_command_offers_what_the_readme_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = re.search(r"\{([a-z,]+)\}", capsys.readouterr().out)
    assert listed, "no list of commands in --help"
    commands = set(listed.group(1).split(","))
    assert commands == {"init", "check", "new", "build", "serve", "schemas"}
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in commands:
        assert f"briefing {command}" in readme, f"the README does not mention briefing {command}"


def test_without_the_i18n_package_the_build_says_what_to_install(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from generator.siteconfig import SiteSettings, derive_i18n

    config = load_config(config_file=str(project / "mkdocs.yml"))
    monkeypatch.setitem(sys.modules, "mkdocs_static_i18n.plugin", None)  # import fails as if not installed
    with pytest.raises(PluginError) as raised:
        derive_i18n(config, SiteSettings("data/site.yaml", {"ja": "題", "en": "Title"}, ["ja", "en"]), {})
    assert str(raised.value) == (
        "briefing: the i18n plugin is not installed, and the briefing builds one site per language with it: "
        "pip install mkdocs-static-i18n"
    )
