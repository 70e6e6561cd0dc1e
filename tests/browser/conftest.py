"""Browser-test harness: one Chromium for the session, the session's built site served on 127.0.0.1
at the root and under a sub-path, pages that record console errors and block off-host requests.

Fixtures for other tests:
- ``site_urls``: ``{"root": "http://127.0.0.1:P/", "sub": "http://127.0.0.1:Q/briefing-repo/"}``.
  The sub-path server answers 404 outside its prefix, so a link that ignores the sub-path fails.
- ``published_here``: the base URL (under the sub-path) of the site built with that very address as its site URL.
- ``base_url``: parametrized over both of those (tests using it run twice).
- ``new_page(width=1280, height=900)``: a ``Watched`` page in a fresh context; ``page`` is one at desktop size.
- ``screenshot(name, page=None)``: full-page PNG in ``artifacts/screenshots/<name>.png``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from harness import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, SUB_PATH, SiteServer, Watched, watch
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from projectkit import copy_project, mkdocs_build


@pytest.fixture(scope="session")
def site_urls(built_site: Path) -> Iterator[dict[str, str]]:
    """Base URLs (ending in /) of the session's built site served at the root and under ``SUB_PATH``."""
    with SiteServer(built_site) as root, SiteServer(built_site, SUB_PATH) as sub:
        yield {"root": root.url, "sub": sub.url}


@pytest.fixture(scope="session")
def published_here(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample briefing built with the address it is served at (under the sub-path), as the Pages workflow does."""
    project = copy_project(tmp_path_factory.mktemp("published-here") / "project")
    with SiteServer(project / "site", SUB_PATH) as server:
        result = mkdocs_build(project, env={"BRIEFING_SITE_URL": server.url})
        assert result.returncode == 0, result.stdout + result.stderr
        yield server.url


@pytest.fixture(params=["root", "sub"])
def base_url(request: pytest.FixtureRequest, site_urls: dict[str, str]) -> str:
    """The site's base URL, once at the server root and once under the sub-path."""
    return site_urls[request.param]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, launched once per session (never a downloaded browser)."""
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Watched]]:
    """Factory of watched pages, each in its own browser context (closed after the test)."""
    contexts: list[BrowserContext] = []

    def make(width: int = 1280, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return watch(context)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Watched]) -> Watched:
    """A watched desktop-sized page."""
    return new_page()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``screenshot(name, page=None)`` saves a full-page PNG to artifacts/screenshots/; defaults to ``page``."""

    def take(name: str, page: Watched | Page | None = None, *, full_page: bool = True) -> Path:
        target = page if page is not None else request.getfixturevalue("page")
        pw_page = target.page if isinstance(target, Watched) else target
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        pw_page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
