"""The built site is whole and reproducible, bad data changes nothing, and consistency checks report.

Real builds: the session ``built_site`` for the link check, a few builds of
the tiny briefing (tests/fixtures/tiny) for the rest.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from projectkit import MKDOCS, ROOT, copy_project, mkdocs_build
from support.linkcheck import check_site
from test_errors import CASES, write

from generator.cli import main
from generator.plugin import commit_time

TINY = Path(__file__).parent / "fixtures" / "tiny"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamped(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


# ----------------------------------------------------------------- links


def test_built_sample_site_has_no_broken_links_anchors_images_or_hreflang(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    assert check_site(built_site) == []


def _mini_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_link_checker_finds_every_kind_of_break(tmp_path: Path) -> None:
    site = _mini_site(
        tmp_path,
        {
            "index.html": '<html lang="ja"><head><link rel="alternate" hreflang="ja" href="./">'
            '<link rel="alternate" hreflang="en" href="en/"></head><body id="top">'
            '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a><a href="https://example.com/">ext</a>'
            '<a href="missing/">1</a><a href="a/#nowhere">2</a><img src="img/missing.png">'
            '<a href="javascript:alert(1)">3</a><a href="../../etc/passwd">4</a><p id="x"></p><p id="x"></p></body></html>',
            "a/index.html": '<html lang="ja"><body><h2 id="here">here</h2></body></html>',
            "en/index.html": '<html lang="en"><head><link rel="alternate" hreflang="en" href="./"></head><body></body></html>',
        },
    )
    found = [(b.page, b.target, b.reason) for b in check_site(site)]
    assert found == sorted(
        [
            ("index.html", "#x", "id used twice on the page"),
            ("index.html", "../../etc/passwd", "points outside the site (a)"),
            ("index.html", "a/#nowhere", "no anchor #nowhere in a/index.html"),
            ("index.html", "en/", "hreflang en: en/index.html has no hreflang ja alternate back to this page"),
            ("index.html", "img/missing.png", "no such file (img)"),
            ("index.html", "javascript:alert(1)", "link scheme 'javascript' is not allowed (a)"),
            ("index.html", "missing/", "no such file (a)"),
        ]
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_fails_on_broken_link_anchor_or_image(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", TINY)
    good = mkdocs_build(project)
    assert good.returncode == 0, good.stderr
    before = _tree(project / "site")
    assert "index.html" in before and "en/index.html" in before
    (project / "docs" / "ja" / "broken.md").write_text(
        "# 壊れたリンク\n\n[どこにもない](nowhere.md)\n\n[アンカー](about.md#no-such-anchor)\n\n![画像](missing.png)\n",
        encoding="utf-8",
    )
    _edit(project / "data" / "metrics/acme.yaml", "percent: 10", "percent: 12")
    result = mkdocs_build(project)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert f"INFO    -  data warning: {SHARE}" in log  # a warning-level finding is shown and does not count as a build warning
    assert "contains a link 'nowhere.md', but the target 'ja/nowhere.md' is not found among documentation files" in log
    assert (
        "contains a link 'about.md#no-such-anchor', but the doc" in log and "does not contain an anchor '#no-such-anchor'" in log
    )
    assert "contains a link 'missing.png', but the target 'ja/missing.png' is not found among documentation files" in log
    assert "Aborted with 3 warnings in strict mode!" in log
    # MkDocs had written the pages before counting the warnings: the plugin built them aside.
    assert _tree(project / "site") == before, "site/ is left exactly as the last good build made it"
    assert sorted(p.name for p in (project / "build").iterdir()) == ["docs"], "no staging folder is left behind"
    (project / "docs" / "ja" / "broken.md").write_text("# 直したページ\n", encoding="utf-8")
    _edit(project / "data" / "metrics/acme.yaml", "percent: 12", "percent: 10")
    fixed = mkdocs_build(project)
    assert fixed.returncode == 0, fixed.stderr
    assert (project / "site" / "broken" / "index.html").is_file() and not (project / "build" / "site-staging").exists()


def test_a_warning_in_a_later_language_fails_the_build_once(tmp_path: Path) -> None:
    """English is built by MkDocs in a forked process beside Japanese: its warnings still fail a strict
    build, are shown once, after the Japanese build's log, and site/ is left as it was."""
    project = copy_project(tmp_path / "project", TINY)
    good = mkdocs_build(project)
    assert good.returncode == 0, good.stderr
    before = _tree(project / "site")
    (project / "docs" / "en" / "broken.md").write_text("# Broken\n\n[Nowhere](nowhere.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    warning = "contains a link 'nowhere.md', but the target 'en/nowhere.md' is not found among documentation files"
    assert log.count(warning) == 1
    assert result.stderr.index("Building 'en' documentation") < result.stderr.index(warning)
    assert "Aborted with 1 warnings in strict mode!" in log
    assert _tree(project / "site") == before
    assert sorted(p.name for p in (project / "build").iterdir()) == ["docs"], "no staging folder is left behind"


# ----------------------------------------------------------------- reproducible


def test_two_clean_builds_are_byte_identical_and_default_to_the_commit_time(tmp_path: Path) -> None:
    """Build A has SOURCE_DATE_EPOCH set; build B is a git checkout committed at that time and has it unset."""
    first = copy_project(tmp_path / "a")
    second = copy_project(tmp_path / "b")
    git_env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{EPOCH} +0000",
        "GIT_COMMITTER_DATE": f"@{EPOCH} +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *args], cwd=second, env=git_env, check=True, capture_output=True)
    assert commit_time(second) == EPOCH
    assert commit_time(tmp_path) is None

    published = {"BRIEFING_SITE_URL": "https://example.org/briefing/"}  # a sitemap is written only with the site's address
    result = mkdocs_build(first, env={"SOURCE_DATE_EPOCH": EPOCH, **published})
    assert result.returncode == 0, result.stderr
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [MKDOCS, "build", "--strict"],
        cwd=second,
        env={**env, "NO_MKDOCS_2_WARNING": "1", **published},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    assert tree(first / "build" / "docs") == tree(second / "build" / "docs")
    site_a, site_b = tree(first / "site"), tree(second / "site")
    assert any(name.startswith("pagefind/") for name in site_a)
    assert "sitemap.xml.gz" in site_a
    assert sorted(site_a) == sorted(site_b)
    assert [name for name in site_a if site_a[name] != site_b[name]] == []
    sitemap = gzip.decompress(site_a["sitemap.xml.gz"]).decode()
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {"2023-11-14"}


# ----------------------------------------------------------------- bad data writes nothing


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("good") / "project", TINY)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    (project / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())
    return project


# One case of each kind of problem (the exact lines of every case are checked in test_errors.py):
# the YAML parser, the file reader, the schema, the id rules, dates, references and URLs.
BROKEN = {
    name: CASES[name]
    for name in (
        "yaml syntax error",
        "tab indentation",
        "not utf-8",
        "empty file",
        "unknown key near miss",
        "impossible day",
        "id with a path",
        "duplicate id across files",
    )
} | {
    "javascript url": (
        {
            "sources/paper.yaml": "title: {ja: 報告, en: Report}\npublisher: {ja: 新聞, en: Times}\ndate: 2023-05\n"
            "url: javascript:alert(1)\n"
        },
        ["data/sources/paper.yaml:4:6: url: 'javascript:alert(1)' is not allowed: links must start with http:// or https://"],
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_bad_data_fails_every_entry_point_and_leaves_the_site_as_it_was(case: str, good_build: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_build, project, symlinks=True)
    files, listed = BROKEN[case]
    expected = sorted(listed)  # problems are reported in file order
    write(project, files)
    before = {name: stamped(project / name) for name in ("site", "docs", "build")}
    config = (project / "mkdocs.yml").read_bytes()

    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True, check=False)
    assert check.returncode == 1
    assert check.stderr.splitlines() == expected + [
        f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found; nothing was written"
    ]

    build = mkdocs_build(project)
    assert build.returncode == 1
    errors = [line for line in build.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  {line}" for line in expected] + [
        f"ERROR   -  {len(expected)} data problem(s); nothing was built"
    ]
    assert "Traceback" not in build.stdout + build.stderr

    # The real Makefile, with the tools of this test run instead of a fresh .venv.
    make = subprocess.run(
        ["make", "-o", ".venv/.installed", "site", f"BIN={Path(sys.executable).parent}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert make.returncode != 0
    assert expected[0] in make.stderr and "Traceback" not in make.stdout + make.stderr

    assert {name: stamped(project / name) for name in ("site", "docs", "build")} == before
    assert (project / "mkdocs.yml").read_bytes() == config


# ----------------------------------------------------------------- safe by construction

PACKAGE = ROOT / "generator"


def test_yaml_is_only_loaded_with_safe_loaders() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    for unsafe in ("yaml.load(", "yaml.load_all(", "unsafe_load", "yaml.Loader", "FullLoader", "UnsafeLoader", "full_load"):
        assert unsafe not in source, unsafe
    assert "CSafeLoader" in source


def test_templates_never_come_from_data() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    for call in ("from_string(", "jinja2.Template(", "Template(", "BaseLoader", "DictLoader", "FunctionLoader"):
        assert call not in source, call


def test_mkdocs_config_is_never_written() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    code = re.sub(r'(""".*?"""|#.*)', "", source, flags=re.S)
    # Named in messages and read (check compares its root language with the data's), never written.
    for line in (line for line in code.splitlines() if "mkdocs.yml" in line):
        assert not re.search(r"write|open\(|rename|replace\(|unlink|dump", line), line


# ----------------------------------------------------------------- consistency checks


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(TINY, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    status = main(["check", "--data", "data", *extra])
    return status, capsys.readouterr().err.splitlines()


SHARE = "data/metrics/acme.yaml:29:14: [2].share.percent: 12% does not match the figures: 20 million / 200 million (gadgets-shipments-2023-q1) = 10.0%; correct the share or the figures"


def test_share_that_does_not_match_its_figures_is_a_warning(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "metrics/acme.yaml", "percent: 10", "percent: 12")
    assert _check(capsys) == (0, [f"warning: {SHARE}"])
    assert _check(capsys, "--strict") == (1, [f"warning: {SHARE}", "1 warning found; failing because of --strict"])


def test_share_within_rounding_is_fine(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "metrics/acme.yaml", "value: 20\n", "value: 20.9\n")  # 20.9 / 200 = 10.45% rounds to 10
    assert _check(capsys, "--strict") == (0, [])


def test_check_level_is_configurable(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "metrics/acme.yaml", "percent: 10", "percent: 12")
    with (data / "site.yaml").open("a", encoding="utf-8") as fh:
        fh.write("checks: {derived_figures: error}\n")
    assert _check(capsys) == (1, [SHARE, "1 problem found; nothing was written"])
    _edit(data / "site.yaml", "derived_figures: error", "derived_figures: off")
    assert _check(capsys, "--strict") == (0, [])


def test_year_on_year_change_is_recomputed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "metrics/acme.yaml", "change_yoy: 25", "change_yoy: 2.5")
    assert _check(capsys) == (
        0,
        [
            "warning: data/metrics/acme.yaml:9:15: [0].change_yoy: 2.5% does not match the figures: 12.5 billion against "
            "10 billion (acme-revenue-2022-q1) is 25.00%; correct the change or the figures"
        ],
    )


def test_compared_figures_must_share_unit_currency_and_period(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "metrics/acme.yaml", "  currency: CNY\n  source: paper", "  currency: USD\n  source: paper")
    _edit(data / "metrics/acme.yaml", "  period: 2023-Q1\n  value: 200", "  period: 2023\n  value: 200")
    assert _check(capsys) == (
        1,
        [
            "data/metrics/acme.yaml:9:15: [0].change_yoy: cannot be compared with 'acme-revenue-2022-q1': the currency is CNY but 'acme-revenue-2022-q1' is in USD",
            "data/metrics/acme.yaml:30:9: [2].share.of: cannot be a share of 'gadgets-shipments-2023-q1': the period is 2023-Q1 but 'gadgets-shipments-2023-q1' covers 2023",
            "2 problems found; nothing was written",
        ],
    )


def test_event_after_its_source_must_be_planned(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "events/events.yaml", "date: 2023-04", "date: 2023-06-01")
    assert _check(capsys) == (
        0,
        [
            "warning: data/events/events.yaml:3:11: [0].status: dated 2023-06-01, after its source 'paper' (2023-05), but the status is "
            "'happened': an event after the report can only be planned; set status: planned or correct the date"
        ],
    )
    _edit(data / "events/events.yaml", "status: happened", "status: planned")
    assert _check(capsys, "--strict") == (0, [])


def test_event_in_the_month_of_its_source_is_not_after_it(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data / "events/events.yaml", "date: 2023-04", "date: 2023-05-31")
    assert _check(capsys, "--strict") == (0, [])


def test_sample_data_passes_strict_check(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    status = main(["check", "--strict"])
    assert (status, capsys.readouterr().err) == (0, "")
