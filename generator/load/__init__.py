"""Files → a checked Briefing, or every problem at once."""

from .briefing import PLACEHOLDER, load_briefing
from .files import FileCache
from .site import check_root_language, mkdocs_root_language

__all__ = ["PLACEHOLDER", "FileCache", "check_root_language", "load_briefing", "mkdocs_root_language"]
