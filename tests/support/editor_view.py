"""A loaded data file as an editor's YAML language server reads it, for checking the JSON Schemas against editors."""

from __future__ import annotations

import re
from typing import Any

from generator.load.loader import Plain

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def editor_view(value: Any) -> Any:
    """A loaded value as an editor's YAML 1.2 language server reads it: plain ``2023`` is a number, ``true`` a flag."""
    if isinstance(value, dict):
        return {k: editor_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [editor_view(v) for v in value]
    if isinstance(value, Plain):
        text = str(value)
        if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return text.lower() == "true"
        if _INT.fullmatch(text):
            return int(text, 0) if text.startswith(("0o", "0x")) else int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return text
    return value
