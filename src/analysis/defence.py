"""Japan's defence budgets and plans: the two definitions side by side, the plans' totals
and the 2 %-of-GDP target, cut at ``end_year``."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.window import up_to

__all__ = ["DEFINITIONS", "budget_description", "budget_frame", "key_figures", "plan_frame"]

#: The two definitions of the budget (column → label).
DEFINITIONS = {
    "excl_jpy_100m": "excluding SACO and realignment costs",
    "incl_jpy_100m": "including SACO, realignment and other items",
}
#: The last budget before the build-up of December 2022.
BEFORE_BUILD_UP = 2022


def budget_frame(budget: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Long table for the chart: one row per fiscal year and definition, in trillion yen,
    with the row's status (published, derived, draft)."""
    shown = up_to(budget, end_year)
    parts = [pd.DataFrame({
        "fiscal_year": shown["fiscal_year"].astype(int),
        "definition": label,
        "jpy_trillion": shown[column].astype(float) / 10_000,
        "status": shown["status"].astype(str),
        "not_published": shown["status"].astype(str) != "published",
    }) for column, label in DEFINITIONS.items()]
    return pd.concat(parts, ignore_index=True)


def plan_frame(plans: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The plans and targets announced up to ``end_year``."""
    shown = plans[plans["announced"].dt.year <= end_year]
    return shown.reset_index(drop=True)


def key_figures(budget: pd.DataFrame, plans: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The budget figures chapter 3 quotes (``None`` for what lies after ``end_year``)."""
    shown = up_to(budget, end_year).sort_values("fiscal_year")
    figures: dict[str, object] = dict.fromkeys(
        ["first-fy", "last-fy", "last-status", "last-excl", "last-incl", "fy2022-incl",
         "growth-since-2022", "plan-total", "plan-announced", "target-fy"])
    if shown.empty:
        return figures
    last = shown.iloc[-1]
    figures.update({
        "first-fy": int(shown["fiscal_year"].iloc[0]),
        "last-fy": int(last["fiscal_year"]),
        "last-status": "cabinet draft" if last["status"] == "draft" else "initial budget",
        "last-excl": f"{int(last['excl_jpy_100m']) / 10_000:.2f}",
        "last-incl": f"{int(last['incl_jpy_100m']) / 10_000:.2f}",
    })
    before = shown[shown["fiscal_year"] == BEFORE_BUILD_UP]
    if not before.empty and int(last["fiscal_year"]) > BEFORE_BUILD_UP:
        base = int(before["incl_jpy_100m"].iloc[0])
        figures["fy2022-incl"] = f"{base / 10_000:.2f}"
        figures["growth-since-2022"] = text.percent(
            100 * (int(last["incl_jpy_100m"]) - base) / base)
    announced = plan_frame(plans, end_year)
    build_up = announced[announced["plan_id"].astype(str).str.startswith("dbp-")]
    if not build_up.empty:
        figures["plan-total"] = f"{float(build_up['total_jpy_trillion'].iloc[0]):g}"
        figures["plan-announced"] = build_up["announced"].iloc[0].strftime("%-d %B %Y")
    target = announced[announced["plan_id"].astype(str) == "gdp-2pct-target"]
    if not target.empty:
        figures["target-fy"] = int(target["end_fy"].iloc[0])
    return figures


def budget_description(frame: pd.DataFrame) -> str:
    """Alt text of the budget chart."""
    if frame.empty:
        return "Bar chart of Japan's defence budgets: no budget in this period."
    incl = frame[frame["definition"] == DEFINITIONS["incl_jpy_100m"]].sort_values("fiscal_year")
    first, last = incl.iloc[0], incl.iloc[-1]
    return (f"Bars of Japan's defence budget by fiscal year, FY{int(first['fiscal_year'])}–"
            f"FY{int(last['fiscal_year'])}, on two definitions. Including SACO and realignment "
            f"costs it goes from {first['jpy_trillion']:.2f} to {last['jpy_trillion']:.2f} "
            "trillion yen; derived and draft figures are marked.")
