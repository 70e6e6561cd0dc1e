"""Search: Pagefind indexes each language's pages apart, so a page loads only its language's index.

The words Pagefind reads are the page's text plus its search words (``generator/search.py``).
``mkdocs build`` indexes while it finishes the site; ``mkdocs serve`` indexes in the background.
"""

from __future__ import annotations

import atexit
import json
import logging
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..processes import die_with_parent
from ..render.site_map import search_bundle
from ..search import with_search_words

log = logging.getLogger("mkdocs.plugins.briefing")


def pagefind() -> str:
    """The Pagefind program the project pins (the ``pagefind_bin_extended`` package); PluginError if it is missing."""
    try:
        from pagefind_bin_extended import get_executable

        return str(get_executable())
    except (ImportError, OSError) as exc:
        raise PluginError(
            f"search indexing failed: Pagefind is not installed ({exc}); run make site, or set search: false"
        ) from None


class Indexing:
    """Pagefind indexing one language's pages, in its own process: the caller may do other work meanwhile.

    The first language's pages are the site root's, except the other languages' folders; each other
    language's are its folder's.
    """

    def __init__(self, site_dir: Path, lang: str, languages: Sequence[str], output: Path | None = None) -> None:
        # Pagefind's results are addresses relative to the folder holding the bundle: each language's folder.
        if lang == languages[0]:
            pages = site_dir
            skip = {*languages[1:], "pagefind"}
            files = [site_dir / "index.html"] if (site_dir / "index.html").is_file() else []
            for folder in sorted(p for p in site_dir.iterdir() if p.is_dir() and p.name not in skip):
                files += sorted(folder.rglob("*.html"))
        else:
            pages = site_dir / lang
            files = sorted(pages.rglob("*.html"))
        program = pagefind()
        # Pagefind reads a copy of each page with the page's search words added.
        self._copies = Path(tempfile.mkdtemp(prefix="briefing-index-"))
        made = {self._copies}
        for file in files:
            copy = self._copies / file.relative_to(pages)
            if copy.parent not in made:  # a folder per page at most: each mkdir is a system call
                copy.parent.mkdir(parents=True, exist_ok=True)
                made.add(copy.parent)
            copy.write_text(with_search_words(file.read_text(encoding="utf-8")), encoding="utf-8")
        self.bundle = (output or site_dir) / search_bundle(lang, languages)
        self._output = tempfile.TemporaryFile()
        # Heading permalinks ("¶") would otherwise show in every result's title.
        command = [program, "--site", str(self._copies), "--output-path", str(self.bundle)]
        try:
            self._process = subprocess.Popen(
                [*command, "--exclude-selectors", ".headerlink", "--quiet"],
                stdout=self._output,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,
            )
        except OSError as exc:
            self._output.close()
            shutil.rmtree(self._copies, ignore_errors=True)
            raise PluginError(f"search indexing failed: Pagefind could not start ({exc})") from None
        # When Pagefind ended (perf_counter), noted as it happens: what the caller did meanwhile may have taken longer.
        self.ended = 0.0
        self._watch = threading.Thread(target=self._note_end, daemon=True)
        self._watch.start()

    def _note_end(self) -> None:
        self._process.wait()
        self.ended = time.perf_counter()
        shutil.rmtree(self._copies, ignore_errors=True)

    def stop(self) -> None:
        """Stop Pagefind (the build failed meanwhile) and wait until it is gone."""
        self._process.kill()
        self._watch.join()
        self._output.close()
        shutil.rmtree(self._copies, ignore_errors=True)

    def wait(self) -> None:
        """Wait for the index; PluginError if Pagefind failed."""
        self._watch.join()
        returncode = self._process.wait()
        self._output.seek(0)
        output = " ".join(self._output.read().decode(errors="replace").split())
        self._output.close()
        if returncode != 0:
            raise PluginError(f"search indexing failed: Pagefind exited with {returncode}: {output or 'no output'}")
        _sort_pagefind_entry(self.bundle / "pagefind-entry.json")


def index_language(site_dir: Path, lang: str, languages: Sequence[str], output: Path | None = None) -> None:
    """Build Pagefind's index of one language's pages (into its bundle folder in ``site_dir``, or under ``output``)."""
    Indexing(site_dir, lang, languages, output).wait()


def while_indexing(site_dir: Path, indexed: Sequence[str], languages: Sequence[str], work: Callable[[], object]) -> float:
    """Index ``indexed`` with Pagefind while doing ``work``, then wait for the indexes.

    Returns how long ``work`` went on after the indexes were done: only that kept the build waiting.
    """
    indexing = [Indexing(site_dir, lang, languages) for lang in indexed]
    started = time.perf_counter()
    try:
        work()
    except BaseException:
        for job in indexing:
            job.stop()
        raise
    done = time.perf_counter()
    try:
        for job in indexing:
            job.wait()
    except PluginError:
        for job in indexing:
            job.stop()
        raise
    indexed_at = max((job.ended for job in indexing), default=started)
    return max(0.0, done - max(started, indexed_at))


class BackgroundSearch:
    """Search under ``mkdocs serve``: each rebuilt site gets the last index at once and a fresh one moments later.

    Indexing takes longer than building a small site; a save shows up in the browser first,
    and its words are found once the new index is in place.
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-search-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        self._generation = 0
        self._lock = threading.Lock()
        # Held while the last index is copied into a site or replaced by a fresh one: a save's build copies it
        # on the server's thread while the indexing thread may be swapping it.
        self._current = threading.Lock()

    def refresh(self, site_dir: Path, languages: Sequence[str]) -> None:
        self._generation += 1
        if not languages or not (site_dir / search_bundle(languages[0], languages)).is_dir():  # a dirty build keeps the last
            self._install(site_dir)
        threading.Thread(target=self._index, args=(site_dir, languages, self._generation), daemon=True).start()

    def _install(self, site_dir: Path) -> None:
        with self._current:
            if (self.folder / "current").is_dir():
                shutil.copytree(self.folder / "current", site_dir, dirs_exist_ok=True)

    def _index(self, site_dir: Path, languages: Sequence[str], generation: int) -> None:
        with self._lock:  # one indexing at a time; a newer build's supersedes this one
            if generation != self._generation:
                return
            fresh = self.folder / "next"
            shutil.rmtree(fresh, ignore_errors=True)
            try:
                for lang in languages:
                    index_language(site_dir, lang, languages, fresh)
            except (PluginError, OSError) as exc:  # the site changed under it: the next build indexes again
                log.debug(f"search index not refreshed: {exc}")
                return
            with self._current:
                shutil.rmtree(self.folder / "current", ignore_errors=True)
                fresh.rename(self.folder / "current")
            if generation == self._generation:
                self._install(site_dir)
                log.info("briefing: search index refreshed")  # the benchmark times the background refresh by this line


def _sort_pagefind_entry(path: Path) -> None:
    """Pagefind lists the languages in hash-map order, which changes from run to run: sort them (reproducible builds)."""
    if path.is_file():
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
