"""A briefing a reader grasps in 30 seconds, on any screen, for everyone (issue 15).

In Debian's Chromium, with the site served under a sub-path: axe-core on every page of both languages,
nothing wider than a phone's screen, chart text large enough to read on a phone, the error page styled
under a sub-path, and what Lighthouse checks (hreflang, labels, links told apart from text).
Screenshots of the key pages at 390 px and 1280 px go to artifacts/screenshots/ for review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from harness import PHONE, SCREENSHOTS, Watched
from playwright.sync_api import Browser, Page
from projectkit import copy_project, mkdocs_build

LANGS = {"ja": "", "en": "en/"}
KEY_PAGES = {
    "home": "",
    "profile": "companies/xiaomi/",
    "market": "markets/smartphones/",
    "timeline": "timeline/",
    "glossary": "glossary/",
}
CHART_PAGES = ["", "companies/xiaomi/", "markets/nev/", "markets/smartphones/", "markets/pcs/"]
# axe-core as shipped by the test dependency axe-playwright-python (pyproject.toml), run with every WCAG 2.x A/AA rule.
AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SITE_URL = "https://owner.github.io/briefing-repo/"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path under the site's root (``en/companies/xiaomi/``)."""
    out = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        out.append(rel.removesuffix("index.html"))
    return out


@pytest.fixture(scope="module")
def sub(site_urls: dict[str, str]) -> str:
    return site_urls["sub"]


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def load_all(page: Page) -> None:
    """Load the lazily loaded charts now, and wait for them."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        {"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "count": len(v["nodes"])} for v in result["violations"]
    ]


def test_axe_finds_no_violation_on_any_page_in_either_language(desktop: Page, sub: str, built_site: Path) -> None:
    pages = [p for p in site_pages(built_site) if p != "404.html"]
    assert len(pages) > 60 and any(p.startswith("en/") for p in pages)
    found: dict[str, list[dict[str, Any]]] = {}
    for path in pages:
        desktop.goto(sub + path, wait_until="load")
        if violations := axe_violations(desktop):
            found[path] = violations
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "axe.json").write_text(
        json.dumps({"pages": len(pages), "violations": found}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_axe_finds_no_violation_on_a_phone(phone: Page, sub: str) -> None:
    found = {}
    for lang, prefix in LANGS.items():
        for name, path in KEY_PAGES.items():
            phone.goto(sub + prefix + path, wait_until="load")
            if violations := axe_violations(phone):
                found[f"{lang} {name}"] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


# Elements past the right edge of a 390 px screen, outside any scrolled box (a table's scroller may hold a wide table).
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return a !== document.body && a !== document.documentElement; }
    return false; };
  const out = [];
  for (const el of document.querySelectorAll('.md-main *, .md-header *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && getComputedStyle(el).visibility !== 'hidden' && !scrolls(el)) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 10)};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_wider_than_a_phone_screen(phone: Page, sub: str, built_site: Path, lang: str) -> None:
    pages = [p for p in site_pages(built_site) if p != "404.html" and p.startswith("en/") == (lang == "en")]
    wide = {}
    for path in pages:
        phone.goto(sub + path, wait_until="load")
        result = phone.evaluate(WIDER_THAN_SCREEN)
        if result["out"] or result["scrollWidth"] > result["width"]:
            wide[path] = result
    assert not wide, json.dumps(wide, ensure_ascii=False, indent=1)


def test_tables_scroll_with_their_first_column_in_view_on_a_phone(phone: Page, sub: str) -> None:
    phone.goto(sub + "companies/xiaomi/#figures", wait_until="load")
    table = phone.locator(".briefing-figures table")
    scroller = phone.locator(".briefing-figures .md-typeset__scrollwrap").first
    first = table.locator("tbody tr").first.locator("td").first
    scrolled = scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }")
    assert scrolled > 100  # the table is wider than the screen and scrolls
    cell = first.bounding_box()
    last = table.locator("tbody tr").first.locator("td").last.bounding_box()
    assert cell and last and 0 <= cell["x"] and cell["x"] + cell["width"] <= PHONE["width"], cell  # still in view
    assert last["x"] + last["width"] <= PHONE["width"] + 1, last  # and the last column came into view beside it
    # A period or a figure is never broken across lines.
    heights = table.locator(".briefing-nowrap").evaluate_all("els => els.map(e => e.getClientRects().length)")
    assert heights and set(heights) == {1}


CHART_TEXT = """async img => {
  const svg = await (await fetch(img.currentSrc)).text();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const viewBox = doc.documentElement.getAttribute('viewBox').split(/\\s+/).map(Number);
  const sizes = [...svg.matchAll(/font[^;"]*?([0-9.]+)px/g)].map(m => Number(m[1]));
  return {shown: img.getBoundingClientRect().width, drawn: viewBox[2], smallest: Math.min(...sizes), texts: sizes.length};
}"""


def test_chart_text_is_at_least_11px_on_a_phone(phone: Page, sub: str) -> None:
    seen = 0
    for lang, prefix in LANGS.items():
        for path in CHART_PAGES:
            phone.goto(sub + prefix + path, wait_until="load")
            load_all(phone)
            for img in phone.locator("img.briefing-chart").all():
                m = img.evaluate(CHART_TEXT)
                assert m["texts"] > 0, path
                shown_px = m["smallest"] * m["shown"] / m["drawn"]
                assert shown_px >= 11, f"{lang} {path}: {img.get_attribute('src')} text {shown_px:.1f}px"
                seen += 1
    assert seen >= 14


def test_a_range_is_drawn_from_its_lower_to_its_upper_end(built_site: Path) -> None:
    svg = (built_site / "charts" / "car-prices-2023.svg").read_text(encoding="utf-8")
    assert "26万〜30万元" in svg
    # The range bar does not start at the axis where the other bars start.
    starts = {round(float(x), 1) for x in re.findall(r'<path d="M ([0-9.]+) [0-9.]+ \nL', svg)}
    assert len(starts) > 1, starts


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing built as the Pages workflow builds it: with the site's address."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    result = mkdocs_build(project, env={"BRIEFING_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def alternates(html: str) -> dict[str, str]:
    return {m[1]: m[0] for m in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)}


def test_hreflang_is_absolute_with_x_default_when_the_site_address_is_known(published: Path) -> None:
    for path in ["", "companies/xiaomi/", "en/", "en/companies/xiaomi/", "about/"]:
        html = (published / path / "index.html").read_text(encoding="utf-8")
        alt = alternates(html)
        same = path.removeprefix("en/")
        assert alt == {"ja": SITE_URL + same, "en": SITE_URL + "en/" + same, "x-default": SITE_URL + same}, (path, alt)
        assert f'<meta property="og:image" content="{SITE_URL}{path}card.svg">' in html
        assert (published / path / "card.svg").is_file()
        assert '<meta property="og:locale" content="' + ("en_US" if path.startswith("en/") else "ja_JP") + '">' in html


def test_every_page_has_its_own_preview_card_and_open_graph_locale(built_site: Path) -> None:
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        card = page.parent / "card.svg"
        assert card.is_file(), page
        title = re.search(r'<meta property="og:title" content="([^"]+)"', html)
        assert title and re.search(r"<text [^>]*>", card.read_text(encoding="utf-8")), page
        assert '<meta property="og:locale" content="' in html and '<meta property="og:image" content="' in html


@pytest.mark.parametrize("published", [False, True], ids=["without-address", "with-address"])
def test_error_page_is_styled_under_a_sub_path(
    new_page: Callable[..., Watched], sub: str, built_site: Path, request: pytest.FixtureRequest, published: bool
) -> None:
    """GitHub Pages answers any missing address under the project's path with 404.html: it must find its styles,
    built without the site's address (relative links, a script finds the root) and with it (links from its path)."""
    watched = new_page(390, 844)
    if published:
        sub = request.getfixturevalue("published_here")
        with urlopen(sub + "404.html") as answer:  # the file itself, as the server has it
            body = answer.read().decode("utf-8")
        assert f'href="{urlsplit(sub).path}assets/' in body, "links from the site's path"
    else:
        body = (built_site / "404.html").read_text(encoding="utf-8")
        assert 'href="/' not in body and 'src="/' not in body, "root-absolute links"
    missing = sub + "companies/no-such-company/deeper/"
    watched.page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    watched.page.goto(missing, wait_until="load")
    header = watched.page.locator(".md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    box = header.bounding_box()
    assert box and box["height"] < 80, box  # styled: a header bar, not a full-screen logo
    assert watched.page.locator("h1").inner_text() == "404"
    assert watched.page.locator(".md-content").get_by_text("このアドレスのページはありません。").is_visible()
    home = watched.page.locator(".md-content a").first.evaluate("a => a.href")
    assert home == sub, home  # the way home stays under the sub-path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SCREENSHOTS / "reader-ja-404-390.png"), full_page=True)
    # Its stylesheets come from the site's root (the probes for the root, and the browser's speculative
    # fetches before the root is known, ask deeper addresses first and are not counted).
    sheets = watched.page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert any(h.startswith(sub + "assets/stylesheets/main") for h in sheets), sheets
    assert sub + "assets/briefing.css" in sheets, sheets
    scripts = [e for e in watched.console_errors if not e.startswith("Failed to load resource")]
    assert not scripts, scripts


def test_the_search_box_has_a_label_on_every_key_page(desktop: Page, sub: str) -> None:
    for lang, prefix in LANGS.items():
        for path in KEY_PAGES.values():
            desktop.goto(sub + prefix + path, wait_until="load")
            label = "サイト内検索" if lang == "ja" else "Search this site"
            assert desktop.get_by_role("searchbox", name=label).count() == 1, (lang, path)


def test_prose_links_are_underlined(desktop: Page, sub: str) -> None:
    for prefix in LANGS.values():
        desktop.goto(sub + prefix + "companies/xiaomi/", wait_until="load")
        lines = desktop.locator(".md-content p a, .md-content li a").evaluate_all(
            "els => els.map(e => getComputedStyle(e).textDecorationLine)"
        )
        assert len(lines) > 10 and all("underline" in line for line in lines), set(lines)


def test_language_switch_keeps_the_place_on_the_page(desktop: Page, sub: str) -> None:
    desktop.goto(sub + "companies/xiaomi/#timeline", wait_until="load")
    desktop.locator(".md-header .md-select").hover()
    with desktop.expect_navigation():
        desktop.locator(".md-header .md-select__link[hreflang=en]").click()
    assert desktop.url == sub + "en/companies/xiaomi/#timeline"


def test_escape_closes_a_glossary_tooltip(desktop: Page, sub: str) -> None:
    desktop.goto(sub + "timeline/", wait_until="load")
    term = desktop.locator(".briefing-term").first
    term.locator("a").focus()
    tip = term.locator(".briefing-term__tip")
    assert tip.is_visible()
    desktop.keyboard.press("Escape")
    assert not tip.is_visible()
    desktop.keyboard.press("Tab")
    term.locator("a").focus()
    assert tip.is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_filters_filter_in_place(desktop: Page, sub: str, lang: str) -> None:
    desktop.goto(sub + LANGS[lang] + "timeline/", wait_until="load")
    events = desktop.locator("li.briefing-event")
    total = events.count()
    link = desktop.locator('.briefing-filters a[data-filter="companies"][data-value="xiaomi"]')
    assert link.get_attribute("href") == "../companies/xiaomi/#timeline"  # without a script: the company's timeline
    link.click()
    assert desktop.url.endswith("/timeline/")  # filtered here, not sent away
    shown = desktop.locator("li.briefing-event:visible")
    assert 0 < shown.count() < total
    assert all("xiaomi" in c.split() for c in shown.evaluate_all("els => els.map(e => e.dataset.companies)"))
    assert str(shown.count()) in desktop.locator(".briefing-filter-status").inner_text()
    year = desktop.locator('.briefing-filters a[data-filter="year"][data-value="2021"]')
    year.click()
    assert desktop.locator("li.briefing-event:visible").count() == 1
    assert desktop.locator("h2#y2023").is_hidden()
    desktop.locator('.briefing-filters a[data-filter="all"]').click()
    assert desktop.locator("li.briefing-event:visible").count() == total


def test_print_leaves_out_the_navigation_and_fits_a4(desktop: Page, sub: str) -> None:
    for name, path in (("home", ""), ("profile", "companies/xiaomi/")):
        desktop.goto(sub + path, wait_until="load")
        load_all(desktop)
        desktop.emulate_media(media="print")
        try:
            for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
                assert desktop.locator(hidden).first.is_hidden(), hidden
            assert desktop.locator(".md-content .footnote").is_visible()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            pdf = desktop.pdf(format="A4")
            (SCREENSHOTS / f"reader-ja-{name}-print.pdf").write_bytes(pdf)
            assert pdf.startswith(b"%PDF")
        finally:
            desktop.emulate_media(media="screen")


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_key_pages(browser: Browser, sub: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for lang, prefix in LANGS.items():
            for name, path in KEY_PAGES.items():
                page.goto(sub + prefix + path, wait_until="load")
                load_all(page)
                page.screenshot(path=str(SCREENSHOTS / f"reader-{lang}-{name}-{width}.png"), full_page=True)
        assert len(list(SCREENSHOTS.glob(f"reader-*-{width}.png"))) >= 10
    finally:
        context.close()
