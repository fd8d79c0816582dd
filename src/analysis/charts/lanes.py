"""The "dates × lanes" chart: one lane per kind, one mark per dated row, coloured (and
optionally shaped) by a field, with tooltips and a zoomable time axis. The events timeline
and the negotiation track are two uses of the one builder :func:`lanes`."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts.render import CATEGORY_COLOURS

__all__ = ["OUTCOME_COLOURS", "lanes", "negotiation_track", "timeline"]

#: Colours of the negotiation outcomes, from setback to agreement (Okabe–Ito).
OUTCOME_COLOURS = ["#D55E00", "#999999", "#56B4E9", "#0072B2"]


def lanes(
    frame: pd.DataFrame,
    *,
    lane: str,
    lane_order: Sequence[str],
    colour: str,
    colour_title: str,
    colour_domain: Sequence[str],
    colour_range: Sequence[str],
    tooltip: Sequence[tuple[str, str]],
    title: str,
    description: str,
    height: int,
    shape: tuple[str, str, Sequence[str], Sequence[str]] | None = None,
    select_by_legend: bool = False,
    lane_label_limit: int | None = None,
    yearly_ticks: bool = False,
) -> alt.Chart:
    """Dates × lanes: ``frame`` has a ``date`` column (ISO strings) and the named fields.

    ``tooltip`` is a list of (field, title); ``shape`` is (field, title, domain, shapes);
    ``select_by_legend`` lets a click on a legend entry fade the other colours;
    ``description`` is the chart's alt text (Vega puts it in the SVG's aria-label);
    ``yearly_ticks`` puts one tick per year (for spans of a few years, where the default
    ticks would repeat a year's label).
    """
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    encoding = {
        "x": alt.X("date:T", title="Date", scale=alt.Scale(type="utc", nice=True),
                   axis=alt.Axis(format="%Y", labelOverlap=True,
                                 tickCount=alt.TimeIntervalStep(interval="year", step=1)
                                 if yearly_ticks else alt.Undefined)),
        "y": alt.Y(f"{lane}:N", title=None, sort=list(lane_order),
                   axis=alt.Axis(labelLimit=lane_label_limit) if lane_label_limit
                   else alt.Undefined),
        "color": alt.Color(f"{colour}:N", title=colour_title,
                           scale=alt.Scale(domain=list(colour_domain), range=list(colour_range))),
        "tooltip": [alt.Tooltip(f"{field}:N", title=name) for field, name in tooltip],
    }
    params: list = [zoom]
    if shape is not None:
        field, name, domain, shapes = shape
        encoding["shape"] = alt.Shape(f"{field}:N", title=name,
                                      scale=alt.Scale(domain=list(domain), range=list(shapes)))
    if select_by_legend:
        pick = alt.selection_point(fields=[colour], bind="legend")
        encoding["opacity"] = alt.condition(pick, alt.value(0.9), alt.value(0.15))
        params.insert(0, pick)
    mark = {"filled": True, "size": 90 if shape is None else 80,
            "opacity": 0.85}
    return (
        alt.Chart(frame, title=title, description=description)
        .mark_point(**mark)
        .encode(**encoding)
        .add_params(*params)
        .properties(width=640, height=height)
    )


def timeline(events: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """The events timeline: one lane per category in the house colours, a legend that
    selects a category. ``events`` is :func:`analysis.events.timeline_frame`."""
    present = [c for c in CATEGORY_COLOURS if c in set(events["category"])]
    return lanes(
        events, lane="category", lane_order=present, colour="category",
        colour_title="Category", colour_domain=present,
        colour_range=[CATEGORY_COLOURS[c] for c in present],
        tooltip=[("when", "Date"), ("title", "Event"), ("actors", "Actors"),
                 ("summary", "Summary"), ("source", "Source keys")],
        title=title, description=description, height=300, select_by_legend=True,
    )


def negotiation_track(rows: pd.DataFrame, *, lane_order: Sequence[str],
                      outcomes: Sequence[str], title: str, description: str) -> alt.Chart:
    """The negotiation track: one lane per channel (``lane_order``), coloured by outcome
    (``outcomes``, from setback to agreement), phone calls and milestones shaped apart.
    ``rows`` is :func:`analysis.negotiations.track_frame`."""
    present = [label for label in lane_order if label in set(rows["track_label"])]
    return lanes(
        rows, lane="track_label", lane_order=present, colour="outcome_label",
        colour_title="Outcome", colour_domain=outcomes, colour_range=OUTCOME_COLOURS,
        tooltip=[("when", "Date"), ("track_label", "Track"), ("place", "Place"),
                 ("japan_side", "Japan"), ("russia_side", "USSR / Russia"),
                 ("outcome", "Outcome"), ("source", "Source keys")],
        shape=("mode", "Kind", ["meeting", "phone", "milestone"],
               ["circle", "diamond", "square"]),
        title=title, description=description, height=240, lane_label_limit=260,
    )
