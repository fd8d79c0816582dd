"""The peace-treaty negotiation track (the ``negotiations`` table): display labels, the
numbered Abe–Putin meetings, counts by track, the figures chapter 2 quotes, and the tidy
frame and description of the track chart."""

from __future__ import annotations

import pandas as pd

from analysis.events import display_dates
from analysis.window import after_cutoff, up_to

__all__ = [
    "ABE_PUTIN_YEARS",
    "OUTCOME_LABELS",
    "ROUND_TRACKS",
    "TRACK_LABELS",
    "abe_putin_meetings",
    "for_chart",
    "key_figures",
    "track_description",
    "track_frame",
    "track_counts",
]

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
#: The ministerial and vice-ministerial tracks whose rounds chapter 2 counts.
ROUND_TRACKS = ("two-plus-two", "foreign-ministers", "vice-ministers")
#: First year of the Abe–Putin meetings as MOFA numbers them (Hanoi, 2006).
ABE_PUTIN_YEARS = (2006, 2019)


def for_chart(negotiations: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Rows up to ``end_year``, sorted by date, with display columns ``when`` (the date at its
    precision), ``track_label`` and ``outcome_label``."""
    out = up_to(negotiations, end_year).sort_values(["date", "meeting_id"])
    out = out.reset_index(drop=True)
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
    chosen = up_to(negotiations, end_year, start_year)
    table = pd.crosstab(chosen["track"].astype(str), chosen["mode"].astype(str))
    return table.reindex(index=list(TRACK_LABELS), columns=["meeting", "phone", "milestone"],
                         fill_value=0).astype(int)


def _years(frame: pd.DataFrame) -> tuple[int | None, int | None]:
    """First and last year of a frame's ``date`` column, or ``(None, None)`` if empty."""
    if frame.empty:
        return None, None
    years = frame["date"].dt.year
    return int(years.min()), int(years.max())


def key_figures(negotiations: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The figures chapter 2 quotes about the track, up to ``end_year`` (glue names →
    values; ``None`` where the period lies after the cut-off or nothing is recorded yet)."""
    shown = for_chart(negotiations, end_year)
    meetings = shown[shown["mode"] == "meeting"]
    leaders = meetings[meetings["track"] == "leaders"]
    rounds = meetings[meetings["track"].isin(ROUND_TRACKS)]
    abe_putin = abe_putin_meetings(shown)
    figures: dict[str, object] = {}
    figures["first-meeting"], figures["last-meeting"] = _years(meetings)
    figures["first-leaders"], figures["last-leaders"] = _years(leaders)
    figures["first-entry"], figures["last-entry"] = _years(shown)
    figures["n-meetings"] = len(meetings)
    figures["n-leaders"] = len(leaders)
    figures["n-rounds"] = len(rounds)
    figures["n-rounds-noresult"] = int((rounds["outcome_score"] == 0).sum())
    late = after_cutoff(ABE_PUTIN_YEARS[0], end_year)
    figures["n-abe-putin"] = None if late else len(abe_putin)
    figures["abe-putin-first"], figures["abe-putin-last"] = (None, None) if late \
        else _years(abe_putin)
    return figures


def track_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the track chart (:func:`for_chart` output) as the chart encodes them."""
    frame = rows[["date", "when", "track_label", "mode", "place", "japan_side",
                  "russia_side", "outcome", "outcome_label", "source"]].copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["mode"] = frame["mode"].astype(str)
    return frame


def track_description(rows: pd.DataFrame) -> str:
    """Alt text of the track chart, computed from the rows it shows."""
    if rows.empty:
        return "Dot chart of the peace-treaty track: no contacts are recorded in this period."
    first, last = _years(rows)
    lanes = [label for label in TRACK_LABELS.values() if label in set(rows["track_label"])]
    outcomes = rows["outcome_label"].value_counts()
    counted = "; ".join(f"{label}: {int(outcomes.get(label, 0))}"
                        for label in OUTCOME_LABELS.values())
    return (
        f"Dot chart of {len(rows)} contacts on the peace-treaty track, {first}–{last}, one "
        f"lane per channel ({', '.join(lanes)}) and one mark per meeting, call or "
        f"milestone, coloured by outcome ({counted})."
    )
