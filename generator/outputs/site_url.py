"""The site's address, when known: ``base_url`` in data/site.yaml, else the one the publishing workflow deploys to."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import DataError
from ..load.loader import load
from ..model import Url

SITE_URL_VARIABLE = "BRIEFING_SITE_URL"


def published_url(data_dir: Path) -> str | None:
    """``base_url`` of ``data/site.yaml`` (with a final slash) when it is a valid link, else ``deployed_url()``.

    Read before the build so that the sitemap and canonical links can be absolute;
    the full validation of the file happens when the pages are generated.
    """
    try:
        value = load(data_dir / "site.yaml", "site.yaml").value
        url = _base(value.get("base_url")) if isinstance(value, dict) else None
    except (DataError, OSError):
        url = None
    return url or deployed_url()


def deployed_url() -> str | None:
    """The address the publishing workflow deploys to (``BRIEFING_SITE_URL``, set from GitHub Pages), if valid.

    Only a fallback: ``base_url`` in the data, when given, is the editors' choice and wins.
    """
    return _base(os.environ.get(SITE_URL_VARIABLE))


def _base(value: Any) -> str | None:
    if not value:
        return None
    try:
        url = TypeAdapter(Url).validate_python(value)
    except ValidationError:
        return None
    return url.rstrip("/") + "/"
