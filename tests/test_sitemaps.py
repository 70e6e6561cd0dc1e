"""Sitemaps: valid and absolute with the site's address, none without it; each page folder answers Material's
sitemap.xml request with the entries under it; lastmod from the page's data."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from lxml import etree
from projectkit import MKDOCS, copy_project

from generator.load import load_briefing
from generator.sitemaps import SITEMAP, lastmod_of, page_times, write_folder_sitemaps

SITE_URL = "https://example.org/briefing/"
PAGES = ["", "about/", "companies/", "companies/acme/", "en/", "en/about/", "en/companies/", "en/companies/acme/"]


def _site(tmp_path: Path, site_url: str, locs: list[str]) -> Path:
    site = tmp_path / "site"
    for page in PAGES:
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text("<html></html>", encoding="utf-8")
    urls = "".join(
        f'<url><loc>{site_url}{loc}</loc><xhtml:link rel="alternate" hreflang="x" href="{site_url}{loc}"/></url>' for loc in locs
    )
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP}" xmlns:xhtml="http://www.w3.org/1999/xhtml">{urls}</urlset>\n',
        encoding="utf-8",
    )
    return site


def _locs(path: Path) -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().iter(f"{{{SITEMAP}}}loc")]


def test_each_page_folder_lists_the_pages_under_it(tmp_path: Path) -> None:
    site = _site(tmp_path, SITE_URL, PAGES)
    root_before = (site / "sitemap.xml").read_bytes()
    written = write_folder_sitemaps(site, SITE_URL)
    assert sorted(written) == sorted(p for p in PAGES if p)
    assert (site / "sitemap.xml").read_bytes() == root_before, "the site's own sitemap is left as built"
    assert _locs(site / "en" / "sitemap.xml") == [SITE_URL + p for p in PAGES if p.startswith("en/")]
    assert _locs(site / "companies" / "sitemap.xml") == [SITE_URL + "companies/", SITE_URL + "companies/acme/"]
    assert _locs(site / "en" / "companies" / "acme" / "sitemap.xml") == [SITE_URL + "en/companies/acme/"]
    alternate = ET.parse(site / "about" / "sitemap.xml").getroot().find(f"{{{SITEMAP}}}url/{{http://www.w3.org/1999/xhtml}}link")
    assert alternate is not None and alternate.get("href") == SITE_URL + "about/", "hreflang alternates are kept"
    again = {p: (site / p / "sitemap.xml").read_bytes() for p in written}
    write_folder_sitemaps(site, SITE_URL)
    assert again == {p: (site / p / "sitemap.xml").read_bytes() for p in written}, "same input, same bytes"


def test_relative_addresses_without_a_site_url(tmp_path: Path) -> None:
    site = _site(tmp_path, "", ["./", *PAGES[1:]])
    assert "en/" in write_folder_sitemaps(site, "")
    assert _locs(site / "en" / "about" / "sitemap.xml") == ["en/about/"]


def test_addresses_outside_the_site_are_never_followed(tmp_path: Path) -> None:
    site = _site(tmp_path, "", ["../outside/", "/etc/", "https://elsewhere.example/x/", "about/"])
    (tmp_path / "outside").mkdir()
    assert write_folder_sitemaps(site, "") == ["about/"]
    assert not (tmp_path / "outside" / "sitemap.xml").exists()
    assert write_folder_sitemaps(tmp_path / "missing", "") == []


# ----------------------------------------------------------------- built sites

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "fixtures" / "sitemap" / "sitemap-hreflang.xsd"
XHTML = "{http://www.w3.org/1999/xhtml}"
OLD, NEW = 1700000000, 1731000000  # 2023-11-14 and 2024-11-07 (UTC)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing in a git checkout where Tesla's file changed a year after the rest, built with the site's address."""
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    identity = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def git(*args: str, at: int) -> None:
        dated = {**env, **identity, "GIT_AUTHOR_DATE": f"@{at} +0000", "GIT_COMMITTER_DATE": f"@{at} +0000"}
        subprocess.run(["git", *args], cwd=project, env=dated, check=True, capture_output=True)

    git("init", "-q", at=OLD)
    git("add", ".", at=OLD)
    git("commit", "-q", "-m", "data", at=OLD)
    tesla = project / "data" / "companies" / "tesla.yaml"
    tesla.write_text(tesla.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    git("commit", "-q", "-am", "tesla", at=NEW)
    result = subprocess.run(
        [MKDOCS, "build", "--strict"],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_sitemap_is_absolute_and_valid_with_the_site_address(dated_site: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    maps = sorted(dated_site.rglob("sitemap.xml"))
    pages = [p for p in dated_site.rglob("index.html")]
    assert len(maps) == len(pages), "the root's and one in every page folder"
    for path in maps:
        document = etree.parse(str(path))
        assert schema.validate(document), f"{path}: {schema.error_log}"
        addresses = [*document.getroot().iter(f"{{{SITEMAP}}}loc")]
        assert addresses and all((e.text or "").startswith(SITE_URL) for e in addresses), path
        assert all(e.get("href", "").startswith(SITE_URL) for e in document.getroot().iter(f"{XHTML}link")), path
    assert len(_locs(dated_site / "sitemap.xml")) == len(pages)
    assert gzip.decompress((dated_site / "sitemap.xml.gz").read_bytes()) == (dated_site / "sitemap.xml").read_bytes()


def test_the_schema_rejects_what_the_protocol_forbids() -> None:
    """The schema check can fail: a relative hreflang address and a lastmod that is not a date."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    good = f'<url><loc>{SITE_URL}</loc><lastmod>2024-11-07</lastmod><xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/"/></url>'
    for url, valid in (
        (good, True),
        (good.replace(f'href="{SITE_URL}en/"', 'href="en/"'), False),
        (good.replace("2024-11-07", "soon"), False),
    ):
        text = f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="http://www.w3.org/1999/xhtml">{url}</urlset>'
        assert schema.validate(etree.fromstring(text.encode())) is valid, url


def test_lastmod_is_when_the_page_data_last_changed(dated_site: Path) -> None:
    lastmod = {
        url.findtext(f"{{{SITEMAP}}}loc", "").removeprefix(SITE_URL): url.findtext(f"{{{SITEMAP}}}lastmod")
        for url in ET.parse(dated_site / "sitemap.xml").getroot().findall(f"{{{SITEMAP}}}url")
    }
    for page in ("companies/tesla/", "en/companies/tesla/", "companies/", "", "companies/xiaomi/"):
        assert lastmod[page] == "2024-11-07", page  # Tesla's page, the lists and pages showing it, the home page
    for page in ("companies/apple/", "en/markets/pcs/", "glossary/", "timeline/ai/"):
        assert lastmod[page] == "2023-11-14", page
    assert lastmod["about/"] == "2024-11-07", "a page without data: the last commit's time"


def test_page_times_take_the_latest_file_and_skip_unknown_ones() -> None:
    briefing = load_briefing(ROOT / "data", rel="data")
    files = {origin.doc.file for origin in briefing.origins.values()}
    times = {file: NEW if file == "data/companies/tesla.yaml" else OLD for file in files}
    dated = page_times(briefing, times)
    assert dated["companies/tesla.md"] == dated["companies/index.md"] == dated["index.md"] == NEW
    assert dated["companies/apple.md"] == dated["glossary.md"] == OLD
    assert "about.md" not in dated, "no data: the build's time stands in"
    unknown = page_times(briefing, {f: t for f, t in times.items() if f != "data/companies/tesla.yaml"})
    assert "companies/tesla.md" not in unknown and "index.md" not in unknown, "an edited, uncommitted file: no date of its own"
    lastmod = lastmod_of(dated, None)
    assert lastmod("en/companies/tesla.md") == "2024-11-07" and lastmod("en/about.md") is None
    assert lastmod_of(dated, OLD)("ja/about.md") == "2023-11-14"


def test_without_the_site_address_no_sitemap_is_written(built_site: Path) -> None:
    assert list(built_site.rglob("sitemap.xml*")) == []
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate"' not in home, "relative alternates: Material would ask for a sitemap next to each"
