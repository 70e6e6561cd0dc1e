"""Pydantic's validation errors, said in plain words at the place in the file they point at."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model import Origin
from ..model.introspect import fields_at

_NUMBER_ERRORS = {"decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"}


def plain_message(err: dict[str, Any], model: type[BaseModel]) -> tuple[str, bool]:
    """A plain-language message for one pydantic error, and whether it points at the key."""
    kind = err["type"]
    loc = tuple(err["loc"])
    given = err.get("input")
    if kind == "extra_forbidden":
        allowed = fields_at(model, loc[:-1])
        near = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r}?" if near else f"; allowed fields: {', '.join(allowed)}"
        return f"unknown field {loc[-1]!r}{hint}", True
    if kind == "missing":
        return "required field is missing", True
    if kind in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, "), False
    if kind == "string_type":
        return f"expected text, got {_show(given)}", False
    if kind == "dict_type":
        return f"expected a mapping (e.g. {{ja: …, en: …}}), got {_show(given)}", False
    if kind == "list_type":
        return f"expected a list, got {_show(given)}", False
    if kind == "model_type" or kind == "model_attributes_type":
        return f"expected a mapping of fields, got {_show(given)}", False
    if kind in _NUMBER_ERRORS or kind.startswith("decimal"):
        return f"expected a number, got {_show(given)}", False
    if kind == "literal_error":
        return f"expected one of {err['ctx']['expected']}, got {_show(given)}", False
    if kind == "string_pattern_mismatch":
        return f"{_show(given)} does not have the expected form ({err['ctx']['pattern']})", False
    if kind == "too_short":
        return "must not be empty", False
    if kind == "string_too_short":
        return "text is empty", False
    msg = str(err["msg"])
    return msg[:1].lower() + msg[1:], False


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(str(value))


def validate_model(model: type[BaseModel], data: Any, origin: Origin, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            message, at_key = plain_message(dict(err), model)
            problems.append(origin.problem(tuple(err["loc"]), message, key=at_key))
        return None
