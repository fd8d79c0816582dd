"""The Load room: the only code that reads data files.

Tables (CSV) and map layers (GeoJSON) of a data folder are described by its
``datapackage.json``; :func:`load` and :func:`load_layer` validate one resource and return
it typed, :func:`validate_package` checks a whole folder (the build's first step). Every
problem is one :class:`DataValidationError` naming file, row, column, value and rule.

Modules: ``problems`` (the error), ``package`` (a folder opened once: descriptor,
bibliography, paths), ``sources`` (source keys and their kinds), ``tables``, ``layers``,
``validate``, ``reads`` (which files a process read, for the build's cache).
"""

from analysis.data.layers import load_layer
from analysis.data.package import (
    DataPackage,
    PackageSummary,
    default_bib_path,
    default_data_dir,
    repo_root,
    resolve_data_dir,
)
from analysis.data.problems import DataValidationError, Problem
from analysis.data.sources import (
    TIERS,
    Bibliography,
    bib_keys,
    read_bibliography,
    source_columns,
    split_sources,
)
from analysis.data.tables import load
from analysis.data.validate import data_years, validate_package

__all__ = [
    "TIERS",
    "Bibliography",
    "DataPackage",
    "DataValidationError",
    "PackageSummary",
    "Problem",
    "bib_keys",
    "data_years",
    "default_bib_path",
    "default_data_dir",
    "layer_names",
    "load",
    "load_layer",
    "read_bibliography",
    "repo_root",
    "resolve_data_dir",
    "resource_names",
    "source_columns",
    "split_sources",
    "validate_package",
]


def resource_names(data_dir: str | None = None, fmt: str = "csv") -> list[str]:
    """Names of the tables (or, with ``fmt="geojson"``, map layers) of a data folder."""
    return DataPackage(data_dir).names(fmt)


def layer_names(data_dir: str | None = None) -> list[str]:
    """Names of the map layers of a data folder."""
    return DataPackage(data_dir).names("geojson")
