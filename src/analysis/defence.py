"""Japan's defence budgets and plans: the two definitions side by side, the plans' totals
and the 2 %-of-GDP target, cut at ``end_year``."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.window import up_to

__all__ = ["DEFINITIONS", "budget_description", "budget_frame", "key_figures", "plan_frame",
           "plan_spans"]

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


def _plan_label(plan: pd.Series) -> str:
    if pd.isna(plan["total_jpy_trillion"]):
        start, end = int(plan["start_fy"]), int(plan["end_fy"])
        if str(plan["plan_id"]).endswith("brought-forward"):
            return f"2 % of GDP brought forward to FY{end} ({plan['announced']:%b %Y})"
        return f"2 % of GDP target (with related spending) for FY{end}" if start == end else (
            f"{plan['name']}")
    basis = str(plan["basis"]).split(";")[0].strip()
    short = str(plan["plan_id"]).split("-")[0].upper()  # MTDP, DBP
    return (f"{short} FY{int(plan['start_fy'])}–{int(plan['end_fy']) % 100:02d}: "
            f"{float(plan['total_jpy_trillion']):g} tn yen ({basis})")


def plan_spans(plans: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """The plans and targets announced up to ``end_year`` as labelled spans over fiscal
    years for the budget chart: each plan on the first row (``row``) where it does not
    overlap an earlier one, each single-year target on a row of its own above them."""
    shown = plan_frame(plans, end_year).sort_values(["start_fy", "end_fy", "plan_id"])
    ends: list[int] = []  # last fiscal year used on each row of plans
    placed = []
    for plan in (pd.Series(p._asdict()) for p in shown.itertuples(index=False)):
        start, end = int(plan["start_fy"]), int(plan["end_fy"])
        if start == end:
            placed.append((None, plan))
            continue
        row = next((i for i, last in enumerate(ends) if last < start), len(ends))
        ends[row:row + 1] = [end]
        placed.append((row, plan))
    targets = iter(range(len(ends), len(ends) + len(placed)))
    spans = [{"start_fy": int(plan["start_fy"]), "end_fy": int(plan["end_fy"]),
              "row": next(targets) if row is None else row, "label": _plan_label(plan),
              "announced": plan["announced"].strftime("%-d %B %Y")} for row, plan in placed]
    return pd.DataFrame(spans, columns=["start_fy", "end_fy", "row", "label", "announced"])


def key_figures(budget: pd.DataFrame, plans: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The budget figures chapter 3 quotes (``None`` for what lies after ``end_year``)."""
    shown = up_to(budget, end_year).sort_values("fiscal_year")
    figures: dict[str, object] = dict.fromkeys(
        ["first-fy", "last-fy", "last-status", "last-excl", "last-incl", "fy2022-incl",
         "growth-since-2022", "plan-total", "plan-announced"])
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
    return figures


def budget_description(frame: pd.DataFrame, spans: pd.DataFrame | None = None) -> str:
    """Alt text of the budget chart (with the plans and targets of ``plan_spans``)."""
    if frame.empty:
        return "Bar chart of Japan's defence budgets: no budget in this period."
    incl = frame[frame["definition"] == DEFINITIONS["incl_jpy_100m"]].sort_values("fiscal_year")
    first, last = incl.iloc[0], incl.iloc[-1]
    plans = ""
    if spans is not None and not spans.empty:
        plans = " Lines above the bars mark the plans and targets: " + "; ".join(
            spans["label"]) + "."
    return (f"Bars of Japan's defence budget by fiscal year, FY{int(first['fiscal_year'])}–"
            f"FY{int(last['fiscal_year'])}, on two definitions. Including SACO and realignment "
            f"costs it goes from {first['jpy_trillion']:.2f} to {last['jpy_trillion']:.2f} "
            f"trillion yen; derived and draft figures are marked.{plans}")
