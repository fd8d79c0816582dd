"""Load the curated datasets of ``data/`` as validated, typed DataFrames.

Every dataset is a resource of the Frictionless Data Package ``data/datapackage.json``.
:func:`load` validates the file against the resource's Table Schema with the
``frictionless`` library (types, required cells, enums, patterns, ranges, primary key),
checks that every ``source`` key resolves in the book's ``references.bib``, and only
then returns a DataFrame whose column types follow the schema.

Anything wrong raises one :class:`DataValidationError` that names the file, the row
(the line number in the file; the header is row 1), the column, the offending value and
the rule it breaks. Loading never writes to disk.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from frictionless import Package, Resource
from pybtex.database import parse_file

__all__ = [
    "DataValidationError",
    "Problem",
    "bib_keys",
    "default_data_dir",
    "descriptor",
    "load",
    "resource_entry",
    "resource_names",
    "resolve_paths",
    "source_columns",
    "split_sources",
]

#: Separator between several bibliography keys in one ``source`` cell.
SOURCE_SEPARATOR = ";"


@dataclass(frozen=True)
class Problem:
    """One rule broken by one cell (or by the file as a whole)."""

    path: Path
    row: int | None
    column: str | None
    value: object
    rule: str

    def describe(self) -> str:
        where = f"{self.path}"
        if self.row is not None:
            where += f", row {self.row}"
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


def default_data_dir() -> Path:
    """The ``data/`` folder of this repository (the package is installed editable)."""
    return Path(__file__).resolve().parents[2] / "data"


def descriptor(data_dir: Path) -> dict:
    """The parsed ``datapackage.json`` of ``data_dir`` (a clear error if missing or broken)."""
    path = data_dir / "datapackage.json"
    if not path.is_file():
        raise DataValidationError(Problem(path, None, None, None, "the data package must exist"))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            Problem(path, None, None, None, f"must be valid UTF-8 JSON ({exc})")
        ) from exc


def resource_names(data_dir: str | Path | None = None, fmt: str = "csv") -> list[str]:
    """Names of the resources of format ``fmt`` declared in ``datapackage.json``, in file
    order: the tables by default, the map layers with ``fmt="geojson"``."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    return [r["name"] for r in descriptor(data_dir).get("resources", [])
            if r.get("format", "csv") == fmt]


def resolve_paths(data_dir: str | Path | None,
                  bib_path: str | Path | None) -> tuple[Path, Path]:
    """``data_dir`` (default: the repository's ``data/``) and ``bib_path`` (default:
    ``references.bib`` beside it) as paths."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    bib_path = Path(bib_path) if bib_path is not None else data_dir.parent / "references.bib"
    return data_dir, bib_path


def resource_entry(data_dir: Path, name: str, fmt: str = "csv") -> dict:
    """The ``datapackage.json`` entry of resource ``name`` of format ``fmt``; a clear error
    naming the known resources of that format if there is none."""
    entries = [r for r in descriptor(data_dir).get("resources", [])
               if r.get("format", "csv") == fmt]
    known = [r.get("name") for r in entries]
    if name not in known:
        what = "map layer" if fmt == "geojson" else "resource"
        raise DataValidationError(Problem(data_dir / "datapackage.json", None, None, name,
                                          f"the {what} must be one of {known}"))
    return entries[known.index(name)]


def bib_keys(bib_path: str | Path) -> frozenset[str]:
    """All entry keys of a BibTeX file (parsed with pybtex)."""
    return frozenset(parse_file(str(bib_path), bib_format="bibtex").entries.keys())


def split_sources(cell: str) -> list[str]:
    """Split a ``source`` cell such as ``"mofa-1956; kremlin-2001"`` into its keys."""
    return [key.strip() for key in str(cell).split(SOURCE_SEPARATOR) if key.strip()]


def _check_bytes(path: Path) -> None:
    """File-level checks that come before parsing: present, non-empty, UTF-8."""
    if not path.is_file():
        raise DataValidationError(Problem(path, None, None, None, "the data file must exist"))
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


def source_columns(columns: list[str]) -> list[str]:
    """The provenance columns of a table: ``source`` and every ``*_source`` column."""
    return [c for c in columns if c == "source" or c.endswith("_source")]


def _source_problems(frame: pd.DataFrame, path: Path, keys: frozenset[str]) -> list[Problem]:
    problems = []
    for column in source_columns(list(frame.columns)):
        for index, cell in frame[column].items():
            for key in split_sources(cell):
                if key not in keys:
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
        Folder holding ``datapackage.json`` and the data files; defaults to the
        repository's ``data/``.
    bib_path:
        The bibliography every ``source`` key must resolve in; defaults to
        ``references.bib`` beside ``data_dir``.

    Raises
    ------
    DataValidationError
        On the first problem found, naming file, row, column, value and rule.
    """
    data_dir, bib_path = resolve_paths(data_dir, bib_path)
    fields = resource_entry(data_dir, name)["schema"]["fields"]
    package = Package(descriptor(data_dir), basepath=str(data_dir))
    resource = package.get_resource(name)
    path = data_dir / resource.path
    _check_bytes(path)

    problems = _header_problems(path, fields) or _frictionless_problems(resource, path)
    if problems:
        raise DataValidationError(problems[0], count=len(problems))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if source_columns(list(frame.columns)):
        if not bib_path.is_file():
            raise DataValidationError(
                Problem(bib_path, None, None, None, "the bibliography must exist")
            )
        problems = _source_problems(frame, path, bib_keys(bib_path))
        if problems:
            raise DataValidationError(problems[0], count=len(problems))
    return _typed(frame, fields)
