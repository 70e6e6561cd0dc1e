"""Child processes started by a build: the chart painter, Pagefind and the forked language build."""

from __future__ import annotations

import ctypes
import os
import signal


def die_with_parent() -> None:
    """In a child process: be killed when the process that started it dies (Linux), so no orphan writes on.

    A killed build's forked language build, Pagefind and chart painter would otherwise write into the next build's folders.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the parent stops its children itself when it can
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
