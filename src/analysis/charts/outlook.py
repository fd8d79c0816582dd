"""The charts of chapter 4 (the outlook): the relations index with its interval, its
sensitivity, the scenario matrix and the signposts. They take the domain modules' tidy
frames (:mod:`analysis.index`, :mod:`analysis.signposts`) and only encode them."""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["index_chart", "scenario_matrix", "sensitivity_chart", "signpost_chart"]

BLUE, VERMILION, GREY, GREEN, ORANGE, PURPLE = (
    "#0072B2", "#D55E00", "#999999", "#009E73", "#E69F00", "#CC79A7")
#: Colours of a signpost's status.
STATUS = {"lit": VERMILION, "not lit": "#FFFFFF", "no data": "#DDDDDD"}


def _zero() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888888").encode(y="y:Q")


def index_chart(frame: pd.DataFrame, points: pd.DataFrame, *, title: str,
                description: str) -> alt.LayerChart:
    """The index by period: a 95 % band, the line through periods with events, points
    (open where the period is sparse or partial) and the turning points labelled."""
    shown = frame[frame["n"] > 0].assign(
        thin=lambda f: f["sparse"] | f["partial"],
        note=lambda f: f["partial"].map({True: "partial period", False: ""}))
    x = alt.X("start:T", title="Period", axis=alt.Axis(format="%Y", labelOverlap=True))
    y = alt.Y("index:Q", title="Index (−10 war … +10 settlement)",
              scale=alt.Scale(domain=[-10, 10]))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("n:Q", title="Events"),
               alt.Tooltip("index:Q", title="Index", format="+.2f"),
               alt.Tooltip("low:Q", title="95 % interval, low", format="+.2f"),
               alt.Tooltip("high:Q", title="95 % interval, high", format="+.2f"),
               alt.Tooltip("conflict_share:Q", title="Conflictual, %", format=".0f"),
               alt.Tooltip("note:N", title="Note")]
    base = alt.Chart(shown)
    layers = [
        _zero(),
        base.mark_area(opacity=0.25, color=BLUE).encode(x=x, y="low:Q", y2="high:Q"),
        base.mark_line(color=BLUE, strokeWidth=1.5).encode(x=x, y=y),
        base.mark_point(size=45, filled=True, color=BLUE).encode(
            x=x, y=y, tooltip=tooltip,
            fill=alt.condition("datum.thin", alt.value("#FFFFFF"), alt.value(BLUE))),
    ]
    if not points.empty:
        marks = alt.Chart(points.assign(label=points["period"] + " " + points["direction"]))
        layers += [marks.mark_point(shape="triangle-down", size=80, color=VERMILION,
                                    filled=True).encode(x="start:T", y="index:Q"),
                   marks.mark_text(dy=-14, fontSize=10, color="#222222").encode(
                       x="start:T", y="index:Q", text="label:N")]
    return alt.layer(*layers, description=description).properties(
        width=640, height=300, title=alt.TitleParams(
            title, subtitle=["Band: 95 % bootstrap interval; open points: fewer events "
                             "than the sparse threshold, or a partial period"]))


def sensitivity_chart(frame: pd.DataFrame, variants: list[str], *, title: str,
                      description: str) -> alt.LayerChart:
    """The index under each weighting (lines), and the range when any one category of
    events is left out (a band)."""
    x = alt.X("start:T", title="Period", axis=alt.Axis(format="%Y", labelOverlap=True))
    lines = frame[frame["variant"] != "Leave one category out"]
    band = frame[frame["variant"] == "Leave one category out"]
    colour = alt.Color("variant:N", title="Weighting", sort=variants,
                       scale=alt.Scale(domain=variants, range=[BLUE, ORANGE, PURPLE]))
    layers = [
        _zero(),
        alt.Chart(band).mark_area(opacity=0.2, color=GREY).encode(
            x=x, y=alt.Y("low:Q", title="Index (−10 … +10)", scale=alt.Scale(domain=[-10, 10])),
            y2="high:Q", tooltip=[alt.Tooltip("period:N", title="Period"),
                                  alt.Tooltip("low:Q", title="Lowest without one category",
                                              format="+.2f"),
                                  alt.Tooltip("high:Q", title="Highest without one category",
                                              format="+.2f")]),
        alt.Chart(lines).mark_line(strokeWidth=1.5, point=True).encode(
            x=x, y="index:Q", color=colour,
            tooltip=[alt.Tooltip("period:N", title="Period"),
                     alt.Tooltip("variant:N", title="Weighting"),
                     alt.Tooltip("index:Q", title="Index", format="+.2f")]),
    ]
    return alt.layer(*layers, description=description).properties(
        width=640, height=280, title=alt.TitleParams(
            title, subtitle=["Grey band: range of the index (as coded) when any one "
                             "category of events is left out"]))


def scenario_matrix(frame: pd.DataFrame, *, rows: list[str], columns: list[str], title: str,
                    description: str) -> alt.LayerChart:
    """The 2 × 2 of scenarios: one cell per combination of the two drivers, with the
    scenario's name and how many of its signposts are lit."""
    x = alt.X("column:N", title="The war and sanctions", sort=columns,
              axis=alt.Axis(labelAngle=0, labelLimit=260, orient="top"))
    y = alt.Y("row:N", title=None, sort=rows, axis=alt.Axis(labelLimit=380))
    base = alt.Chart(frame).encode(x=x, y=y)
    tooltip = [alt.Tooltip("name:N", title="Scenario"),
               alt.Tooltip("status:N", title="Signposts lit")]
    return alt.layer(
        base.mark_rect(stroke="#FFFFFF", strokeWidth=3).encode(
            color=alt.Color("share:Q", title="Share of its signposts lit",
                            scale=alt.Scale(domain=[0, 1], range=["#F2F2F2", VERMILION])),
            tooltip=tooltip),
        base.mark_text(fontSize=13, fontWeight="bold", dy=-10).encode(text="name:N"),
        base.mark_text(fontSize=11, dy=10).encode(text="status:N"),
        description=description,
    ).properties(width=440, height=260, title=alt.TitleParams(
        title, subtitle=["Columns: the war and sanctions; rows: US policy toward Russia "
                         "and toward its allies"]))


def signpost_chart(frame: pd.DataFrame, *, scenarios: list[str], title: str,
                   description: str) -> alt.LayerChart:
    """One row per signpost, grouped by scenario: its status (lit, not lit, no data),
    with the measured value and the rule written beside it."""
    y = alt.Y("label:N", title=None, sort=list(frame["label"]),
              axis=alt.Axis(labelLimit=330))
    base = alt.Chart(frame).encode(y=y)
    status = alt.Color("status:N", title="Status", sort=list(STATUS),
                       scale=alt.Scale(domain=list(STATUS), range=list(STATUS.values())))
    tooltip = [alt.Tooltip("label:N", title="Signpost"),
               alt.Tooltip("scenario:N", title="Points to"),
               alt.Tooltip("value:N", title="Measured"), alt.Tooltip("rule:N", title="Rule"),
               alt.Tooltip("status:N", title="Status")]
    return alt.layer(
        base.mark_point(shape="circle", size=160, stroke="#333333", strokeWidth=1,
                        filled=True).encode(
            x=alt.X("scenario:N", title="Scenario it points to", sort=scenarios,
                    axis=alt.Axis(labelAngle=0, labelLimit=140, orient="top")),
            fill=status, color=alt.value("#333333"), tooltip=tooltip),
        description=description,
    ).properties(width=520, height=alt.Step(22), title=title)
