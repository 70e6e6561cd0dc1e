"""Material's language selector fetches sitemap.xml next to every hreflang link: each request must succeed."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree as ET

import pytest
from harness import Watched
from playwright.sync_api import Response

PAGES = ["", "companies/xiaomi/", "glossary/", "en/", "en/companies/xiaomi/", "en/timeline/"]


@pytest.mark.parametrize("where", ["root", "sub"])
def test_language_selector_sitemap_requests_are_answered(
    new_page: Callable[..., Watched], site_urls: dict[str, str], where: str
) -> None:
    base = site_urls[where]
    page = new_page()
    probes: list[Response] = []
    page.page.on("response", lambda r: probes.append(r) if r.url.endswith("/sitemap.xml") else None)
    for path in PAGES:
        probes.clear()
        page.goto(base + path)
        page.page.wait_for_load_state("networkidle")
        alternates = page.page.eval_on_selector_all("link[rel=alternate][hreflang]", "els => els.map(e => e.href)")
        assert len(alternates) == 2, path
        assert {href + "sitemap.xml" for href in alternates} <= {r.url for r in probes}, f"{path}: one next to each alternate"
        for response in probes:  # read before the next navigation discards the bodies
            assert response.url.startswith(base), "never outside the site's sub-path"
            assert response.status == 200, response.url
            root = ET.fromstring(response.body())
            assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset" and len(root), response.url
    page.assert_clean()
