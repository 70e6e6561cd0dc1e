"""The one error type of the pipeline: a problem at a place in a data file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: Where a value stands in a document: mapping keys and list indexes from the top.
Path_ = tuple[str | int, ...]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _one_line(text: str) -> str:
    """Control characters (a newline in a quoted key, say) shown escaped, so a problem stays on one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, shown as ``file:line:col: field.path: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return _one_line(f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}")


def dotted(path: Path_) -> str:
    """``('name', 'en')`` → ``name.en``; list indexes as ``[3]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(file)"


@dataclass
class DataError(Exception):
    """Raised once with every problem found, so an editor sees them all in one run."""

    problems: list[Problem] = field(default_factory=list)
    # The translation coverage of the data that was read, when the site settings could be read.
    coverage: Any = None

    def __post_init__(self) -> None:
        self.problems = sorted(set(self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def lines(self) -> list[str]:
        """The problems, one line each, in file order."""
        return [str(p) for p in self.problems]


def fault(exc: OSError) -> str:
    """One line for a file-system failure (a full disk, a read-only folder), naming the file when known."""
    target = exc.filename2 or exc.filename  # a copy names its source first, the file it could not write second
    where = f" {target}" if target else ""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return _one_line(f"cannot write{where}: {reason}")
