"""The MkDocs adapter: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

All MkDocs-specific code lives here; everything it calls works without MkDocs.
"""

from __future__ import annotations

import atexit
import gc
import gzip
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data as get_markdown_and_meta

from .errors import DataError, fault
from .exports import site_file_paths
from .glossary_links import EXTENSION as GLOSSARY_LINKS
from .glossary_links import terms_for
from .history import build_time
from .incremental import RenderCache
from .live import LiveSite, shown_everywhere
from .load import check_root_language
from .load.labels import labels
from .outputs.painter import warm_up
from .outputs.site_url import published_url
from .pagemeta import CARD_FILE, absolute_alternates, card_svg, og_locale
from .paging import is_glossary, term_parts
from .pipeline import Generated, Prepared, generate, generate_languages, prepare, write_site_files
from .render import GLOSSARY_PAGE, TermPages, render_site
from .search import with_search_words
from .siteconfig import OVERRIDES_DIR, configure
from .sitemaps import lastmod_of, merge_sitemaps, page_times, write_folder_sitemaps
from .staging import die_with_parent, discard, hold_build_lock, publish, staging_for

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    data_dir = opt.Type(str, default="data")
    templates_dir = opt.Type(str, default="templates")  # a project's own templates; the package's fill the rest
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
    # mkdocs serve --dirty: what rebuilding only the changed pages needs to know of the builds before.
    live: LiveSite = field(default_factory=LiveSite)


_SESSIONS: dict[Path, Session] = {}


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generates the briefing's Markdown before MkDocs reads its files, and indexes the site for search."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.configured: MkDocsConfig | None = None
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
        self.sitemap: str | None = None
        # mkdocs build writes into staging and the site replaces site/ only if the build succeeded.
        self.staged: tuple[MkDocsConfig, Path, Path] | None = None
        self.stage = False
        self.failed = False
        # mkdocs build: held from the start of the build until the site is published (or the build failed).
        self.lock: int | None = None
        # A file-system failure (disk full, read-only folder) that failed the build: said in one line at the end.
        self.fault: OSError | None = None
        # mkdocs build: the languages after the first, built in a forked process alongside it.
        self.others: OtherLanguages | None = None
        # Generator time before the fork: counted once however the rest is split.
        self.shared_s = 0.0
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve" and not dirty:
            log.info("briefing: each save rebuilds every page; `mkdocs serve --dirty` rebuilds only what the save changed")
        self.stage = command == "build" and not dirty
        self.failed = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if self.configured is not config:  # the i18n plugin runs on_config again for each language
            configure(config, self.root, self._path(self.config.data_dir), self.config.data_dir.rstrip("/"))
            self.configured = config
        self.session = _SESSIONS.setdefault(self.root, Session())
        if self.command is not None:  # only the first plugin of a process hears on_startup
            self.session.serving = self.command == "serve"
            self.session.live.dirty = self.session.serving and self.dirty  # live.py
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
        try:
            if self.command == "build" and self.lock is None:
                self.lock = hold_build_lock(build_dir.parent, log.info)
            build_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # before the build starts: MkDocs would show a traceback
            raise Abort(fault(exc)) from None
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
        gc.unfreeze()  # the last build's objects (mkdocs serve) may be collected again
        self.shared_s = 0.0
        try:
            i18n = self._split_languages(config)
            generated = self._generate_split(config, i18n) if i18n is not None else self._generate(config)
            check_root_language(generated.briefing, getattr(config.plugins.get("i18n"), "default_language", None))
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
        self.glossary = {
            lang: terms_for(generated.briefing, lang, term_parts(generated.briefing, lang))
            for lang in generated.briefing.languages
        }
        self.linked = {}
        if self.session.live.dirty:  # live.py: build again only what changed, or everything
            self.glossary = self.session.live.same_terms(self.glossary)
            theme_dirs = {config.theme.custom_dir or str(OVERRIDES_DIR), str(OVERRIDES_DIR)}
            shown = shown_everywhere(Path(config.config_file_path), self._path(self.config.data_dir), theme_dirs, self.glossary)
            self.session.live.start(Path(config.site_dir), shown, generated.stats.removed)
        self.generator_s = time.perf_counter() - started - self.shared_s
        log.info(f"briefing: generated in {self.shared_s + self.generator_s:.3f} s")
        stats = generated.stats
        if stats.written or stats.removed:
            log.info(f"briefing: {len(stats.written)} page(s) written, {len(stats.removed)} removed, {stats.unchanged} unchanged")

    def _generate(self, config: MkDocsConfig) -> Generated:
        build_dir = Path(config.docs_dir)
        return generate(
            self._path(self.config.data_dir),
            self._path(self.config.templates_dir),
            build_dir,
            docs_dir=self.source_docs,
            rel=self.config.data_dir.rstrip("/"),
            cache=self.session.render_cache,
            term_pages=self.session.term_pages,
            store=build_dir.parent / "cache" / "charts",
            background=True,
        )

    def _split_languages(self, config: MkDocsConfig) -> Any:
        """The i18n plugin, if this build can build the languages after the first in a forked process.

        Only ``mkdocs build``: a save under ``mkdocs serve`` re-renders a few pages, and the render
        cache, not a second core, makes it quick (a fork is also unsafe beside the server's threads).
        """
        i18n = config.plugins.get("i18n")
        if self.session.serving or i18n is None or not hasattr(os, "fork") or threading.active_count() != 1:
            return None
        others = [lang for lang in getattr(i18n, "build_languages", []) if lang != i18n.default_language]
        return i18n if others and i18n.current_language == i18n.default_language else None

    def _generate_split(self, config: MkDocsConfig, i18n: Any) -> Generated:
        build_dir = Path(config.docs_dir)
        started = time.perf_counter()
        prepared = prepare(
            self._path(self.config.data_dir), build_dir, docs_dir=self.source_docs, rel=self.config.data_dir.rstrip("/")
        )
        first, *others = prepared.briefing.languages
        store = build_dir.parent / "cache" / "charts"
        templates = self._path(self.config.templates_dir)
        if first != i18n.default_language or set(others) != {lang for lang in i18n.build_languages if lang != first}:
            # mkdocs.yml builds other languages than the data has: one process, as the i18n plugin does it.
            generated = generate_languages(
                prepared, templates, build_dir, prepared.briefing.languages, store=store, background=True
            )
            generated.stats.written += write_site_files(prepared, build_dir)
            generated.elsewhere = set()
            return generated
        self.shared_s = time.perf_counter() - started
        self.others = OtherLanguages(self, i18n, config, prepared, others)
        # This process's chart painter draws every language's pictures: one painter, started early, is enough.
        return generate_languages(
            prepared, templates, build_dir, [first], pictures_of=prepared.briefing.languages, store=store, background=True
        )

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
        for file in [f for f in files.documentation_pages() if is_glossary(f.src_uri.partition("/")[2])]:
            files.remove(file)
            files.append(file)
        return files

    on_files = CombinedEvent(_add_pending, _glossary_last)

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        uri = page.file.src_uri
        self._configure_links(uri, config)
        lang, _, rest = uri.partition("/")
        if is_glossary(rest) and self.generated is not None:
            markdown = self._glossary_with_term_pages(lang, files, rest)
        return markdown

    def _glossary_with_term_pages(self, lang: str, files: Files, path: str = GLOSSARY_PAGE) -> str:
        assert self.generated is not None
        started = time.perf_counter()
        # The pages a dirty build did not convert are known from the builds before (live.py).
        self.session.term_pages[lang] = self.session.live.used(lang, files)
        glossary_uri = f"{lang}/{path}"
        text = render_site(
            self.generated.briefing,
            self._path(self.config.templates_dir),
            only={glossary_uri},
            # Under mkdocs serve the glossary is re-rendered only when what it shows changed; a build renders it once.
            cache=self.session.render_cache if self.session.serving else None,
            term_pages=self.session.term_pages,
        ).pages[glossary_uri]
        self.generator_s += time.perf_counter() - started
        return get_markdown_and_meta(text)[0]

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        self.session.live.note(page, self.linked.get(page.file.src_uri, []), Path(config.docs_dir))  # live.py
        return html

    def _configure_links(self, src_uri: str, config: MkDocsConfig) -> None:
        # The glossary-links extension is configured per page: the terms of the page's
        # language (none on the glossary itself), the paths its links are made relative to,
        # and the list that records what it linked.
        if GLOSSARY_LINKS in config.markdown_extensions:
            lang, _, rest = src_uri.partition("/")
            terms = self.glossary.get(lang, []) if not is_glossary(rest) else []
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
        self.session.live.keep_titles(files)  # live.py
        generated = self.generated
        if generated is not None:
            # MkDocs copies this language's files next. Those another process makes (a split build's
            # downloads and feeds) are its to put in the site: taken out here, their links checked already.
            for uri in sorted(generated.elsewhere):
                if (
                    file := files.src_uris.get(uri)
                ) is not None:  # this very file: the i18n plugin's lookup falls back to other languages
                    files.remove(file)
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
        if isinstance(error, OSError) and self.fault is None:
            self.fault = error
        # on_post_build will not run for this build: under mkdocs serve the next save must generate again.
        self.depth = 0
        if self.others is not None and not self.others.forked:
            self.others.cancel()
            self.others = None
        if self.generated is not None:
            for pictures in self.generated.pictures:
                pictures.cancel()

    def on_shutdown(self) -> None:
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

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Watch the sources, not the merged tree we write: no rebuild loop.
        server.unwatch(config.docs_dir)
        for path in (self.source_docs, self._path(self.config.data_dir), self._path(self.config.templates_dir)):
            server.watch(str(path))
        return server

    @event_priority(-100)  # after the i18n plugin set this page's language alternates
    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        # What the page's head tells other sites: absolute hreflang alternates (with x-default) when the
        # site's address is known, the Open Graph locale and the page's preview card.
        lang = page.file.src_uri.partition("/")[0]
        # The i18n plugin sets this page's own alternates as an attribute (the theme reads config.extra.alternate).
        listed = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        alternates = [(alt["lang"], alt["link"]) for alt in listed if alt.get("lang")]
        context["briefing_head"] = {
            "alternates": absolute_alternates(config.site_url, alternates) if config.site_url else None,
            "og_locale": og_locale(lang),
            "og_locale_alternates": [og_locale(other) for other, _ in alternates if other != lang],
            "card": page.url + CARD_FILE,
            "search_label": labels(lang)["ui"]["search_label"],
        }
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        # The page's preview card, beside it (counted as the generator's time: it is the briefing's work, not MkDocs').
        started = time.perf_counter()
        lang = page.file.src_uri.partition("/")[0]
        title = page.meta.get("title") or (config.site_name if page.is_homepage else page.title) or config.site_name
        card = card_svg(self._path(self.config.templates_dir), str(title), config.site_name, lang)
        dest = Path(page.file.abs_dest_path).parent / CARD_FILE
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(card, encoding="utf-8")
        self.generator_s += time.perf_counter() - started
        return output

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        # The error page is served at any missing address. Without the site's address its links would be
        # root-absolute, wrong under a sub-path: they are made relative, and a script in its head finds the root.
        if template_name == "404.html":
            context["briefing_not_found"] = True
            lang = config.theme["language"]
            context["briefing_head"] = {
                "alternates": None,
                "og_locale": og_locale(lang),
                "og_locale_alternates": [],
                "card": None,
                "search_label": labels(lang)["ui"]["search_label"],
                "not_found": labels(lang)["pages"]["not_found"],
                "home": labels(lang)["nav"]["home"],
            }
            if not config.site_url:
                context["base_url"] = "."
        if template_name == "sitemap.xml" and config.site_url and (generated := self.generated) is not None:
            # Here, not earlier: a split build forks its other languages' process before the facts are known to this
            # plugin. Only with the site's address: without it the template writes nothing (sitemaps.py).
            times = page_times(generated.briefing, generated.changes.times if generated.changes else {})
            context["briefing_lastmod"] = lastmod_of(times, build_time())
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html" and self.depth == 1:
            self.not_found_page = output_content  # the default language's, built first
        if template_name == "sitemap.xml":
            self.sitemap = output_content  # this process's last build's: it lists the languages this process built
        return output_content

    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.depth -= 1
        if self.depth > 0:
            return
        self.depth = 0
        site_dir = Path(config.site_dir)
        languages = self.generated.briefing.languages if self.generated is not None else []
        others = self.others
        if others is not None and others.forked:
            return  # the fork's own languages: OtherLanguages finishes them
        if self.config.search and self.session.serving:
            self.session.search = self.session.search or BackgroundSearch()
            self.session.search.refresh(site_dir, languages)
        indexed = (languages[:1] if others is not None else languages) if self.config.search and not self.session.serving else []
        indexing = [Indexing(site_dir, lang, languages) for lang in indexed]
        self.generator_s += while_indexing(indexing, lambda: self._place_pictures(others))
        if others is not None:
            self.others = None
            # The build ends with the process that finishes last: its generator time is on the build's path.
            ended = time.time()
            their_s, they_ended = others.finish()
            if they_ended > ended:
                self.generator_s = their_s
        # Every language's build writes the site-wide 404.html; the last (English) one would win.
        if self.not_found_page is not None:
            (site_dir / "404.html").write_text(self.not_found_page, encoding="utf-8")
        if self.session.live.sitemaps_changed(site_dir):  # live.py
            write_folder_sitemaps(site_dir, config.site_url or "")
        # The benchmark reads this line for the generator's share of the build.
        log.info(f"briefing: generator time on the build's path {self.shared_s + self.generator_s:.3f} s")

    def _place_pictures(self, others: OtherLanguages | None) -> None:
        """Put the chart pictures drawn during the build into the site, once drawn."""
        if self.generated is not None:
            for pictures in self.generated.pictures:
                pictures.finish()
            if others is not None:  # the other languages' pictures, drawn by this process's painter
                first = self.generated.briefing.languages[0]
                others.place(p for pictures in self.generated.pictures for p in pictures.paths if not p.startswith(f"{first}/"))
        self._copy_late_files()

    def _copy_late_files(self) -> None:
        for source, dest in self.late_files:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
        self.late_files = []


class OtherLanguages:
    """The languages after the first, generated and built by MkDocs in a forked process while this one builds the first.

    The i18n plugin builds one language after the other on one core. Here the fork starts as soon
    as the facts are loaded: it renders its languages, builds their sites as the i18n plugin would,
    indexes them for search and meanwhile writes the downloads and feeds. The i18n plugin here is told they
    are being built. At the end the fork's log is printed where the i18n plugin would have printed
    it, its failure fails this build, and the site-wide sitemap gets every language's pages.
    """

    def __init__(self, plugin: BriefingPlugin, i18n: Any, config: MkDocsConfig, prepared: Prepared, languages: list[str]) -> None:
        self.plugin = plugin
        self.i18n = i18n
        self.config = config
        self.prepared = prepared
        self.languages = languages
        self.forked = False
        self.site_dir = Path(config.site_dir)
        # Both processes write into the site folder: it is emptied once, now, not by each build.
        from mkdocs import utils

        utils.clean_directory(str(self.site_dir))
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self._clean_directory = utils.clean_directory
        utils.clean_directory = _keep
        self._log = tempfile.TemporaryFile()
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the fork: build, answer, and leave without running the parent's exit handlers
            die_with_parent()
            os.close(reader)
            os.dup2(self._log.fileno(), 1)
            os.dup2(self._log.fileno(), 2)
            self.forked = True
            answer = pickle.dumps(self._answer(), protocol=pickle.HIGHEST_PROTOCOL)
            sys.stdout.flush()
            sys.stderr.flush()
            with os.fdopen(writer, "wb") as out:
                out.write(answer)
            os._exit(0)
        os.close(writer)
        self._pid, self._reader = pid, reader
        i18n.building = True  # so that its post_build does not build them again here

    def _restore(self) -> None:
        from mkdocs import utils

        utils.clean_directory = self._clean_directory
        self.i18n.building = False

    def _answer(self, *, show: bool = False) -> tuple[Any, ...]:
        plugin = self.plugin
        started = time.perf_counter()
        try:
            out_dir = Path(self.config.docs_dir)
            plugin.generated = generate_languages(
                self.prepared,
                plugin._path(plugin.config.templates_dir),
                out_dir,
                self.languages,
                pictures_of=[],
            )
            plugin.glossary = {
                lang: terms_for(self.prepared.briefing, lang, term_parts(self.prepared.briefing, lang)) for lang in self.languages
            }
            plugin.linked = {}
            plugin.generator_s = time.perf_counter() - started
            self._build()
            languages = self.prepared.briefing.languages
            indexing = [Indexing(self.site_dir, lang, languages) for lang in self.languages] if plugin.config.search else []

            # The downloads and feeds, needed by nothing else in the build, are written while Pagefind indexes, by the
            # process that is usually done first (the first language's pages, at the site root, take longer to index).
            def finish() -> None:
                plugin._place_pictures(None)
                self.write_site_files()

            plugin.generator_s += while_indexing(indexing, finish)
        except Abort as exc:
            return ("abort", str(exc))
        except BaseException:  # shown as itself when the first process builds them again (``show``)
            if show:
                raise
            return ("crashed",)
        return ("built", plugin.sitemap, plugin.generator_s, time.time())

    def _build(self) -> None:
        """What the i18n plugin does after the first language's build (its on_post_build)."""
        from mkdocs.commands.build import build
        from mkdocs_static_i18n.utils import I18nLoggingFilter

        build_logger = logging.getLogger("mkdocs.commands.build")
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
        build_logger.addFilter(quiet)
        self.i18n.building = True
        try:
            for lang in self.languages:
                self.i18n.current_language = lang
                build(self.config, dirty="--dirty" in sys.argv)
        finally:
            build_logger.removeFilter(quiet)

    def write_site_files(self) -> None:
        """Every language's downloads and feeds, into the merged docs and straight into the site."""
        write_site_files(self.prepared, Path(self.config.docs_dir))
        self.place(site_file_paths(self.prepared.briefing.languages))

    def place(self, uris: Iterable[str]) -> None:
        """Put files of the merged docs into the site, where MkDocs would have copied them."""
        out_dir = Path(self.config.docs_dir)
        languages = self.prepared.briefing.languages
        for uri in sorted(uris):
            lang, _, rest = uri.partition("/")
            dest = self.site_dir / (rest if lang == languages[0] else uri)  # the first language's folder is the site root
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(
                    out_dir / uri, dest
                )  # tens of MB at scale L: the same file, not a copy (write_files replaces, never edits)
            except OSError:
                shutil.copyfile(out_dir / uri, dest)

    def cancel(self) -> None:
        """This build failed: stop the fork."""
        os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        os.close(self._reader)
        self._log.close()
        self._restore()

    def finish(self) -> tuple[float, float]:
        """Wait for the fork and take over what it built; returns the generator's time in it and when it ended (Unix time)."""
        with os.fdopen(self._reader, "rb") as answers:
            data = answers.read()
        os.waitpid(self._pid, 0)
        self._log.seek(0)
        log_text = self._log.read()
        self._log.close()
        self._restore()
        answer: tuple[Any, ...] = pickle.loads(data) if data else ("crashed",)  # our own fork's answer
        sys.stderr.flush()
        sys.stderr.buffer.write(log_text)
        sys.stderr.flush()
        if answer[0] == "abort":
            raise Abort(answer[1])
        if answer[0] != "built":
            log.info("briefing: building the other languages again here, to show what failed")
            self.forked = True  # from here this process does the fork's work
            self.plugin.others = self
            self.i18n.building = True
            result = self._answer(show=True)
            self.i18n.building = False
            self.plugin.others = None
            if result[0] == "abort":
                raise Abort(result[1])
            if result[0] != "built":
                raise PluginError("building the other languages failed twice")
            return float(result[2]), float(result[3])  # built here after this language: the sitemap lists both already
        _, sitemap, generator_s, ended = answer
        if sitemap and self.plugin.sitemap:  # none without the site's address (overrides/sitemap.xml)
            _write_sitemap(self.site_dir, merge_sitemaps(self.plugin.sitemap, sitemap))
        return float(generator_s), float(ended)


def _keep(directory: str) -> None:
    """``mkdocs.utils.clean_directory`` for a build whose site folder was emptied already."""


def _write_sitemap(site_dir: Path, text: str) -> None:
    """The site-wide sitemap and its gzip copy, as MkDocs writes them (the copy keeps MkDocs' timestamp)."""
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.is_file() else 0
    with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))


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


def search_bundle(lang: str, languages: list[str]) -> str:
    """Where a language's search index is, relative to the site root: each language has its own."""
    return "pagefind" if lang == languages[0] else f"{lang}/pagefind"


def index_language(site_dir: Path, lang: str, languages: list[str], output: Path | None = None) -> None:
    """Build Pagefind's index of one language's pages (into its bundle folder in ``site_dir``, or under ``output``)."""
    Indexing(site_dir, lang, languages, output).wait()


class Indexing:
    """Pagefind indexing one language's pages, in its own process: the caller may do other work meanwhile.

    The first language's pages are the site root's, except the other languages' folders; each other
    language's are its folder's. The languages are indexed apart, so that each build process
    indexes its own, and a page loads only its language's index.
    """

    def __init__(self, site_dir: Path, lang: str, languages: list[str], output: Path | None = None) -> None:
        from pagefind_bin_extended import get_executable

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
        # Pagefind reads a copy of each page with the page's search words added (generator/search.py).
        self._copies = Path(tempfile.mkdtemp(prefix="briefing-index-"))
        for file in files:
            copy = self._copies / file.relative_to(pages)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(with_search_words(file.read_text(encoding="utf-8")), encoding="utf-8")
        self.bundle = (output or site_dir) / search_bundle(lang, languages)
        self._output = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            # Heading permalinks ("¶") would otherwise show in every result's title.
            [
                str(get_executable()),
                "--site",
                str(self._copies),
                "--output-path",
                str(self.bundle),
                "--exclude-selectors",
                ".headerlink",
                "--quiet",
            ],
            stdout=self._output,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
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
        output = self._output.read().decode(errors="replace").strip()
        self._output.close()
        if returncode != 0:
            raise PluginError(f"search indexing failed: {output}")
        _sort_pagefind_entry(self.bundle / "pagefind-entry.json")


def while_indexing(indexing: list[Indexing], work: Callable[[], object]) -> float:
    """Do ``work`` while Pagefind indexes, then wait for the indexes.

    Returns how long ``work`` went on after the indexes were done: only that kept the build waiting.
    """
    started = time.perf_counter()
    try:
        work()
    except BaseException:
        for job in indexing:
            job.stop()
        raise
    done = time.perf_counter()
    for job in indexing:
        job.wait()
    indexed = max((job.ended for job in indexing), default=started)
    return max(0.0, done - max(started, indexed))


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

    def refresh(self, site_dir: Path, languages: list[str]) -> None:
        self._generation += 1
        if not languages or not (site_dir / search_bundle(languages[0], languages)).is_dir():  # live.py: kept by a dirty build
            self._install(site_dir)
        threading.Thread(target=self._index, args=(site_dir, languages, self._generation), daemon=True).start()

    def _install(self, site_dir: Path) -> None:
        if (self.folder / "current").is_dir():
            shutil.copytree(self.folder / "current", site_dir, dirs_exist_ok=True)

    def _index(self, site_dir: Path, languages: list[str], generation: int) -> None:
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
