"""Dates known to a precision: a year, a quarter, a month or a day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, ClassVar, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

_DATE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to a precision: a year, a quarter, a month or a day."""

    year: int
    quarter: int | None = None
    month: int | None = None
    day: int | None = None

    PATTERN: ClassVar[str] = r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$"
    EXAMPLES: ClassVar[tuple[str, ...]] = ("2023", "2023-Q1", "2023-05", "2023-05-24")

    @property
    def precision(self) -> Literal["year", "quarter", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        return "year"

    @property
    def quarter_of_year(self) -> int | None:
        """The quarter the date falls in, when known."""
        if self.quarter is not None:
            return self.quarter
        return (self.month - 1) // 3 + 1 if self.month else None

    @property
    def first_month(self) -> int:
        """The first month the date may stand for."""
        if self.month:
            return self.month
        return (self.quarter - 1) * 3 + 1 if self.quarter else 1

    def sort_key(self) -> tuple[int, int, int, int]:
        """Chronological order by start; a coarser date sorts before finer ones that start with it."""
        rank = {"year": 0, "quarter": 1, "month": 2, "day": 3}[self.precision]
        return (self.year, self.first_month, self.day or 0, rank)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        return f"{self.year:04d}"

    def shifted_years(self, years: int) -> PartialDate:
        """The same period ``years`` later (earlier when negative)."""
        day = self.day
        if day is not None and self.month == 2 and day == 29:
            day = 28
        return PartialDate(self.year + years, self.quarter, self.month, day)

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read ``2023``, ``2023-Q1``, ``2023-05`` or ``2023-05-24``."""
        if isinstance(value, PartialDate):
            return value
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        match = _DATE.match(text or "")
        if not match:
            raise ValueError(f"{value!r} is not a date: write 2023, 2023-Q1, 2023-05 or 2023-05-24")
        year, quarter, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year == 0:
            raise ValueError(f"{value!r} is not a date: there is no year 0 (1 BC is followed by AD 1)")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not a date: there is no month {month}")
        if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{value!r} is not a date: {calendar.month_name[month]} {year} has no day {day}")
        return cls(year, quarter, month, day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "pattern": cls.PATTERN, "examples": list(cls.EXAMPLES)}
