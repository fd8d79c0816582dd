"""The charts of chapter 3 (the Indo-Pacific realignment): each a preset of a generic
builder with its colours, titles and tooltips. They take the domain modules' tidy frames."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.charts.lanes import lanes
from analysis.charts.matrix import membership_matrix
from analysis.charts.series import dot_panels, series_lines, spans_over, year_bars

__all__ = ["alignments_chart", "budget_chart", "energy_chart", "exercises_chart",
           "milex_chart", "opinion_chart", "sanctions_chart", "scrambles_chart", "trade_chart"]

#: Okabe–Ito colours used across the chapter.
BLUE, ORANGE, GREEN, VERMILION, SKY, PURPLE, GREY, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999", "#F0E442",
    "#000000")


def budget_chart(frame: pd.DataFrame, definitions: Sequence[str], *, title: str,
                 description: str,
                 plans: pd.DataFrame | None = None) -> alt.Chart | alt.LayerChart:
    """Japan's defence budget by fiscal year on both definitions; derived and draft lighter;
    the plans and the 2 % target (``defence.plan_spans``) drawn as labelled spans above."""
    legend = "Lighter bars: derived by us or a cabinet draft"
    bars = year_bars(frame, x="fiscal_year", x_title="Fiscal year (April–March)",
                     value="jpy_trillion", value_title="Trillion yen", series="definition",
                     series_order=definitions, colours=[BLUE, SKY], stacked=False,
                     title=title, description=description, marked="not_published",
                     marked_legend=legend,
                     tooltip=[("fiscal_year", "Fiscal year"), ("definition", "Definition"),
                              ("jpy_trillion", "Trillion yen"), ("status", "Status")])
    if plans is None or plans.empty or frame.empty:
        return bars
    return spans_over(bars, plans, top=float(frame["jpy_trillion"].max()),
                      title=alt.TitleParams(title, subtitle=[legend]), description=description)


def milex_chart(frame: pd.DataFrame, countries: Sequence[str], base_year: int | None, *,
                title: str, description: str) -> alt.LayerChart:
    """Military expenditure indexed to the base year (``None`` when no year is shown);
    SIPRI estimates drawn open. The price base of the release is named in the caption."""
    base = f"{base_year} = 100" if base_year is not None else "base year = 100"
    return series_lines(frame, x="year", x_title="Year", y="index",
                        y_title=f"Index, {base} (constant US$)",
                        series="country", series_order=countries,
                        colours=[VERMILION, BLUE, ORANGE, BLACK, GREEN], hollow="estimate",
                        baseline=100, title=title, description=description,
                        tooltip=[("country", "Country"), ("year", "Year"),
                                 ("usd_bn", "US$ bn (constant prices)"),
                                 ("gdp_share_pct", "Share of GDP, %"),
                                 ("estimate", "SIPRI estimate")])


def scrambles_chart(frame: pd.DataFrame, origins: Sequence[str], *, title: str,
                    description: str) -> alt.Chart:
    """Scrambles per fiscal year, stacked by origin."""
    return year_bars(frame, x="fiscal_year", x_title="Fiscal year (April–March)", value="count",
                     value_title="Scrambles", series="origin", series_order=origins,
                     colours=[ORANGE, BLUE, GREY], stacked=True, title=title,
                     description=description,
                     tooltip=[("fiscal_year", "Fiscal year"), ("origin", "Origin"),
                              ("count", "Scrambles"), ("status", "Status")])


def exercises_chart(frame: pd.DataFrame, kinds: Sequence[str], *, title: str,
                    description: str) -> alt.Chart:
    """Exercises and patrols, one lane per kind, coloured by side."""
    return lanes(frame, lane="lane", lane_order=kinds, colour="side", colour_title="Side",
                 colour_domain=["Russia and partners", "US and partners"],
                 colour_range=[VERMILION, BLUE],
                 tooltip=[("when", "Start"), ("name", "Activity"),
                          ("participants", "Participants"), ("area", "Area"),
                          ("japan_response", "Japan's response"), ("source", "Source keys")],
                 title=title, description=description, height=220, lane_label_limit=300,
                 yearly_ticks=True)


def sanctions_chart(frame: pd.DataFrame, directions: Sequence[str], *, title: str,
                    description: str) -> alt.Chart:
    """Measures per year, the two directions side by side."""
    return year_bars(frame, x="year", x_title="Year", value="measures",
                     value_title="Measures (one row per kind of measure)", series="direction",
                     series_order=directions, colours=[BLUE, VERMILION], stacked=False,
                     title=title, description=description,
                     tooltip=[("year", "Year"), ("direction", "Direction"),
                              ("measures", "Measures")])


def trade_chart(frame: pd.DataFrame, panels: Sequence[str], flows: Sequence[str], *,
                title: str, description: str) -> alt.FacetChart:
    """Trade figures as reported, by kind of period, never joined."""
    return dot_panels(frame, x="period", value="jpy_trillion", value_title="Trillion yen",
                      panel="panel", panel_order=panels, series="flow", series_order=flows,
                      colours=[BLUE, VERMILION, SKY, ORANGE, BLACK, PURPLE],
                      shape="coverage", title=title, description=description,
                      tooltip=[("period", "Period"), ("flow", "Flow"),
                               ("jpy_trillion", "Trillion yen"), ("coverage", "Coverage"),
                               ("source", "Source keys")])


def energy_chart(frame: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """The Sakhalin projects since 2022, one lane per project."""
    return lanes(frame, lane="project", lane_order=["Sakhalin-1", "Sakhalin-2"],
                 colour="project", colour_title="Project",
                 colour_domain=["Sakhalin-1", "Sakhalin-2"], colour_range=[GREEN, PURPLE],
                 tooltip=[("when", "Date"), ("project", "Project"), ("event", "Event"),
                          ("source", "Source keys")],
                 title=title, description=description, height=110, yearly_ticks=True)


def opinion_chart(frame: pd.DataFrame, break_at: int | None, *, title: str,
                  description: str) -> alt.LayerChart:
    """Affinity toward Russia by survey round, one line per method of the survey."""
    return series_lines(frame, x="year", x_title="Survey round (year)", y="share",
                        y_title="Feel affinity toward Russia, %", series="method",
                        series_order=["Interviews", "Mail questionnaires"],
                        colours=[BLUE, VERMILION], segment="method",
                        rule_at=(break_at - 0.5) if break_at else None,
                        rule_label="change of method" if break_at else None,
                        title=title, description=description,
                        tooltip=[("round", "Round"), ("share", "Share, %"),
                                 ("method", "Method"), ("source", "Source keys")])


def alignments_chart(frame: pd.DataFrame, sides: Sequence[str], *, title: str,
                     description: str) -> alt.Chart:
    """Groupings and their members, coloured by side."""
    return membership_matrix(frame, row="grouping", column="member", side="side",
                             side_order=sides, colours=[BLUE, VERMILION, GREY], title=title,
                             description=description,
                             tooltip=[("grouping", "Grouping"), ("member", "Member"),
                                      ("milestones", "Milestones"), ("first", "First"),
                                      ("last", "Last")])
