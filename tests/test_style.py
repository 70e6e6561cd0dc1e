"""The style list (data/style.yaml): check reports every variant at its place, in the one error format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_sample_data_follows_its_style_list() -> None:
    assert main(["check", "--data", str(ROOT / "data")]) == 0


def test_a_seeded_violation_is_reported_at_its_line_and_column(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "markets" / "pcs.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  ja: 世界と中国本土のデスクトップPC・ノートPCの出荷台数。"
    assert old in text
    # A calque, a polite ending and a number in another style, in one sentence.
    path.write_text(
        text.replace(old, "  ja: 世界と中国本土のパソコンの出荷台数は5,400万台でした。"),
        encoding="utf-8",
    )
    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    line = 1 + next(i for i, x in enumerate(text.splitlines()) if x.startswith(old))
    assert f"data/markets/pcs.yaml:{line}:15: description.ja: use PC, not パソコン" in err
    assert f"data/markets/pcs.yaml:{line}:25: description.ja: use 3040万・5億4000万のような数値の書き方, not 5,400" in err
    assert f"data/markets/pcs.yaml:{line}:32: description.ja: use だ・である調, not でした" in err
    assert err[-1] == "3 problems found; nothing was written"


def test_a_variant_inside_the_preferred_form_is_no_hit(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    style = data / "style.yaml"
    style.write_text(
        style.read_text(encoding="utf-8") + "  - {expected: 理想汽車, patterns: [理想], lang: ja}\n", encoding="utf-8"
    )
    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 0  # 理想 stands only inside 理想汽車 in the sample


def test_glossary_may_name_the_variants_it_explains(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The glossary names 降維打撃 as its headword; the rule spares it there (except_in), nowhere else.
    path = data / "companies" / "tesla.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("格上からの値下げ攻勢", "降維打撃"), encoding="utf-8")
    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 1


def test_a_polite_form_before_a_clause_is_reported_too(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "markets" / "pcs.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2桁の減少が続いた。", "2桁の減少が続きましたが、回復の兆しもある。"),
        encoding="utf-8",
    )
    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 1
    assert "description.ja: use だ・である調, not ました" in capsys.readouterr().err
