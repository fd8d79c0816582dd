"""A data folder opened once: where it is, the rules it is checked by, its bibliography.

The rules are the project's, never the data folder's: every folder is checked against the
resources and schemas of the book's own ``data/datapackage.json`` (:func:`book_rules`). A
data folder supplies rows; if it carries a ``datapackage.json`` of its own, that file may
differ in titles, descriptions and origin (an analyst's access dates, say) but not in any
rule, or the folder is refused with a list of the differences (:func:`rule_differences`):
a folder cannot relax the schema it is checked against.

:class:`DataPackage` parses the descriptors and ``references.bib`` a single time,
however many resources are then loaded from it; :func:`validate_package` loads and checks
every table and map layer of a folder with one such object (what the build calls first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from frictionless import Package

from analysis.data.problems import DataValidationError, Problem
from analysis.data.reads import record_read
from analysis.data.sources import TIERS, Bibliography, read_bibliography

__all__ = [
    "DataPackage",
    "PackageSummary",
    "RULE_KEYS",
    "book_rules",
    "default_bib_path",
    "default_data_dir",
    "repo_root",
    "resolve_data_dir",
    "rule_differences",
]

#: The formats of resources the Load room reads, and what it calls one of each.
FORMATS = {"csv": "resource", "geojson": "map layer"}
#: The parts of a resource that are rules (a data folder may not change them).
RULE_KEYS = ("name", "path", "format", "mediatype", "encoding", "schema", "geojsonSchema")


def repo_root() -> Path:
    """The repository root (the package is installed editable from ``src/``)."""
    return Path(__file__).resolve().parents[3]


def default_data_dir() -> Path:
    """The book's own ``data/`` folder."""
    return repo_root() / "data"


def default_bib_path() -> Path:
    """The book's bibliography, ``references.bib`` at the repository root: every source
    key of every data folder, the book's own or an analyst's copy, must resolve there."""
    return repo_root() / "references.bib"


def _read_json(path: Path) -> dict[str, Any]:
    """A JSON object from ``path``, or a clear error (missing, not UTF-8, not JSON, not an
    object with a list of resources)."""
    if not path.is_file():
        raise DataValidationError(Problem(path, None, None, None, "the data package must exist"))
    record_read(path)
    try:
        value = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            Problem(path, None, None, None, f"must be valid UTF-8 JSON ({exc})")) from exc
    if not isinstance(value, dict) or not isinstance(value.get("resources"), list) or not all(
            isinstance(r, dict) for r in value["resources"]):
        raise DataValidationError(Problem(path, None, "resources", None,
                                          "must be an object with a list of resources"))
    return value


def book_rules() -> dict[str, Any]:
    """The project's rules: the book's own ``data/datapackage.json``."""
    return _read_json(default_data_dir() / "datapackage.json")


def _rules_of(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The rule parts of a descriptor, by resource name (fields by field name, in order)."""
    rules: dict[str, Any] = {}
    for resource in descriptor.get("resources", []):
        part = {k: resource[k] for k in RULE_KEYS if k in resource}
        schema = part.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("fields"), list):
            part["schema"] = {**schema, "fields": {
                str(f.get("name")) if isinstance(f, dict) else str(i): f
                for i, f in enumerate(schema["fields"])}}
            part["field order"] = [f.get("name") if isinstance(f, dict) else f
                                   for f in schema["fields"]]
        rules[str(resource.get("name"))] = part
    return rules


def _differences(book: Any, folder: Any, where: str) -> list[str]:
    if isinstance(book, dict) and isinstance(folder, dict):
        lines = []
        for key in list(book) + [k for k in folder if k not in book]:
            path = f"{where}.{key}" if where else str(key)
            if key not in folder:
                shown = "" if isinstance(book[key], (dict, list)) \
                    else f" (the book's: {book[key]!r})"
                lines.append(f"{path} is missing{shown}")
            elif key not in book:
                shown = "" if isinstance(folder[key], (dict, list)) else f" ({folder[key]!r})"
                lines.append(f"{path} is added{shown}; the book's rules have none")
            else:
                lines += _differences(book[key], folder[key], path)
        return lines
    if book != folder:
        return [f"{where} is {folder!r} (the book's rules: {book!r})"]
    return []


def rule_differences(book: dict[str, Any], folder: dict[str, Any]) -> list[str]:
    """Where a data folder's descriptor changes the book's rules, one readable line each,
    e.g. ``events.schema.fields.summary.constraints.maxLength is 100000 (the book's rules:
    300)``. Titles, descriptions and origins are not rules and may differ."""
    return _differences(_rules_of(book), _rules_of(folder), "")


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """The data folder a parameter names, as an absolute path.

    ``None`` or ``""`` means the book's own ``data/``; a relative path is taken from the
    current working directory, i.e. from where the user runs the command (``make``,
    ``python -m analysis.build`` or ``papermill``).
    """
    if data_dir is None or str(data_dir).strip() == "":
        return default_data_dir()
    return (Path.cwd() / Path(data_dir).expanduser()).resolve()


@dataclass(frozen=True)
class PackageSummary:
    """What :func:`validate_package` checked: the resources, and the years the data cover."""

    tables: list[str]
    layers: list[str]
    first_year: int
    last_year: int


class DataPackage:
    """A data folder with its descriptor and bibliography, each parsed once.

    Parameters
    ----------
    data_dir:
        Folder holding ``datapackage.json`` and the data files (see
        :func:`resolve_data_dir`; default: the book's ``data/``).
    bib_path:
        The bibliography source keys must resolve in (default: the book's
        ``references.bib``).
    """

    def __init__(self, data_dir: str | Path | None = None,
                 bib_path: str | Path | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.bib_path = Path(bib_path) if bib_path is not None else default_bib_path()
        self.descriptor_path = self.data_dir / "datapackage.json"

    @cached_property
    def folder_descriptor(self) -> dict[str, Any] | None:
        """The data folder's own ``datapackage.json`` (``None`` if it has none)."""
        if not self.data_dir.is_dir():
            raise DataValidationError(Problem(self.data_dir, None, None, None,
                                              "the data folder must exist"))
        if not self.descriptor_path.exists():
            return None
        return _read_json(self.descriptor_path)

    @cached_property
    def descriptor(self) -> dict[str, Any]:
        """The rules the folder is checked by: the book's own descriptor. A folder whose
        descriptor changes any rule is refused, naming each difference."""
        folder = self.folder_descriptor
        if self.descriptor_path.resolve() == (default_data_dir() / "datapackage.json").resolve():
            return folder or book_rules()  # the book's own folder: its descriptor is the rules
        book = book_rules()
        if folder is not None:
            differences = rule_differences(book, folder)
            if differences:
                shown = "; ".join(differences[:6])
                more = f"; and {len(differences) - 6} more" if len(differences) > 6 else ""
                raise DataValidationError(Problem(
                    self.descriptor_path, None, None, None,
                    "a data folder supplies rows, not rules: its datapackage.json must keep "
                    f"the book's resources and schemas, but {shown}{more}"))
        return book

    def origin(self, name: str, fmt: str = "csv") -> dict[str, Any]:
        """The ``origin`` block of a resource: the folder's own if it has one, else the
        book's (origins are not rules: an analyst may update access dates)."""
        for descriptor in (self.folder_descriptor or {}, self.descriptor):
            for resource in descriptor.get("resources", []):
                if resource.get("name") == name and isinstance(resource.get("origin"), dict):
                    return resource["origin"]
        return {}

    @cached_property
    def bibliography(self) -> Bibliography:
        """The parsed bibliography (a clear error if it is missing): the book's, plus the
        entries of a ``references.bib`` in the data folder itself, where an analyst adds
        the sources of new rows without touching the book (their keys must be new, and
        each entry must state its ``tier``)."""
        if not self.bib_path.is_file():
            raise DataValidationError(Problem(self.bib_path, None, None, None,
                                              "the bibliography must exist"))
        book = read_bibliography(self.bib_path)
        own = self.data_dir / "references.bib"
        if not own.is_file() or own.resolve() == self.bib_path.resolve():
            return book
        try:
            extra = read_bibliography(own)
        except Exception as exc:  # pybtex reports syntax errors in its own types
            raise DataValidationError(Problem(own, None, None, None,
                                              f"must be valid BibTeX: {exc}")) from None
        clash = sorted(set(extra.tiers) & set(book.tiers))
        if clash:
            raise DataValidationError(Problem(
                own, None, None, None, "may only add sources: these keys are already in the "
                f"book's references.bib: {', '.join(clash[:5])}"))
        untiered = sorted(key for key, tier in extra.tiers.items() if tier not in TIERS)
        if untiered:
            raise DataValidationError(Problem(
                own, None, None, None, f"each entry must state its tier ({', '.join(TIERS)}); "
                f"these do not: {', '.join(untiered[:5])}"))
        return Bibliography(self.bib_path, {**book.tiers, **extra.tiers})

    @cached_property
    def frictionless(self) -> Package:
        """The descriptor as a ``frictionless`` package (tables and foreign keys)."""
        return Package(self.descriptor, basepath=str(self.data_dir))

    def names(self, fmt: str = "csv") -> list[str]:
        """Names of the resources of format ``fmt`` (``csv`` tables, ``geojson`` map
        layers), in file order."""
        return [r.get("name") for r in self.descriptor["resources"]
                if r.get("format", "csv") == fmt]

    def entry(self, name: str, fmt: str = "csv") -> dict[str, Any]:
        """The descriptor entry of resource ``name``; a clear error naming the known
        resources of that format if there is none."""
        entries = [r for r in self.descriptor["resources"] if r.get("format", "csv") == fmt]
        known = [r.get("name") for r in entries]
        if name not in known:
            raise DataValidationError(Problem(self.descriptor_path, None, None, name,
                                              f"the {FORMATS[fmt]} must be one of {known}"))
        return entries[known.index(name)]

    def path_of(self, entry: dict[str, Any]) -> Path:
        """The file of a resource entry (its ``path`` is relative to the data folder); a
        clear error if it is a link or lies outside the data folder."""
        path = self.data_dir / str(entry.get("path", ""))
        folder = self.data_dir.resolve()
        if path.is_symlink() or not path.resolve().is_relative_to(folder):
            raise DataValidationError(Problem(
                path, None, None, None,
                "the data file must be a regular file inside the data folder (not a link)"))
        return path
