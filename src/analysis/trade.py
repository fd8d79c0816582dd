"""Japan–Russia trade and the Sakhalin projects: figures as reported (a gappy record of
calendar years, fiscal years and half-years, never joined into one line), and the
dates × lanes frame of the Sakhalin chart."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.events import display_dates
from analysis.window import up_to

__all__ = ["FLOWS", "PERIOD_KINDS", "energy_description", "energy_frame", "key_figures",
           "trade_description", "trade_frame"]

#: Reader-facing names of the flows shown on the chart (values in yen only).
FLOWS = {"exports": "Exports to Russia", "imports": "Imports from Russia",
         "turnover": "Turnover", "lng-imports": "LNG imports", "coal-imports": "Coal imports",
         "crude-imports": "Crude oil imports"}
#: Reader-facing names of the kinds of period (the chart's panels).
PERIOD_KINDS = {"calendar": "Calendar years", "fiscal": "Fiscal years (April–March)",
                "half-year": "Half-years"}


def trade_frame(trade: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Figures reported in yen up to ``end_year``: one point each (period, panel, flow,
    trillion yen, coverage); periods in time order."""
    shown = up_to(trade, end_year).dropna(subset=["value_jpy_100m"])
    frame = pd.DataFrame({
        "period": shown["period"].astype(str),
        "panel": shown["period_kind"].astype(str).map(PERIOD_KINDS),
        "flow": shown["flow"].astype(str).map(FLOWS),
        "jpy_trillion": shown["value_jpy_100m"].astype(float) / 10_000,
        "coverage": shown["coverage"].astype(str),
        "source": shown["source"].astype(str),
    })
    return frame.sort_values(["panel", "period"]).reset_index(drop=True)


def energy_frame(energy: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Sakhalin events up to ``end_year`` for the lanes chart."""
    shown = up_to(energy, end_year).sort_values(["date", "item_id"]).reset_index(drop=True)
    return pd.DataFrame({
        "date": shown["date"].dt.strftime("%Y-%m-%d"),
        "when": display_dates(shown),
        "project": shown["project"].astype(str),
        "event": shown["event"].astype(str),
        "source": shown["source"].astype(str),
    })


def energy_description(frame: pd.DataFrame) -> str:
    """Alt text of the Sakhalin chart."""
    if frame.empty:
        return "Timeline of the Sakhalin oil and gas projects: no event in this period."
    counts = frame["project"].value_counts()
    lanes = "; ".join(f"{project}: {int(n)}" for project, n in sorted(counts.items()))
    return (f"Timeline of {len(frame)} events of the Sakhalin oil and gas projects, one lane "
            f"per project ({lanes}), from {frame['when'].iloc[0]} to "
            f"{frame['when'].iloc[-1]}; hover over a point for the event.")


def _value(trade: pd.DataFrame, period: str, flow: str) -> str | None:
    rows = trade[(trade["period"].astype(str) == period) & (trade["flow"].astype(str) == flow)
                 & trade["value_jpy_100m"].notna()]
    if rows.empty:
        return None
    return f"{float(rows['value_jpy_100m'].iloc[0]) / 10_000:.2f}"


def key_figures(trade: pd.DataFrame, energy: pd.DataFrame, end_year: int) -> dict[str, object]:
    """Trade before and after 2022 (trillion yen), LNG in FY2022, Sakhalin counts."""
    shown = up_to(trade, end_year)
    figures: dict[str, object] = {
        "imports-2021": _value(shown, "2021", "imports"),
        "exports-2021": _value(shown, "2021", "exports"),
        "imports-2023": _value(shown, "2023", "imports"),
        "exports-2023": _value(shown, "2023", "exports"),
        "turnover-2023": _value(shown, "2023", "turnover"),
        "lng-fy2022": _value(shown, "FY2022", "lng-imports"),
    }
    sakhalin = up_to(energy, end_year)
    figures["n-sakhalin"] = len(sakhalin) if not sakhalin.empty else None
    return figures


def trade_description(frame: pd.DataFrame) -> str:
    """Alt text of the trade chart."""
    if frame.empty:
        return "Dot chart of Japan–Russia trade: no figure in this period."
    panels = "; ".join(f"{panel}: {', '.join(dict.fromkeys(group['period']))}"
                       for panel, group in frame.groupby("panel", sort=False))
    top = frame.loc[frame["jpy_trillion"].idxmax()]
    return (f"Dot chart of Japan–Russia trade figures as reported, in trillion yen, one panel "
            f"per kind of period ({panels}); points are not joined because the periods do "
            f"not form a series. The largest is {top['flow'].lower()} in {top['period']}, "
            f"{text.signed(top['jpy_trillion'], 2).lstrip('+')} trillion yen.")
