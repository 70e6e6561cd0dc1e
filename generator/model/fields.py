"""Field types of the model: ids, one-line texts, translated texts, links, flags, and the markers that say
which fields are translated and which refer to other entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


def doc(en: str, ja: str, **kwargs: Any) -> Any:
    """A field with its description in both languages (shown in the schema and the reference page)."""
    extra = kwargs.pop("json_schema_extra", {})
    return Field(description=en, json_schema_extra={"x-description-ja": ja, **extra}, **kwargs)


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of an entity in ``collection``."""

    collection: str


@dataclass(frozen=True)
class Localized:
    """Marks a field that holds one text per configured language."""


# An id names files (data, pages, charts): it must make a file name on every system a checkout may land on.
ID_MAX_LENGTH = 100
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{kind}{n}" for kind in ("com", "lpt") for n in range(1, 10))}
# Characters that HTML, SVG and Atom (XML) cannot carry, written as YAML escapes ("\x01"): tab and line breaks are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Zero-width characters: a text of only these shows nothing.
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def _slug(value: Any) -> Any:
    if isinstance(value, str):
        if not _SLUG.fullmatch(value):  # fullmatch: '$' would accept a trailing newline
            raise ValueError(f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'li-auto')")
        if len(value) > ID_MAX_LENGTH:
            raise ValueError(f"{value[:20]!r}… ({len(value)} characters) is too long for an id: use at most {ID_MAX_LENGTH}")
        if value in _WINDOWS_RESERVED:
            raise ValueError(f"{value!r} cannot be an id: Windows reserves it as a device name, no file can be named so")
    return value


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id, or None."""
    try:
        _slug(value)
    except ValueError as exc:
        return str(exc)
    return None


def _control_character(value: str) -> str | None:
    """The message for the first character of ``value`` that no page or feed can carry, if any."""
    if (found := _CONTROL.search(value)) is not None:
        return f"character U+{ord(found.group()):04X} is not allowed in text; remove it"
    return None


def _text(value: Any) -> Any:
    if isinstance(value, str):
        if _INVISIBLE.fullmatch(value):
            raise ValueError("text is empty")
        if message := _control_character(value):
            raise ValueError(message)
        return str(value)
    return value


def _url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value != value.strip() or any(ord(c) < 33 or c in '"<>\\^`{|}' for c in value) or _CONTROL.search(value):
        raise ValueError(f"{value!r} is not a valid link: it contains spaces or characters that are not allowed in a URL")
    if not re.match(r"^https?://[^/?#]+", value):
        raise ValueError(f"{value!r} is not allowed: links must start with http:// or https://")
    if re.match(r"^https?://[^/?#]*@", value):
        raise ValueError(f"{value!r} is not allowed: links must not carry a user name or password")
    # A browser decodes "&#x40;" in an href to "@": the link would go elsewhere than the text checked here.
    if reference := re.search(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", value):
        raise ValueError(
            f"{value!r} is not allowed: {reference.group()!r} is an HTML character reference; write the character itself"
        )
    return str(value)


def _flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    raise ValueError("expected true or false")


Slug = Annotated[str, BeforeValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]
Line = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Text = Annotated[dict[str, Line], Localized()]
Url = Annotated[str, BeforeValidator(_url), Field(json_schema_extra={"pattern": "^https?://", "format": "uri"})]
Flag = Annotated[bool, BeforeValidator(_flag)]
CompanyId = Annotated[Slug, Ref("companies")]
PersonId = Annotated[Slug, Ref("people")]
ProductId = Annotated[Slug, Ref("products")]
MarketId = Annotated[Slug, Ref("markets")]
RegionId = Annotated[Slug, Ref("regions")]
MeasureId = Annotated[Slug, Ref("measures")]
TopicId = Annotated[Slug, Ref("topics")]
SourceId = Annotated[Slug, Ref("sources")]
MetricId = Annotated[Slug, Ref("metrics")]
EventId = Annotated[Slug, Ref("events")]
TermId = Annotated[Slug, Ref("glossary")]
