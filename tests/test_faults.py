"""Process faults: builds at once and builds killed midway never publish an incomplete or mixed site."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
from pathlib import Path

import pytest
from projectkit import MKDOCS, copy_project

# Fixed, so that every build of the same data is byte-identical (the copy is no git checkout).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
SUMMARY = "The company at the centre of this briefing"


def _start(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [MKDOCS, "build", "--strict"], cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _build(project: Path) -> dict[str, str]:
    process = _start(project)
    output, _ = process.communicate()
    assert process.returncode == 0, output
    assert "Traceback" not in output, output
    return _snapshot(project / "site")


def _snapshot(site: Path) -> dict[str, str]:
    """Every file of a site and a digest of its bytes."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()
    }


def _set_version(project: Path, version: str) -> None:
    company = project / "data" / "companies" / "xiaomi.yaml"
    text = company.read_text(encoding="utf-8")
    now = "B" if f"{SUMMARY} (version B)" in text else "A"
    if now != version:
        old, new = (SUMMARY, f"{SUMMARY} (version B)") if version == "B" else (f"{SUMMARY} (version B)", SUMMARY)
        company.write_text(text.replace(old, new), encoding="utf-8")


def test_two_builds_at_once_publish_a_whole_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    reference = _build(copy_project(tmp_path / "reference"))
    first, second = _start(project), _start(project)
    outputs = [p.communicate()[0] for p in (first, second)]
    for process, output in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, output
        assert "Traceback" not in output, output
    assert _snapshot(project / "site") == reference


def test_builds_killed_at_random_points_leave_the_site_whole_and_the_next_build_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _set_version(project, "B")
    clean = {"B": _build(project)}
    _set_version(project, "A")
    clean["A"] = _build(project)
    published = "A"
    chance = random.Random(19)
    for round_ in range(4):
        version = "B" if published == "A" else "A"
        _set_version(project, version)
        build = _start(project)
        delay = chance.uniform(0.3, 4.0)
        try:
            build.communicate(timeout=delay)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGKILL)  # the main process only, as a crash or the OOM killer would
            build.communicate()
        # The previous site, or the new one if the build was done before the kill: whole either way.
        after_kill = _snapshot(project / "site")
        assert after_kill in (clean[published], clean[version]), f"round {round_}: killed after {delay:.2f} s"
        # At once, while the killed build's children may be on their way out.
        assert _build(project) == clean[version], f"round {round_}: rebuild after a kill at {delay:.2f} s"
        published = version


TINY = Path(__file__).parent / "fixtures" / "tiny"


def _failed_build(project: Path, *extra: str) -> list[str]:
    """The lines a failing ``mkdocs build --strict`` ends with (no traceback allowed), its INFO lines left out."""
    result = subprocess.run(
        [MKDOCS, "build", "--strict", *extra],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout, result.stdout
    return [line for line in result.stdout.splitlines() if line.strip() and not line.startswith(("INFO", "  - "))]


def test_languages_in_another_order_build_with_the_first_at_the_root(tmp_path: Path) -> None:
    """check accepted [en, ja] and the build then failed inside Pagefind; now the build follows the data's order."""
    project = copy_project(tmp_path / "project", data=TINY)
    site_yaml = project / "data" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("[ja, en]", "[en, ja]"), encoding="utf-8")
    _build(project)
    assert '<html lang="en"' in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in (project / "site" / "ja" / "index.html").read_text(encoding="utf-8")


def test_a_site_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", data=TINY)
    # /proc takes no new folders, even from root: the whole build runs, then publishing fails.
    assert _failed_build(project, "--site-dir", "/proc/briefing-site") == [
        "cannot write /proc/briefing-site: No such file or directory; the published site was left as it was"
    ]


def test_generated_pages_that_cannot_be_written_are_one_line_and_the_site_stays(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", data=TINY)
    before = _build(project)
    folder = project / "build" / "docs" / "en" / "companies"
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not available here (it needs root on a file system that supports it)")
    try:
        company = project / "data" / "companies" / "acme.yaml"
        company.write_text(company.read_text(encoding="utf-8").replace("A fictional", "An imaginary"), encoding="utf-8")
        lines = _failed_build(project)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert lines[-1] == (f"cannot write {folder}/.acme.md.tmp: Operation not permitted; the published site was left as it was"), (
        lines
    )
    assert _snapshot(project / "site") == before


def test_a_full_disk_is_one_line_and_publishes_nothing(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    staged = copy_project(tmp_path / "staged", data=TINY)
    needed = sum(p.stat().st_size for p in staged.rglob("*") if p.is_file())
    # Room for the project and a little more: the build runs out of space on its way.
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={needed + 400_000}", "tmpfs", str(disk)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a small file system here (it needs root)")
    try:
        project = copy_project(disk / "project", data=TINY)
        lines = _failed_build(project)
        assert lines[-1].startswith(f"cannot write {project}/build/") and lines[-1].endswith(
            ": No space left on device; the published site was left as it was"
        ), lines
        assert not (project / "site").exists()
    finally:
        subprocess.run(["umount", str(disk)], check=True)
