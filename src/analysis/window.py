"""One year window for every dataset: what a chapter shows up to ``end_year``.

Every dated table of the data package carries a date (``date``; ``start_date`` for
exercises) or an integer year (``year``; ``fiscal_year`` for budgets and scrambles);
:func:`years` reads whichever it has, and :func:`up_to` keeps the rows of a window. A
statistic whose period begins after the cut-off is not computed: the helpers return
``None`` for it, and the chapter shows :data:`NOT_AVAILABLE` in its place.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["NOT_AVAILABLE", "NO_EVENTS", "after_cutoff", "up_to", "years"]

#: What the book prints for a statistic whose period lies wholly after ``end_year``.
NOT_AVAILABLE = "n/a (after the data cut-off)"
#: What it prints for a mean or share over a period (before the cut-off) with no events.
NO_EVENTS = "n/a (no events in the period)"


#: The columns a row's year is read from, in order of preference.
DATE_COLUMNS = ("date", "start_date")
YEAR_COLUMNS = ("year", "fiscal_year")


def years(frame: pd.DataFrame) -> pd.Series:
    """The year of each row: from its date (``date``, else ``start_date``), else from its
    ``year`` or ``fiscal_year`` (a fiscal year is cut by the year it begins in)."""
    for column in DATE_COLUMNS:
        if column in frame.columns:
            return pd.to_datetime(frame[column]).dt.year
    for column in YEAR_COLUMNS:
        if column in frame.columns:
            return frame[column].astype("Int64")
    raise ValueError(f"the table has no date or year column (columns: {list(frame.columns)})")


def up_to(frame: pd.DataFrame, end_year: int, start_year: int | None = None) -> pd.DataFrame:
    """Rows dated from ``start_year`` (default: the first) to ``end_year``, inclusive.

    The order of the rows is kept and the index renumbered; the input is not modified.
    """
    year = years(frame)
    keep = year <= end_year
    if start_year is not None:
        keep &= year >= start_year
    return frame.loc[keep.fillna(False).astype(bool)].reset_index(drop=True)


def after_cutoff(first_year: int, end_year: int) -> bool:
    """True when a period that begins in ``first_year`` lies wholly after ``end_year``."""
    return first_year > end_year
