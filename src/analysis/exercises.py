"""Exercises and patrols bearing on Japan: the dates × lanes frame of the chart and the
counts chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis.events import display_dates
from analysis.window import up_to

__all__ = ["KINDS", "activity_frame", "activity_description", "key_figures"]

#: Reader-facing names of the kinds of activity, in lane order.
KINDS = {
    "joint-air-patrol": "Russia–China bomber patrols",
    "joint-naval-patrol": "Russia–China naval patrols and exercises",
    "joint-submarine-patrol": "Russia–China submarine patrol",
    "strategic-exercise": "Russian strategic exercises",
    "island-drill": "Drills on the disputed islands",
    "allied-exercise": "US–Japan–partner exercises",
}


def activity_frame(exercises: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Rows up to ``end_year`` as the lanes chart encodes them."""
    shown = up_to(exercises, end_year).sort_values(["start_date", "exercise_id"])
    shown = shown.rename(columns={"start_date": "date"}).reset_index(drop=True)
    return pd.DataFrame({
        "date": shown["date"].dt.strftime("%Y-%m-%d"),
        "when": display_dates(shown),
        "lane": shown["kind"].astype(str).map(KINDS),
        "side": ["US and partners" if k == "allied-exercise" else "Russia and partners"
                 for k in shown["kind"].astype(str)],
        "name": shown["name"].astype(str),
        "participants": shown["participants"].astype(str),
        "area": shown["area"].astype(str),
        "japan_response": shown["japan_response"].fillna("").astype(str),
        "source": shown["source"].astype(str),
    })


def key_figures(exercises: pd.DataFrame, end_year: int) -> dict[str, object]:
    """Counts by kind since 2019, and the first joint submarine patrol."""
    shown = up_to(exercises, end_year, start_year=2019)
    kinds = shown["kind"].astype(str)
    figures: dict[str, object] = {
        "n-air": int((kinds == "joint-air-patrol").sum()),
        "n-naval": int(kinds.isin(["joint-naval-patrol"]).sum()),
        "n-allied": int((kinds == "allied-exercise").sum()),
        "first-air-year": None, "last-air-year": None, "submarine-year": None,
    }
    air = shown[kinds == "joint-air-patrol"]["start_date"].dt.year
    if not air.empty:
        figures["first-air-year"], figures["last-air-year"] = int(air.min()), int(air.max())
    submarine = shown[kinds == "joint-submarine-patrol"]["start_date"].dt.year
    if not submarine.empty:
        figures["submarine-year"] = int(submarine.min())
    return figures


def activity_description(frame: pd.DataFrame) -> str:
    """Alt text of the exercises chart."""
    if frame.empty:
        return "Timeline of exercises and patrols: none in this period."
    counts = frame["lane"].value_counts()
    listed = "; ".join(f"{lane}: {int(counts.get(lane, 0))}" for lane in KINDS.values()
                       if lane in counts.index)
    years = pd.to_datetime(frame["date"]).dt.year
    return (f"Timeline of {len(frame)} exercises and patrols near Japan, "
            f"{int(years.min())}–{int(years.max())}, one lane per kind ({listed}).")
