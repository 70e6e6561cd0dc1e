"""``mkdocs build`` writes into a staging folder that replaces the site only when the whole build succeeded.

One build of a folder at a time (a lock on the build folder), and a file-system failure (a full disk,
a read-only folder) said in one line at the end instead of MkDocs' traceback.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ..build.staging import discard, hold_build_lock, publish, staging_for
from ..errors import fault

log = logging.getLogger("mkdocs.plugins.briefing")


class Publishing:
    """The staging folder, the build lock and the build's outcome, for one ``mkdocs build``."""

    def __init__(self, stage: bool) -> None:
        self.stage = stage
        self.failed = False
        self.lock: int | None = None
        self.staged: tuple[MkDocsConfig, Path, Path] | None = None
        self.fault: OSError | None = None

    def start(self, config: MkDocsConfig, build_dir: Path, *, locked: bool, staged: bool) -> None:
        """Wait for other builds of the folder (``locked``) and point MkDocs at the staging folder (``staged``)."""
        try:
            if locked and self.lock is None:
                self.lock = hold_build_lock(build_dir.parent, log.info)
            build_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # before the build starts: MkDocs would show a traceback
            raise Abort(fault(exc)) from None
        if staged and self.stage and self.staged is None:
            site_dir = Path(config.site_dir)
            staging = staging_for(site_dir, build_dir)
            discard(staging)
            self.staged = (config, site_dir, staging)
            config.site_dir = str(staging)

    def build_failed(self, error: Exception) -> None:
        self.failed = True
        if isinstance(error, OSError) and self.fault is None:
            self.fault = error

    def end(self) -> None:
        """Publish the staging folder if the build succeeded; release the lock; Abort with one line on a fault."""
        try:
            self._publish()
        except OSError as exc:
            self.fault = exc
        finally:
            if self.lock is not None:
                os.close(self.lock)
                self.lock = None
        if self.fault is not None:
            # Raised while MkDocs unwinds the OSError: the message replaces its traceback.
            fault_line, self.fault = fault(self.fault), None
            raise Abort(f"{fault_line}; the published site was left as it was")

    def _publish(self) -> None:
        if self.staged is None:
            return
        config, site_dir, staging = self.staged
        self.staged = None
        config.site_dir = str(site_dir)
        if self.failed or not staging.is_dir():
            discard(staging)
            log.info(f"The build failed; {site_dir} was left as it was.")
        else:
            publish(staging, site_dir)
