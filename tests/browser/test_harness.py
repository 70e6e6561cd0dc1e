"""The harness itself: both mounts serve the site, the sub-path server refuses paths outside its prefix,
an off-host request is blocked and recorded, failed requests are recorded unless the tab left the
document that made them."""

from __future__ import annotations

import socket
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from harness import LOCAL_HOST, SUB_PATH, Watched
from playwright.sync_api import Request, Route

HELD = "held-by-the-test.txt"
"""A request to this name is never answered (its route is left unhandled) until the browser gives it up."""


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


def hold(page: Watched) -> None:
    def never_answer(route: Route) -> None:
        pass

    page.page.route(f"**/{HELD}", never_answer)


def is_held(request: Request) -> bool:
    return request.url.endswith(HELD)


def test_missing_file_is_a_failed_request(page: Watched, site_urls: dict[str, str]) -> None:
    page.goto(site_urls["root"])
    with page.page.expect_response(lambda r: r.url.endswith("no-such-file.txt")):
        page.page.evaluate("fetch('no-such-file.txt').catch(() => null)")
    page.goto(site_urls["root"] + "en/")
    assert page.failed_requests == [f"404 {site_urls['root']}no-such-file.txt"]


def test_refused_connection_is_a_failed_request(page: Watched, site_urls: dict[str, str]) -> None:
    with socket.socket() as sock:
        sock.bind((LOCAL_HOST, 0))
        port = sock.getsockname()[1]
    url = f"http://{LOCAL_HOST}:{port}/x"
    page.goto(site_urls["root"])
    with page.page.expect_event("requestfailed", lambda r: r.url == url):
        page.page.evaluate("url => fetch(url).catch(() => null)", url)
    assert page.failed_requests == [f"net::ERR_CONNECTION_REFUSED {url}"]


def test_request_aborted_on_the_page_shown_is_a_failed_request(page: Watched, site_urls: dict[str, str]) -> None:
    hold(page)
    page.goto(site_urls["root"])
    with page.page.expect_request(is_held):
        page.page.evaluate(
            f"() => {{ window.cancel = new AbortController(); fetch('{HELD}', {{signal: cancel.signal}}).catch(() => null); }}"
        )
    with page.page.expect_event("requestfailed", is_held):
        page.page.evaluate("cancel.abort()")
    assert page.failed_requests == [f"net::ERR_ABORTED {site_urls['root']}{HELD}"]


@pytest.mark.parametrize("leave", ["goto", "script"])
def test_request_left_behind_by_leaving_the_page_is_not_a_failed_request(
    page: Watched, site_urls: dict[str, str], leave: str
) -> None:
    hold(page)
    page.goto(site_urls["root"])
    with page.page.expect_request(is_held):
        page.page.evaluate(f"() => {{ fetch('{HELD}').catch(() => null); }}")
    with page.page.expect_event("requestfailed", is_held) as failed:
        if leave == "goto":
            page.goto(site_urls["root"] + "en/")
        else:
            with page.page.expect_navigation():
                page.page.evaluate("location.href = 'en/'")
    assert failed.value.failure == "net::ERR_ABORTED"
    assert page.failed_requests == []
    page.assert_clean()
