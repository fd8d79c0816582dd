"""Sanctions in both directions: the dates × lanes frame of the chart, yearly counts and
the figures chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis.events import display_dates
from analysis.window import up_to

__all__ = ["DIRECTIONS", "KIND_LABELS", "key_figures", "measures_frame", "sanctions_description",
           "yearly_counts"]

#: Reader-facing names of the two directions (lanes of the chart).
DIRECTIONS = {"japan-on-russia": "Japan on Russia", "russia-on-japan": "Russia on Japan"}
#: Reader-facing names of the kinds of measure.
KIND_LABELS = {
    "asset-freeze": "Asset freeze", "export-ban": "Export ban", "import-ban": "Import ban",
    "price-cap": "Price cap", "entry-ban": "Entry ban", "financial": "Financial",
    "suspension": "Suspension", "designation": "Designation", "other": "Other",
}


def measures_frame(sanctions: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Measures up to ``end_year`` as the lanes chart encodes them."""
    shown = up_to(sanctions, end_year).sort_values(["date", "measure_id"]).reset_index(drop=True)
    return pd.DataFrame({
        "date": shown["date"].dt.strftime("%Y-%m-%d"),
        "when": display_dates(shown),
        "direction": shown["direction"].astype(str).map(DIRECTIONS),
        "kind": shown["kind"].astype(str).map(KIND_LABELS),
        "targets": shown["targets"].astype(str),
        "individuals": shown["individuals"].astype("Float64").astype(object).where(
            shown["individuals"].notna(), None),
        "entities": shown["entities"].astype("Float64").astype(object).where(
            shown["entities"].notna(), None),
        "source": shown["source"].astype(str),
    })


def yearly_counts(sanctions: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Measures per calendar year and direction up to ``end_year`` (years without a measure
    in a direction are zero, so that quiet years show)."""
    shown = up_to(sanctions, end_year)
    if shown.empty:
        return pd.DataFrame(columns=["year", "direction", "measures"])
    years = range(int(shown["date"].dt.year.min()), int(shown["date"].dt.year.max()) + 1)
    counts = shown.groupby([shown["date"].dt.year, shown["direction"].astype(str)]).size()
    rows = [{"year": year, "direction": label, "measures": int(counts.get((year, code), 0))}
            for year in years for code, label in DIRECTIONS.items()]
    return pd.DataFrame(rows)


def key_figures(sanctions: pd.DataFrame, end_year: int) -> dict[str, object]:
    """Measures by direction since 2022, and the people Russia barred from entry."""
    since = up_to(sanctions, end_year, start_year=2022)
    direction = since["direction"].astype(str)
    japan = since[direction == "japan-on-russia"]
    russia = since[direction == "russia-on-japan"]
    bans = russia[russia["kind"].astype(str) == "entry-ban"]["individuals"].dropna()
    figures: dict[str, object] = {
        "n-japan-2022": int(len(japan)) if not since.empty else None,
        "n-japan-dates": int(japan["date"].nunique()) if not since.empty else None,
        "n-russia-2022": int(len(russia)) if not since.empty else None,
        "entry-banned": int(bans.astype(int).sum()) if not bans.empty else None,
        "last-japan": japan["date"].max().strftime("%-d %B %Y") if not japan.empty else None,
    }
    return figures


def sanctions_description(frame: pd.DataFrame) -> str:
    """Alt text of the yearly counts chart."""
    if frame.empty or frame["measures"].sum() == 0:
        return "Bars of sanctions measures by year: no measure in this period."
    totals = frame.groupby("direction")["measures"].sum()
    busiest = frame.loc[frame["measures"].idxmax()]
    return (f"Bars of sanctions measures per year, {int(frame['year'].min())}–"
            f"{int(frame['year'].max())}, side by side for Japan on Russia "
            f"({int(totals.get('Japan on Russia', 0))} in all) and Russia on Japan "
            f"({int(totals.get('Russia on Japan', 0))}). The most in one year: "
            f"{int(busiest['measures'])} ({busiest['direction']}, {int(busiest['year'])}).")
