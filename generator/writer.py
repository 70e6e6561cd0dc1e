"""Writing generated pages: only files whose content changed, and only after everything rendered."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class WriteStats:
    """What one write did to the output folder."""

    written: list[str]
    unchanged: int
    removed: list[str]


def _safe_target(out_dir: Path, rel: str) -> Path:
    target = (out_dir / rel).resolve()
    if out_dir.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {out_dir}: {rel}")
    return target


def write_tree(pages: dict[str, str | bytes], out_dir: Path) -> WriteStats:
    """Make ``out_dir`` hold exactly ``pages``; files whose text is unchanged are not touched.

    Unchanged files keep their modification time, so ``mkdocs serve`` and the
    browser see only real changes and no rebuild loop can start.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    unchanged = 0
    for rel, text in sorted(pages.items()):
        target = _safe_target(out_dir, rel)
        data = text.encode("utf-8") if isinstance(text, str) else text
        try:
            if target.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        written.append(rel)
    removed = []
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in pages:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteStats(written, unchanged, removed)
