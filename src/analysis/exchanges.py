"""The exchange programmes (visa-free visits, free visits, grave visits): the published
participant figures that chapter 2 quotes. Figures of different kinds (annual, cumulative,
partial) are never added up."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.data.rules import QUOTED_EXCHANGES
from analysis.window import after_cutoff

__all__ = ["QUOTED_TOTALS", "cumulative", "key_figures"]

#: The cumulative totals chapter 2 quotes: glue name → (programme, year, direction); the
#: Load room checks that each is one row of the data.
QUOTED_TOTALS: dict[str, tuple[str, int, str]] = QUOTED_EXCHANGES


def cumulative(exchanges: pd.DataFrame, programme: str, year: int, direction: str) -> int:
    """The cumulative participant total of ``programme`` to ``year`` in ``direction``;
    a clear error if the table holds no such row (or more than one)."""
    row = exchanges[(exchanges["programme"] == programme) & (exchanges["year"] == year)
                    & (exchanges["direction"] == direction)
                    & (exchanges["kind"] == "cumulative")]
    if len(row) != 1:
        raise ValueError(f"exchanges: expected one cumulative row for {programme}, {year}, "
                         f"{direction}; found {len(row)}")
    return int(row["participants"].iloc[0])


def key_figures(exchanges: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The totals of :data:`QUOTED_TOTALS`, formatted; ``None`` for a total dated after
    ``end_year``."""
    return {
        name: None if after_cutoff(year, end_year)
        else text.thousands(cumulative(exchanges, programme, year, direction))
        for name, (programme, year, direction) in QUOTED_TOTALS.items()
    }
