"""Pure helpers for the peace-treaty negotiation track (the ``negotiations`` table)."""

from __future__ import annotations

import pandas as pd

from analysis.events import display_dates

__all__ = ["OUTCOME_LABELS", "TRACK_LABELS", "abe_putin_meetings", "for_chart", "track_counts"]

#: Reader-facing names of the tracks, in the order the chart shows them.
TRACK_LABELS: dict[str, str] = {
    "leaders": "Leaders",
    "two-plus-two": "2+2 (foreign and defence ministers)",
    "foreign-ministers": "Foreign ministers",
    "vice-ministers": "Vice-ministers",
    "joint-economic-activity": "Joint economic activity",
    "exchanges": "Exchange programmes",
}
#: Reader-facing names of the outcome scores.
OUTCOME_LABELS: dict[int, str] = {
    -1: "Setback",
    0: "No result",
    1: "Process step",
    2: "Agreement or declaration",
}


def for_chart(negotiations: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Rows up to ``end_year``, sorted by date, with display columns ``when`` (the date at its
    precision), ``track_label`` and ``outcome_label``."""
    out = negotiations.loc[negotiations["date"].dt.year <= end_year].copy()
    out = out.sort_values(["date", "meeting_id"]).reset_index(drop=True)
    out["when"] = display_dates(out)
    out["track_label"] = out["track"].astype(str).map(TRACK_LABELS)
    out["outcome_label"] = out["outcome_score"].astype(int).map(OUTCOME_LABELS)
    return out


def abe_putin_meetings(negotiations: pd.DataFrame) -> pd.DataFrame:
    """The numbered in-person Abe–Putin meetings, in order; raises if the numbering has gaps
    or does not follow the dates (the data would then contradict MOFA's count)."""
    numbered = negotiations.dropna(subset=["abe_putin_meeting"]).sort_values("date")
    numbers = [int(n) for n in numbered["abe_putin_meeting"]]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"Abe–Putin meetings must be numbered 1..n in date order, got {numbers}")
    return numbered.reset_index(drop=True)


def track_counts(negotiations: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Rows per track and mode between ``start_year`` and ``end_year`` inclusive
    (tracks as rows in :data:`TRACK_LABELS` order; columns meeting, phone, milestone)."""
    years = negotiations["date"].dt.year
    chosen = negotiations.loc[(years >= start_year) & (years <= end_year)]
    table = pd.crosstab(chosen["track"].astype(str), chosen["mode"].astype(str))
    return table.reindex(index=list(TRACK_LABELS), columns=["meeting", "phone", "milestone"],
                         fill_value=0).astype(int)
