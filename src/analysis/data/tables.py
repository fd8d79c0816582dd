"""Load the curated tables (CSV resources) as validated, typed DataFrames.

:func:`load` validates a CSV file against its resource's Table Schema with the
``frictionless`` library (types, required cells, enums, patterns, ranges, primary and
foreign keys), checks that every key in a provenance column resolves in the book's
``references.bib``, and only then returns a DataFrame whose column types follow the
schema. Anything wrong raises one :class:`~analysis.data.DataValidationError` naming the
file, the row (the line number in the file; the header is row 1), the column, the
offending value and the rule it breaks. Loading never writes to disk.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from frictionless import Resource

from analysis.data.package import DataPackage
from analysis.data.problems import DataValidationError, Problem
from analysis.data.reads import record_read
from analysis.data.sources import Bibliography, source_columns, split_sources

__all__ = ["load", "load_table"]


def _check_bytes(path: Path) -> None:
    """File-level checks that come before parsing: present, non-empty, UTF-8."""
    if not path.is_file():
        raise DataValidationError(Problem(path, None, None, None, "the data file must exist"))
    record_read(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise DataValidationError(Problem(path, None, None, None, "the file must not be empty"))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.end]
        raise DataValidationError(
            Problem(path, line, None, bad, "the file must be encoded in UTF-8")
        ) from exc


def _header_problems(path: Path, fields: list[dict]) -> list[Problem]:
    """Name missing, unexpected or misplaced columns (before cell-level validation,
    which would otherwise blame the columns after a missing one)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    expected = [f["name"] for f in fields]
    problems = [
        Problem(path, None, name, None, "missing-label: the column is required by the schema")
        for name in expected if name not in header
    ]
    problems += [
        Problem(path, None, name, None, "extra-label: the column is not in the schema")
        for name in header if name not in expected
    ]
    if not problems and header != expected:
        problems.append(Problem(path, None, None, ", ".join(header),
                                f"the columns must be in schema order: {', '.join(expected)}"))
    return problems


def _frictionless_problems(resource: Resource, path: Path) -> list[Problem]:
    report = resource.validate()
    problems = []
    for error in report.flatten(
        ["type", "rowNumber", "fieldName", "cell", "note", "fieldNames", "fieldCells"]
    ):
        kind, row, column, value, note, columns, cells = error
        if column is None and columns:  # a rule over several columns (e.g. a foreign key)
            column, value = ", ".join(columns), ", ".join(str(c) for c in cells or [])
        rule = f"{kind}: {note}" if note else kind
        problems.append(Problem(path, row, column, value, rule))
    return problems


def _source_problems(frame: pd.DataFrame, path: Path, bib: Bibliography) -> list[Problem]:
    problems = []
    for column in source_columns(list(frame.columns)):
        for index, cell in frame[column].items():
            for key in split_sources(cell):
                if key not in bib.tiers:
                    rule = "every source key must resolve in references.bib"
                    problems.append(Problem(path, int(index) + 2, column, key, rule))
    return sorted(problems, key=lambda p: p.row or 0)


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    """Give each column the pandas dtype that its Table Schema field declares."""
    out = frame.copy()
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        column = out[name].mask(out[name] == "")  # an empty cell is a missing value
        if kind in {"date", "datetime"}:
            out[name] = pd.to_datetime(column, format="ISO8601")
        elif kind == "integer":
            out[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            out[name] = pd.to_numeric(column).astype("Float64")
        elif kind == "boolean":
            out[name] = column.map({"true": True, "false": False}).astype("boolean")
        elif enum:
            out[name] = pd.Categorical(column, categories=enum)
        else:
            out[name] = column.astype("string")
    return out


def load_table(package: DataPackage, name: str) -> pd.DataFrame:
    """Validate table ``name`` of an opened :class:`DataPackage` and return it typed."""
    fields = package.entry(name)["schema"]["fields"]
    resource = package.frictionless.get_resource(name)
    path = package.data_dir / resource.path
    _check_bytes(path)
    problems = _header_problems(path, fields) or _frictionless_problems(resource, path)
    if problems:
        raise DataValidationError.first_of(problems)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if source_columns(list(frame.columns)):
        problems = _source_problems(frame, path, package.bibliography)
        if problems:
            raise DataValidationError.first_of(problems)
    return _typed(frame, fields)


def load(
    name: str,
    data_dir: str | Path | None = None,
    bib_path: str | Path | None = None,
) -> pd.DataFrame:
    """Validate resource ``name`` of ``data_dir/datapackage.json`` and return it typed.

    Parameters
    ----------
    name:
        The resource's ``name`` in the data package (e.g. ``"events"``).
    data_dir:
        Folder holding ``datapackage.json`` and the data files; defaults to the book's
        ``data/``; a relative path is taken from the current working directory.
    bib_path:
        The bibliography every source key must resolve in; defaults to the book's
        ``references.bib``.

    Raises
    ------
    DataValidationError
        On the first problem found, naming file, row, column, value and rule.
    """
    return load_table(DataPackage(data_dir, bib_path), name)
