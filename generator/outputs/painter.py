"""Drawing the charts' pictures: off the build's path, and only once for the same picture.

Drawing an SVG with matplotlib costs far more than rendering a page, and a page
does not need its pictures until the site is written. So a painter process,
started as the build starts, loads matplotlib and draws the pictures while
MkDocs converts the pages. Every picture is kept under its digest in a store
folder: the next build, or the next save under ``mkdocs serve``, reuses it
instead of drawing it again. The bytes are the same whichever way a picture was made.

Run as ``python -m generator.outputs.painter``, this module is the painter: it reads one
job per line on standard input (JSON: a store folder and the pictures to draw
into it) and answers ``done <group>`` (or ``failed <group>: <reason>``) per job.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

from ..render.charts import Bar, Drawing
from ..staging import die_with_parent
from ..writer import Known, file_state, write_files
from .pictures import LAYOUT_FONT_PACKAGE, draw, load_matplotlib

# Part of every digest: a new matplotlib, a new layout font or a change to how charts are drawn makes new pictures.
_DRAWN_BY = (
    f"matplotlib {version('matplotlib')}\0{LAYOUT_FONT_PACKAGE} {version(LAYOUT_FONT_PACKAGE)}\0".encode()
    + Path(__file__).with_name("pictures.py").read_bytes()
    + Path(__file__).parent.parent.joinpath("render", "charts.py").read_bytes()
)


def digest(drawing: Drawing) -> str:
    """A name for the picture ``drawing`` describes, the same in every run."""
    return hashlib.sha256(_DRAWN_BY + repr(drawing).encode()).hexdigest()[:32]


def _to_json(drawing: Drawing) -> dict[str, Any]:
    return dataclasses.asdict(drawing)


def _from_json(data: dict[str, Any]) -> Drawing:
    return Drawing(
        title=data["title"],
        labels=tuple(data["labels"]),
        series=tuple(data["series"]),
        bars=tuple(tuple(Bar(**bar) for bar in group) for group in data["bars"]),
        kind=data["kind"],
        fonts=tuple(data["fonts"]),
        derived_label=data["derived_label"],
        source=data["source"],
    )


class PainterError(RuntimeError):
    """The painter process failed or went away."""


class Painter:
    """The painter process, seen from the build."""

    def __init__(self) -> None:
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "generator.outputs.painter"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            preexec_fn=die_with_parent,
            text=True,
            encoding="utf-8",
        )
        self._answers: dict[str, str] = {}

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def submit(self, group: str, store: Path, items: dict[str, Drawing]) -> None:
        """Ask for pictures (digest → drawing) to be drawn into ``store``."""
        job = {"group": group, "store": str(store), "items": {name: _to_json(d) for name, d in items.items()}}
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(job, ensure_ascii=False) + "\n")
            self._process.stdin.flush()
        except OSError as exc:
            raise PainterError(f"the chart painter went away: {exc}") from None
        self._answers.pop(group, None)

    def wait(self, group: str) -> None:
        """Block until the painter answered for ``group``; raise PainterError if it failed."""
        stdout: IO[str] | None = self._process.stdout
        assert stdout is not None
        while group not in self._answers:
            line = stdout.readline()
            if not line:
                self._log.seek(0)
                detail = self._log.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
                raise PainterError(f"the chart painter stopped: {detail[0]}")
            answer, _, rest = line.rstrip("\n").partition(" ")
            name, _, reason = rest.partition(": ")
            self._answers[name] = reason if answer == "failed" else ""
        if reason := self._answers[group]:
            raise PainterError(f"drawing the charts failed: {reason}")

    def stop(self) -> None:
        """Let the painter finish its last job and end."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._log.close()


_PAINTER: Painter | None = None


@atexit.register
def _stop_painter() -> None:
    if _PAINTER is not None:
        _PAINTER.stop()


def warm_up() -> Painter:
    """The painter process, started now if it is not running: it loads matplotlib while the build gets going."""
    global _PAINTER
    if _PAINTER is None or not _PAINTER.alive:
        _PAINTER = Painter()
    return _PAINTER


def _group(path: str) -> str:
    return path.partition("/")[0]  # the language folder


class Pictures:
    """The chart files of one build: those in the store are written at once, the others drawn alongside."""

    def __init__(
        self, drawings: Mapping[str, Drawing], out_dir: Path, store: Path | None = None, known: Known | None = None
    ) -> None:
        self.out_dir = out_dir
        self.store = store
        # What this process wrote before (mkdocs serve, the benchmark): a picture already in place is left alone.
        self.known = known
        self.paths = set(drawings)
        self.written: list[str] = []
        self._drawings = dict(drawings)
        self._digests = {path: digest(d) for path, d in drawings.items()}
        self._waiting: dict[str, list[str]] = {}
        self._painter: Painter | None = None

    def _stored(self, path: str) -> bytes | None:
        if self.store is None:
            return None
        try:
            return (self.store / f"{self._digests[path]}.svg").read_bytes()
        except OSError:
            return None

    @property
    def pending(self) -> set[str]:
        """Chart files not written yet: they are being drawn."""
        return {path for paths in self._waiting.values() for path in paths}

    def start(self, *, background: bool = True) -> None:
        """Write the stored pictures; have the others drawn by the painter (or here, without ``background``)."""
        todo = {path for path in self.paths if not self._in_place(path)}
        ready = {path: data for path in sorted(todo) if (data := self._stored(path)) is not None}
        self._write(ready, store=False)
        missing: dict[str, list[str]] = {}
        for path in sorted(todo - set(ready)):
            missing.setdefault(_group(path), []).append(path)
        for group, paths in missing.items():
            if background and self.store is not None:
                try:
                    self._painter = warm_up()
                    self._painter.submit(group, self.store, {self._digests[p]: self._drawings[p] for p in paths})
                    self._waiting[group] = paths
                    continue
                except (OSError, PainterError):
                    pass  # no painter: draw here
            self._write({p: draw(self._drawings[p]) for p in paths})
        self._prune()

    def drawn(self, group: str) -> bool:
        """Whether the pictures of a language folder can be written without waiting."""
        return all(self._stored(p) is not None for p in self._waiting.get(group, []))

    def finish(self, group: str | None = None) -> None:
        """Wait for the pictures of one language folder (or all) and write them."""
        for name in [g for g in self._waiting if group is None or g == group]:
            paths = self._waiting.pop(name)
            assert self._painter is not None
            try:
                self._painter.wait(name)
            except PainterError:
                pass  # drawn here instead: a real failure then shows as the real error
            self._write({p: self._stored(p) or draw(self._drawings[p]) for p in paths})

    def cancel(self) -> None:
        """Stop waiting for pictures (the build failed); nothing more is written."""
        self._waiting.clear()

    def _in_place(self, path: str) -> bool:
        seen = self.known.get(path) if self.known is not None else None
        return seen is not None and seen[0] == self._digests[path] and seen[1:] == file_state(self.out_dir / path)

    def _write(self, done: dict[str, bytes], *, store: bool = True) -> None:
        if store and self.store is not None:
            write_files({f"{self._digests[path]}.svg": data for path, data in done.items()}, self.store)
        self.written += write_files(done, self.out_dir)
        if self.known is not None:
            for path in done:
                self.known[path] = (self._digests[path], *file_state(self.out_dir / path))

    def _prune(self) -> None:
        """Keep the store to the pictures of this build."""
        if self.store is not None and self.store.is_dir():
            keep = {f"{name}.svg" for name in self._digests.values()}
            for old in self.store.glob("*.svg"):
                if old.name not in keep:
                    old.unlink(missing_ok=True)


def _serve() -> None:
    """The painter's loop: load matplotlib at once, then draw the pictures of each job into its store."""
    load_matplotlib()
    for line in sys.stdin:
        job = json.loads(line)
        try:
            store = Path(job["store"])
            write_files({f"{name}.svg": draw(_from_json(item)) for name, item in job["items"].items()}, store)
            print(f"done {job['group']}", flush=True)
        except Exception as exc:  # reported to the build, which draws the pictures itself and shows the real error
            print(f"failed {job['group']}: {' '.join(str(exc).split()) or type(exc).__name__}", flush=True)


if __name__ == "__main__":
    _serve()
