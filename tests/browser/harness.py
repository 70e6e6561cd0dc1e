"""Reusable browser-test parts: a static server with a sub-path mount and a page that records what went wrong."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Frame, Page, Request, Response, Route

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SUB_PATH = "/briefing-repo/"
LOCAL_HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only; anything outside the prefix is a 404."""

    prefix = "/"

    def send_head(self):  # type: ignore[no-untyped-def] - http.server's own signature
        if not urlsplit(self.path).path.startswith(self.prefix):
            self.send_error(404, "outside the mounted prefix")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        return super().translate_path("/" + url_path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer:
    """A threaded static server for ``site_dir`` mounted at ``prefix`` on 127.0.0.1 (random port)."""

    def __init__(self, site_dir: Path, prefix: str = "/") -> None:
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        self.httpd = ThreadingHTTPServer((LOCAL_HOST, 0), partial(handler, directory=str(site_dir)))
        self.httpd.daemon_threads = True
        self.url = f"http://{LOCAL_HOST}:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@dataclass
class Watched:
    """A page plus what went wrong on it: console errors, uncaught exceptions, off-host and failed requests.

    A request the page's document was still making when the tab started leaving that document (the
    next ``goto``, a clicked link) is cancelled by the browser with ``net::ERR_ABORTED``: Material's
    language selector fetches ``sitemap.xml`` after the page has loaded, Chromium fetches the favicon
    at about the same time. Such a request is left behind, not failed, and is not recorded. Every other
    failure is: an error status, a refused connection, and ``net::ERR_ABORTED`` for a request of the
    document still shown.
    """

    page: Page
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    navigations: int = 0
    """Main-frame navigations started so far (requests for a new document, and ``goto`` calls)."""
    shown: int = 0
    """Which of those navigations put in place the document now shown (0: the tab's first, blank one)."""
    issued_by: dict[Request, int] = field(default_factory=dict)
    """For every request seen, the navigation whose document made it (its own number for a navigation)."""

    def problems(self) -> list[str]:
        """Everything recorded so far, one line each; empty when the page behaved.

        Nothing else is left out: Material's language selector fetches ``sitemap.xml`` next to every
        ``<link rel=alternate>``; the build writes one in every page folder when it knows the site's
        address, and writes no such link when it does not, so none of those requests fails.
        """
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"off-host request: {u}" for u in self.external_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )

    def assert_clean(self) -> None:
        """Fails listing every console error, off-host request and failed request seen on this page."""
        assert not self.problems(), "\n".join(self.problems())

    def goto(self, url: str) -> Response | None:
        """Opens ``url`` and waits until the page and its scripts have loaded."""
        self.navigations += 1  # counted before the browser is asked: it may cancel requests before reporting the next one
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return response

    def left_behind(self, request: Request) -> bool:
        """Whether ``request`` failed only because the tab has started leaving the document that made it."""
        return request.failure == "net::ERR_ABORTED" and self.issued_by.get(request, self.navigations) < self.navigations


def watch(context: BrowserContext) -> Watched:
    """A new page in ``context`` that blocks and records off-host requests and records errors."""
    page = context.new_page()
    watched = Watched(page)

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            watched.external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def response(resp: Response) -> None:
        if resp.status >= 400:
            watched.failed_requests.append(f"{resp.status} {resp.url}")

    def request(request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            watched.navigations += 1
            watched.issued_by[request] = watched.navigations
        else:
            watched.issued_by[request] = watched.shown

    def frame_navigated(frame: Frame) -> None:
        if frame.parent_frame is None:
            watched.shown = watched.navigations

    def request_failed(request: Request) -> None:
        if urlsplit(request.url).hostname == LOCAL_HOST and not watched.left_behind(request):
            watched.failed_requests.append(f"{request.failure} {request.url}")

    context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda exc: watched.console_errors.append(f"uncaught: {exc}"))
    page.on("response", response)
    page.on("request", request)
    page.on("framenavigated", frame_navigated)
    page.on("requestfailed", request_failed)
    return watched
