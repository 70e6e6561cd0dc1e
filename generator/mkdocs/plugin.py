"""The MkDocs plugin: MkDocs' events turned into calls of the pipeline (``generator/build``) and of this package."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ..build.pipeline import Generated, generate
from ..errors import DataError
from ..load import check_root_language
from ..outputs.painter import warm_up
from ..outputs.site_url import published_url
from ..render.paging import is_glossary
from .collector import freeze_facts, generating
from .files import add_pending, place_pictures, read_from_memory, take_out_late
from .glossary import TermLinks, glossary_last
from .head import Cards, not_found_context, page_head
from .i18n import exact_paths_first, root_language
from .parallel import Split
from .publishing import Publishing
from .search import while_indexing
from .session import Session, session_of
from .siteconfig import configure
from .sitemaps import Dated, lastmod_context, write_folder_sitemaps
from .timer import BuildTimer, log_generated

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    data_dir = opt.Type(str, default="data")
    templates_dir = opt.Type(str, default="templates")  # a project's own templates; the package's fill the rest
    build_dir = opt.Type(str, default="build/docs")
    search = opt.Type(bool, default=True)
    # mkdocs build: the languages after the first are built by a forked process alongside the first (parallel.py).
    parallel = opt.Type(bool, default=True)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generates the briefing's Markdown before MkDocs reads its files, and indexes the site for search."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.configured: MkDocsConfig | None = None
        self.session, self.timer, self.cards = Session(), BuildTimer(), Cards()
        self.depth = 0  # the i18n plugin builds each further language inside this build's on_post_build
        self.root, self.source_docs = Path.cwd(), Path("docs")
        self.built: int | None = None
        self.generated: Generated | None = None
        self.links: TermLinks | None = None
        self.late_files: list[tuple[Path, Path]] = []  # pictures still being drawn when MkDocs copied the files
        self.not_found_page: str | None = None  # the first language's: every language's build writes one
        self.sitemap: str | None = None  # the last one MkDocs wrote in this process
        self.dated, self.publishing = Dated(), Publishing(stage=False)
        self.split: Split | None = None  # mkdocs build: the languages after the first, built alongside by a fork

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.publishing = Publishing(stage=command == "build" and not dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        data_dir = self._path(self.config.data_dir)
        if self.configured is not config:  # the i18n plugin runs on_config again for each language
            configure(config, self.root, data_dir, self.config.data_dir.rstrip("/"))
            self.configured = config
        self.session = session_of(self.root)
        if self.command is not None:  # only the first plugin of a process hears on_startup
            self.session.serving = self.command == "serve"
            self.session.live.serve(self.session.serving, self.dirty)
        self.built = self.session.date.start(self.root)
        if self.depth == 0 and any((data_dir / "charts").glob("*.yaml")):
            warm_up()  # the charts' painter loads matplotlib while MkDocs and the generator get going
        # Absolute addresses in the sitemap, canonical links and feeds: base_url in the data, else the Pages workflow's address.
        if not config.site_url and (url := published_url(data_dir)):
            config.site_url = url
        # MkDocs reads the merged tree (hand-written docs + generated pages); docs/ itself is never written.
        build_dir = self._path(self.config.build_dir)
        if Path(config.docs_dir).resolve() != build_dir:  # on_config may run again on the same config
            self.source_docs = Path(config.docs_dir)
        self.publishing.start(config, build_dir, locked=self.command == "build", staged=self.depth == 0)
        config.docs_dir = str(build_dir)
        return config

    def _path(self, value: str) -> Path:  # a setting's folder, relative to mkdocs.yml
        return (self.root / value).resolve()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.depth += 1
        if self.depth > 1:
            return  # a per-language build started by the i18n plugin: pages are already generated
        started, self.timer, self.cards = time.perf_counter(), BuildTimer(), Cards()
        with generating():
            split = self._split(config)
            build_dir = Path(config.docs_dir)
            try:
                generated = generate(
                    self._path(self.config.data_dir),
                    self._path(self.config.templates_dir),
                    build_dir,
                    docs_dir=self.source_docs,
                    rel=self.config.data_dir.rstrip("/"),
                    split=split,
                    cache=self.session.render_cache if split is None else None,
                    term_pages=self.session.term_pages,
                    store=build_dir.parent / "cache" / "charts",
                    background=True,
                    built=self.built,
                    defer_pages=split is not None,
                )
                check_root_language(generated.briefing, root_language(config))
            except DataError as exc:
                self.depth = self.depth if self.session.serving else 0
                return self.session.data_problems(exc)  # serve keeps the last good site; a build stops
        self.generated = generated
        if split is not None and split.fork is not None:
            self.split, self.timer.shared = split, split.forked_at - started
        self.links = TermLinks(generated.briefing, generated.briefing.languages, self.session.live)
        self.session.live.begin(config, self._path(self.config.data_dir), self.links, generated.stats.removed)
        self.timer.add(time.perf_counter() - started - self.timer.shared)
        log_generated(generated, self.timer.shared + self.timer.own)

    def _split(self, config: MkDocsConfig) -> Split | None:
        if not self.config.parallel or self.session.serving:  # serve: the render cache, not a second core, makes a save quick
            return None
        templates = self._path(self.config.templates_dir)
        return Split.of(config, templates, search=self.config.search, adopt=self._adopt, sitemap=lambda: self.sitemap)

    def _adopt(self, generated: Generated) -> tuple[BuildTimer, Cards]:
        """In a split build's fork: its languages' pages are this plugin's to build; the cards are written while they are indexed."""
        self.split, self.timer = None, BuildTimer()
        self.generated, self.links = generated, TermLinks(generated.briefing, generated.briefing.languages, self.session.live)
        freeze_facts()  # the fork inherited the collector off
        return self.timer, self.cards

    @event_priority(0)  # before the i18n plugin sorts the files into languages
    def _add_pending(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.split is not None:
            self.split.site_ready()  # MkDocs emptied the site folder just before this event
        return add_pending(files, self.generated, config) if self.generated is not None else files

    @event_priority(-150)  # after the i18n plugin made this language's list of files
    def _glossary_last(self, files: Files, *, config: MkDocsConfig) -> Files:
        exact_paths_first(files, config)
        read_from_memory(files, self.generated.pending.files if self.generated is not None else {})
        return glossary_last(files)

    on_files = CombinedEvent(_add_pending, _glossary_last)

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        uri = page.file.src_uri
        if self.links is not None:
            self.links.configure(uri, config)
            if is_glossary(uri.partition("/")[2]) and self.generated is not None:
                with self.timer.counting():
                    # Under mkdocs serve the glossary is re-rendered only when what it shows changed; a build renders it once.
                    cache = self.session.render_cache if self.session.serving else None
                    return self.links.glossary(uri, files, self._path(self.config.templates_dir), self.session.term_pages, cache)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        if self.links is not None:  # what the glossary lists of this page, kept for the builds after (live.py)
            self.links.converted(page, Path(config.docs_dir))
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs makes a new theme environment for every build (and language): keep the compiled theme templates.
        if env.bytecode_cache is None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache()
        self.session.live.keep_titles(files)
        if self.generated is not None:
            self.late_files += take_out_late(files, self.generated, config)
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self.publishing.build_failed(error)
        self.depth = 0  # on_post_build will not run: under mkdocs serve the next save must generate again
        if self.split is not None:
            self.split.cancel()
            self.split = None
        if self.generated is not None:
            self.generated.stop()

    def on_shutdown(self) -> None:
        self.session.date.end()
        self.publishing.end()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.unwatch(config.docs_dir)  # watch the sources, not the merged tree we write: no rebuild loop
        for path in (self.source_docs, self._path(self.config.data_dir), self._path(self.config.templates_dir)):
            server.watch(str(path))
        return server

    @event_priority(-100)  # after the i18n plugin set this page's language alternates
    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        context["briefing_head"] = page_head(page, config)
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        with self.timer.counting():  # the briefing's work, not MkDocs'
            self.cards.add(page, config)
        return output

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "sitemap.xml" and config.site_url and not self.session.serving and (generated := self.generated):
            return lastmod_context(context, self.dated.of(generated), self.built)  # with an address; not a preview's
        return not_found_context(context, config) if template_name == "404.html" else context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html" and self.depth == 1:
            self.not_found_page = output_content  # the default language's, built first
        self.sitemap = output_content if template_name == "sitemap.xml" else self.sitemap
        return output_content

    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.depth = max(0, self.depth - 1)
        if self.depth > 0:
            return
        site_dir, split = Path(config.site_dir), self.split  # on a failure from here on_build_error stops the split
        languages = self.generated.briefing.languages if self.generated is not None else []
        if self.config.search and self.session.serving:
            self.session.index_in_background(site_dir, languages)
        indexed = (languages[:1] if split is not None else languages) if self.config.search and not self.session.serving else []
        self.timer.add(while_indexing(site_dir, indexed, languages, lambda: self._late_files(config, split is not None)))
        if split is not None:
            split.finish(site_dir, self.timer)
            self.split = None
        if self.not_found_page is not None:  # every language's build writes the site-wide 404.html; the last one would win
            (site_dir / "404.html").write_text(self.not_found_page, encoding="utf-8")
        if self.session.live.sitemaps_changed(site_dir):
            write_folder_sitemaps(site_dir, config.site_url or "")
        log.info(self.timer.line())  # bench/run.py reads this line

    def _late_files(self, config: MkDocsConfig, split: bool) -> None:  # while Pagefind indexes
        self.cards.write(self._path(self.config.templates_dir))
        late, self.late_files = self.late_files, []
        if self.generated is not None:
            self.generated.pending.write()
            place_pictures(self.generated, config, late, split=split)
