"""Folder sitemaps: every page folder answers Material's sitemap.xml request with the entries under it."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from generator.mkdocs.sitemaps import SITEMAP, write_folder_sitemaps

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
