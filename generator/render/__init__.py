"""Briefing → Markdown pages and chart views, one set per language."""

from .environment import make_environment, template_dirs
from .markdown import MD, md
from .pages import Rendered, TermPages, chart_drawings, render_site
from .site_map import GLOSSARY_PAGE, HOME_PAGE, PAGE_OF, PageSpec, plan

__all__ = [
    "GLOSSARY_PAGE",
    "HOME_PAGE",
    "MD",
    "PAGE_OF",
    "PageSpec",
    "Rendered",
    "TermPages",
    "chart_drawings",
    "make_environment",
    "md",
    "plan",
    "render_site",
    "template_dirs",
]
