"""Golden tests: the rendered Markdown of a small fixture briefing, in both languages.

Refresh after an intended change with ``pytest tests/test_golden.py --update-golden``
and review the diff of tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import render_pages

from generator.load import load_briefing

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "mini"
GOLDEN = HERE / "golden" / "mini"
ROOT = HERE.parent


# Where the glossary's terms are linked, as the MkDocs build reports it (the generator alone cannot know).
TERM_PAGES = {
    "ja": {
        "large-model": [("アクメ", "companies/acme.md"), ("年表：AI", "timeline/ai.md")],
        "shipments": [("市場", "markets/index.md")],
    },
    "en": {"large-model": [("Acme", "companies/acme.md")]},
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, str | bytes]:
    briefing = load_briefing(FIXTURE, rel="data")
    return dict(render_pages(briefing, ROOT / "templates", term_pages=TERM_PAGES))


def test_golden_pages(rendered: dict[str, str | bytes], request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, content in rendered.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                target.write_text(content, encoding="utf-8")
            else:
                target.write_bytes(content)
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert expected == set(rendered), "pages added or removed: rerun with --update-golden and review"
    for rel, content in sorted(rendered.items()):
        target = GOLDEN / rel
        if isinstance(content, str):
            assert content == target.read_text(encoding="utf-8"), f"{rel} differs from its golden file"
        else:
            assert content == target.read_bytes(), f"{rel} differs from its golden file"


def test_every_page_exists_in_both_languages(rendered: dict[str, str | bytes]) -> None:
    ja = {k.removeprefix("ja/") for k in rendered if k.startswith("ja/")}
    en = {k.removeprefix("en/") for k in rendered if k.startswith("en/")}
    assert ja == en and len(ja) > 5


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ja",
            [
                "595億元",
                '| <span class="briefing-nowrap">\\-18.9%</span> |',  # a signed figure (Markdown-escaped minus), never broken
                "2023年第1四半期",
                "約5億4000万ドル",  # 億 and 万, no thousands separator, ドル (the term list's word), as Nikkei writes
                "26万〜30万元",
                "1200人超",
                "6760万台",
                "2023年4月",
                "海外売上高",
                "45.4%",
            ],
        ),
        (
            "en",
            [
                "CNY 59.5 billion",
                '| <span class="briefing-nowrap">\\-18.9%</span> |',
                "Q1 2023",
                "about USD 540 million",
                "CNY 260,000–300,000",
                "more than 1,200 people",
                "67.6 million units",
                "April 2023",
                "45.4% of revenue",  # the measure's heading, lower-cased inside a phrase
            ],
        ),
    ],
)
def test_numbers_and_dates_follow_the_language(rendered: dict[str, str | bytes], lang: str, expected: list[str]) -> None:
    text = "\n".join(
        str(v) for k, v in rendered.items() if k.startswith(f"{lang}/companies/") or k.startswith(f"{lang}/markets/")
    )
    for snippet in expected:
        assert snippet in text, f"{snippet!r} not found on the {lang} company/market pages"


def test_dates_keep_their_precision(rendered: dict[str, str | bytes]) -> None:
    ja = str(rendered["ja/timeline/index.md"])
    en = str(rendered["en/timeline/index.md"])
    assert "**2023年4月**" in ja and "**2023年5月24日**" in ja and "**2021年**" in ja
    assert "**April 2023**" in en and "**May 24, 2023**" in en and "**2021**" in en
    assert "April 1" not in en and "4月1日" not in ja
