"""Load the curated tables (CSV resources) as validated, typed DataFrames.

:func:`load` checks a CSV file in this order, stopping at the first kind of problem found,
so that every message names the real cause:

1. the bytes: present, a regular file, non-empty, UTF-8, no byte-order mark;
2. the shape: the header names the schema's columns in order (stray spaces shown), and
   every row has as many cells as the header;
3. the cells, with the ``frictionless`` library against the book's Table Schema (types,
   required cells, enums, patterns, ranges, primary and foreign keys);
4. the text: no control or bidirectional-override characters, nothing a spreadsheet would
   execute as a formula, no text longer than its limit; no date after the data's access
   date;
5. provenance: every key in a provenance column resolves in ``references.bib``;
6. the book's cross-row rules (:mod:`analysis.data.rules`).

Anything wrong raises one :class:`~analysis.data.DataValidationError` naming the file, the
row (the line number in the file; the header is row 1), the column, the offending value and
the rule it breaks, in words. Loading never writes to disk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd
from frictionless import Resource

from analysis.data import rules
from analysis.data.package import DataPackage
from analysis.data.problems import DataValidationError, Problem
from analysis.data.reads import record_read
from analysis.data.sources import Bibliography, source_columns, split_sources

__all__ = ["MAX_TEXT", "load", "load_table"]

#: The longest text a cell may hold when its field sets no ``maxLength`` of its own.
MAX_TEXT = 1000
#: Characters no text cell may hold: C0 and C1 controls (tab and newline included), DEL,
#: and the bidirectional embedding, override and isolate characters.
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: A cell a spreadsheet would run as a formula (OWASP "CSV injection"): one that starts
#: with = or @, or with + or - when it is not simply a number or a lone dash.
FORMULA = re.compile(r"^(?:[=@]|[+\-](?!\d+(?:\.\d+)?$)(?!$))")
#: How each Table Schema type is described in messages.
TYPE_WORDS = {
    "date": "a date written YYYY-MM-DD (e.g. 1956-10-19)",
    "datetime": "a date and time in ISO 8601",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "text",
}
#: The book's patterns, in words.
PATTERN_WORDS = {
    "^[^<>]+$": "text without the characters < and >",
    "^[A-Za-z0-9_:.-]+( ?; ?[A-Za-z0-9_:.-]+)*$": "keys of references.bib separated by ';'",
    "^[0-9]{4}-[a-z0-9-]+$": "a year, a hyphen and a lower-case slug (e.g. 1956-declaration)",
    "^[a-z-]+$": "lower-case letters and hyphens",
    "^[a-z0-9-]+$": "lower-case letters, digits and hyphens",
}


def _visible(text: str) -> str:
    """A header cell with its spaces and invisible characters made visible."""
    return "".join("␠" if ch == " " else ch if ch.isprintable() else f"\\u{ord(ch):04x}"
                   for ch in text)


def _check_bytes(path: Path) -> bytes:
    """File-level checks that come before parsing: present, non-empty, UTF-8, no BOM."""
    if not path.is_file():
        raise DataValidationError(Problem(path, None, None, None, "the data file must exist"))
    record_read(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataValidationError(Problem(
            path, 1, None, None, "the file starts with a UTF-8 byte-order mark (as Excel's "
            "\"CSV UTF-8\" saves it); save it as plain UTF-8 without a BOM"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataValidationError(Problem(
            path, 1, None, None, "the file is UTF-16; it must be encoded in UTF-8"))
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
    return raw


def _rows(path: Path, raw: bytes) -> list[list[str]]:
    """The file's rows, read strictly (an unclosed quote is an error, not a long cell)."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True)
    try:
        return list(reader)
    except csv.Error as exc:
        raise DataValidationError(Problem(
            path, reader.line_num or None, None, None,
            f"the file must be readable as CSV: {exc} (a quote left open?)")) from exc


def _shape_problems(path: Path, rows: list[list[str]], fields: list[dict]) -> list[Problem]:
    """Header and row shape: the schema's columns, in order, and one cell per column."""
    expected = [f["name"] for f in fields]
    header = rows[0] if rows else []
    problems = []
    for name in header:
        if name != name.strip() and name.strip() in expected:
            problems.append(Problem(path, None, name.strip(), _visible(name),
                                    "a column name must not have spaces around it"))
    if problems:
        return problems
    problems = [
        Problem(path, None, name, None, "the column is required by the schema (missing-label)")
        for name in expected if name not in header
    ]
    problems += [
        Problem(path, None, name, None, "the column is not in the schema (extra-label)")
        for name in header if name not in expected
    ]
    if not problems and header != expected:
        problems.append(Problem(path, None, None, ", ".join(header),
                                f"the columns must be in schema order: {', '.join(expected)}"))
    if problems:
        return problems
    for number, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(header):
            hint = " (an unquoted comma?)" if len(row) > len(header) else ""
            problems.append(Problem(path, number, None, None,
                                    f"the row has {len(row)} cells, the header "
                                    f"{len(header)}{hint}"))
    return problems


def _in_words(kind: str, note: str, field: dict[str, Any] | None, resource: dict) -> str:
    """A frictionless error as a rule in words, with its kind in brackets."""
    constraint = re.match(r'constraint "(\w+)" is "(.*)"', note or "")
    if kind == "type-error" and field is not None:
        return f"must be {TYPE_WORDS.get(field.get('type', 'string'), 'valid')} [type-error]"
    if kind == "constraint-error" and constraint:
        name, value = constraint.groups()
        words = {
            "required": "must not be empty",
            "enum": "must be one of: " + ", ".join(
                map(str, (field or {}).get("constraints", {}).get("enum", []))),
            "minimum": f"must be at least {value}",
            "maximum": f"must be at most {value}",
            "minLength": f"must be at least {value} characters long",
            "maxLength": f"must be at most {value} characters long",
            "pattern": "must be " + PATTERN_WORDS.get(value, f"text matching {value}"),
        }.get(name, f"must satisfy {name} {value}")
        return f"{words} [constraint-error: {name}]"
    if kind in {"unique-error", "primary-key"}:
        return f"must be unique: an earlier row has the same value [{kind}]"
    if kind == "foreign-key":
        links = [
            f"({', '.join(fk['fields'])}) must be a row ({', '.join(fk['reference']['fields'])})"
            f" of the resource '{fk['reference']['resource']}'"
            for fk in resource.get("schema", {}).get("foreignKeys", [])]
        return f"{'; '.join(links) or 'must refer to an existing row'} [foreign-key]"
    if kind == "blank-row":
        return "the row must not be blank [blank-row]"
    return f"{kind}: {note}" if note else kind


def _frictionless_problems(resource: Resource, path: Path, entry: dict) -> list[Problem]:
    fields = {f["name"]: f for f in entry["schema"]["fields"]}
    try:
        report = resource.validate()
    except Exception as exc:  # frictionless itself failed: report it as the file's problem
        return [Problem(path, None, None, None, f"the file could not be checked ({exc})")]
    problems = []
    for error in report.flatten(
        ["type", "rowNumber", "fieldName", "cell", "note", "fieldNames", "fieldCells"]
    ):
        kind, row, column, value, note, columns, cells = error
        if column is None and columns:  # a rule over several columns (e.g. a foreign key)
            column, value = ", ".join(columns), ", ".join(str(c) for c in cells or [])
        rule = _in_words(kind, note, fields.get(column), entry)
        problems.append(Problem(path, row, column, value, rule))
    return problems


def _text_problems(frame: pd.DataFrame, path: Path, fields: list[dict],
                   access: dt.date) -> list[Problem]:
    """Text that is unsafe or too long, and dates after the data's access date."""
    problems = []
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        limit = field.get("constraints", {}).get("maxLength", MAX_TEXT)
        for index, cell in frame[name].items():
            row = int(index) + 2
            if kind == "string":
                bad = FORBIDDEN_CHARACTERS.search(cell)
                if bad:
                    problems.append(Problem(
                        path, row, name, cell[:80],
                        f"text must not hold control or bidirectional-override characters "
                        f"(found U+{ord(bad.group()):04X})"))
                elif FORMULA.match(cell):
                    problems.append(Problem(
                        path, row, name, cell[:80],
                        "text must not start like a spreadsheet formula (=, +, - or @)"))
                elif len(cell) > limit:
                    problems.append(Problem(path, row, name, f"{cell[:40]}… ({len(cell)} "
                                            "characters)", f"must be at most {limit} "
                                            "characters long"))
            elif kind == "date" and cell and cell > access.isoformat():
                problems.append(Problem(path, row, name, cell,
                                        f"must not be after the data's access date "
                                        f"({access.isoformat()})"))
            elif kind == "integer" and name == "year" and cell.isdigit() \
                    and int(cell) > access.year:
                problems.append(Problem(path, row, name, cell,
                                        f"must not be after the year of the data's access "
                                        f"date ({access.year})"))
    return sorted(problems, key=lambda p: p.row or 0)


def _access_date(package: DataPackage, name: str) -> dt.date:
    """The date the data were accessed (the resource's origin), never after today."""
    today = dt.date.today()
    try:
        accessed = dt.date.fromisoformat(str(package.origin(name).get("date_accessed")))
    except ValueError:
        return today
    return min(accessed, today)


def _source_problems(frame: pd.DataFrame, path: Path, bib: Bibliography) -> list[Problem]:
    problems = []
    for column in source_columns(list(frame.columns)):
        for index, cell in frame[column].items():
            for key in split_sources(cell):
                if key not in bib.tiers:
                    rule = ("every source key must resolve in references.bib (the book's, or "
                            "one in the data folder)")
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
    entry = package.entry(name)
    fields = entry["schema"]["fields"]
    path = package.path_of(entry)
    rows = _rows(path, _check_bytes(path))
    problems = _shape_problems(path, rows, fields)
    if not problems:
        resource = package.frictionless.get_resource(name)
        problems = _frictionless_problems(resource, path, entry)
    if problems:
        raise DataValidationError.first_of(problems)
    body = [row for row in rows[1:] if row]  # the same rows frictionless checked
    frame = pd.DataFrame(body, columns=rows[0], dtype=object).astype(str)
    problems = _text_problems(frame, path, fields, _access_date(package, name))
    if not problems and source_columns(list(frame.columns)):
        problems = _source_problems(frame, path, package.bibliography)
    if problems:
        raise DataValidationError.first_of(problems)
    typed = _typed(frame, fields)
    problems = rules.table_problems(name, typed, path)
    if problems:
        raise DataValidationError.first_of(problems)
    return typed


def load(
    name: str,
    data_dir: str | Path | None = None,
    bib_path: str | Path | None = None,
) -> pd.DataFrame:
    """Validate resource ``name`` of a data folder against the book's rules and return it
    typed.

    Parameters
    ----------
    name:
        The resource's ``name`` in the data package (e.g. ``"events"``).
    data_dir:
        Folder holding the data files; defaults to the book's ``data/``; a relative path is
        taken from the current working directory.
    bib_path:
        The bibliography every source key must resolve in; defaults to the book's
        ``references.bib``.

    Raises
    ------
    DataValidationError
        On the first problem found, naming file, row, column, value and rule.
    """
    return load_table(DataPackage(data_dir, bib_path), name)
