"""Material's language selector fetches sitemap.xml next to every ``<link rel=alternate>`` of a page (its JavaScript,
``new URL("sitemap.xml", href)``). Built with the site's address, each request gets a sitemap; built without it,
the site has no sitemap and no such link, so nothing is asked for. Either way the switcher keeps the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from harness import Watched
from playwright.sync_api import Response

PAGES = ["", "companies/xiaomi/", "glossary/", "en/", "en/companies/xiaomi/", "en/timeline/"]


def test_with_the_site_address_every_sitemap_request_is_answered(new_page: Callable[..., Watched], published_here: str) -> None:
    page = new_page()
    probes: list[Response] = []
    page.page.on("response", lambda r: probes.append(r) if r.url.endswith("/sitemap.xml") else None)
    for path in PAGES:
        probes.clear()
        page.goto(published_here + path)
        page.page.wait_for_load_state("networkidle")
        alternates = page.page.eval_on_selector_all("link[rel=alternate][hreflang]", "els => els.map(e => e.href)")
        assert len(alternates) == 3, (path, alternates)  # ja, en and x-default
        assert {href + "sitemap.xml" for href in alternates} <= {r.url for r in probes}, f"{path}: one next to each alternate"
        for response in probes:  # read before the next navigation discards the bodies
            assert response.url.startswith(published_here), "never outside the site's sub-path"
            assert response.status == 200, response.url
            root = ET.fromstring(response.body())
            assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(root), response.url
    page.assert_clean()


@pytest.mark.parametrize("where", ["root", "sub"])
def test_without_the_site_address_no_sitemap_is_asked_for(
    new_page: Callable[..., Watched], site_urls: dict[str, str], built_site: Path, where: str
) -> None:
    assert not list(built_site.rglob("sitemap.xml*")), "no sitemap without the site's address"
    base = site_urls[where]
    page = new_page()
    asked: list[str] = []
    page.page.on("request", lambda r: asked.append(r.url) if "sitemap.xml" in r.url else None)
    for path in PAGES:
        page.goto(base + path)
        page.page.wait_for_load_state("networkidle")
        assert asked == [], path
        assert page.page.locator("link[rel=alternate]").count() == 0, path  # hreflang or feed: either is probed
    page.assert_clean()


@pytest.mark.parametrize("published", [True, False], ids=["with-address", "without-address"])
def test_the_language_switcher_keeps_the_page(
    new_page: Callable[..., Watched], request: pytest.FixtureRequest, site_urls: dict[str, str], published: bool
) -> None:
    base = request.getfixturevalue("published_here") if published else site_urls["sub"]
    page = new_page()
    page.goto(base + "companies/xiaomi/")
    page.page.wait_for_load_state("networkidle")  # Material has read the sitemaps it asked for
    for lang, expected in (("en", "en/companies/xiaomi/"), ("ja", "companies/xiaomi/")):
        page.page.locator(".md-header .md-select").hover()
        with page.page.expect_navigation():
            page.page.locator(f".md-header .md-select__link[hreflang={lang}]").click()
        page.page.wait_for_load_state("networkidle")
        assert page.page.url == base + expected, (lang, page.page.url)
    page.assert_clean()
