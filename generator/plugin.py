"""The MkDocs adapter: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

All MkDocs-specific code lives here; everything it calls works without MkDocs.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .errors import DataError
from .exports import published_url
from .glossary_links import EXTENSION as GLOSSARY_LINKS
from .glossary_links import terms_for
from .incremental import RenderCache
from .pipeline import generate
from .sitemaps import write_folder_sitemaps
from .staging import discard, publish, staging_for

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    data_dir = opt.Type(str, default="data")
    templates_dir = opt.Type(str, default="templates")
    build_dir = opt.Type(str, default="build/docs")
    search = opt.Type(bool, default=True)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Generates the briefing's Markdown before MkDocs reads its files, and indexes the site for search."""

    def __init__(self) -> None:
        self.serving = False
        self.depth = 0
        self.root = Path.cwd()
        self.source_docs = Path("docs")
        self.glossary: dict[str, list[dict[str, Any]]] = {}
        self.not_found_page: str | None = None
        # mkdocs build writes into staging and the site replaces site/ only if the build succeeded.
        self.staged: tuple[MkDocsConfig, Path, Path] | None = None
        self.stage = False
        self.failed = False
        # Kept across the rebuilds of mkdocs serve (the instance lives as long as the server): a save re-renders only affected pages.
        self.render_cache = RenderCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.stage = command == "build" and not dirty
        self.failed = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        # Reproducible builds: dates in the site (sitemap, archives) come from the last commit, not the clock.
        if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := commit_time(self.root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
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
        try:
            briefing, stats = generate(
                self._path(self.config.data_dir),
                self._path(self.config.templates_dir),
                Path(config.docs_dir),
                docs_dir=self.source_docs,
                rel=self.config.data_dir.rstrip("/"),
                cache=self.render_cache,
            )
        except DataError as exc:
            for line in exc.lines():
                log.error(line)
            if self.serving:
                log.error("The site keeps the last good data; save a fix to rebuild.")
                return
            self.depth = 0
            raise PluginError(f"{len(exc.problems)} data problem(s); nothing was built") from None
        # Data warnings are the level an editor chose not to stop on (checks: in site.yaml);
        # a WARNING here would stop the --strict build like an error, so they are logged as information.
        for warning in briefing.warnings:
            log.info(f"data warning: {warning}")
        self.glossary = {lang: terms_for(briefing, lang) for lang in briefing.languages}
        # The benchmark reads this line for the generator's share of the build.
        log.info(f"briefing: generated in {time.perf_counter() - started:.3f} s")
        if stats.written or stats.removed:
            log.info(f"briefing: {len(stats.written)} page(s) written, {len(stats.removed)} removed, {stats.unchanged} unchanged")

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        # The glossary-links extension is configured per page: the terms of the page's
        # language (none on the glossary itself) and the paths its links are made relative to.
        if GLOSSARY_LINKS in config.markdown_extensions:
            lang, _, rest = page.file.src_uri.partition("/")
            terms = self.glossary.get(lang, []) if rest != "glossary.md" else []
            config.mdx_configs[GLOSSARY_LINKS] = {"terms": terms, "page": page.file.src_uri, "glossary": f"{lang}/glossary.md"}
        return markdown

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True

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
            index_site(Path(config.site_dir))


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


def index_site(site_dir: Path) -> None:
    """Build Pagefind's per-language search index for a built site."""
    from pagefind_bin_extended import get_executable

    result = subprocess.run(
        # Heading permalinks ("¶") would otherwise show in every result's title.
        [str(get_executable()), "--site", str(site_dir), "--exclude-selectors", ".headerlink", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"search indexing failed: {result.stderr.strip() or result.stdout.strip()}")
    _sort_pagefind_entry(site_dir / "pagefind" / "pagefind-entry.json")


def _sort_pagefind_entry(path: Path) -> None:
    """Pagefind lists the languages in hash-map order, which changes from run to run: sort them (reproducible builds)."""
    if path.is_file():
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry.get("languages"), dict):
            entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
