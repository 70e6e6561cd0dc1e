"""The generator's time on the build's path, for the benchmark: ``bench/run.py`` reads the line ``report`` logs."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..build.pipeline import Generated

log = logging.getLogger("mkdocs.plugins.briefing")


class BuildTimer:
    """Seconds the build spent in the generator's work while nothing else could go on.

    ``shared`` is the work before a split build forks (counted once); ``own`` is this process's work
    after it, replaced by the other process's when that one finished later.
    """

    def __init__(self) -> None:
        self.shared = 0.0
        self.own = 0.0

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Count the time of the block as the generator's."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.own += time.perf_counter() - started

    def add(self, seconds: float) -> None:
        self.own += seconds

    def line(self) -> str:
        return f"briefing: generator time on the build's path {self.shared + self.own:.3f} s"


def log_generated(generated: Generated, seconds: float) -> None:
    """The generation's lines in the build's log."""
    # Data warnings are the level an editor chose not to stop on (checks: in site.yaml); a WARNING would stop --strict.
    for warning in generated.briefing.warnings:
        log.info(f"data warning: {warning}")
    log.info(f"briefing: generated in {seconds:.3f} s")
    stats, later = generated.stats, len(generated.pending.files)  # a split build writes its pages while indexing
    if stats.written or stats.removed or later:
        log.info(
            f"briefing: {len(stats.written) + later} page(s) written, {len(stats.removed)} removed, {stats.unchanged} unchanged"
        )
