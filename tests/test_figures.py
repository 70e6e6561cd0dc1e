"""Figures in running text ({value:id}, {change:id}) are written by the tables' formatter, and checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_briefing
from generator.render.formatting import Formatter, expand

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ja", "売上高は{change:xiaomi-revenue-2023-q1}減の{value:xiaomi-revenue-2023-q1}", "売上高は18.9%減の595億元"),
        (
            "en",
            "revenue fell {change:xiaomi-revenue-2023-q1} to {value:xiaomi-revenue-2023-q1}",
            "revenue fell 18.9% to CNY 59.5 billion",
        ),
        ("ja", "損失は{value:openai-loss-2022}", "損失は約5億4000万ドル"),
        ("en", "a loss of {value:openai-loss-2022}", "a loss of about USD 540 million"),
        ("ja", "{value:xiaomi-overseas-internet-revenue-change-2023-q1}", "+16.4%"),  # a signed measure keeps its sign
        ("ja", "波かっこ{だけ}", "波かっこ{だけ}"),
    ],
)
def test_a_figure_is_written_as_the_tables_write_it(lang: str, text: str, expected: str) -> None:
    briefing = load_briefing(ROOT / "data")
    assert expand(text, Formatter(lang), lambda c, i: briefing[c][i]) == expected


def test_the_sample_writes_its_main_figures_from_the_data() -> None:
    site = (ROOT / "data" / "site.yaml").read_text(encoding="utf-8")
    assert site.count("{value:") >= 10 and site.count("{change:") >= 6


def test_a_figure_naming_no_metric_or_the_wrong_direction_is_reported(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / "site.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{change:xiaomi-adjusted-net-profit-2023-q1}増", "{change:xiaomi-adjusted-net-profit-2023-q1}減", 1)
    text = text.replace("{value:openai-loss-2022}", "{value:openai-loss-2021}", 1)
    text = text.replace("{value:xiaomi-ev-rd-2023-q1}", "{change:xiaomi-ev-rd-2023-q1}", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "highlights[0].text.ja: {change:xiaomi-adjusted-net-profit-2023-q1}減: the change is 13.1; write 増" in err
    assert "highlights[2].text.ja: {value:openai-loss-2021}: no entry 'openai-loss-2021' in metrics" in err
    assert "highlights[6].text.ja: {change:xiaomi-ev-rd-2023-q1}: 'xiaomi-ev-rd-2023-q1' gives no change_yoy" in err
    assert err.splitlines()[-1] == "3 problems found; nothing was written"
