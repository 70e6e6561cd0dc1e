"""The base of every entry a data file holds."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from .fields import (
    Slug,
    doc,
)


class Entity(BaseModel):
    """Common settings: unknown keys are errors, values are never coerced from other kinds."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    collection: ClassVar[str] = ""
    #: Optional fields of which an entry gives exactly one (the rules check it); a new entry starts with the first.
    one_of: ClassVar[tuple[str, ...]] = ()
    #: Said after "give exactly one of …": what the choice is for.
    one_of_hint: ClassVar[str] = ""
    #: Optional fields an entry must give when another field has a value: ``{field: (other field, value)}``.
    required_if: ClassVar[dict[str, tuple[str, str]]] = {}
    #: The translated field that names an entry: its heading, its links' text, its label in a chart.
    name_field: ClassVar[str] = "name"
    id: Slug = doc(
        "Identifier: lowercase letters, digits and hyphens. In a one-entity file it may be left out: the file name is the id.",
        "識別子（半角英小文字・数字・ハイフン）。1ファイル1件の場合は省略でき、ファイル名が識別子になります。",
    )

    @property
    def display_name(self) -> dict[str, str]:
        """The entry's name in each language (see ``name_field``)."""
        name: dict[str, str] = getattr(self, self.name_field)
        return name
