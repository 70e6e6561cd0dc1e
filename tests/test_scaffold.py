"""``python -m generator new``: a file with every field, unfinished until filled, valid once filled."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import DataError
from generator.load import load_briefing
from generator.load.loader import load
from generator.scaffold import KINDS, ScaffoldError, new_entry

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = load_briefing(ROOT / "data")
HINTED = re.compile(r"^(?P<lead>\s*(?:- )?[a-z_]+: )TODO(?:  # (?P<hint>.*))?$")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def fill(text: str) -> str:
    """Replace each TODO the way an editor would, following the hint written beside it."""
    out = []
    for line in text.splitlines():
        match = HINTED.match(line)
        if match:
            hint = match["hint"] or "text"
            if hint.startswith("one of: "):
                value = hint.removeprefix("one of: ").split(", ")[0]
            elif hint.startswith("e.g. "):
                value = re.split(r"[,;( ]", hint.removeprefix("e.g. "))[0]
            elif id_in := re.match(r"id in ([a-z]+)", hint):
                value = sorted(SAMPLE[id_in[1]])[0]
            elif hint.startswith("date"):
                value = "2023-05"
            elif hint == "number":
                value = "12.5"
            else:
                value = "記入済み" if line.strip().startswith("ja:") else "Filled in"
            line = match["lead"] + value
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("kind", ["company", "person", "event", "metric", "term", "source"])
def test_new_file_is_unfinished_until_filled_then_valid(kind: str, data: Path) -> None:
    path = new_entry(kind, "new-entry", data)
    assert path == data / KINDS[kind] / "new-entry.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{KINDS[kind]}.json\n")
    with pytest.raises(DataError) as caught:
        load_briefing(data)
    problems = caught.value.problems
    assert problems and all(p.file.endswith("new-entry.yaml") for p in problems), "only the new file has problems"
    assert all("TODO" in p.message for p in problems), [str(p) for p in problems]

    filled = fill(text)
    assert not re.search(r"^\s*[^#\s].*TODO", filled, re.MULTILINE), filled
    path.write_text(filled, encoding="utf-8")
    briefing = load_briefing(data)
    assert "new-entry" in briefing[KINDS[kind]]


def test_a_new_metric_names_its_alternatives_beside_the_placeholders(data: Path) -> None:
    """A market figure or a unit other than currency: the comments say which line to change or delete."""
    text = new_entry("metric", "new-entry", data).read_text(encoding="utf-8")
    assert re.search(r"^company: TODO  # id in companies \(or replace this line with market: <id in markets>\)$", text, re.M)
    assert re.search(r"^currency: TODO  # e\.g\. CNY, USD \(when unit is currency; otherwise delete this line\)$", text, re.M)
    lines = fill(text).splitlines()
    market = sorted(SAMPLE["markets"])[0]
    lines = [f"market: {market}" if line.startswith("company:") else line for line in lines]
    lines = ["unit: units" if line.startswith("unit:") else line for line in lines if not line.startswith("currency:")]
    (data / "metrics" / "new-entry.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    metric = load_briefing(data)["metrics"]["new-entry"]
    assert (metric.market, metric.company, metric.unit, metric.currency) == (market, None, "units", None)  # type: ignore[attr-defined]


def test_every_field_of_the_model_is_written(data: Path) -> None:
    from generator.model import Source

    text = new_entry("source", "paper", data).read_text(encoding="utf-8")
    for name, info in Source.model_fields.items():
        if name == "id":
            continue
        prefix = "" if info.is_required() or name == Source.one_of[0] else "# "  # one of title/description: the first
        assert re.search(rf"^{prefix}{name}:", text, re.MULTILINE), name
        assert info.description and info.description in text


def test_append_to_a_list_file(data: Path) -> None:
    events = data / "events" / "events.yaml"
    before = events.read_text(encoding="utf-8")
    new_entry("event", "new-event", data, append=events)
    text = events.read_text(encoding="utf-8")
    assert text.startswith(before)
    entries = load(events, "events.yaml").value
    assert entries[-1]["id"] == "new-event"
    events.write_text(fill(text), encoding="utf-8")
    assert "new-event" in load_briefing(data)["events"]


FLOW = "[{id: a, term: {ja: あ, en: a}, short: {ja: あ, en: a}, definition: {ja: あ, en: a}}]\n"
INDENTED = "  - id: a\n    term: {ja: あ, en: a}\n    short: {ja: あ, en: a}\n    definition: {ja: あ, en: a}\n"


@pytest.mark.parametrize(
    "text", [FLOW, INDENTED, "- id: a\n  term: {ja: あ, en: a}\n...\n"], ids=["flow", "indented", "end-marker"]
)
def test_append_refuses_a_list_it_cannot_extend_and_leaves_it_as_it_was(data: Path, text: str) -> None:
    odd = data / "glossary" / "odd.yaml"
    odd.write_text(text, encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not a list that an entry can be added to at its end"):
        new_entry("term", "zz", data, append=odd)
    assert odd.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in odd.parent.iterdir() if p.name.startswith(".")) == []


def test_append_to_a_file_that_is_not_utf8_is_the_located_problem(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = data / "glossary" / "latin.yaml"
    latin.write_bytes("- id: a\n  term: {ja: Jos\u00e9, en: a}\n".encode("latin-1"))
    assert main(["new", "term", "zz", "--data", str(data), "--append", str(latin)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("latin.yaml:2:17: (file): file is not UTF-8 text; save it as UTF-8"), err
    assert "Traceback" not in "\n".join(err)


def test_append_keeps_crlf_line_endings(data: Path) -> None:
    events = data / "events" / "events.yaml"
    events.write_bytes(events.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    new_entry("event", "new-event", data, append=events)
    assert b"\n" not in events.read_bytes().replace(b"\r\n", b"")


def test_refuses_existing_and_invalid_ids(data: Path) -> None:
    companies_before = sorted(p.name for p in (data / "companies").iterdir())
    with pytest.raises(ScaffoldError, match=r"already exists in .*xiaomi\.yaml"):
        new_entry("company", "xiaomi", data)
    existing_event = load(data / "events" / "events.yaml", "e").value[0]["id"]
    with pytest.raises(ScaffoldError, match=r"already exists in .*events\.yaml"):
        new_entry("event", existing_event, data)
    for bad in ("Li-Auto", "li_auto", "-li", "li--auto", "../escape", ""):
        with pytest.raises(ScaffoldError, match="not a valid id"):
            new_entry("company", bad, data)
    with pytest.raises(ScaffoldError, match="Windows reserves it"):
        new_entry("company", "con", data)
    with pytest.raises(ScaffoldError, match="too long for an id"):
        new_entry("company", "a" * 101, data)
    with pytest.raises(ScaffoldError, match="holds one entry, not a list"):
        new_entry("company", "other", data, append=data / "companies" / "xiaomi.yaml")
    assert sorted(p.name for p in (data / "companies").iterdir()) == companies_before, "a refused id writes nothing"


def test_command_line(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "company", "byd", "--data", str(data)]) == 0
    assert "companies/byd.yaml" in capsys.readouterr().out
    assert main(["new", "company", "byd", "--data", str(data)]) == 1
    assert capsys.readouterr().err.startswith("error: company 'byd' already exists")
    assert main(["check", "--data", str(data)]) == 1
    assert "unfinished: replace the TODO placeholder" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_editors_guide_covers_every_kind_and_command(lang: str) -> None:
    guide = (ROOT / "docs" / lang / "editing.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"new {kind} " in guide or f"`{kind}`" in guide, kind
    for command in ("--append", "python -m generator schemas", "make check", "make serve", "make site", "base_url"):
        assert command in guide, command


def test_append_on_a_full_disk_leaves_the_list_whole(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    events = data / "events" / "events.yaml"
    before = events.read_bytes()

    def disk_full(self: Path, content: bytes) -> int:
        with open(self, "wb") as f:
            f.write(content[: len(content) // 2])
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    assert main(["new", "event", "new-event", "--data", str(data), "--append", str(events)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot write ") and err[0].endswith(": No space left on device"), err
    assert events.read_bytes() == before
    assert [p.name for p in events.parent.iterdir()] == ["events.yaml"]
