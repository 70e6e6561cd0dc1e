"""One ``generate`` for every caller: the manifest lists what it writes, and a split run writes what one run writes."""

from __future__ import annotations

import gc
import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from generator.build.pipeline import Facts, generate
from generator.mkdocs.collector import generating
from generator.mkdocs.dates import EPOCH, BuildDate
from generator.mkdocs.plugin import BriefingPlugin

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
BUILT = 1700000000


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_manifest_lists_every_file_generate_writes(tmp_path: Path) -> None:
    (tmp_path / "docs" / "ja").mkdir(parents=True)
    (tmp_path / "docs" / "ja" / "editing.md").write_text("# hand-written\n")
    done = generate(ROOT / "data", TEMPLATES, tmp_path / "out", docs_dir=tmp_path / "docs", built=BUILT)
    manifest = done.manifest
    assert set(tree(tmp_path / "out")) == manifest.paths | {"ja/editing.md"}
    assert done.made == manifest.paths
    assert manifest.pictures and all(path.endswith(".svg") for path in manifest.pictures)
    assert {"ja/feed.xml", "en/feed.xml"} <= manifest.site_files
    assert {"ja/index.md", "en/index.md"} <= manifest.pages


def test_a_stale_file_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "en" / "companies").mkdir(parents=True)
    (out / "en" / "companies" / "gone.md").write_text("stale")
    done = generate(ROOT / "data", TEMPLATES, out, built=BUILT)
    assert "en/companies/gone.md" in done.stats.removed and not (out / "en" / "companies" / "gone.md").exists()


def test_a_run_split_by_language_writes_what_one_run_writes(tmp_path: Path) -> None:
    generate(ROOT / "data", TEMPLATES, tmp_path / "one", built=BUILT)
    handed: list[Facts] = []

    def split(facts: Facts) -> list[str]:
        handed.append(facts)
        return facts.briefing.languages[:1]

    first = generate(ROOT / "data", TEMPLATES, tmp_path / "split", split=split, built=BUILT)
    assert [f.briefing for f in handed] == [first.briefing]
    assert not (tmp_path / "split" / "en" / "index.md").exists() and not (tmp_path / "split" / "ja" / "feed.xml").exists()
    others = generate(handed[0], TEMPLATES, tmp_path / "split", languages=["en"], pictures_of=[], with_site_files=False)
    rest = generate(handed[0], TEMPLATES, tmp_path / "split", languages=[], pictures_of=[], with_site_files=True)
    assert first.made | others.made | rest.made == first.manifest.paths
    assert first.made & others.made == set() and rest.made == first.manifest.site_files
    assert tree(tmp_path / "split") == tree(tmp_path / "one")


def test_generate_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    generate(ROOT / "data", TEMPLATES, tmp_path / "out", built=BUILT)
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


def test_the_adapter_has_the_collector_off_while_generating_then_freezes_what_was_made(tmp_path: Path) -> None:
    seen = []

    def split(facts: Facts) -> list[str]:  # where a split build forks: the fork inherits the collector off
        seen.append(gc.isenabled())
        return facts.briefing.languages

    try:
        with generating():
            generate(ROOT / "data", TEMPLATES, tmp_path / "out", split=split, built=BUILT)
            seen.append(gc.isenabled())
        made = gc.get_freeze_count()
        assert seen == [False, False] and gc.isenabled() and made > 10_000  # the generated site's objects
        with pytest.raises(ValueError), generating():  # a failed generation leaves the collector on too
            raise ValueError
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_plugin_entry_point_names_the_adapter() -> None:
    (plugin,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "briefing"]
    assert plugin.load() is BriefingPlugin


def test_the_build_date_is_the_last_commit_for_the_build_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EPOCH, raising=False)
    date = BuildDate()
    built = date.start(ROOT)  # this checkout's last commit
    assert built is not None and os.environ[EPOCH] == str(built)
    date.end()
    assert EPOCH not in os.environ, "the variable is removed when the build ends"
    monkeypatch.setenv(EPOCH, "1700000000")
    assert date.start(ROOT) == 1700000000
    date.end()
    assert os.environ[EPOCH] == "1700000000", "a date given by the caller stays"
