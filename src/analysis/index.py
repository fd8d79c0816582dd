"""The relations index of chapter 4: the cooperation–conflict scores of the events,
averaged by year or by quarter, with a bootstrap interval over the events of each period,
sparse periods flagged, and the index's sensitivity to the weights and to each category.

Every weighting is expressed on the rubric's own scale, −10 to +10, so that the variants
can be drawn on one axis: ``rubric`` takes the scores as coded; ``sign`` keeps only their
direction (±10 or 0); ``sqrt`` shrinks large scores (sign × √(10 × |score|)), so that a
war counts less against many small steps than under the rubric.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.window import up_to

__all__ = [
    "WEIGHTS",
    "IndexSettings",
    "index_description",
    "index_frame",
    "key_figures",
    "leave_one_out",
    "robustness",
    "sensitivity_description",
    "sensitivity_frame",
    "turning_points",
    "weighted",
]

#: The weightings (parameter value → reader-facing label).
WEIGHTS = {"rubric": "Scores as coded", "sign": "Direction only",
           "sqrt": "Square root of the size"}
#: The interval: 95 %, percentile bootstrap.
LEVEL = 0.95


@dataclass(frozen=True)
class IndexSettings:
    """The chapter's index parameters (from the parameters cell and ``params.yml``)."""

    window: str = "year"
    start_year: int = 1991
    weights: str = "rubric"
    draws: int = 2000
    seed: int = 20261201
    sparse_below: int = 5

    @classmethod
    def from_params(cls, params: dict[str, object]) -> IndexSettings:
        """The settings from a chapter's checked parameters (see :mod:`analysis.params`)."""
        return cls(window=str(params["index_window"]), start_year=int(params["index_start"]),
                   weights=str(params["index_weights"]), draws=int(params["bootstrap_draws"]),
                   seed=int(params["bootstrap_seed"]), sparse_below=int(params["sparse_below"]))


def weighted(scores: pd.Series, weights: str) -> pd.Series:
    """``scores`` (−10…+10) under a weighting of :data:`WEIGHTS`, on the same scale."""
    values = scores.astype(float)
    if weights == "rubric":
        return values
    if weights == "sign":
        return np.sign(values) * 10.0
    if weights == "sqrt":
        return np.sign(values) * np.sqrt(10.0 * values.abs())
    raise ValueError(f"unknown weights {weights!r}; expected one of {sorted(WEIGHTS)}")


def _periods(dates: pd.Series, window: str) -> pd.PeriodIndex:
    if window not in ("year", "quarter"):
        raise ValueError(f"unknown window {window!r}; expected 'year' or 'quarter'")
    return pd.PeriodIndex(dates, freq="Y" if window == "year" else "Q")


def _label(period: pd.Period, window: str) -> str:
    return str(period.year) if window == "year" else f"{period.year}-Q{period.quarter}"


def _interval(values: np.ndarray, draws: int, rng: np.random.Generator) -> tuple[float, float]:
    if len(values) == 1:
        return float(values[0]), float(values[0])
    means = rng.choice(values, size=(draws, len(values)), replace=True).mean(axis=1)
    tail = 100 * (1 - LEVEL) / 2
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def index_frame(events: pd.DataFrame, end_year: int, settings: IndexSettings) -> pd.DataFrame:
    """One row per period from ``settings.start_year`` to ``end_year`` (periods without
    events kept, their index missing, so that gaps show as gaps): the period's label and
    first day, the number of events, the mean weighted score, the share of conflictual
    events (score below zero, in %), the bootstrap interval, and whether it is sparse.

    The bootstrap resamples the period's events with replacement ``settings.draws`` times
    (one random generator seeded with ``settings.seed``, periods in order), so the same
    data and settings give the same interval.
    """
    columns = ["period", "start", "year", "n", "index", "conflict_share", "low", "high",
               "sparse", "partial"]
    if settings.start_year > end_year:
        return pd.DataFrame(columns=columns)
    shown = up_to(events, end_year, settings.start_year)
    every = pd.period_range(f"{settings.start_year}-01-01", f"{end_year}-12-31",
                            freq="Y" if settings.window == "year" else "Q")
    groups = dict(tuple(shown.groupby(_periods(shown["date"], settings.window))))
    rng = np.random.default_rng(settings.seed)
    record_end = min(events["date"].max(), pd.Timestamp(f"{end_year}-12-31"))
    rows = []
    for period in every:
        chosen = groups.get(period)
        n = 0 if chosen is None else len(chosen)
        row = {"period": _label(period, settings.window),
               "start": period.start_time.strftime("%Y-%m-%d"), "year": period.year, "n": n,
               "index": math.nan, "conflict_share": math.nan, "low": math.nan,
               "high": math.nan, "sparse": n < settings.sparse_below,
               "partial": period.end_time.normalize() > record_end}
        if n:
            values = weighted(chosen["score"], settings.weights).to_numpy()
            low, high = _interval(values, settings.draws, rng)
            row.update(index=float(values.mean()), low=low, high=high,
                       conflict_share=100.0 * float((chosen["score"] < 0).mean()))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def turning_points(frame: pd.DataFrame) -> pd.DataFrame:
    """The periods whose interval does not overlap that of the previous period with
    enough events (both neither sparse nor partial): a shift larger than the uncertainty
    of either."""
    dense = frame[~frame["sparse"] & ~frame["partial"] & frame["n"].gt(0)]
    dense = dense.reset_index(drop=True)
    points = []
    for before, after in zip(dense.iloc[:-1].itertuples(), dense.iloc[1:].itertuples(),
                             strict=True):
        if after.low > before.high or after.high < before.low:
            points.append({"period": after.period, "start": after.start,
                           "index": after.index, "previous": before.period,
                           "direction": "up" if after.index > before.index else "down"})
    return pd.DataFrame(points, columns=["period", "start", "index", "previous", "direction"])


def leave_one_out(events: pd.DataFrame, end_year: int,
                  settings: IndexSettings) -> pd.DataFrame:
    """The index recomputed without each category of events in turn: one row per period
    and category left out (periods where nothing remains are dropped)."""
    shown = up_to(events, end_year, settings.start_year)
    parts = []
    for category in sorted(shown["category"].astype(str).unique()):
        rest = shown[shown["category"].astype(str) != category]
        if rest.empty:
            continue
        grouped = weighted(rest["score"], settings.weights).groupby(
            _periods(rest["date"], settings.window))
        parts.append(pd.DataFrame({
            "period": [_label(p, settings.window) for p in grouped.mean().index],
            "left_out": category, "index": grouped.mean().to_numpy()}))
    if not parts:
        return pd.DataFrame(columns=["period", "left_out", "index"])
    return pd.concat(parts, ignore_index=True)


def sensitivity_frame(events: pd.DataFrame, end_year: int,
                      settings: IndexSettings) -> pd.DataFrame:
    """For the sensitivity chart, per period with events: the index under each weighting
    (``variant`` = the weighting's label) and, as ``low``/``high`` of the row
    ``variant == "Leave one category out"``, the range of the index when any one category
    is left out (under the chosen weights)."""
    columns = ["period", "start", "variant", "index", "low", "high"]
    if settings.start_year > end_year:
        return pd.DataFrame(columns=columns)
    rows = []
    for weights, label in WEIGHTS.items():
        variant = IndexSettings(settings.window, settings.start_year, weights, 100,
                                settings.seed, settings.sparse_below)
        frame = index_frame(events, end_year, variant)
        for row in frame[frame["n"] > 0].itertuples():
            rows.append({"period": row.period, "start": row.start, "variant": label,
                         "index": row.index, "low": math.nan, "high": math.nan})
    spread = leave_one_out(events, end_year, settings).groupby("period")["index"]
    starts = {r["period"]: r["start"] for r in rows}
    for period, values in spread:
        rows.append({"period": period, "start": starts.get(period), "variant":
                     "Leave one category out", "index": math.nan,
                     "low": float(values.min()), "high": float(values.max())})
    return pd.DataFrame(rows, columns=columns).dropna(subset=["start"])


def key_figures(frame: pd.DataFrame, points: pd.DataFrame,
                settings: IndexSettings) -> dict[str, object]:
    """The index figures chapter 4 quotes: the last period with events, its index and
    interval, the number of sparse periods, and the turning points."""
    figures: dict[str, object] = dict.fromkeys(
        ["last-period", "last-index", "last-low", "last-high", "last-n", "n-periods",
         "n-sparse", "n-turning", "last-turning", "first-period", "draws",
         "last-full-period", "last-full-index", "last-full-low", "last-full-high",
         "turning-list"])
    figures["draws"] = f"{settings.draws:,}"
    with_events = frame[frame["n"] > 0]
    if with_events.empty:
        return figures
    last = with_events.iloc[-1]
    figures.update({
        "first-period": frame["period"].iloc[0],
        "last-period": last["period"], "last-index": f"{last['index']:+.1f}",
        "last-low": f"{last['low']:+.1f}", "last-high": f"{last['high']:+.1f}",
        "last-n": int(last["n"]), "n-periods": len(frame),
        "n-sparse": int(frame["sparse"].sum()), "n-turning": len(points),
    })
    full = with_events[~with_events["partial"]]
    if not full.empty:
        figures.update({"last-full-period": full["period"].iloc[-1],
                        "last-full-index": f"{full['index'].iloc[-1]:+.1f}",
                        "last-full-low": f"{full['low'].iloc[-1]:+.1f}",
                        "last-full-high": f"{full['high'].iloc[-1]:+.1f}"})
    if not points.empty:
        turn = points.iloc[-1]
        figures["last-turning"] = f"{turn['period']} ({turn['direction']})"
        figures["turning-list"] = ", ".join(
            f"{p.period} ({p.direction}, after {p.previous})" for p in points.itertuples())
    return figures


def robustness(sensitivity: pd.DataFrame, since: int) -> dict[str, object]:
    """How many periods from ``since`` keep the sign of the index under every weighting
    and whichever category is left out (glue names → values)."""
    shown = sensitivity[sensitivity["start"].str[:4].astype(int) >= since]
    if shown.empty:
        return {"robust-periods": None, "robust-of": None}
    robust = 0
    periods = list(dict.fromkeys(shown["period"]))
    for period in periods:
        rows = shown[shown["period"] == period]
        values = list(rows["index"].dropna()) + list(rows["low"].dropna()) + list(
            rows["high"].dropna())
        robust += int(all(v < 0 for v in values) or all(v > 0 for v in values))
    return {"robust-periods": robust, "robust-of": len(periods)}


def index_description(frame: pd.DataFrame, points: pd.DataFrame) -> str:
    """Alt text of the index chart."""
    with_events = frame[frame["n"] > 0]
    if with_events.empty:
        return "Line chart of the relations index: no event in this period."
    low = with_events.loc[with_events["index"].idxmin()]
    high = with_events.loc[with_events["index"].idxmax()]
    turns = ", ".join(f"{p.period} ({p.direction})" for p in points.itertuples()) or "none"
    return (f"Line chart of the relations index by period, {frame['period'].iloc[0]} to "
            f"{frame['period'].iloc[-1]}, on a scale from −10 (war) to +10 (settlement), "
            f"with a 95 % bootstrap band; {int(frame['sparse'].sum())} of {len(frame)} "
            f"periods have few events and are drawn open. Lowest: {low['period']} "
            f"({low['index']:+.1f}); highest: {high['period']} ({high['index']:+.1f}). "
            f"Turning points (intervals that do not overlap the previous dense period): "
            f"{turns}.")


def sensitivity_description(frame: pd.DataFrame) -> str:
    """Alt text of the sensitivity chart."""
    lines = frame[frame["variant"] != "Leave one category out"]
    if lines.empty:
        return "Line chart of the index's sensitivity: no event in this period."
    spread = lines.groupby("period")["index"].agg(lambda s: s.max() - s.min())
    widest = spread.idxmax()
    return (f"Line chart of the relations index under three weightings ("
            f"{', '.join(WEIGHTS.values()).lower()}) with a band showing its range when any "
            f"one category of events is left out; the weightings differ most in {widest} "
            f"({spread.max():.1f} points).")
