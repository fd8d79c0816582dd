"""A data folder opened once: where it is, its ``datapackage.json`` and its bibliography.

:class:`DataPackage` parses the package descriptor and ``references.bib`` a single time,
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
from analysis.data.sources import Bibliography, read_bibliography

__all__ = [
    "DataPackage",
    "PackageSummary",
    "default_bib_path",
    "default_data_dir",
    "repo_root",
    "resolve_data_dir",
]

#: The formats of resources the Load room reads, and what it calls one of each.
FORMATS = {"csv": "resource", "geojson": "map layer"}


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
    def descriptor(self) -> dict[str, Any]:
        """The parsed ``datapackage.json`` (a clear error if missing or broken)."""
        path = self.descriptor_path
        if not path.is_file():
            raise DataValidationError(Problem(path, None, None, None,
                                              "the data package must exist"))
        record_read(path)
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataValidationError(
                Problem(path, None, None, None, f"must be valid UTF-8 JSON ({exc})")) from exc
        if not isinstance(descriptor, dict) or not isinstance(
                descriptor.get("resources"), list):
            raise DataValidationError(Problem(path, None, "resources", None,
                                              "must be an object with a list of resources"))
        return descriptor

    @cached_property
    def bibliography(self) -> Bibliography:
        """The parsed bibliography (a clear error if it is missing)."""
        if not self.bib_path.is_file():
            raise DataValidationError(Problem(self.bib_path, None, None, None,
                                              "the bibliography must exist"))
        return read_bibliography(self.bib_path)

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
        """The file of a resource entry (its ``path`` is relative to the data folder)."""
        return self.data_dir / str(entry.get("path", ""))
