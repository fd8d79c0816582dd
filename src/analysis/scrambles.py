"""Air Self-Defense Force scrambles by origin: full fiscal years for the chart and the
figures chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.window import up_to

__all__ = ["ORIGINS", "by_origin", "key_figures", "scrambles_description"]

#: The origins, in stacking order (column → label).
ORIGINS = {"china": "China", "russia": "Russia", "other": "Other"}


def _full_years(scrambles: pd.DataFrame, end_year: int) -> pd.DataFrame:
    shown = up_to(scrambles, end_year)
    return shown[shown["period"].astype(str) == "full"].sort_values("fiscal_year")


def by_origin(scrambles: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Long table (fiscal_year, origin, count, status) of full fiscal years up to
    ``end_year``; a year whose origins are not all known keeps only what is known."""
    rows = []
    for row in _full_years(scrambles, end_year).itertuples():
        for column, label in ORIGINS.items():
            value = getattr(row, column)
            if not pd.isna(value):
                rows.append({"fiscal_year": int(row.fiscal_year), "origin": label,
                             "count": int(value), "status": str(row.status)})
    return pd.DataFrame(rows, columns=["fiscal_year", "origin", "count", "status"])


def key_figures(scrambles: pd.DataFrame, end_year: int) -> dict[str, object]:
    """Peak year, the last full year and Russia's part in it."""
    full = _full_years(scrambles, end_year)
    figures: dict[str, object] = dict.fromkeys(
        ["first-fy", "peak-fy", "peak-total", "last-fy", "last-total", "last-china",
         "last-russia", "last-russia-share", "russia-peak-fy", "russia-peak"])
    if full.empty:
        return figures
    peak = full.loc[full["total"].astype(int).idxmax()]
    last = full.iloc[-1]
    figures.update({
        "first-fy": int(full["fiscal_year"].iloc[0]),
        "peak-fy": int(peak["fiscal_year"]), "peak-total": text.thousands(peak["total"]),
        "last-fy": int(last["fiscal_year"]), "last-total": text.thousands(last["total"]),
    })
    if not pd.isna(last["russia"]) and not pd.isna(last["china"]):
        figures["last-china"] = int(last["china"])
        figures["last-russia"] = int(last["russia"])
        figures["last-russia-share"] = text.percent(100 * int(last["russia"]) / int(last["total"]))
    russia = full.dropna(subset=["russia"])
    if not russia.empty:
        top = russia.loc[russia["russia"].astype(int).idxmax()]
        figures["russia-peak-fy"] = int(top["fiscal_year"])
        figures["russia-peak"] = int(top["russia"])
    return figures


def scrambles_description(frame: pd.DataFrame) -> str:
    """Alt text of the stacked bars."""
    if frame.empty:
        return "Stacked bars of scrambles by origin: no fiscal year in this period."
    totals = frame.groupby("fiscal_year")["count"].sum()
    russia = frame[frame["origin"] == "Russia"].set_index("fiscal_year")["count"]
    return (f"Stacked bars of Air Self-Defense Force scrambles by fiscal year, "
            f"FY{int(totals.index.min())}–FY{int(totals.index.max())}, split into China, Russia "
            f"and other. The most scrambles were in FY{int(totals.idxmax())} "
            f"({text.thousands(totals.max())}); against Russian aircraft the most were in "
            f"FY{int(russia.idxmax())} ({int(russia.max())})." if not russia.empty else
            f"Stacked bars of Air Self-Defense Force scrambles by fiscal year, "
            f"FY{int(totals.index.min())}–FY{int(totals.index.max())}.")
