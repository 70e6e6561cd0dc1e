"""Command line: ``briefing init|check|new|build|serve|schemas`` (also ``python -m generator …``)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .build.pipeline import generate
from .errors import DataError, fault
from .load import check_root_language, load_briefing, mkdocs_root_language
from .model import Coverage
from .outputs.schemas import site_languages, write_schemas
from .project import ProjectError, init_project
from .scaffold import KINDS, ScaffoldError, new_entry


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Check and render a multilingual briefing.")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser(
        "init", help="write a new briefing project: one company, event, term and source, in Japanese and English"
    )
    init.add_argument("dir", help="the new project's folder (created; must be empty if it exists)")
    serve = sub.add_parser(
        "serve", help="preview the site (mkdocs serve --livereload --dirty), each save rebuilding the pages it changed"
    )
    serve.add_argument("mkdocs_args", nargs=argparse.REMAINDER, help="further options for mkdocs serve, e.g. -a 127.0.0.1:8001")
    check = sub.add_parser("check", help="validate the data and report translation coverage")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    check.add_argument("--strict", action="store_true", help="also fail on warnings")
    build = sub.add_parser(
        "build", help="write the generated Markdown pages (mkdocs build adds the glossary's lists of pages using each term)"
    )
    build.add_argument("--data", default="data")
    build.add_argument("--templates", default="templates")
    build.add_argument("--out", default="build/docs")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas editors validate data files with")
    schemas.add_argument("--data", default="data", help="data folder whose site.yaml lists the languages")
    schemas.add_argument("--out", default="schemas")
    new = sub.add_parser("new", help="write a new entry with every field, to fill in")
    new.add_argument("kind", choices=sorted(KINDS))
    new.add_argument("id", help="the new entry's id, e.g. li-auto")
    new.add_argument("--data", default="data")
    new.add_argument("--append", metavar="FILE", help="add the entry at the end of this list file instead of writing a new file")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; print problems one per line and return 1 when there are any."""
    args = _parser().parse_args(argv)
    if args.command == "init":
        try:
            written = init_project(Path(args.dir))
        except ProjectError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"wrote {len(written)} files to {args.dir}/; next: cd {args.dir} && mkdocs build --strict")
        return 0
    if args.command == "serve":
        mkdocs = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", *args.mkdocs_args]
        return subprocess.call(mkdocs, env=os.environ.copy())
    data = Path(args.data)
    try:
        if args.command == "check":
            briefing = load_briefing(data, rel=args.data.rstrip("/"))
            # mkdocs.yml beside the data folder decides which language the site root shows.
            check_root_language(briefing, mkdocs_root_language(data.resolve().parent / "mkdocs.yml"))
            counts = {name: len(group) for name, group in briefing.entities.items() if group}
            summary = ", ".join(f"{n} {name}" for name, n in counts.items())
            print_coverage(briefing.coverage)
            for warning in briefing.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if args.strict and briefing.warnings:
                print(f"{_count(len(briefing.warnings), 'warning')} found; failing because of --strict", file=sys.stderr)
                return 1
            print(f"ok: {summary}")
        elif args.command == "schemas":
            changed = write_schemas(Path(args.out), site_languages(data, rel=args.data.rstrip("/")))
            print(
                f"ok: {len(changed)} schema(s) written to {args.out}/"
                if changed
                else f"ok: schemas in {args.out}/ are up to date"
            )
        elif args.command == "new":
            path = new_entry(args.kind, args.id, data, append=Path(args.append) if args.append else None)
            print(f"wrote {path.as_posix()}: replace every TODO, then run python -m generator check")
        else:
            done = generate(data, Path(args.templates), Path(args.out), rel=args.data.rstrip("/"))
            print(f"ok: {len(done.written)} written, {done.stats.unchanged} unchanged, {len(done.stats.removed)} removed")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full disk, a read-only folder: the machine's problem, said in one line
        print(f"error: {fault(exc)}", file=sys.stderr)
        return 1
    except DataError as exc:
        if args.command == "check" and exc.coverage is not None:
            print_coverage(exc.coverage)
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"{_count(len(exc.problems), 'problem')} found; nothing was written", file=sys.stderr)
        return 1
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def print_coverage(coverage: Coverage) -> None:
    """Per language: how many text fields are translated, then where each missing one is."""
    for lang, missing in coverage.missing.items():
        print(f"{lang}: {coverage.total - len(missing)}/{coverage.total} text fields translated")
        for problem in sorted(missing):
            print(f"  missing: {problem.file}:{problem.line}:{problem.column}: {problem.field}")
