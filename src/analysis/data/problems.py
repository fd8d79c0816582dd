"""The one error type of the Load room: a rule broken by a cell, a row or a whole file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DataValidationError", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One rule broken by one cell (or by a row, a header, or the file as a whole).

    ``row`` is the line number in a CSV file (the header is row 1) or the 1-based feature
    number in a GeoJSON layer (shown as "feature 3"); ``column`` is a column or feature
    property.
    """

    path: Path
    row: int | None
    column: str | None
    value: object
    rule: str

    def describe(self) -> str:
        where = f"{self.path}"
        if self.row is not None:
            unit = "feature" if self.path.suffix == ".geojson" else "row"
            where += f", {unit} {self.row}"
        elif self.column is not None:
            where += ", header (row 1)"
        if self.column is not None:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{where}{value} breaks rule: {self.rule}"


class DataValidationError(ValueError):
    """A data file does not satisfy its schema or its provenance rules.

    ``problem`` is the first problem found (in file order); ``count`` is how many
    were found in all. ``str(error)`` is one readable sentence naming file, row,
    column, value and rule.
    """

    def __init__(self, problem: Problem, count: int = 1) -> None:
        self.problem = problem
        self.count = count
        more = f" (and {count - 1} more problem(s) in this file)" if count > 1 else ""
        super().__init__(problem.describe() + more)

    @classmethod
    def first_of(cls, problems: list[Problem]) -> DataValidationError:
        """The error for a non-empty list of problems: the first, with the count."""
        return cls(problems[0], count=len(problems))
