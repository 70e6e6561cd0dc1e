"""A third language by settings, a label file and translations only: Simplified Chinese added to an init project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness import SiteServer, Watched
from projectkit import mkdocs_build
from test_search import results

from generator.cli import main
from generator.project import init_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Each English text of the init project, and its Simplified Chinese translation.
ZH = {
    "A new briefing": "新的简报",
    "A starting point for a sourced briefing on companies, events and terms.": "一份注明出处的企业、事件和术语简报的起点。",
    "Example Co.": "示例公司",
    "Fictional parts maker": "虚构的零部件制造商",
    "A fictional company for this starting point. Rewrite or delete this file and add real companies.": (
        "为这个起点虚构的企业。请改写或删除此文件，并加入真实的企业。"
    ),
    "Example Co. is founded": "示例公司成立",
    "A fictional event. Example Co. was founded to show how a briefing is made.": "虚构的事件。示例公司的成立是为了说明简报的制作方法。",
    "briefing": "简报",
    "A short report of the main points": "简要汇报要点的报告",
    "A short report of the main points of a subject, with its sources. This site is a briefing made from facts about companies, events and terms.": (
        "附有出处、简要汇报某一主题要点的报告。本站就是根据企业、事件和术语的事实制作的简报。"
    ),
    "About the founding of Example Co.": "关于示例公司的成立",
}


def add_chinese(project: Path) -> None:
    """The language in data/site.yaml, a label file in locales/, and zh beside every en text in data/."""
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [ja, en]", "languages: [ja, en, zh]"), encoding="utf-8")
    (project / "locales").mkdir()
    shutil.copy(FIXTURES / "third-language" / "zh.yaml", project / "locales" / "zh.yaml")
    done: set[str] = set()
    for path in sorted((project / "data").rglob("*.yaml")):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            lines.append(line)
            indent, _, rest = line.partition("en: ")
            if not rest or indent.strip():
                # flow style: {ja: …, en: TEXT}
                for en, zh in ZH.items():
                    if f"en: {en}}}" in line:
                        lines[-1] = line.replace(f"en: {en}}}", f"en: {en}, zh: {zh}}}")
                        done.add(en)
                continue
            text = rest.rstrip("\n")
            assert text in ZH, f"{path.name}: no translation for {text!r}"
            lines.append(f"{indent}zh: {ZH[text]}\n")
            done.add(text)
        path.write_text("".join(lines), encoding="utf-8")
    assert done == set(ZH), f"not found in the init project: {set(ZH) - done}"


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("zh") / "demo"
    init_project(project)
    add_chinese(project)
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    return project


def test_check_counts_every_chinese_text(
    trilingual: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(trilingual)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    total = out.splitlines()[0].split("/")[1].split()[0]
    assert f"zh: {total}/{total} text fields translated" in out


def test_three_languages_each_with_its_own_search_index(trilingual: Path) -> None:
    site = trilingual / "site"
    for folder, lang, title in (
        (site, "ja", "新しいブリーフィング"),
        (site / "en", "en", "A new briefing"),
        (site / "zh", "zh", "新的简报"),
    ):
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        assert f"{title}</title>" in home
        assert (folder / "pagefind" / "pagefind-entry.json").is_file()
    assert '"示例公司"' in (site / "zh" / "search-names.json").read_text(encoding="utf-8")
    glossary_link = 'href="../../glossary/#briefing">简报</a>'
    assert glossary_link in (site / "zh" / "companies" / "example-co" / "index.html").read_text(encoding="utf-8")


def test_the_switcher_leads_to_each_language(trilingual: Path, page: Watched) -> None:
    with SiteServer(trilingual / "site") as server:
        page.goto(server.url + "en/companies/example-co/")
        links = page.page.locator(".md-select__link")
        assert sorted(links.evaluate_all("els => els.map(e => e.hreflang)")) == ["en", "ja", "zh"]
        page.page.locator(".md-select").first.hover()
        page.page.locator('.md-select__link[hreflang="zh"]').click()
        page.page.wait_for_url(server.url + "zh/**")
        assert page.page.locator("html").get_attribute("lang") == "zh"
        page.assert_clean()


def test_chinese_search_finds_the_company_in_the_chinese_index(trilingual: Path, page: Watched) -> None:
    with SiteServer(trilingual / "site") as server:
        page.goto(server.url + "zh/")
        hrefs = results(page, "示例")
        assert server.url + "zh/companies/example-co/" in hrefs, hrefs
        assert all(h.startswith(server.url + "zh/") for h in hrefs), hrefs
        page.assert_clean()
