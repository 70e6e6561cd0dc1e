"""Data is text, never markup or code: hostile text shows up literally on the built pages.

One real ``mkdocs build --strict`` of the tiny briefing with a hostile value in
each kind of rendered text field; each test asserts one payload is shown as
typed and changes nothing in the page's structure.
"""

from __future__ import annotations

import hashlib
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from projectkit import copy_project, mkdocs_build
from support.linkcheck import check_site
from support.pages import render_pages

from generator.load import load_briefing
from generator.render import md

TINY = Path(__file__).parent / "fixtures" / "tiny"
ROOT = Path(__file__).resolve().parent.parent

SCRIPT = '</title><script>alert("pwned")</script>'
ATTRIBUTE = 'gadgets" onmouseover="alert(1)'
ONERROR = "<img src=x onerror=alert(1)>"
PIPES = "left | middle | right"
BACKTICKS = "run `rm -rf /` now"
JS_LINK = "[click me](javascript:alert(1))"
HEADING = "first line\n# Not a heading"
JINJA_EXPR = "{{ 7*7 }}"
JINJA_STMT = "{% if true %}evaluated{% endif %}"
LIST = "1. not a list"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _payload_data(dest: Path) -> Path:
    shutil.copytree(TINY, dest)
    edits = {
        "companies/acme.yaml": [
            ("{ja: エイクミー, en: Acme}", f"{{ja: {_quoted(SCRIPT)}, en: {_quoted(SCRIPT)}}}"),
            ("{ja: 架空の電機メーカー, en: A fictional electronics maker}", f"{{ja: {_quoted(ONERROR)}, en: {_quoted(LIST)}}}"),
        ],
        "metrics/acme.yaml": [
            ("  change_yoy: 25\n", f"  change_yoy: 25\n  note: {{ja: {_quoted(PIPES)}, en: {_quoted(PIPES)}}}\n")
        ],
        "events/events.yaml": [
            (
                "{ja: エイクミーが新製品を発表, en: Acme launches a new product}",
                f"{{ja: {_quoted(BACKTICKS)}, en: {_quoted(BACKTICKS)}}}",
            ),
            (
                "{ja: 新製品ウィジェットを発表した, en: It launched the Widget}",
                f"{{ja: {_quoted(HEADING)}, en: {_quoted(HEADING)}}}",
            ),
        ],
        "quotes/jane-2023-05.yaml": [
            ("{ja: 成長は続く, en: Growth will continue}", f"{{ja: {_quoted(JS_LINK)}, en: {_quoted(JS_LINK)}}}")
        ],
        "glossary/terms.yaml": [
            ("{ja: 架空の小さな装置, en: A fictional small device}", f"{{ja: {_quoted(JINJA_EXPR)}, en: {_quoted(JINJA_EXPR)}}}")
        ],
        "markets/gadgets.yaml": [
            (
                "{ja: 世界のガジェット出荷台数, en: Gadget shipments worldwide}",
                f"{{ja: {_quoted(ATTRIBUTE)}, en: {_quoted(ATTRIBUTE)}}}",
            )
        ],
        "sources/paper.yaml": [
            ("{ja: 業界レポート, en: Industry report}", f"{{ja: {_quoted(JINJA_STMT)}, en: {_quoted(JINJA_STMT)}}}")
        ],
    }
    for rel, replacements in edits.items():
        path = dest / rel
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (rel, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return dest


class _Page(HTMLParser):
    """Elements (tag, attributes, text inside) and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = (tag, {k: v or "" for k, v in attrs}, [])
        self.elements.append(element)
        if tag not in ("img", "br", "hr", "meta", "link", "input"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element[2].append(data)
        if not any(e[0] in ("script", "style") for e in self.open):
            self.text.append(data)

    def inner(self, tag: str) -> list[str]:
        return ["".join(e[2]) for e in self.elements if e[0] == tag]

    def visible(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny briefing with hostile text, built for real; returns the project folder."""
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project", _payload_data(base / "data"))
    config = hashlib.sha256((project / "mkdocs.yml").read_bytes()).hexdigest()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert hashlib.sha256((project / "mkdocs.yml").read_bytes()).hexdigest() == config, "the build wrote mkdocs.yml"
    return project


def page(project: Path, path: str) -> _Page:
    parser = _Page()
    parser.feed((project / "site" / path).read_text(encoding="utf-8"))
    return parser


PAGES = [
    "markets/gadgets/index.html",
    "en/markets/gadgets/index.html",
    "companies/acme/index.html",
    "en/companies/acme/index.html",
    "timeline/index.html",
    "en/timeline/index.html",
    "people/index.html",
    "en/people/index.html",
    "glossary/index.html",
    "en/glossary/index.html",
    "sources/index.html",
    "en/sources/index.html",
    "companies/index.html",
]


def test_script_tag_is_text(hostile: Path) -> None:
    for path in ("companies/acme/index.html", "en/companies/acme/index.html", "companies/index.html"):
        p = page(hostile, path)
        assert SCRIPT in p.visible(), path
        assert not any("pwned" in body for body in p.inner("script")), path
        assert path == "companies/index.html" or SCRIPT in "".join(p.inner("h1")), path


def test_script_in_data_never_becomes_a_tag_in_the_page_title(hostile: Path) -> None:
    for path in ("companies/acme/index.html", "en/companies/acme/index.html"):
        p = page(hostile, path)
        assert [t for t in p.inner("title") if t.startswith(SCRIPT + " - ")], path


def test_event_handler_attribute_is_text(hostile: Path) -> None:
    p = page(hostile, "companies/acme/index.html")
    assert ONERROR in p.visible()
    market = page(hostile, "en/markets/gadgets/index.html")
    assert ATTRIBUTE in market.visible()
    assert [a["content"] for tag, a, _ in market.elements if tag == "meta" and a.get("name") == "description"] == [ATTRIBUTE]
    for path in PAGES:
        assert not any(name.startswith("on") for _, attrs, _ in page(hostile, path).elements for name in attrs), path
        assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs, _ in page(hostile, path).elements), path


def test_pipe_stays_in_its_table_cell(hostile: Path) -> None:
    for path in ("companies/acme/index.html", "en/companies/acme/index.html"):
        p = page(hostile, path)
        rows = [e for e in p.elements if e[0] == "tr"]
        assert rows, path
        widths = set()
        for index, (tag, _, _) in enumerate(p.elements):
            if tag == "tr":
                cells = 0
                for later in p.elements[index + 1 :]:
                    if later[0] == "tr" or later[0] == "table":
                        break
                    cells += later[0] in ("td", "th")
                widths.add(cells)
        assert len(widths) == 1, f"rows of different widths on {path}: {widths}"
        assert PIPES in p.inner("td"), path


def test_backticks_are_text(hostile: Path) -> None:
    for path in ("timeline/index.html", "en/timeline/index.html", "companies/acme/index.html"):
        p = page(hostile, path)
        assert BACKTICKS in p.visible(), path
        assert not any("rm -rf" in code for code in p.inner("code")), path


def test_markdown_link_with_javascript_is_text(hostile: Path) -> None:
    for path in ("people/index.html", "en/people/index.html"):
        p = page(hostile, path)
        assert JS_LINK in p.visible(), path
        assert "click me" not in p.inner("a"), path
    assert not [b for b in check_site(hostile / "site") if "scheme" in b.reason]


def test_heading_after_newline_is_text(hostile: Path) -> None:
    for path in ("timeline/index.html", "en/timeline/index.html"):
        p = page(hostile, path)
        assert " ".join(HEADING.split()) in p.visible(), path
        headings = [h.strip() for tag in ("h1", "h2", "h3", "h4", "h5", "h6") for h in p.inner(tag)]
        assert not any(h.startswith("Not a heading") for h in headings), path


def test_jinja_expression_is_not_evaluated(hostile: Path) -> None:
    for path in ("glossary/index.html", "en/glossary/index.html"):
        p = page(hostile, path)
        assert JINJA_EXPR in p.visible(), path
        assert "49" not in p.visible(), path


def test_jinja_statement_is_not_evaluated(hostile: Path) -> None:
    for path in ("sources/index.html", "en/sources/index.html"):
        p = page(hostile, path)
        assert JINJA_STMT in p.visible(), path
        assert "evaluated" not in p.visible().replace(JINJA_STMT, ""), path


def test_ordered_list_marker_at_line_start_is_text(hostile: Path) -> None:
    p = page(hostile, "en/companies/acme/index.html")
    assert LIST in p.visible()
    assert not any("not a list" in item for item in p.inner("li"))


def test_built_site_with_hostile_text_has_no_broken_links(hostile: Path) -> None:
    assert check_site(hostile / "site") == []


def test_generated_markdown_escapes_every_payload(tmp_path: Path) -> None:
    pages = render_pages(load_briefing(_payload_data(tmp_path / "data")), ROOT / "templates")
    text = "\n".join(v for v in pages.values() if isinstance(v, str))
    assert 'description: "gadgets&quot; onmouseover=&quot;alert(1)"' in pages["en/markets/gadgets.md"]
    for payload in (SCRIPT, ONERROR, PIPES, BACKTICKS, JS_LINK, JINJA_EXPR, JINJA_STMT):
        assert payload not in text, payload
        assert md(payload) in text, payload
    assert "\n# Not a heading" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("a & b", "a &amp; b"),
        ("a | b", "a \\| b"),
        ("`x`", "\\`x\\`"),
        ("[x](y)", "\\[x\\](y)"),
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("{{ x }}", "\\{\\{ x \\}\\}"),
        ("![i](x.png)", "\\!\\[i\\](x.png)"),
        ("line\n# h", "line # h"),
        ("# h", "\\# h"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("=== x", "&#61;== x"),
        ("45.4% of it", "45.4% of it"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_escapes(text: str, expected: str) -> None:
    assert md(text) == expected
