"""The build's date: the last commit's, so that two builds of one commit give the same bytes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

EPOCH = "SOURCE_DATE_EPOCH"


def commit_time(root: Path) -> str | None:
    """Unix time of the last commit of the git checkout holding ``root``; None outside a checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


class BuildDate:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, for the whole build.

    The generator is given it as an argument. MkDocs reads it only from the environment (the
    sitemap's dates, the gzip header), so the variable is set for the build when it was unset,
    and removed again when the build ends: the one write to ``os.environ``.
    """

    def __init__(self) -> None:
        self.set_here = False

    def start(self, root: Path) -> int | None:
        if EPOCH not in os.environ and (epoch := commit_time(root)):
            os.environ[EPOCH] = epoch
            self.set_here = True
        value = os.environ.get(EPOCH, "")
        return int(value) if value.isdigit() else None

    def end(self) -> None:
        if self.set_here:
            os.environ.pop(EPOCH, None)
            self.set_here = False
