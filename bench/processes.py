"""Timing a command as the benchmark does: wall time, the CPU time of its whole process tree, peak memory; and a busy core.

CPU time is user + system time of the command and of every process it started, waited for or not:
``os.wait4`` gives a process's own time plus that of the descendants it waited for, and while a timed
command runs this process is a child subreaper (Linux ``prctl``), so a descendant whose parent left
without waiting for it is handed to this process, which waits for it and adds its time.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Timing:
    """One timed command."""

    wall_s: float
    cpu_s: float
    peak_mb: float
    stderr: str = ""

    def __add__(self, other: Timing) -> Timing:
        """Two commands run one after the other: their times add up; the peak is the larger."""
        return Timing(self.wall_s + other.wall_s, self.cpu_s + other.cpu_s, max(self.peak_mb, other.peak_mb), other.stderr)


def _subreaper(on: bool) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def children() -> set[int]:
    """This process's child processes, running or exited and not yet waited for."""
    me = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # ended meanwhile
        # After the command name, which is in parentheses and may hold any character: state, then parent id.
        if text[text.rindex(")") + 2 :].split()[1] == me:
            found.add(int(stat.parent.name))
    return found


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: list[str], cwd: Path) -> Timing:
    """Run ``cmd`` and wait for it and everything it started. Fails loudly.

    Wall time ends when ``cmd`` itself exits (what a user waits for); CPU time includes every descendant;
    peak memory is that of ``cmd``'s own process.
    """
    before = children()  # e.g. a load process: not part of this command
    _subreaper(True)
    try:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=ENV)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = _cpu(usage)
            while orphans := children() - before:
                for pid in orphans:
                    cpu += _cpu(os.wait4(pid, 0)[2])
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
    finally:
        _subreaper(False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{stderr[-3000:]}")
    return Timing(wall, cpu, usage.ru_maxrss / 1024, stderr)


@contextmanager
def busy_core() -> Iterator[None]:
    """One core kept busy for the duration by a spinning process (not pinned: the scheduler places it, as other work)."""
    load = subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL)
    try:
        yield
    finally:
        load.kill()
        load.wait()
