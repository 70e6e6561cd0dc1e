"""New data entries: ``python -m generator new company byd`` writes a file with every field of the model.

Required fields get a ``TODO`` placeholder (``check`` reports each one until it
is filled); so do the first of fields of which one is given (a metric's
``company``, with a comment naming ``market`` instead) and fields required
when another has a value (a metric's ``currency``, with a comment to delete
it for another unit). Other optional fields are written commented out, so the
entry is valid as soon as the placeholders are filled. Each field carries its
description from the model and, for values that are not free text, a hint of
what to write.
"""

from __future__ import annotations

import os
import shutil
import typing
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .errors import DataError
from .load import PLACEHOLDER
from .load.loader import load, parse
from .model import COLLECTIONS, Entity, Localized, PartialDate, Ref, Url, id_problem
from .model.introspect import field_annotation, unwrap
from .outputs.schemas import site_languages

#: ``new <kind>``: the model's name in lower case → its data folder (company → companies, term → glossary).
KINDS: dict[str, str] = {model.__name__.lower(): collection for collection, model in COLLECTIONS.items()}


_URL_MARKERS = unwrap(Url)[1]


class ScaffoldError(Exception):
    """A new entry that cannot be written; the message says why and what to do."""


#: What to write beside a placeholder, from the field's type (``None``: no comment).
Hint = Callable[[Any], str | None]


def _description(info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    ja = extra.get("x-description-ja")
    return f"{info.description or ''}" + (f" / {ja}" if ja else "")


def _hint(annotation: Any) -> str | None:
    """What to write for a value that is not free text (English: the comments of a new file)."""
    bare, markers = unwrap(annotation)
    for marker in markers:
        if isinstance(marker, Ref):
            return f"id in {marker.collection}"
    if typing.get_origin(bare) is list:
        return f"list of {_hint(typing.get_args(bare)[0]) or 'text'}"
    if typing.get_origin(bare) is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(bare))
    if bare is PartialDate:
        return "date: " + ", ".join(PartialDate.EXAMPLES[:-1]) + " or " + PartialDate.EXAMPLES[-1]
    if bare is Decimal:
        return "number"
    if any(m in _URL_MARKERS for m in markers):
        return "link: https://…"
    return None


def _value(annotation: Any, languages: list[str], hint: Hint, *, required_only: bool) -> tuple[str, str | None, list[str]]:
    """(value after ``key:``, comment beside it, lines below it at +2 indent) for a placeholder value."""
    bare, markers = unwrap(annotation)
    if any(isinstance(m, Localized) for m in markers):
        return "", None, [f"{lang}: {PLACEHOLDER}" for lang in languages]
    origin = typing.get_origin(bare)
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return "", None, _model_lines(bare, languages, hint, required_only=required_only)
    if origin is list:
        item_bare, _ = unwrap(typing.get_args(bare)[0])
        if isinstance(item_bare, type) and issubclass(item_bare, BaseModel):
            lines = _model_lines(item_bare, languages, hint, required_only=required_only)
            return "", None, [("- " if i == 0 else "  ") + line for i, line in enumerate(lines)]
        return f"[{PLACEHOLDER}]", hint(annotation), []
    if origin is dict:
        return "", None, [f"{lang}: []" for lang in languages]
    if bare is bool:
        return "false", None, []
    return PLACEHOLDER, hint(annotation), []


def must_fill(model: type[BaseModel]) -> list[str]:
    """The fields every entry of ``model`` fills: the required ones, and the first of fields of which one is given."""
    one_of = getattr(model, "one_of", ())
    return [n for n, info in model.model_fields.items() if n != "id" and (info.is_required() or n in one_of[:1])]


def _line(name: str, value: str, comment: str | None) -> str:
    return f"{name}: {value}".rstrip() + (f"  # {comment}" if comment else "")


def _field_lines(model: type[BaseModel], name: str, languages: list[str], hint: Hint, *, describe: bool) -> list[str]:
    info = model.model_fields[name]
    annotation = field_annotation(model, name)
    value, comment, below = _value(annotation, languages, hint, required_only=False)
    one_of: tuple[str, ...] = getattr(model, "one_of", ())
    required_if: dict[str, tuple[str, str]] = getattr(model, "required_if", {})
    if info.examples:
        comment = "e.g. " + ", ".join(str(e) for e in info.examples) + (f"; {comment}" if comment else "")
    if one_of[:1] == (name,):
        others = " or ".join(f"{o}: <{hint(field_annotation(model, o)) or 'text'}>" for o in one_of[1:])
        comment = f"{comment or 'text'} (or replace this line with {others})"
    if name in required_if:
        other, when = required_if[name]
        comment = f"{comment or 'text'} (when {other} is {when}; otherwise delete this line)"
    lines = [_line(name, value, comment)] + [f"  {line}" for line in below]
    written = info.is_required() or name in one_of[:1] or name in required_if
    if not written:
        lines = [f"# {line}" for line in lines]
    if describe:
        lines.insert(0, f"# {'' if written else '(optional) '}{_description(info)}")
    return lines


def _model_lines(
    model: type[BaseModel], languages: list[str], hint: Hint, *, required_only: bool, describe: bool = False
) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if name == "id" or (required_only and not info.is_required()):
            continue
        lines += _field_lines(model, name, languages, hint, describe=describe)
    return lines


def example_lines(model: type[BaseModel], languages: list[str], hint: Hint) -> list[str]:
    """The smallest entry of ``model`` as YAML lines: each field it must fill, holding the placeholder.

    ``hint`` names, in the reader's language, what to write in place of each placeholder.
    """
    lines: list[str] = []
    for name in must_fill(model):
        value, comment, below = _value(field_annotation(model, name), languages, hint, required_only=True)
        lines += [_line(name, value, comment)] + [f"  {line}" for line in below]
    return lines


def entry_text(model: type[Entity], languages: list[str], entity_id: str | None = None) -> str:
    """The YAML of a new entry: every field of ``model``; ``entity_id`` given for a list entry."""
    lines = _model_lines(model, languages, _hint, required_only=False, describe=True)
    if entity_id is not None:
        lines = [f"id: {entity_id}"] + lines
    return "\n".join(lines) + "\n"


def _existing_ids(folder: Path) -> dict[str, Path]:
    """Ids already used in a collection folder (files that cannot be read are left to ``check``)."""
    ids: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            value = load(path, path.name).value
        except DataError:
            continue
        if isinstance(value, dict):
            ids[str(value.get("id", path.stem))] = path
        elif isinstance(value, list):
            ids.update({str(item["id"]): path for item in value if isinstance(item, dict) and "id" in item})
    return ids


def new_entry(kind: str, entity_id: str, data_dir: Path, *, append: Path | None = None) -> Path:
    """Write a new entry of ``kind`` with every field; return the file written.

    By default a one-entity file ``data/<collection>/<id>.yaml``; with ``append``,
    an entry added at the end of that list file of the same collection.
    """
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; choose one of {', '.join(sorted(KINDS))}")
    if problem := id_problem(entity_id):
        raise ScaffoldError(problem)
    collection = KINDS[kind]
    folder = data_dir / collection
    taken = _existing_ids(folder) if folder.is_dir() else {}
    if entity_id in taken:
        raise ScaffoldError(f"{kind} {entity_id!r} already exists in {taken[entity_id].as_posix()}; choose another id")
    languages = site_languages(data_dir)
    model = COLLECTIONS[collection]
    if append is not None:
        return _append(append, folder, model, languages, entity_id)
    path = folder / f"{entity_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.as_posix()} already exists; choose another id")
    header = [
        f"# yaml-language-server: $schema=../../schemas/{collection}.json",
        f"# New {kind} {entity_id!r}: replace every {PLACEHOLDER}, then run `python -m generator check`."
        " Optional fields are commented out: remove the # to use one.",
        f"# {kind}「{entity_id}」の新規データです。{PLACEHOLDER} をすべて書き換え、`python -m generator check` で確認してください。"
        "任意項目はコメントにしてあります。使う項目は行頭の # を外してください。",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    _write_whole(path, "\n".join(header) + "\n" + entry_text(model, languages), new=True)
    return path


def _write_whole(path: Path, content: str | bytes, *, new: bool = False) -> None:
    """Write ``content`` beside ``path`` and rename it into place: a full disk or a kill never leaves half a file."""
    temporary = path.with_name(f".{path.name}.new")
    try:
        temporary.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        if not new:
            shutil.copymode(path, temporary)
        if new and path.exists():  # appeared meanwhile: never overwrite an editor's file
            raise ScaffoldError(f"{path.as_posix()} already exists; choose another id")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _append(path: Path, folder: Path, model: type[Entity], languages: list[str], entity_id: str) -> Path:
    if path.resolve().parent != folder.resolve() or path.suffix != ".yaml":
        raise ScaffoldError(
            f"{path.as_posix()} is not a data file of {folder.as_posix()}/; append to a .yaml file in that folder"
        )
    if not path.is_file():
        raise ScaffoldError(f"{path.as_posix()} does not exist; leave out --append to write a new file")
    document = load(path, path.as_posix())  # a file that is not UTF-8 or not YAML: the located problem
    if not isinstance(document.value, list):
        raise ScaffoldError(f"{path.as_posix()} holds one entry, not a list; leave out --append to write a new file")
    text = document.text or ""
    body = entry_text(model, languages, entity_id).splitlines()
    entry = [("- " if i == 0 else "  ") + line if line else "" for i, line in enumerate(body)]
    separator = "" if text.endswith("\n") or not text else "\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    added = (separator + "\n" + "\n".join(entry) + "\n").replace("\n", newline)
    # Only a block list at the left margin takes an entry written at the end: check what the file would read as.
    try:
        after = parse(text + added, path.as_posix()).value
    except DataError:
        after = None
    last = after[-1] if isinstance(after, list) and len(after) == len(document.value) + 1 else None
    if not (isinstance(last, dict) and last.get("id") == entity_id):
        raise ScaffoldError(
            f"{path.as_posix()} is not a list that an entry can be added to at its end (a flow-style list [ … ], "
            "an indented list or a '...' end marker); add the entry by hand, or leave out --append to write a new file"
        )
    _write_whole(path, path.read_bytes() + added.encode("utf-8"))  # the bytes as they were (a byte-order mark too)
    return path
