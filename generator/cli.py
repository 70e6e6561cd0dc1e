"""Command line: ``python -m generator check|build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import DataError
from .pipeline import generate
from .validate import load_briefing


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check and render a bilingual briefing.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data and report translation coverage")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    check.add_argument("--strict", action="store_true", help="also fail on warnings")
    build = sub.add_parser("build", help="write the generated Markdown pages")
    build.add_argument("--data", default="data")
    build.add_argument("--templates", default="templates")
    build.add_argument("--out", default="build/docs")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; print problems one per line and return 1 when there are any."""
    args = _parser().parse_args(argv)
    data = Path(args.data)
    try:
        if args.command == "check":
            briefing = load_briefing(data, rel=args.data.rstrip("/"))
            counts = {name: len(group) for name, group in briefing.entities.items() if group}
            summary = ", ".join(f"{n} {name}" for name, n in counts.items())
            langs = briefing.languages
            coverage = briefing.coverage
            for lang in langs:
                done = coverage.total - len(coverage.missing[lang])
                print(f"{lang}: {done}/{coverage.total} text fields translated")
            for warning in briefing.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if args.strict and briefing.warnings:
                return 1
            print(f"ok: {summary}")
        else:
            _, stats = generate(data, Path(args.templates), Path(args.out), rel=args.data.rstrip("/"))
            print(f"ok: {len(stats.written)} written, {stats.unchanged} unchanged, {len(stats.removed)} removed")
    except DataError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found; nothing was written", file=sys.stderr)
        return 1
    return 0
