"""MkDocs' list of files and the generator's manifest: files still being made, and files another process writes."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..build.pipeline import Generated
from ..outputs.painter import PainterError
from .parallel import place


def add_pending(files: Files, generated: Generated, config: MkDocsConfig) -> Files:
    """Every file of the manifest is part of the site already, written or not: pages link to pictures being drawn,
    and the other languages' pages are this one's alternates (the language switcher, hreflang).

    They take the places MkDocs' walk of the folder would give them, had they been written: the order of the
    navigation and of the glossary's lists never depends on which files were on disk.
    """
    added = [
        File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        for uri in sorted(generated.manifest.paths)
        if files.get_file_from_path(uri) is None
    ]
    if not added:
        return files
    docs_dir = Path(config.docs_dir)
    walked: list[File] = []
    rest: list[File] = []  # the theme's, added after the walk
    for file in files:
        (walked if Path(file.abs_src_path or "").is_relative_to(docs_dir) else rest).append(file)
    return Files(sorted([*walked, *added], key=_walk_order) + rest)


def _walk_order(file: File) -> tuple[tuple[int, str] | tuple[int, bool, str], ...]:
    """Where MkDocs' ``get_files`` puts a file: folder by folder (os.walk, sorted), a folder's files before its
    subfolders', an index first."""
    *folders, name = file.src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, name.rsplit(".", 1)[0] not in ("index", "README"), name))


def read_from_memory(files: Files, pending: Mapping[str, str | bytes]) -> None:
    """The pages not written yet are read from memory (MkDocs' ``File.content_string``), not from the folder."""
    for file in files.documentation_pages():
        if (text := pending.get(file.src_uri)) is not None:
            file.content_string = text if isinstance(text, str) else text.decode("utf-8")


def take_out_late(files: Files, generated: Generated, config: MkDocsConfig) -> list[tuple[Path, Path]]:
    """Take out of ``files`` what MkDocs must not copy now; returns the pictures to copy once drawn (source, destination).

    Files the other process of a split build writes are its to put in the site; pictures still
    being drawn are copied at the end. Their links were checked already.
    """
    for uri in sorted(generated.manifest.paths - generated.made):
        if (file := files.src_uris.get(uri)) is not None:
            files.remove(file)
    late = []
    pictures = generated.pictures
    for lang in sorted({f.src_uri.partition("/")[0] for f in files.documentation_pages()}):
        if pictures.drawn(lang):
            finish_pictures(generated, lang)
            continue
        for uri in sorted(p for p in pictures.pending if p.startswith(f"{lang}/")):
            if (file := files.get_file_from_path(uri)) is not None:
                files.remove(file)
                late.append((Path(config.docs_dir) / uri, Path(file.abs_dest_path)))
    return late


def finish_pictures(generated: Generated, lang: str | None = None) -> None:
    """Wait for the pictures of one language (or all) and write them; a painter's failure fails the build in one line."""
    try:
        generated.pictures.finish(lang)
    except PainterError as exc:
        raise PluginError(f"briefing: {exc}") from None


def place_pictures(generated: Generated, config: MkDocsConfig, late: list[tuple[Path, Path]], *, split: bool) -> None:
    """Put the chart pictures drawn during the build into the site, once drawn; ``split``: every language's."""
    finish_pictures(generated)
    if split:  # the other languages' pictures, drawn by this process's painter
        languages = generated.briefing.languages
        others = [p for p in generated.pictures.paths if not p.startswith(f"{languages[0]}/")]
        place(Path(config.docs_dir), Path(config.site_dir), others, languages)
    for source, dest in late:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
