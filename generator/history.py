"""When each data file last changed, from git: the time a feed entry was last updated.

A file's time is the commit time of the last commit that touched it, known only in a
checkout with its history and only for files committed as they are now. Elsewhere (a copy
without git, a shallow clone, an edited file) the time is unknown, and the build's own time
(``SOURCE_DATE_EPOCH``) stands in for it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def file_times(data_dir: Path, rel: str = "data") -> dict[str, int]:
    """``{"data/events/events.yaml": unix time of its last commit}`` for the committed, unchanged files below ``data_dir``.

    Empty outside a git checkout and in a shallow clone, whose oldest commit seems to add every file.
    """
    if not data_dir.is_dir() or (_git(data_dir, "rev-parse", "--is-shallow-repository") or "true").strip() != "false":
        return {}
    log = _git(data_dir, "log", "--format=%x00%ct", "--name-only", "--relative", "--no-renames", "--", ".")
    edited = _git(data_dir, "diff", "--name-only", "--relative", "--no-renames", "HEAD", "--", ".")
    if log is None or edited is None:
        return {}
    changed = set(edited.splitlines())
    times: dict[str, int] = {}
    for commit in log.split("\0")[1:]:
        stamp, *names = commit.strip().splitlines() or ["0"]
        for name in names:
            if name and name not in changed:
                times.setdefault(f"{rel}/{name}" if rel else name, int(stamp))
    return times


def build_time() -> int | None:
    """The build's time as reproducible builds give it (``SOURCE_DATE_EPOCH``), if set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else None
