"""Bilingual briefing sites from YAML facts: load → check → render → write.

The public API: ``load_briefing(data_dir)`` gives a checked ``Briefing`` or raises ``DataError`` listing every
``Problem``; ``generate(data_dir, templates_dir, out_dir)`` writes the site's Markdown and data files.
"""

from typing import Any

from .errors import DataError, Problem
from .load import load_briefing
from .model import Briefing

__all__ = ["Briefing", "DataError", "Problem", "generate", "load_briefing"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the whole pipeline takes about a second to import, and the chart painter
    # process (python -m generator.outputs.painter) imports this package too.
    if name == "generate":
        from .pipeline import generate

        return generate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
