"""Bad input gives one clear line per problem, exit status 1, no traceback, and writes nothing.

Each case breaks one file of a tiny valid briefing (tests/fixtures/tiny) and
asserts the exact lines ``python -m generator check`` prints, then that
``python -m generator build`` fails with the same lines and leaves its output
folder as it was. Real ``mkdocs build`` / ``make site`` runs of a few
representative cases are in test_integrity.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_briefing
from generator.model import Company, Quote, Term

TINY = Path(__file__).parent / "fixtures" / "tiny"
ROOT = Path(__file__).resolve().parent.parent

PERSON = "name: {ja: ジェーン・ドウ, en: Jane Doe}\nrole: {ja: 社長, en: President}\n"
SOURCE = "title: {ja: 業界レポート, en: Industry report}\npublisher: {ja: 業界新聞, en: Industry Times}\ndate: 2023-05\n"
QUOTE = "person: jane\noccasion: {ja: 決算説明会, en: Earnings call}\ntext: {ja: 成長は続く, en: Growth will continue}\nsource: paper\n"
REGION = "  name: {ja: 世界, en: Global}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the tiny briefing as ``data/`` in the current folder (messages name ``data/…``)."""
    shutil.copytree(TINY, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, files: dict[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        path = project / "data" / rel
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


CASES: dict[str, tuple[dict[str, str | bytes | None], list[str]]] = {
    "yaml syntax error": (
        {"people/jane.yaml": "name: {ja: ジェーン, en: Jane\nrole: {ja: 社長, en: President}\n"},
        [
            "data/people/jane.yaml:2:5: (yaml): YAML syntax error: did not find expected ',' or '}' "
            "(while parsing a flow mapping that starts at line 1, column 7)"
        ],
    ),
    "currency unit without a currency": (
        {"metrics/acme.yaml": (TINY / "metrics/acme.yaml").read_text().replace("  currency: CNY\n", "", 1)},
        [
            "data/metrics/acme.yaml:7:9: [0].currency: unit is currency: give currency too",
            "data/metrics/acme.yaml:8:15: [0].change_yoy: cannot be compared with 'acme-revenue-2022-q1': "
            "no currency is given but 'acme-revenue-2022-q1' is in CNY",
        ],
    ),
    "control character": (
        {"people/jane.yaml": "name: {ja: ジェーン, en: Jane}\nrole: {ja: 社長, en: Pres\x07ident}\n"},
        ["data/people/jane.yaml:2:24: (yaml): character U+0007 is not allowed in YAML text; remove it"],
    ),
    "colon in plain text": (
        {"people/jane.yaml": "name: {ja: ジェーン, en: Jane}\nrole: {ja: 社長, en: President}\nnote: Role: CEO\n"},
        [
            "data/people/jane.yaml:3:11: (yaml): YAML syntax error: mapping values are not allowed in this context; "
            "text that contains ': ' must be put in quotes"
        ],
    ),
    "tab indentation": (
        {"people/jane.yaml": "name:\n\tja: ジェーン\n"},
        ["data/people/jane.yaml:2:1: (yaml): YAML syntax error: tab character; indent with spaces, not tabs"],
    ),
    "duplicate key": (
        {"people/jane.yaml": PERSON + "name: {ja: ジェーン, en: Jane}\n"},
        ["data/people/jane.yaml:3:1: name: duplicate key 'name' (lines 1 and 3)"],
    ),
    "alias": (
        {"people/jane.yaml": "name: &n {ja: ジェーン, en: Jane}\nrole: *n\n"},
        ["data/people/jane.yaml:2:1: role: anchors and aliases are not supported; write the value out"],
    ),
    "unknown key near miss": (
        {"people/jane.yaml": PERSON + "compnay: acme\n"},
        ["data/people/jane.yaml:3:1: compnay: unknown field 'compnay'; did you mean 'company'?"],
    ),
    "unknown key": (
        {"people/jane.yaml": PERSON + "twitter: jane\n"},
        [
            "data/people/jane.yaml:3:1: twitter: unknown field 'twitter'; allowed fields: id, name, reading, aliases, role, company, general_knowledge"
        ],
    ),
    "wrong type: list for text": (
        {"people/jane.yaml": "name: [Jane]\nrole: {ja: 社長, en: President}\n"},
        ["data/people/jane.yaml:1:7: name: expected a mapping (e.g. {ja: …, en: …}), got a list"],
    ),
    "wrong type: text for number": (
        {"metrics/acme.yaml": (TINY / "metrics/acme.yaml").read_text().replace("value: 12.5", "value: lots")},
        ["data/metrics/acme.yaml:5:10: [0].value: expected a number, got 'lots'"],
    ),
    "number out of range": (
        {"metrics/acme.yaml": (TINY / "metrics/acme.yaml").read_text().replace("value: 12.5", "value: 1e999999999")},
        [
            "data/metrics/acme.yaml:5:10: [0].value: 1E+999999999 is out of range: write at most 15 digits before and after "
            "the decimal point (use scale for large figures)"
        ],
    ),
    "wrong type: yes for a flag": (
        {"quotes/jane-2023-05.yaml": QUOTE + "date: 2023-05-02\nparaphrase: yes\n"},
        ["data/quotes/jane-2023-05.yaml:6:13: paraphrase: expected true or false"],
    ),
    "wrong type: text for a list": (
        {"events/events.yaml": (TINY / "events/events.yaml").read_text().replace("companies: [acme]", "companies: acme")},
        ["data/events/events.yaml:6:14: [0].companies: expected a list, got 'acme'"],
    ),
    "impossible day": (
        {"quotes/jane-2023-05.yaml": QUOTE + "date: 2023-02-30\n"},
        ["data/quotes/jane-2023-05.yaml:5:7: date: '2023-02-30' is not a date: February 2023 has no day 30"],
    ),
    "quarter 5": (
        {"quotes/jane-2023-05.yaml": QUOTE + "date: 2023-Q5\n"},
        ["data/quotes/jane-2023-05.yaml:5:7: date: '2023-Q5' is not a date: write 2023, 2023-Q1, 2023-05 or 2023-05-24"],
    ),
    "month 13": (
        {"quotes/jane-2023-05.yaml": QUOTE + "date: 2023-13\n"},
        ["data/quotes/jane-2023-05.yaml:5:7: date: '2023-13' is not a date: there is no month 13"],
    ),
    "missing translation": (
        {"people/jane.yaml": "name: {ja: ジェーン・ドウ}\nrole: {ja: 社長, en: President}\n"},
        ["data/people/jane.yaml:1:7: name.en: missing 'en' translation"],
    ),
    "unknown reference": (
        {"people/jane.yaml": PERSON + "company: acme-corp\n"},
        ["data/people/jane.yaml:3:10: company: no entry 'acme-corp' in companies; did you mean 'acme'?"],
    ),
    "duplicate id across files": (
        {"people/others.yaml": "- id: jane\n" + "  " + PERSON.replace("\n", "\n  ", 1)},
        ["data/people/others.yaml:1:7: [0].id: duplicate id 'jane' (also in data/people/jane.yaml:1:1)"],
    ),
    "file name differs from id": (
        {"people/jane.yaml": "id: janet\n" + PERSON},
        ["data/people/jane.yaml:1:5: id: id 'janet' differs from the file name 'jane': rename one"],
    ),
    "empty file": (
        {"people/jane.yaml": ""},
        ["data/people/jane.yaml:1:1: (file): file is empty"],
    ),
    "file with only comments": (
        {"people/jane.yaml": "# to do\n"},
        ["data/people/jane.yaml:1:1: (file): file is empty"],
    ),
    "not utf-8": (
        {"people/jane.yaml": "name: {ja: Jos\u00e9, en: Jose}\n".encode("latin-1")},
        ["data/people/jane.yaml:1:15: (file): file is not UTF-8 text; save it as UTF-8"],
    ),
    "id with a path": (
        {"regions/regions.yaml": "- id: ../x\n" + REGION + "- id: a/b\n" + REGION + "- id: /etc/passwd\n" + REGION},
        [
            "data/regions/regions.yaml:1:7: [0].id: '../x' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')",
            "data/regions/regions.yaml:3:7: [1].id: 'a/b' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')",
            "data/regions/regions.yaml:5:7: [2].id: '/etc/passwd' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')",
            "data/metrics/acme.yaml:23:11: [2].region: no entry 'global' in regions",
            "data/metrics/acme.yaml:35:11: [3].region: no entry 'global' in regions",
        ],
    ),
    "ids equal after case-folding": (
        {"regions/regions.yaml": "- id: global\n" + REGION + "- id: Global\n" + REGION},
        [
            "data/regions/regions.yaml:3:7: [1].id: 'Global' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')"
        ],
    ),
    "file names equal after case-folding": (
        {"people/Jane.yaml": PERSON},
        ["data/people/Jane.yaml:1:1: (file): file name 'Jane' is not a valid id: use lowercase letters, digits and hyphens"],
    ),
    "id with a trailing newline": (
        {"regions/regions.yaml": '- id: "global\\n"\n' + REGION},
        [
            "data/regions/regions.yaml:1:7: [0].id: 'global\\n' is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')",
            "data/metrics/acme.yaml:23:11: [2].region: no entry 'global' in regions",
            "data/metrics/acme.yaml:35:11: [3].region: no entry 'global' in regions",
        ],
    ),
    "key with a newline stays one line": (
        {"people/jane.yaml": PERSON + '"x\\ny": 1\n'},
        [
            "data/people/jane.yaml:3:1: x\\ny: unknown field 'x\\ny'; allowed fields: id, name, reading, aliases, role, company, general_knowledge"
        ],
    ),
    "year 0": (
        {"events/events.yaml": (TINY / "events/events.yaml").read_text().replace("date: 2023-04", "date: 0000")},
        ["data/events/events.yaml:2:9: [0].date: '0000' is not a date: there is no year 0 (1 BC is followed by AD 1)"],
    ),
    "year 0 in the site's date": (
        {"site.yaml": (TINY / "site.yaml").read_text().replace("as_of: 2023-05", "as_of: 0000-01")},
        ["data/site.yaml:4:8: as_of: '0000-01' is not a date: there is no year 0 (1 BC is followed by AD 1)"],
    ),
    "id of 250 characters": (
        {"regions/regions.yaml": (TINY / "regions/regions.yaml").read_text() + f"- id: {'a' * 250}\n" + REGION},
        [f"data/regions/regions.yaml:3:7: [1].id: {'a' * 20!r}… (250 characters) is too long for an id: use at most 100"],
    ),
    "windows-reserved id": (
        {"companies/con.yaml": "name: {ja: コン, en: Con}\ncategory: {ja: 会社, en: Firm}\nsummary: {ja: 会社, en: A firm}\n"},
        ["data/companies/con.yaml:1:1: id: 'con' cannot be an id: Windows reserves it as a device name, no file can be named so"],
    ),
    "control characters written as escapes": (
        {"people/jane.yaml": 'name: {ja: ジェーン, en: "Ja\\x01ne"}\nrole: {ja: "社長\\x7f", en: "Pres\\uFFFEident"}\n'},
        [
            "data/people/jane.yaml:1:22: name.en: character U+0001 is not allowed in text; remove it",
            "data/people/jane.yaml:2:12: role.ja: character U+007F is not allowed in text; remove it",
            "data/people/jane.yaml:2:26: role.en: character U+FFFE is not allowed in text; remove it",
        ],
    ),
    "only a zero-width space": (
        {"people/jane.yaml": 'name: {ja: "\\u200b", en: Jane}\nrole: {ja: 社長, en: President}\n'},
        ["data/people/jane.yaml:1:12: name.ja: text is empty"],
    ),
    "nesting 600 levels deep": (
        {"people/jane.yaml": PERSON + "aliases: " + "[" * 600 + "]" * 600 + "\n"},
        ["data/people/jane.yaml:3:109: (yaml): nested more than 100 levels deep; a data file needs only a few"],
    ),
    "event id that is an anchor of the timeline": (
        {"events/events.yaml": (TINY / "events/events.yaml").read_text().replace("id: acme-launch", "id: y2023")},
        [
            "data/events/events.yaml:1:7: [0].id: 'y2023' is an anchor of the timeline page already: "
            "links to it would land elsewhere; choose another id"
        ],
    ),
    "source id that is an anchor of the sources page": (
        {"sources/downloads.yaml": SOURCE},
        [
            "data/sources/downloads.yaml:1:1: id: 'downloads' is an anchor of the sources page already: "
            "links to it would land elsewhere; choose another id"
        ],
    ),
    "person id that is a quote's anchor": (
        {"people/quote-x.yaml": PERSON},
        [
            "data/people/quote-x.yaml:1:1: id: 'quote-x' is an anchor of the people page already: "
            "links to it would land elsewhere; choose another id"
        ],
    ),
    "merge key: no false errors for the entries of the file": (
        {
            "metrics/acme.yaml": (TINY / "metrics/acme.yaml").read_text().replace("  share:\n", "  share: &base\n")
            + "- id: extra\n  <<: *base\n"
        },
        ["data/metrics/acme.yaml:42:3: [4].<<: anchors and aliases are not supported; write the value out"],
    ),
    "a bad site setting does not hide reference errors": (
        {
            "site.yaml": (TINY / "site.yaml")
            .read_text()
            .replace("see: [metric:acme-revenue-2023-q1, company:acme]", "see: [bogus:kind]"),
            "people/jane.yaml": PERSON + "company: acmee\n",
        },
        [
            "data/people/jane.yaml:3:10: company: no entry 'acmee' in companies; did you mean 'acme'?",
            "data/site.yaml:7:11: highlights[0].see[0]: 'bogus:kind' does not have the expected form "
            "(^(company|person|market|metric|event|quote|term|source):[a-z0-9-]+$)",
        ],
    ),
    "unknown check level": (
        {"site.yaml": (TINY / "site.yaml").read_text() + "checks: {derived_figures: loud}\n"},
        ["data/site.yaml:8:27: checks.derived_figures: expected one of 'error', 'warning' or 'off', got 'loud'"],
    ),
}

BAD_URLS = {
    "javascript:alert(1)": "is not allowed: links must start with http:// or https://",
    "JavaScript:alert(1)": "is not allowed: links must start with http:// or https://",
    "JAVASCRIPT:alert(1)": "is not allowed: links must start with http:// or https://",
    " javascript:alert(1)": "is not a valid link: it contains spaces or characters that are not allowed in a URL",
    "java\tscript:alert(1)": "is not a valid link: it contains spaces or characters that are not allowed in a URL",
    "\njavascript:alert(1)": "is not a valid link: it contains spaces or characters that are not allowed in a URL",
    "data:text/html,<script>alert(1)</script>": "is not a valid link: it contains spaces or characters that are not allowed in a URL",
    "data:text/html;base64,PHNjcmlwdD4=": "is not allowed: links must start with http:// or https://",
    "file:///etc/passwd": "is not allowed: links must start with http:// or https://",
    "FILE:///etc/passwd": "is not allowed: links must start with http:// or https://",
    "//evil.example/x": "is not allowed: links must start with http:// or https://",
    "https://user:pw@evil.example/": "is not allowed: links must not carry a user name or password",
    "https://www.openai.com&#x40;evil.example/": "is not allowed: '&#x40;' is an HTML character reference; write the character itself",
    "https://example.com/?a=1&commat;b": "is not allowed: '&commat;' is an HTML character reference; write the character itself",
}
for _url, _message in BAD_URLS.items():
    _quoted = _url.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    CASES[f"source url {_quoted}"] = (
        {"sources/paper.yaml": SOURCE + f'url: "{_quoted}"\n'},
        [f"data/sources/paper.yaml:4:6: url: {_url!r} {_message}".replace("\t", "\\t").replace("\n", "\\n")],
    )


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_per_problem_and_writes_nothing(
    case: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, expected = CASES[case]
    write(project, files)
    status, out, err = run(["check", "--data", "data"], capsys)
    assert status == 1
    noun = "problem" if len(expected) == 1 else "problems"
    assert err == sorted(expected) + [f"{len(expected)} {noun} found; nothing was written"]
    assert "Traceback" not in "\n".join(out + err)

    out_dir = project / "out"
    (out_dir / "ja").mkdir(parents=True)
    (out_dir / "ja" / "index.md").write_text("# the last good page\n", encoding="utf-8")
    before = snapshot(out_dir)
    status, _, build_err = run(["build", "--data", "data", "--templates", str(ROOT / "templates"), "--out", "out"], capsys)
    assert status == 1
    assert build_err == err
    assert snapshot(out_dir) == before


def test_the_fixture_itself_is_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["check", "--data", "data", "--strict"], capsys)
    assert (status, err) == (0, [])
    assert out[-1].startswith("ok: ")


@pytest.mark.parametrize(
    "text", ["NO", "on", "yes", "off", "true", "null", "0755", "1.10", "1e3", "2024-01-02", "12:30", "0x1F", ".inf"]
)
def test_yaml_1_1_words_in_text_fields_keep_their_text(text: str, project: Path) -> None:
    """Plain scalars that YAML 1.1 would turn into booleans, numbers or dates stay the text the editor typed."""
    write(
        project,
        {
            "companies/acme.yaml": f"name: {{ja: {text}, en: {text}}}\naliases: [{text}]\n"
            f"category: {{ja: {text}, en: {text}}}\nsummary: {{ja: 架空の電機メーカー, en: {text}}}\n",
            "glossary/terms.yaml": (TINY / "glossary/terms.yaml")
            .read_text()
            .replace("reading: うぃじぇっと", f"reading: {text}"),
        },
    )
    if text == "null":
        with pytest.raises(Exception) as info:
            load_briefing(project / "data")
        assert "name.ja: expected text, got nothing" in str(info.value)
        return
    briefing = load_briefing(project / "data")
    acme = briefing["companies"]["acme"]
    assert isinstance(acme, Company)
    for value in (acme.name["ja"], acme.name["en"], acme.aliases[0], acme.category["en"], acme.summary["en"]):
        assert type(value) is str and value == text
    term = briefing["glossary"]["widget-term"]
    assert isinstance(term, Term) and term.reading == text


def test_a_date_field_reads_its_text_as_a_date(project: Path) -> None:
    write(project, {"quotes/jane-2023-05.yaml": QUOTE + "date: 2023-05-02\n"})
    quote = load_briefing(project / "data")["quotes"]["jane-2023-05"]
    assert isinstance(quote, Quote) and str(quote.date) == "2023-05-02" and quote.date.precision == "day"


def test_every_problem_is_reported_in_one_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "people/jane.yaml": PERSON + "compnay: acme\n",
            "sources/paper.yaml": SOURCE + "url: javascript:alert(1)\n",
            "quotes/jane-2023-05.yaml": QUOTE + "date: 2023-02-30\n",
        },
    )
    status, _, err = run(["check", "--data", "data"], capsys)
    assert status == 1
    assert len(err) == 4 and err[-1] == "3 problems found; nothing was written"
    assert [line.split(":")[0] for line in err[:3]] == [
        "data/people/jane.yaml",
        "data/quotes/jane-2023-05.yaml",
        "data/sources/paper.yaml",
    ]


def test_coverage_report_lists_missing_translations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "people/jane.yaml": "name: {ja: ジェーン・ドウ}\nrole: {en: President}\n",
            "topics/topics.yaml": "- id: ai\n  name: {ja: AI, en: TODO}\n",
        },
    )
    status, out, err = run(["check", "--data", "data", "--strict"], capsys)
    assert status == 1
    assert out == [
        "ja: 28/29 text fields translated",
        "  missing: data/people/jane.yaml:2:7: role.ja",
        "en: 27/29 text fields translated",
        "  missing: data/people/jane.yaml:1:7: name.en",
        "  missing: data/topics/topics.yaml:2:22: [0].name.en",
    ]
    assert err == [
        "data/people/jane.yaml:1:7: name.en: missing 'en' translation",
        "data/people/jane.yaml:2:7: role.ja: missing 'ja' translation",
        "data/topics/topics.yaml:2:22: [0].name.en: unfinished: replace the TODO placeholder",
        "3 problems found; nothing was written",
    ]


def test_missing_translations_are_reported_with_schema_errors_in_the_same_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown field or a duplicate key does not hide the file's missing translations, nor leave it out of the counts."""
    write(
        project,
        {
            "people/jane.yaml": "name: {ja: ジェーン・ドウ}\nrole: {en: President}\ntwitter: jane\n",
            "topics/topics.yaml": "- id: ai\n  name: {ja: AI}\n  name: {ja: AI, en: AI}\n",
        },
    )
    status, out, err = run(["check", "--data", "data"], capsys)
    assert status == 1
    assert out == [
        "ja: 28/29 text fields translated",
        "  missing: data/people/jane.yaml:2:7: role.ja",
        "en: 27/29 text fields translated",
        "  missing: data/people/jane.yaml:1:7: name.en",
        "  missing: data/topics/topics.yaml:2:9: [0].name.en",
    ]
    assert err == [
        "data/people/jane.yaml:1:7: name.en: missing 'en' translation",
        "data/people/jane.yaml:2:7: role.ja: missing 'ja' translation",
        "data/people/jane.yaml:3:1: twitter: unknown field 'twitter'; allowed fields: id, name, reading, aliases, role, company, general_knowledge",
        "data/topics/topics.yaml:2:9: [0].name.en: missing 'en' translation",
        "data/topics/topics.yaml:3:3: [0].name: duplicate key 'name' (lines 2 and 3)",
        "5 problems found; nothing was written",
    ]


def test_coverage_report_when_complete(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", "--data", "data"], capsys)
    assert status == 0
    assert out[:2] == ["ja: 29/29 text fields translated", "en: 29/29 text fields translated"]


def test_unreadable_file_is_a_problem_not_a_crash(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "data" / "people" / "jane.yaml").unlink()
    (project / "data" / "people" / "jane.yaml").symlink_to(project / "nowhere.yaml")
    status, _, err = run(["check", "--data", "data"], capsys)
    assert (status, err) == (
        1,
        [
            "data/people/jane.yaml:1:1: (file): cannot read the file: No such file or directory",
            "1 problem found; nothing was written",
        ],
    )


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_data_file_that_is_no_file_is_a_problem_not_a_hang(
    kind: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project / "data" / "people" / "pipe.yaml"
    if kind == "fifo":
        os.mkfifo(path)  # nobody writes to it: reading it would wait forever
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    status, _, err = run(["check", "--data", "data"], capsys)
    assert (status, err) == (
        1,
        [
            "data/people/pipe.yaml:1:1: (file): cannot read the file: not a regular file (a pipe, a device or a socket); "
            "only files are read",
            "1 problem found; nothing was written",
        ],
    )


def test_editor_backups_and_autosaves_are_not_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("acme.yaml~", "#acme.yaml#", ".acme.yaml.swp", "acme.yaml.tmp", "4913"):
        (project / "data" / "companies" / name).write_text("half: [written", encoding="utf-8")
    (project / "data" / "site.yaml~").write_text("old: settings", encoding="utf-8")
    status, out, err = run(["check", "--data", "data"], capsys)
    assert (status, err) == (0, [])
    assert out[-1].startswith("ok: ")


def test_a_read_only_output_folder_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # /proc takes no new files, even from root.
    status, _, err = run(["build", "--data", "data", "--templates", str(ROOT / "templates"), "--out", "/proc/briefing"], capsys)
    assert status == 1
    assert len(err) == 1 and err[0].startswith("error: cannot write /proc/briefing"), err


def test_languages_in_another_order_pass_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The site's languages come from data/site.yaml alone (the plugin configures i18n from it): any order is valid."""
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("[ja, en]", "[en, ja]"), encoding="utf-8")
    status, _, err = run(["check", "--data", "data"], capsys)
    assert (status, err) == (0, [])
