"""Property-based tests (Hypothesis, derandomized so CI sees the same examples every run).

- Any valid briefing renders, and renders the same text twice.
- Any mutation of a valid data file is answered by ``check`` with exit status 0 or 1, never an exception,
  and data that ``check`` accepts renders.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support.pages import render_pages

from generator.cli import main
from generator.load import load_briefing
from generator.render import plan

TINY = Path(__file__).parent / "fixtures" / "tiny"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# No shrinking: a failure is reported with the example as found, so a failing run stays fast.
PROFILE = settings(
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)

# Markup, template syntax, YAML 1.1 words, Japanese and line breaks: all must stay plain text.
_PIECES = [
    "<script>",
    "</title>",
    "|",
    "`",
    "*",
    "_",
    "[x](javascript:a)",
    "# ",
    "\n# h",
    "{{ 7*7 }}",
    "{% if x %}",
    "&amp;",
    "NO",
    "on",
    "0755",
    "1.10",
    "2024-01-02",
    "1. ",
    "- ",
    "=",
    "\\",
    '"',
    "'",
    "シャオミ",
    "売上高",
    "：",
    " ",
    "\t",
]
TEXT = (
    st.lists(
        st.one_of(st.sampled_from(_PIECES), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=5)),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda s: bool(s.strip()) and not s.strip().startswith("TODO"))
)
LOCALIZED = st.fixed_dictionaries({"ja": TEXT, "en": TEXT})
DATE = st.one_of(
    st.integers(2018, 2026).map(str),
    st.tuples(st.integers(2018, 2026), st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(st.integers(2018, 2026), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(2018, 2026), st.integers(1, 12), st.integers(1, 28)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
)
VALUE = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False, allow_infinity=False).map(str)


@st.composite
def briefings(draw: st.DrawFn) -> dict[str, Any]:
    """Files of a valid briefing: ``{"companies/x.yaml": {...}, ...}``."""
    ids = st.lists(st.sampled_from(["a", "b", "c", "d", "e-1", "x2"]), min_size=1, max_size=3, unique=True)
    companies, markets, people, topics = draw(ids), draw(ids), draw(ids), draw(ids)
    files: dict[str, Any] = {
        "site.yaml": {"title": draw(LOCALIZED), "description": draw(LOCALIZED), "languages": ["ja", "en"], "as_of": draw(DATE)},
        "sources/s.yaml": {
            "title": draw(LOCALIZED),
            "publisher": draw(LOCALIZED),
            "date": draw(DATE),
            "url": draw(st.sampled_from([None, "https://example.com/a?b=c&d=e"])),
        },
        "regions/regions.yaml": [{"id": "global", "name": draw(LOCALIZED)}],
        "measures/measures.yaml": [{"id": "revenue", "name": draw(LOCALIZED)}, {"id": "shipments", "name": draw(LOCALIZED)}],
        "topics/topics.yaml": [{"id": t, "name": draw(LOCALIZED)} for t in topics],
        "glossary/terms.yaml": [
            {"id": f"term-{i}", "term": draw(LOCALIZED), "short": draw(LOCALIZED), "definition": draw(LOCALIZED)}
            for i in range(draw(st.integers(0, 2)))
        ],
    }
    for c in companies:
        files[f"companies/{c}.yaml"] = {
            "name": draw(LOCALIZED),
            "category": draw(LOCALIZED),
            "summary": draw(LOCALIZED),
            "aliases": draw(st.lists(TEXT, max_size=2)),
        }
    for m in markets:
        files[f"markets/{m}.yaml"] = {"name": draw(LOCALIZED), "description": draw(LOCALIZED)}
    for p in people:
        files[f"people/{p}.yaml"] = {
            "name": draw(LOCALIZED),
            "role": draw(LOCALIZED),
            "company": draw(st.sampled_from(companies)),
        }
    metrics = []
    for i in range(draw(st.integers(0, 4))):
        measure = draw(st.sampled_from(["revenue", "shipments"]))
        subject = draw(st.sampled_from([("company", c) for c in companies] + [("market", m) for m in markets]))
        metric = {
            "id": f"m-{i}",
            subject[0]: subject[1],
            "measure": measure,
            "period": draw(DATE),
            "value": draw(VALUE),
            "scale": draw(st.sampled_from(["one", "million", "billion", "hundred-million"])),
            "source": "s",
        }
        metric.update({"unit": "currency", "currency": "CNY"} if measure == "revenue" else {"unit": "units"})
        if draw(st.booleans()):
            metric["change_yoy"] = draw(VALUE)
        if draw(st.booleans()):
            metric["note"] = draw(LOCALIZED)
        metrics.append(metric)
    if metrics:
        files["metrics/metrics.yaml"] = metrics
    events = [
        {
            "id": f"ev-{i}",
            "date": draw(DATE),
            "status": draw(st.sampled_from(["happened", "reported", "planned"])),
            "title": draw(LOCALIZED),
            "companies": draw(st.lists(st.sampled_from(companies), max_size=2, unique=True)),
            "topics": draw(st.lists(st.sampled_from(topics), max_size=2, unique=True)),
            "source": "s",
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    if events:
        files["events/events.yaml"] = events
    for i in range(draw(st.integers(0, 2))):
        files[f"quotes/q-{i}.yaml"] = {
            "person": draw(st.sampled_from(people)),
            "date": draw(DATE),
            "text": draw(LOCALIZED),
            "paraphrase": draw(st.booleans()),
            "source": "s",
        }
    return files


def _write(root: Path, files: dict[str, Any]) -> Path:
    for rel, value in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@settings(PROFILE, max_examples=20)
@given(briefings())
def test_valid_briefings_always_render_the_same(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        briefing = load_briefing(_write(Path(tmp), files))
        first = render_pages(briefing, TEMPLATES)
        second = render_pages(load_briefing(Path(tmp)), TEMPLATES)
    assert first == second
    for lang in ("ja", "en"):
        for spec in plan(briefing):
            assert f"{lang}/{spec.path}" in first


# ----------------------------------------------------------------- mutations

_FILES = sorted(p.relative_to(TINY).as_posix() for p in TINY.rglob("*.yaml"))
_SCALARS = [
    "NO",
    "0755",
    "1.10",
    "2023-02-30",
    "2023-Q5",
    "",
    "~",
    "[",
    "]",
    "{",
    "}",
    "- x",
    "\t",
    "*a",
    "&a x",
    "!!python/object:os.system",
    "? x",
    ": x",
    "1e999999999",
    "-1e999999999",
    "nan",
    "inf",
    "0x1F",
    "'",
    '"',
    "|",
    ">",
    "%",
    "@",
    "`",
    "#",
    "\\u0000",
    "javascript:alert(1)",
    "../x",
    "Acme",
    "acme",
    "global",
    "paper",
    "TODO",
    "true",
    "{ja: x}",
    "[a, b]",
    "99999999999999999999",
]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the tiny briefing, changed at random."""
    rel = draw(st.sampled_from(_FILES))
    data = (TINY / rel).read_bytes()
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(["replace-value", "delete-line", "duplicate-line", "insert", "truncate", "indent", "bytes"]))
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if kind == "replace-value":
        line = lines[i]
        if b": " in line:
            key, _, _ = line.partition(b": ")
            lines[i] = key + b": " + draw(st.sampled_from(_SCALARS)).encode()
        else:
            lines[i] = draw(st.sampled_from(_SCALARS)).encode()
    elif kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-line":
        lines.insert(i, lines[i])
    elif kind == "insert":
        lines.insert(
            i,
            draw(
                st.sampled_from(
                    [
                        b"extra: 1",
                        b"id: other",
                        b"- id: acme",
                        b"share: {percent: 5, of: acme-revenue-2022-q1}",
                        b"  region: nowhere",
                        b"checks: {derived_figures: error}",
                        b"date: 2030",
                    ]
                )
            ),
        )
    elif kind == "indent":
        lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b"    "])) + lines[i]
    elif kind == "truncate":
        return rel, data[: draw(st.integers(0, len(data)))]
    else:
        position = draw(st.integers(0, len(data)))
        return rel, data[:position] + draw(st.binary(min_size=1, max_size=4)) + data[position:]
    return rel, b"\n".join(lines)


@settings(PROFILE, max_examples=100)
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_data_never_raises(changes: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(TINY, data)
        for rel, content in changes:
            (data / rel).write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check", "--data", str(data)])
        if status == 0:
            assert render_pages(load_briefing(data), TEMPLATES)
    assert status in (0, 1)
    assert "Traceback" not in err.getvalue()
    if status == 1:
        assert err.getvalue().rstrip().splitlines()[-1].endswith("found; nothing was written")
