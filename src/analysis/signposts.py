"""Scenarios and their signposts (chapter 4): each signpost of ``signposts.csv`` is a
rule on a measure that the book's own datasets give — a count, a share or a mean over the
last few years up to ``end_year`` — and is *lit* when the measure meets the rule. A
re-run with newer data relights them; nothing here is a forecast.

The measures are named in :data:`MEASURES` (the Load room checks that ``signposts.csv``
uses only these names); each reads the tables named in :data:`TABLES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analysis.window import up_to

__all__ = ["COMPARISONS", "DRIVER_STATES", "MEASURES", "TABLES", "Measure", "evaluate",
           "key_figures", "matrix_description", "matrix_frame", "scenario_names",
           "scenario_summary", "signpost_description", "status_frame"]

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Measure:
    """A measure over the last ``window`` years to ``end_year``: what it is, in words, its
    unit, and how it is computed (``None`` when the data hold nothing to measure)."""

    label: str
    unit: str
    compute: Callable[[Tables, int, int], float | None]


def _recent(frame: pd.DataFrame, end_year: int, window: int) -> pd.DataFrame:
    return up_to(frame, end_year, end_year - window + 1)


def _count(table: str, keep: Callable[[pd.DataFrame], pd.Series] | None = None
           ) -> Callable[[Tables, int, int], float | None]:
    def compute(tables: Tables, end_year: int, window: int) -> float | None:
        rows = _recent(tables[table], end_year, window)
        return float(len(rows) if keep is None else int(keep(rows).sum()))
    return compute


def _events_mean(tables: Tables, end_year: int, window: int) -> float | None:
    rows = _recent(tables["events"], end_year, window)
    return None if rows.empty else float(rows["score"].astype(float).mean())


def _conflict_share(tables: Tables, end_year: int, window: int) -> float | None:
    rows = _recent(tables["events"], end_year, window)
    return None if rows.empty else 100.0 * float((rows["score"] < 0).mean())


def _russia_scramble_share(tables: Tables, end_year: int, window: int) -> float | None:
    rows = _recent(tables["scrambles"], end_year, window)
    full = rows[(rows["period"].astype(str) == "full") & rows["russia"].notna()]
    if full.empty:
        return None
    last = full.sort_values("fiscal_year").iloc[-1]
    return 100.0 * float(last["russia"]) / float(last["total"])


def _affinity(tables: Tables, end_year: int, window: int) -> float | None:
    rows = _recent(tables["opinion"], end_year, window)
    rows = rows[(rows["survey"].astype(str) == "cao-gaiko")
                & (rows["measure"].astype(str) == "affinity")]
    return None if rows.empty else float(rows.sort_values("year")["share"].iloc[-1])


def _budget_growth(tables: Tables, end_year: int, window: int) -> float | None:
    budget = up_to(tables["defence_budget"], end_year).sort_values("fiscal_year")
    if budget.empty:
        return None
    last = budget.iloc[-1]
    before = budget[budget["fiscal_year"] == int(last["fiscal_year"]) - window]
    if before.empty:
        return None
    base = float(before["incl_jpy_100m"].iloc[0])
    return 100.0 * (float(last["incl_jpy_100m"]) - base) / base


def _kind(*kinds: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda rows: rows["kind"].astype(str).isin(kinds)


#: The measures a signpost may use (name → :class:`Measure`).
MEASURES: dict[str, Measure] = {
    "index_mean": Measure("mean score of the events", "points", _events_mean),
    "conflict_share": Measure("share of conflictual events", "%", _conflict_share),
    "cooperative_events": Measure("events scored +2 or more", "events", _count(
        "events", lambda r: r["score"] >= 2)),
    "exchanges_resumed": Measure("exchange events scored above zero", "events", _count(
        "events", lambda r: (r["category"].astype(str) == "exchange") & (r["score"] > 0))),
    "military_signals": Measure("military signals between the two", "events", _count(
        "events", lambda r: r["score_rule"].astype(str) == "military-signal")),
    "negotiation_contacts": Measure("contacts on the peace-treaty track", "contacts",
                                    _count("negotiations")),
    "sanctions_by_japan": Measure("Japanese measures against Russia", "measures", _count(
        "sanctions", lambda r: r["direction"].astype(str) == "japan-on-russia")),
    "sanctions_by_russia": Measure("Russian measures against Japan", "measures", _count(
        "sanctions", lambda r: r["direction"].astype(str) == "russia-on-japan")),
    "joint_bomber_patrols": Measure("Russia–China bomber patrols near Japan", "patrols",
                                    _count("exercises", _kind("joint-air-patrol"))),
    "joint_naval_activity": Measure("Russia–China naval patrols and exercises", "activities",
                                    _count("exercises", _kind("joint-naval-patrol",
                                                              "joint-submarine-patrol"))),
    "island_drills": Measure("Russian drills on the disputed islands", "drills",
                             _count("exercises", _kind("island-drill"))),
    "allied_exercises": Measure("US–Japan–partner exercises", "exercises",
                                _count("exercises", _kind("allied-exercise"))),
    "russia_partner_milestones": Measure("milestones of Russia's partnerships", "milestones",
                                         _count("alignments", lambda r: r["side"].astype(str)
                                                == "russia-partners")),
    "russia_scramble_share": Measure("Russia's share of scrambles (last full year)", "%",
                                     _russia_scramble_share),
    "affinity": Measure("Japanese feeling affinity toward Russia (last round)", "%",
                        _affinity),
    "sakhalin_steps": Measure("steps in the Sakhalin projects", "steps", _count("energy")),
    "defence_budget_growth": Measure("growth of the defence budget over the window", "%",
                                     _budget_growth),
}
#: The tables the measures read.
TABLES = ("events", "negotiations", "sanctions", "exercises", "alignments", "scrambles",
          "opinion", "energy", "defence_budget")
#: The states of the two drivers, in the order the scenario matrix shows them (the
#: schema of ``scenarios.csv`` allows exactly these).
DRIVER_STATES: dict[str, list[str]] = {
    "war_and_sanctions": ["War goes on, sanctions stay", "Ceasefire, sanctions eased"],
    "us_policy": ["Washington presses Russia and backs its allies",
                  "Washington deals with Moscow and presses its allies"],
}
#: The comparisons a rule may use.
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b, ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
}


def evaluate(signposts: pd.DataFrame, load: Callable[[str], pd.DataFrame],
             end_year: int) -> pd.DataFrame:
    """``signposts`` with, per row, the measured ``value`` (``None`` when there is nothing
    to measure) and its ``status``: ``lit``, ``not lit`` or ``no data``. ``load`` gives a
    table of the data folder by name (e.g. ``Chapter.load``); each of :data:`TABLES` is
    loaded once."""
    tables = {name: load(name) for name in TABLES}
    values, statuses = [], []
    for row in signposts.itertuples(index=False):
        measure = MEASURES[str(row.measure)]
        value = measure.compute(tables, end_year, int(row.window_years))
        values.append(value)
        if value is None:
            statuses.append("no data")
        else:
            met = COMPARISONS[str(row.comparison)](value, float(row.threshold))
            statuses.append("lit" if met else "not lit")
    return signposts.assign(value=values, status=statuses)


def _number(value: float | None, unit: str) -> str:
    if value is None or pd.isna(value):
        return "nothing to measure"
    shown = f"{value:.0f}" if float(value).is_integer() or unit != "points" else f"{value:+.1f}"
    return f"{shown} {unit}" if unit != "%" else f"{shown} %"


def status_frame(evaluated: pd.DataFrame, scenarios: pd.DataFrame) -> pd.DataFrame:
    """One row per signpost for the chart: a label, the scenario's name, the status, the
    measured value and the rule in words."""
    names = dict(zip(scenarios["scenario_id"].astype(str), scenarios["name"].astype(str),
                     strict=True))
    order = list(names)
    rows = []
    for row in evaluated.itertuples(index=False):
        measure = MEASURES[str(row.measure)]
        years = int(row.window_years)
        span = "last year" if years == 1 else f"last {years} years"
        rows.append({
            "signpost_id": row.signpost_id, "scenario_id": str(row.scenario),
            "scenario": names[str(row.scenario)], "label": str(row.title),
            "status": row.status, "value": _number(row.value, measure.unit),
            "rule": f"{measure.label}, {span}: {row.comparison} "
                    f"{_number(float(row.threshold), measure.unit)}",
        })
    frame = pd.DataFrame(rows, columns=["signpost_id", "scenario_id", "scenario", "label",
                                        "status", "value", "rule"])
    frame["order"] = frame["scenario_id"].map(order.index)
    return frame.sort_values(["order", "signpost_id"]).drop(columns="order").reset_index(
        drop=True)


def scenario_summary(evaluated: pd.DataFrame, scenarios: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: its signposts, how many are lit, and how many have no data."""
    rows = []
    for scenario in scenarios.itertuples(index=False):
        own = evaluated[evaluated["scenario"].astype(str) == str(scenario.scenario_id)]
        rows.append({"scenario_id": scenario.scenario_id, "name": scenario.name,
                     "total": len(own), "lit": int((own["status"] == "lit").sum()),
                     "no_data": int((own["status"] == "no data").sum())})
    return pd.DataFrame(rows, columns=["scenario_id", "name", "total", "lit", "no_data"])


def matrix_frame(summary: pd.DataFrame, scenarios: pd.DataFrame) -> pd.DataFrame:
    """The scenario matrix: each scenario in its cell (the two drivers' states), with the
    share of its signposts lit and a status line."""
    merged = scenarios.merge(summary, on=["scenario_id", "name"])
    share = merged["lit"] / merged["total"].where(merged["total"] > 0)
    return pd.DataFrame({
        "scenario_id": merged["scenario_id"], "name": merged["name"],
        "column": merged["war_and_sanctions"].astype(str),
        "row": merged["us_policy"].astype(str), "share": share.fillna(0.0),
        "status": [f"{lit} of {total} signposts lit" for lit, total
                   in zip(merged["lit"], merged["total"], strict=True)],
    })


def key_figures(summary: pd.DataFrame, evaluated: pd.DataFrame) -> dict[str, object]:
    """The verdicts chapter 4 glues: counts, and which scenario's signposts are most lit
    (worded so that the sentence around it is true whatever the data say)."""
    figures: dict[str, object] = {"n-signposts": len(evaluated),
                                  "n-lit": int((evaluated["status"] == "lit").sum()),
                                  "n-no-data": int((evaluated["status"] == "no data").sum())}
    for row in summary.itertuples(index=False):
        figures[f"{row.scenario_id}-lit"] = f"{row.lit} of {row.total}"
    shares = summary.assign(share=summary["lit"] / summary["total"].where(summary["total"] > 0))
    best = shares["share"].max()
    leaders = shares[shares["share"] == best] if pd.notna(best) and best > 0 else shares.iloc[0:0]
    if leaders.empty:
        figures["leading"] = "none of the scenarios: no signpost is lit"
    elif len(leaders) == 1:
        figures["leading"] = f"“{leaders['name'].iloc[0]}”"
    else:
        figures["leading"] = "no single scenario: " + " and ".join(
            f"“{name}”" for name in leaders["name"]) + " are tied"
    return figures


def scenario_names(scenarios: pd.DataFrame) -> list[str]:
    """The scenarios' names in the order of ``scenarios.csv``."""
    return [str(name) for name in scenarios["name"]]


def matrix_description(summary: pd.DataFrame, scenarios: pd.DataFrame) -> str:
    """Alt text of the scenario matrix."""
    cells = "; ".join(
        f"{row.name} ({row.war_and_sanctions.lower()}; {row.us_policy.lower()}): "
        f"{lit} of {total} signposts lit"
        for row, lit, total in zip(scenarios.itertuples(index=False), summary["lit"],
                                   summary["total"], strict=True))
    return f"Two-by-two matrix of four scenarios by the two drivers. {cells}."


def signpost_description(frame: pd.DataFrame, summary: pd.DataFrame) -> str:
    """Alt text of the signpost chart."""
    if frame.empty:
        return "Chart of the signposts: none defined."
    counts = "; ".join(f"{r.name}: {r.lit} of {r.total} lit" for r in summary.itertuples())
    lit = ", ".join(frame.loc[frame["status"] == "lit", "label"]) or "none"
    return (f"Chart of {len(frame)} signposts, one row each, placed under the scenario they "
            f"point to and filled when lit. {counts}. Lit: {lit}.")
