"""Check a whole data folder at once: what the build runs before anything else."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.layers import load_layer_from
from analysis.data.package import DataPackage, PackageSummary
from analysis.data.problems import DataValidationError, Problem
from analysis.data.tables import load_table

__all__ = ["data_years", "validate_package"]


def data_years(frame: pd.DataFrame) -> pd.Series:
    """The years a table's rows are dated by: its ``date`` (or ``start_date``) column, else
    its integer ``year`` (or ``fiscal_year``) column; empty for an undated table."""
    for column in ("date", "start_date"):
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
            return frame[column].dt.year.dropna().astype(int)
    for column in ("year", "fiscal_year"):
        if column in frame and pd.api.types.is_integer_dtype(frame[column]):
            return frame[column].dropna().astype(int)
    return pd.Series([], dtype=int)


def validate_package(data_dir: str | Path | None = None,
                     bib_path: str | Path | None = None) -> PackageSummary:
    """Load and check every table and map layer of a data folder.

    The descriptor and the bibliography are parsed once. Returns the resource names and
    the first and last year the dated tables cover (what ``end_year`` is checked against).

    Raises
    ------
    DataValidationError
        On the first bad file, naming file, row, column, value and rule.
    """
    package = DataPackage(data_dir, bib_path)
    tables, layers = package.names("csv"), package.names("geojson")
    years: list[int] = []
    for name in tables:
        years += data_years(load_table(package, name)).tolist()
    for name in layers:
        load_layer_from(package, name)
    if not years:
        raise DataValidationError(Problem(package.descriptor_path, None, None, None,
                                          "the package must hold at least one dated row"))
    return PackageSummary(tables, layers, min(years), max(years))
