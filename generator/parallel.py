"""Work done on the other core: a forked process computes a value while this one goes on.

The generator's work splits cleanly by language, and MkDocs, after it, uses one
core. A fork shares everything already loaded, so the child starts at once;
its answer comes back pickled through a pipe. Where a fork is not safe (other
threads running, as under ``mkdocs serve``) or not possible, the work is simply
done here when its result is asked for; if the child fails, it is done again
here, so that a real error shows as itself.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import threading
import typing
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Alongside(Generic[T]):
    """``fn()``, computed in a forked process from now on; ``result()`` waits for it."""

    def __init__(self, fn: Callable[[], T], *, enabled: bool = True) -> None:
        self._fn = fn
        self._pid: int | None = None
        self._reader = -1
        if enabled and hasattr(os, "fork") and threading.active_count() == 1:
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: compute, answer, and leave without running the parent's exit handlers
                os.close(reader)
                try:
                    answer = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # any failure: the parent does the work itself
                    answer = pickle.dumps((False, None))
                with os.fdopen(writer, "wb") as out:
                    out.write(answer)
                os._exit(0)
            os.close(writer)
            self._pid, self._reader = pid, reader

    def ready(self) -> bool:
        """Whether ``result()`` would answer at once (the child has started to answer, or there is none)."""
        return self._pid is None or bool(select.select([self._reader], [], [], 0)[0])

    def cancel(self) -> None:
        """Stop the child, if there is one; ``result()`` must not be asked for afterwards."""
        if self._pid is not None:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._reader)
            self._pid = None

    def result(self) -> T:
        """The value, from the child if it delivered one, else computed here."""
        if self._pid is None:
            return self._fn()
        with os.fdopen(self._reader, "rb") as answers:
            answer = answers.read()
        os.waitpid(self._pid, 0)
        self._pid = None
        if not answer:
            return self._fn()
        ok, value = pickle.loads(answer)  # our own child's answer
        return typing.cast(T, value) if ok else self._fn()
