"""What every chapter notebook does first and what it hands to the page.

A chapter's first hidden cell calls :func:`start` with its papermill parameters: the
parameters are checked (unknown names, types, ``end_year`` within the data), the data
folder is opened once and the chart renderer set up. The returned :class:`Chapter` loads
datasets, glues the dicts of figures that the domain modules compute (``None`` shows as
"n/a (after the data cut-off)") and glues charts as figures; :meth:`Chapter.banner` says at
the top of the page when the book was built with parameters other than the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import charts, params, text
from analysis.data import DataPackage, reads, validate_package
from analysis.data.layers import load_layer_from
from analysis.data.tables import load_table

__all__ = ["Chapter", "banner_text", "start"]


@dataclass
class Chapter:
    """One chapter's parameters and its opened data folder."""

    prefix: str
    params: dict[str, Any]
    defaults: dict[str, Any]
    package: DataPackage = field(repr=False)

    @property
    def end_year(self) -> int:
        return int(self.params["end_year"])

    def load(self, name: str) -> pd.DataFrame:
        """Table ``name`` of the chapter's data folder, validated and typed."""
        return load_table(self.package, name)

    def layer(self, name: str) -> dict[str, Any]:
        """Map layer ``name`` of the chapter's data folder, validated."""
        return load_layer_from(self.package, name)

    def glue(self, figures: dict[str, object], part: str | None = None) -> None:
        """Glue every figure as ``<prefix>-<name>`` (or ``<prefix>-<part>-<name>`` when
        two domain modules of one chapter use the same names) for ``{glue:text}``."""
        from myst_nb import glue

        stem = f"{self.prefix}-{part}" if part else self.prefix
        for name, value in figures.items():
            glue(f"{stem}-{name}", text.display(value), display=False)

    def figure(self, name: str, chart: Any) -> None:
        """Glue a chart for a ``{glue:figure}`` directive (``name`` is the figure's name)."""
        from myst_nb import glue

        glue(name, chart, display=False)

    def banner(self) -> None:
        """Show, at the top of the page, that the book was built with other parameters
        (nothing when the parameters are the defaults)."""
        message = banner_text(self.params, self.defaults)
        if message:
            from IPython.display import Markdown, display

            display(Markdown(message))


def banner_text(chosen: dict[str, Any], base: dict[str, Any]) -> str | None:
    """The banner for parameters ``chosen`` against the defaults ``base``, or ``None``.

    It is plain Markdown built only from checked parameter values and fixed words (never
    from a path or any other free text).
    """
    changed = params.describe(chosen, base)
    if not changed:
        return None
    cut = ""
    if chosen["end_year"] != base["end_year"]:
        cut = (f" Figures, tables and numbers computed from the data stop at "
               f"{int(chosen['end_year'])}; a statistic whose period lies wholly after that "
               "year reads “n/a (after the data cut-off)”.")
    return (f"> **Built with {' and '.join(changed)}.** The prose of this chapter was written "
            f"for the book's own data, to {int(base['end_year'])}, and may describe what "
            f"the figures here no longer show.{cut}")


def start(prefix: str, **chosen: Any) -> Chapter:
    """Check a chapter's parameters, open its data folder and set up the charts.

    ``prefix`` starts every glue name of the chapter (e.g. ``"history"``); ``chosen`` are
    the papermill parameters (``end_year=…, data_dir=…``).

    Raises
    ------
    analysis.params.ParameterError
        For an unknown parameter, a wrong type, or an ``end_year`` outside the data.
    analysis.data.DataValidationError
        For a bad data folder, naming file, row, column, value and rule.
    """
    base = params.defaults()
    merged = params.merge(base, chosen.items())
    package = DataPackage(merged["data_dir"])
    with reads.paused():  # the years of the whole package: the build has checked them
        params.check_years(merged, validate_package(package.data_dir))
    charts.setup()
    return Chapter(prefix, merged, base, package)
