"""A build split by language: the languages after the first are built by a forked process alongside the first.

The i18n plugin builds one language after the other on one core. Split, the fork starts as soon
as the facts are loaded: it renders its languages, waits until this process's build has emptied
the site folder, builds their sites, indexes them for search and meanwhile writes the downloads
and feeds. Its log is shown here; its failure fails this build in one line (the traceback with
``mkdocs build -v``). Nothing is built again to find out what went wrong.

``bench/results.md`` measured the L build at 47.5 s with the fork on a quiet 2-core machine;
``parallel: false`` in the plugin's settings turns it off.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

from ..build.pipeline import Facts, Generated, generate
from ..processes import die_with_parent
from ..render.site_map import site_path
from .head import Cards
from .i18n import build_languages, built_elsewhere, split_of
from .search import while_indexing
from .sitemaps import merge_sitemaps, write_sitemap
from .timer import BuildTimer

log = logging.getLogger("mkdocs.plugins.briefing")


@dataclass(frozen=True)
class Built:
    """What the fork hands back: its languages' sitemap, the generator's time in it and when it ended (Unix time)."""

    sitemap: str | None
    generator_s: float
    ended: float


class Fork:
    """``work`` run in a forked process; ``finish`` waits for it and returns its answer, or raises its failure."""

    def __init__(self, what: str, work: Callable[[Fork], Built]) -> None:
        self.what = what
        self._log = tempfile.TemporaryFile()
        reader, writer = os.pipe()
        go_reader, go_writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the fork: work, answer, and leave without running the parent's exit handlers
            die_with_parent()
            os.close(reader)
            os.close(go_writer)
            self._go = go_reader
            os.dup2(self._log.fileno(), 1)
            os.dup2(self._log.fileno(), 2)
            answer: tuple[str, Any]
            try:
                answer = ("built", work(self))
            except Abort as exc:
                answer = ("abort", str(exc))
            except OSError as exc:  # a file-system failure (a full disk): raised here again, said as this build's own
                answer = ("oserror", exc)
            except BaseException:
                answer = ("crashed", traceback.format_exc())
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            sys.stdout.flush()
            sys.stderr.flush()
            with os.fdopen(writer, "wb") as out:
                out.write(data)
            os._exit(0)
        os.close(writer)
        os.close(go_reader)
        self._pid, self._reader, self._go = pid, reader, go_writer

    def site_ready(self) -> None:
        """In this process: the site folder was emptied; the fork may write into it now."""
        if self._go >= 0:
            try:
                os.write(self._go, b"go")
            except BrokenPipeError:
                pass  # the fork ended already (it failed before it needed the site): finish says why
            os.close(self._go)
            self._go = -1

    def wait_for_site(self) -> None:
        """In the fork: wait until the first language's build emptied the site folder."""
        if not os.read(self._go, 2):
            raise Abort("the first language's build ended before it emptied the site folder")

    def cancel(self) -> None:
        """This build failed: stop the fork."""
        os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        self._close()

    def _close(self) -> None:
        for fd in (self._reader, self._go):
            if fd >= 0:
                os.close(fd)
        self._reader = self._go = -1
        self._log.close()

    def finish(self) -> Built:
        """Wait for the fork, show its log, and return what it built; Abort, its OSError or PluginError (one line) if it failed."""
        if self._go >= 0:  # this build never emptied the site folder: the fork stops waiting (and says so)
            os.close(self._go)
            self._go = -1
        with os.fdopen(self._reader, "rb") as answers:
            data = answers.read()
        self._reader = -1
        _, status = os.waitpid(self._pid, 0)
        self._log.seek(0)
        log_text = self._log.read()
        self._close()
        sys.stderr.flush()
        sys.stderr.buffer.write(log_text)
        sys.stderr.flush()
        if not data:
            raise PluginError(
                f"briefing: building {self.what} failed: the forked process ended without an answer ({_ended(status)})"
            )
        kind, value = pickle.loads(data)  # our own fork's answer
        if kind == "abort":
            raise Abort(value)
        if kind == "oserror":
            raise value
        if kind == "crashed":
            log.debug(f"the forked build of {self.what} failed:\n{value}")
            raise PluginError(f"briefing: building {self.what} failed in the forked process: {_last_line(value)}")
        assert isinstance(value, Built)
        return value


def _last_line(trace: str) -> str:
    """The exception and where it was raised, from a formatted traceback."""
    lines = [line.strip() for line in trace.strip().splitlines()]
    frames = [line for line in lines if line.startswith("File ")]
    # The innermost frame of the project (a template, the generator), not of a library it called.
    where = next((f for f in reversed(frames) if "site-packages" not in f), frames[-1] if frames else "")
    return f"{lines[-1]} ({where})" if where else lines[-1]


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def place(docs_dir: Path, site_dir: Path, uris: Iterable[str], languages: Sequence[str]) -> None:
    """Put files of the merged docs into the site, where MkDocs would have copied them."""
    for uri in sorted(uris):
        dest = site_dir / site_path(uri, languages)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(docs_dir / uri, dest)  # tens of MB at scale L: the same file, not a copy (write_files replaces, never edits)
        except OSError:
            shutil.copyfile(docs_dir / uri, dest)


class Split:
    """``generate``'s ``split`` for a build whose languages after the first are built by a fork.

    The plugin is reached through two callbacks only: ``adopt`` makes the fork's generated
    pages the plugin's (it returns the fork's timer and the cards to write while the fork's languages
    are indexed), ``sitemap`` is the last sitemap MkDocs wrote.
    """

    def __init__(
        self,
        config: MkDocsConfig,
        i18n: Any,
        languages: list[str],
        templates_dir: Path,
        *,
        search: bool,
        adopt: Callable[[Generated], tuple[BuildTimer, Cards]],
        sitemap: Callable[[], str | None],
    ) -> None:
        self.config, self.i18n, self.languages, self.templates_dir = config, i18n, languages, templates_dir
        self.search, self.adopt, self.sitemap = search, adopt, sitemap
        self.fork: Fork | None = None
        self.forked_at = 0.0  # perf_counter

    @classmethod
    def of(
        cls,
        config: MkDocsConfig,
        templates_dir: Path,
        *,
        search: bool,
        adopt: Callable[[Generated], tuple[BuildTimer, Cards]],
        sitemap: Callable[[], str | None],
    ) -> Split | None:
        """The split of this build, if its languages after the first can be built by a fork.

        Not beside threads (a fork copies only the thread calling it), nor without the i18n plugin.
        """
        if not hasattr(os, "fork") or threading.active_count() != 1 or (found := split_of(config)) is None:
            return None
        i18n, first, others = found
        return cls(config, i18n, [first, *others], templates_dir, search=search, adopt=adopt, sitemap=sitemap)

    def __call__(self, facts: Facts) -> list[str]:
        first, *others = self.languages
        if facts.briefing.languages != self.languages:  # mkdocs.yml builds other languages than the data has
            return facts.briefing.languages  # one process, as the i18n plugin does it
        self.forked_at = time.perf_counter()
        log.info(f"briefing: building {', '.join(others)} alongside, in a forked process")
        self.fork = Fork(", ".join(others), lambda fork: self._build(fork, facts, others))
        built_elsewhere(self.i18n, True)
        return [first]

    def _build(self, fork: Fork, facts: Facts, languages: list[str]) -> Built:
        """In the fork: generate and build ``languages``, index them and write the downloads and feeds meanwhile."""
        docs_dir, site_dir = Path(self.config.docs_dir), Path(self.config.site_dir)
        started = time.perf_counter()
        generated = generate(
            facts, self.templates_dir, docs_dir, languages=languages, pictures_of=[], with_site_files=False, defer_pages=True
        )
        timer, cards = self.adopt(generated)
        timer.add(time.perf_counter() - started)
        fork.wait_for_site()
        build_languages(self.config, self.i18n, languages)

        # The downloads and feeds, needed by nothing else in the build, are written while Pagefind indexes, by the
        # process that is usually done first (the first language's pages, at the site root, take longer to index).
        def site_files() -> None:
            generated.pending.write()
            cards.write(self.templates_dir)
            generate(facts, self.templates_dir, docs_dir, languages=[], pictures_of=[], with_site_files=True)
            place(docs_dir, site_dir, facts.manifest.site_files, facts.briefing.languages)

        timer.add(while_indexing(site_dir, languages if self.search else [], facts.briefing.languages, site_files))
        return Built(self.sitemap(), timer.own, time.time())

    def site_ready(self) -> None:
        if self.fork is not None:
            self.fork.site_ready()

    def cancel(self) -> None:
        if self.fork is not None:
            self.fork.cancel()
            self.fork = None
            built_elsewhere(self.i18n, False)

    def finish(self, site_dir: Path, timer: BuildTimer) -> None:
        """Wait for the fork; the site-wide sitemap gets its languages, the timer its time if it ended last."""
        if self.fork is None:
            return
        fork, self.fork = self.fork, None
        built_elsewhere(self.i18n, False)
        ended = time.time()
        built = fork.finish()
        if built.ended > ended:  # the build ends with the process that finishes last: its generator time is on the path
            timer.own = built.generator_s
        if built.sitemap and (mine := self.sitemap()):  # none without the site's address (overrides/sitemap.xml)
            write_sitemap(site_dir, merge_sitemaps(mine, built.sitemap))
