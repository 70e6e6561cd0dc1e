"""The editor's schemas and `check` over one catalogue of typical mistakes.

Each mistake that JSON Schema can express must be flagged by both: by the committed schema
(as the YAML language server reads the file) and by `python -m generator check`. The rest are
listed with the reason a schema cannot say them; `check` must flag those, and the schema must
not, so that a rule added to the schemas later moves its mistake to the first list.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from support.editor_view import editor_view

from generator.cli import main
from generator.load.loader import load

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
SCHEMAS = ROOT / "schemas"

# (mistake, file under data/, text replaced, replacement): one mistake each, in the small fixture briefing.
BOTH = [
    ("unknown field", "companies/globex.yaml", "summary:", "websit: https://globex.example\nsummary:"),
    ("missing translation", "companies/globex.yaml", "{ja: グロベックス, en: Globex}", "{ja: グロベックス}"),
    ("empty text", "companies/globex.yaml", "en: Globex}", "en: ''}"),
    ("text of spaces only", "companies/globex.yaml", "en: Globex}", "en: '   '}"),
    ("text as a plain string", "companies/globex.yaml", "{ja: グロベックス, en: Globex}", "Globex"),
    ("list written as a string", "events/events.yaml", "companies: [acme]", "companies: acme"),
    ("link without a scheme", "sources/paper.yaml", "url: https://example.com/report", "url: example.com/report"),
    ("missing required field", "companies/globex.yaml", "category: {ja: 電機メーカー, en: Electronics maker}\n", ""),
    ("id not a slug", "events/events.yaml", "- id: acme-launch", "- id: Acme_Launch"),
    ("list entry without id", "events/events.yaml", "- id: acme-launch\n  date:", "- date:"),
    ("value: TODO", "metrics/acme.yaml", "value: 12.5", "value: TODO"),
    ("value as text", "metrics/acme.yaml", "value: 12.5", "value: 'twelve'"),
    ("unit currency without currency", "metrics/acme.yaml", "unit: currency\n  currency: CNY\n  change_yoy", "unit: currency\n  change_yoy"),
    ("both company and market", "metrics/acme.yaml", "company: acme\n  measure: revenue\n  period: 2023-Q1", "company: acme\n  market: gadgets\n  measure: revenue\n  period: 2023-Q1"),
    ("neither company nor market", "metrics/acme.yaml", "company: acme\n  measure: revenue\n  period: 2023-Q1", "measure: revenue\n  period: 2023-Q1"),
    ("unknown currency", "metrics/acme.yaml", "currency: CNY\n  change_yoy", "currency: XYZ\n  change_yoy"),
    ("month 13", "events/events.yaml", "date: 2023-04", "date: 2023-13"),
    ("day 45", "events/events.yaml", "date: 2023-04", "date: 2023-04-45"),
    ("unknown status", "events/events.yaml", "status: happened", "status: done"),
]  # fmt: skip

# What a schema cannot say, and why.
CHECK_ONLY = [
    ("a day the month does not have", "events/events.yaml", "date: 2023-04", "date: 2023-02-30",
     "calendar arithmetic: a pattern cannot know February's length in each year"),
    ("id that names nothing", "events/events.yaml", "companies: [acme]", "companies: [nosuchco]",
     "a reference to another file: a schema sees one file"),
    ("id used twice across files", "companies/globex.yaml", "name:", "id: acme\nname:",
     "uniqueness across files: a schema sees one file"),
    ("currency given with unit units", "metrics/acme.yaml", "unit: units\n", "unit: units\n  currency: CNY\n",
     "the converse of required_if is a rule in load/rules.py, not declared in the model the schemas derive from"),
    ("upper value below the value", "metrics/acme.yaml", "value: 12.5", "value: 12.5\n  value_max: 3",
     "comparing two numbers of one entry: JSON Schema has no such keyword"),
]  # fmt: skip


def _schema_for(relative: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{relative.split('/')[0]}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _mistaken(tmp_path: Path, relative: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the catalogue's text is no longer in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def _schema_flags(data: Path, relative: str) -> list[str]:
    return [e.message for e in _schema_for(relative).iter_errors(editor_view(load(data / relative, relative).value))]


def _check_flags(data: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    status = main(["check", "--data", str(data)])
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if line.startswith("data/") or ".yaml:" in line]
    return lines if status else []


def test_the_fixture_is_clean_for_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _mistaken(tmp_path, "events/events.yaml", "", "")
    assert _check_flags(data, capsys) == []
    for path in sorted(data.rglob("*.yaml")):
        relative = path.relative_to(data).as_posix()
        if "/" in relative:
            assert _schema_flags(data, relative) == [], relative


@pytest.mark.parametrize(("mistake", "relative", "old", "new"), BOTH, ids=[m[0] for m in BOTH])
def test_schema_and_check_both_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mistake: str, relative: str, old: str, new: str
) -> None:
    data = _mistaken(tmp_path, relative, old, new)
    assert _schema_flags(data, relative), f"{mistake}: the editor's schema lets it pass"
    assert _check_flags(data, capsys), f"{mistake}: check lets it pass"


@pytest.mark.parametrize(("mistake", "relative", "old", "new", "why"), CHECK_ONLY, ids=[m[0] for m in CHECK_ONLY])
def test_check_alone_flags_what_a_schema_cannot_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mistake: str, relative: str, old: str, new: str, why: str
) -> None:
    data = _mistaken(tmp_path, relative, old, new)
    assert _check_flags(data, capsys), f"{mistake}: check lets it pass"
    assert not _schema_flags(data, relative), f"{mistake}: the schema flags it now; move it to BOTH ({why})"
