"""The README's examples work as written: its entries add to or match the sample data, its error output is real."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.load import load_briefing
from generator.load.loader import load, parse

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLE = load_briefing(ROOT / "data")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.MULTILINE | re.DOTALL)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def _block(section: str, lang: str = "yaml") -> str:
    match = re.search(rf"^```{lang}\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no ```{lang} block"
    return match.group(1)


def _file(section: str) -> str:
    """The data file the section's text names (``data/companies/byd.yaml``)."""
    [path] = set(re.findall(r"`(data/[a-z]+/[a-z0-9-]+\.yaml)`", section))
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def test_edit_a_fact_shows_the_entry_as_it_is_in_the_data() -> None:
    section = _section("Edit a fact")
    [entry] = parse(_block(section), "README.md").value
    entries: list[dict[str, Any]] = load(ROOT / _file(section), "data").value
    [stored] = [e for e in entries if e["id"] == entry["id"]]
    assert {k: stored.get(k) for k in entry} == entry


def test_added_company_and_term_are_new_and_pass_check(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    company = _section("Add a company")
    company_file = _file(company)
    company_id = Path(company_file).stem
    assert company_id not in SAMPLE["companies"], f"{company_id} is already in data/: the README example must be new"
    (data.parent / company_file).write_text(_block(company), encoding="utf-8")

    term = _section("Add a glossary term")
    [entry] = parse(_block(term), "README.md").value
    assert entry["id"] not in SAMPLE["glossary"], f"{entry['id']} is already in data/: the README example must be new"
    terms = data.parent / _file(term)
    terms.write_text(terms.read_text(encoding="utf-8") + _block(term), encoding="utf-8")

    assert main(["check", "--data", str(data)]) == 0, capsys.readouterr().err
    briefing = load_briefing(data)
    assert company_id in briefing["companies"] and entry["id"] in briefing["glossary"]


def test_validation_error_output_is_what_check_prints(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mistakes the README describes, made in a copy of the data, print the README's lines."""
    xiaomi = data / "companies" / "xiaomi.yaml"
    text = xiaomi.read_text(encoding="utf-8")
    assert "name: {ja: シャオミ, en: Xiaomi}\n" in text
    xiaomi.write_text(text.replace("name: {ja: シャオミ, en: Xiaomi}\n", "name: {ja: シャオミ}\n"), encoding="utf-8")
    figures = data / "metrics" / "xiaomi-2023-q1.yaml"
    entry, rest = figures.read_text(encoding="utf-8").split("- id: xiaomi-adjusted-net-profit-2023-q1\n", 1)
    assert "- id: xiaomi-revenue-2023-q1\n" in entry and "  source: xiaomi-2023-q1-report\n" in entry
    entry = entry.replace("  source: xiaomi-2023-q1-report\n", "  source: xiaomi-2023-q1\n")
    figures.write_text(entry + "- id: xiaomi-adjusted-net-profit-2023-q1\n" + rest, encoding="utf-8")

    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).splitlines()
    command, *expected = _block(_section("Read a validation error"), "").splitlines()
    assert command == "$ python -m generator check"
    # The counts follow the sample data; what is printed, and in which order, must not drift.
    counts = re.compile(r"^(\w+): \d+/\d+ text fields translated$")
    assert [counts.sub(r"\1: N/N text fields translated", line) for line in printed] == [
        counts.sub(r"\1: N/N text fields translated", line) for line in expected
    ]
