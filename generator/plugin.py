"""The MkDocs adapter: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

All MkDocs-specific code lives here; everything it calls works without MkDocs.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data as get_markdown_and_meta

from .drawing import warm_up
from .errors import DataError
from .exports import published_url
from .glossary_links import EXTENSION as GLOSSARY_LINKS
from .glossary_links import terms_for
from .incremental import RenderCache
from .pipeline import Generated, generate
from .render import GLOSSARY_PAGE, TermPages, render_site
from .sitemaps import write_folder_sitemaps
from .staging import discard, publish, staging_for

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    data_dir = opt.Type(str, default="data")
    templates_dir = opt.Type(str, default="templates")
    build_dir = opt.Type(str, default="build/docs")
    search = opt.Type(bool, default=True)


@dataclass
class Session:
    """What outlives one build: ``mkdocs serve`` reloads the config, and so makes a new plugin, on every save."""

    serving: bool = False
    # A save re-renders only the pages whose facts changed.
    render_cache: RenderCache = field(default_factory=RenderCache)
    # Where each glossary term was linked in the last build, per language.
    term_pages: dict[str, TermPages] = field(default_factory=dict)
    search: BackgroundSearch | None = None


_SESSIONS: dict[Path, Session] = {}


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generates the briefing's Markdown before MkDocs reads its files, and indexes the site for search."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.session = Session()
        self.depth = 0
        self.root = Path.cwd()
        self.source_docs = Path("docs")
        self.glossary: dict[str, list[dict[str, Any]]] = {}
        self.generated: Generated | None = None
        # The glossary terms each page linked as MkDocs converted it (filled by the glossary-links extension).
        self.linked: dict[str, list[str]] = {}
        # Time the build spent in the generator, on its path: generation, waiting for pictures, the glossary's lists.
        self.generator_s = 0.0
        # Pictures MkDocs did not copy because they were still being drawn: (source, destination).
        self.late_files: list[tuple[Path, Path]] = []
        self.not_found_page: str | None = None
        # mkdocs build writes into staging and the site replaces site/ only if the build succeeded.
        self.staged: tuple[MkDocsConfig, Path, Path] | None = None
        self.stage = False
        self.failed = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.stage = command == "build" and not dirty
        self.failed = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.session = _SESSIONS.setdefault(self.root, Session())
        if self.command is not None:  # only the first plugin of a process hears on_startup
            self.session.serving = self.command == "serve"
        # Reproducible builds: dates in the site (sitemap, archives) come from the last commit, not the clock.
        if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := commit_time(self.root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        # The charts' worker loads matplotlib while MkDocs and the generator get going.
        if self.depth == 0 and any((self._path(self.config.data_dir) / "charts").glob("*.yaml")):
            warm_up()
        # Absolute addresses in the sitemap, canonical links and feeds: base_url in the data, else the Pages workflow's address.
        if not config.site_url and (url := published_url(self._path(self.config.data_dir))):
            config.site_url = url
        # MkDocs reads the merged tree (hand-written docs + generated pages); docs/ itself is never written.
        build_dir = self._path(self.config.build_dir)
        if Path(config.docs_dir).resolve() != build_dir:  # on_config may run again on the same config
            self.source_docs = Path(config.docs_dir)
        build_dir.mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(build_dir)
        if self.stage and self.staged is None and self.depth == 0:
            site_dir = Path(config.site_dir)
            staging = staging_for(site_dir, build_dir)
            discard(staging)
            self.staged = (config, site_dir, staging)
            config.site_dir = str(staging)
        return config

    def _path(self, value: str) -> Path:
        return (self.root / value).resolve()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.depth += 1
        if self.depth > 1:
            return  # a per-language build started by the i18n plugin: pages are already generated
        started = time.perf_counter()
        build_dir = Path(config.docs_dir)
        gc.unfreeze()  # the last build's objects (mkdocs serve) may be collected again
        try:
            generated = generate(
                self._path(self.config.data_dir),
                self._path(self.config.templates_dir),
                build_dir,
                docs_dir=self.source_docs,
                rel=self.config.data_dir.rstrip("/"),
                cache=self.session.render_cache,
                term_pages=self.session.term_pages,
                store=build_dir.parent / "cache" / "charts",
                background=True,
                # A save under mkdocs serve re-renders a few pages: the cache, not a second core, makes it quick.
                parallel=not self.session.serving,
            )
        except DataError as exc:
            for line in exc.lines():
                log.error(line)
            if self.session.serving:
                log.error("The site keeps the last good data; save a fix to rebuild.")
                return
            self.depth = 0
            raise PluginError(f"{len(exc.problems)} data problem(s); nothing was built") from None
        self.generated = generated
        # The facts stay until the build ends: keep the cycle collector from scanning them while MkDocs works.
        gc.freeze()
        # Data warnings are the level an editor chose not to stop on (checks: in site.yaml);
        # a WARNING here would stop the --strict build like an error, so they are logged as information.
        for warning in generated.briefing.warnings:
            log.info(f"data warning: {warning}")
        self.glossary = {lang: terms_for(generated.briefing, lang) for lang in generated.briefing.languages}
        self.linked = {}
        self.generator_s = time.perf_counter() - started
        log.info(f"briefing: generated in {self.generator_s:.3f} s")
        stats = generated.stats
        if stats.written or stats.removed:
            log.info(f"briefing: {len(stats.written)} page(s) written, {len(stats.removed)} removed, {stats.unchanged} unchanged")

    @event_priority(0)  # before the i18n plugin sorts the files into languages
    def _add_pending(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Files still being made are part of the site already: pages link to them (pictures),
        # and the other languages' pages are this one's alternates (the language switcher, hreflang).
        if self.generated is not None:
            for uri in sorted(self.generated.pending):
                if files.get_file_from_path(uri) is None:
                    files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    @event_priority(-150)  # after the i18n plugin made this language's list of files
    def _glossary_last(self, files: Files, *, config: MkDocsConfig) -> Files:
        # MkDocs converts pages in this order: the glossary, converted last, can list the pages using each term.
        for file in [f for f in files.documentation_pages() if f.src_uri.partition("/")[2] == GLOSSARY_PAGE]:
            files.remove(file)
            files.append(file)
        return files

    on_files = CombinedEvent(_add_pending, _glossary_last)

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        uri = page.file.src_uri
        self._configure_links(uri, config)
        lang, _, rest = uri.partition("/")
        if rest == GLOSSARY_PAGE and self.generated is not None:
            markdown = self._glossary_with_term_pages(lang, files)
        return markdown

    def _glossary_with_term_pages(self, lang: str, files: Files) -> str:
        assert self.generated is not None
        started = time.perf_counter()
        used: dict[str, list[tuple[str, str]]] = {}
        for file in files.documentation_pages():
            if file.src_uri.startswith(f"{lang}/") and file.page is not None:
                for term_id in self.linked.get(file.src_uri, []):
                    used.setdefault(term_id, []).append((file.page.title, file.src_uri.partition("/")[2]))
        self.session.term_pages[lang] = used
        glossary_uri = f"{lang}/{GLOSSARY_PAGE}"
        text = render_site(
            self.generated.briefing,
            self._path(self.config.templates_dir),
            only={glossary_uri},
            cache=self.session.render_cache,
            term_pages=self.session.term_pages,
        ).pages[glossary_uri]
        self.generator_s += time.perf_counter() - started
        return get_markdown_and_meta(text)[0]

    def _configure_links(self, src_uri: str, config: MkDocsConfig) -> None:
        # The glossary-links extension is configured per page: the terms of the page's
        # language (none on the glossary itself), the paths its links are made relative to,
        # and the list that records what it linked.
        if GLOSSARY_LINKS in config.markdown_extensions:
            lang, _, rest = src_uri.partition("/")
            terms = self.glossary.get(lang, []) if rest != GLOSSARY_PAGE else []
            record = self.linked.setdefault(src_uri, [])
            config.mdx_configs[GLOSSARY_LINKS] = {
                "terms": terms,
                "page": src_uri,
                "glossary": f"{lang}/{GLOSSARY_PAGE}",
                "record": record,
            }

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs makes a new theme environment for every build (and language): keep the compiled theme templates.
        if env.bytecode_cache is None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        generated = self.generated
        if generated is not None:
            # MkDocs copies this language's files next, downloads and feeds among them.
            self.generator_s += generated.finish_later()
            pages = {f.src_uri for f in files.documentation_pages()}
            for lang in sorted({uri.partition("/")[0] for uri in pages}):
                for pictures in generated.pictures:
                    # Pictures still being drawn are taken out (their links are checked already)
                    # and copied once drawn, at the end.
                    if pictures.drawn(lang):
                        pictures.finish(lang)
                        continue
                    for uri in sorted(p for p in pictures.pending if p.startswith(f"{lang}/")):
                        if (file := files.get_file_from_path(uri)) is not None:
                            files.remove(file)
                            self.late_files.append((Path(config.docs_dir) / uri, Path(file.abs_dest_path)))
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True
        if self.generated is not None:
            if self.generated.later is not None:
                self.generated.later.cancel()
                self.generated.later = None
            for pictures in self.generated.pictures:
                pictures.cancel()

    def on_shutdown(self) -> None:
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

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Watch the sources, not the merged tree we write: no rebuild loop.
        server.unwatch(config.docs_dir)
        for path in (self.source_docs, self._path(self.config.data_dir), self._path(self.config.templates_dir)):
            server.watch(str(path))
        return server

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html" and self.depth == 1:
            self.not_found_page = output_content  # the default language's, built first
        return output_content

    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.depth -= 1
        if self.depth > 0:
            return
        self.depth = 0
        # Every language's build writes the site-wide 404.html; the last (English) one would win.
        if self.not_found_page is not None:
            (Path(config.site_dir) / "404.html").write_text(self.not_found_page, encoding="utf-8")
        write_folder_sitemaps(Path(config.site_dir), config.site_url or "")
        if self.config.search:
            if self.session.serving:
                self.session.search = self.session.search or BackgroundSearch()
                self.session.search.refresh(Path(config.site_dir))
            else:
                index_site(Path(config.site_dir))
        if self.generated is not None:
            self.generator_s += self.generated.finish_later()
            self.generator_s += sum(pictures.finish() for pictures in self.generated.pictures)
        for source, dest in self.late_files:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
        self.late_files = []
        # The benchmark reads this line for the generator's share of the build.
        log.info(f"briefing: generator time on the build's path {self.generator_s:.3f} s")


def commit_time(root: Path) -> str | None:
    """Unix time of the last commit of the git checkout holding ``root``; None outside a checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def index_site(site_dir: Path, output: Path | None = None) -> None:
    """Build Pagefind's per-language search index for a built site (into ``site_dir/pagefind``, or ``output``)."""
    from pagefind_bin_extended import get_executable

    output = output or site_dir / "pagefind"
    result = subprocess.run(
        # Heading permalinks ("¶") would otherwise show in every result's title.
        [
            str(get_executable()),
            "--site",
            str(site_dir),
            "--output-path",
            str(output),
            "--exclude-selectors",
            ".headerlink",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"search indexing failed: {result.stderr.strip() or result.stdout.strip()}")
    _sort_pagefind_entry(output / "pagefind-entry.json")


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

    def refresh(self, site_dir: Path) -> None:
        self._generation += 1
        self._install(site_dir)
        threading.Thread(target=self._index, args=(site_dir, self._generation), daemon=True).start()

    def _install(self, site_dir: Path) -> None:
        if (self.folder / "pagefind").is_dir():
            shutil.copytree(self.folder / "pagefind", site_dir / "pagefind", dirs_exist_ok=True)

    def _index(self, site_dir: Path, generation: int) -> None:
        with self._lock:  # one indexing at a time; a newer build's supersedes this one
            if generation != self._generation:
                return
            fresh = self.folder / "next"
            shutil.rmtree(fresh, ignore_errors=True)
            try:
                index_site(site_dir, fresh)
            except (PluginError, OSError) as exc:  # the site changed under it: the next build indexes again
                log.debug(f"search index not refreshed: {exc}")
                return
            shutil.rmtree(self.folder / "pagefind", ignore_errors=True)
            fresh.rename(self.folder / "pagefind")
            if generation == self._generation:
                self._install(site_dir)


def _sort_pagefind_entry(path: Path) -> None:
    """Pagefind lists the languages in hash-map order, which changes from run to run: sort them (reproducible builds)."""
    if path.is_file():
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
