"""What is wrong with what was read: each problem names the file, the line, the field, in French.

A problem is an *error* when Vitrail cannot read the record without guessing (the import is then
refused as a whole: a student skipped here would look "absent" and be deactivated there), or a
*warning* when the value was read unambiguously but the secretariat should know (an Excel
semicolon file, a date in a day-first format, a column Vitrail does not use).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the input. ``line`` counts from 1 (the header is line 1)."""

    severity: Severity
    code: str
    file: str
    line: int | None
    field: str | None
    message: str

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"ligne {self.line}")
        if self.field:
            parts.append(f"champ « {self.field} »")
        return ", ".join(parts)

    def text(self) -> str:
        return f"[{self.severity}] {self.where} : {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"severity": str(self.severity), "code": self.code, "file": self.file, "line": self.line,
                "field": self.field, "message": self.message}


class ProblemLog:
    """The problems of one run, in the order found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, code: str, file: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(Severity.ERROR, code, file, line, field, message))

    def warning(self, code: str, file: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(Severity.WARNING, code, file, line, field, message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == Severity.ERROR]

    def counts(self) -> Counter[Severity]:
        return Counter(p.severity for p in self.items)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known word ``word`` was most likely meant to be (a typo), or None if none is close.

    Case and accents are ignored by lower-casing; ``difflib`` scores the rest.
    """
    options = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.75)
    return options[match[0]] if match else None


def quoted_list(values: Iterable[str]) -> str:
    return ", ".join(f"« {value} »" for value in values)
