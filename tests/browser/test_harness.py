"""The harness itself: both mounts serve the site, the sub-path server refuses paths outside its prefix,
and an off-host request is blocked and recorded."""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from harness import SUB_PATH, Watched


def test_both_mounts_serve_the_home_page(site_urls: dict[str, str]) -> None:
    for url in site_urls.values():
        with urlopen(url) as resp:
            assert resp.status == 200
            assert b"<html" in resp.read()


def test_sub_path_server_refuses_the_root(site_urls: dict[str, str]) -> None:
    root_of_sub = site_urls["sub"].removesuffix(SUB_PATH.lstrip("/")).rstrip("/") + "/index.html"
    with pytest.raises(HTTPError) as err:
        urlopen(root_of_sub)
    err.value.close()
    assert err.value.code == 404


def test_off_host_request_is_blocked_and_recorded(page: Watched, site_urls: dict[str, str]) -> None:
    page.goto(site_urls["root"])
    page.page.evaluate("fetch('https://example.com/x').catch(() => null)")
    page.page.wait_for_timeout(200)
    assert page.external_requests == ["https://example.com/x"]
