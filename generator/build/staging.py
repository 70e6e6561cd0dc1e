"""Build into a staging folder and move it into place only when the whole build succeeded.

``mkdocs build --strict`` writes every page into ``site/`` and only then fails on the
warnings it counted (a broken link, a missing anchor or image), so a failed build
would leave a half-updated ``site/``. The plugin points MkDocs at a staging folder
instead and, once MkDocs has finished without error, swaps it in for ``site/``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path


def staging_for(site_dir: Path, build_dir: Path) -> Path:
    """The staging folder of ``site_dir``: next to the generated pages (``build/site``), never inside the site."""
    return build_dir.parent / f"{site_dir.name}-staging"


def publish(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging``; the old site is removed only once the new one is in place."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    try:
        shutil.move(str(staging), str(site_dir))
    except OSError:
        if old.exists():  # put the previous site back
            shutil.rmtree(site_dir, ignore_errors=True)
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def hold_build_lock(build_root: Path, say: Callable[[str], None]) -> int:
    """Wait until no other build of this folder runs, and hold the lock until the returned descriptor is closed.

    Builds share the staging folder and the generated pages: two at once would publish a mix of both.
    The lock is the operating system's, on the build folder itself (no file to leave behind), so a
    killed build holds it no longer than its processes live.
    """
    build_root.mkdir(parents=True, exist_ok=True)
    lock = os.open(build_root, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        say(f"another build of this folder ({build_root}) is running; waiting for it to end")
        fcntl.flock(lock, fcntl.LOCK_EX)
    return lock
