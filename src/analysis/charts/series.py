"""Values over years: bars by year (side by side or stacked), lines (one per series, broken
where a series changes method), and dot panels for figures that do not form a series."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

__all__ = ["dot_panels", "series_lines", "spans_over", "year_bars"]


def year_bars(frame: pd.DataFrame, *, x: str, x_title: str, value: str, value_title: str,
              series: str, series_order: Sequence[str], colours: Sequence[str],
              stacked: bool, title: str, description: str, tooltip: Sequence[tuple[str, str]],
              marked: str | None = None, marked_legend: str | None = None) -> alt.Chart:
    """Bars of ``value`` by ``x`` (a year), one colour per ``series``, stacked or side by
    side; rows whose ``marked`` field is true are drawn lighter (e.g. derived or draft
    figures, explained by ``marked_legend``)."""
    encoding = {
        "x": alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(f"{value}:Q", title=value_title, stack="zero" if stacked else None),
        "color": alt.Color(f"{series}:N", title=None, sort=list(series_order),
                           scale=alt.Scale(domain=list(series_order), range=list(colours)),
                           legend=alt.Legend(labelLimit=500, columns=2)),
        "tooltip": [alt.Tooltip(f"{field}:N", title=name) for field, name in tooltip],
    }
    if not stacked:
        encoding["xOffset"] = alt.XOffset(f"{series}:N", sort=list(series_order))
    if marked:
        encoding["opacity"] = alt.condition(f"datum.{marked}", alt.value(0.45), alt.value(1.0))
    subtitle = [marked_legend] if marked and marked_legend else []
    return alt.Chart(frame, description=description).mark_bar().encode(**encoding).properties(
        width=640, height=300, title=alt.TitleParams(title, subtitle=subtitle))


def spans_over(chart: alt.Chart, spans: pd.DataFrame, *, top: float,
               title: str | alt.TitleParams, description: str,
               colour: str = "#444444") -> alt.LayerChart:
    """``chart`` (bars by an ordinal year) with labelled spans drawn above the bars: one
    line from ``start_fy`` to ``end_fy`` per row of ``spans``, stacked by its ``row`` above
    ``top`` (the highest bar), a diamond at each start and the ``label`` beside it."""
    frame = spans.assign(level=top * (1.1 + 0.11 * spans["row"].astype(float)))
    years = [int(y) for y in chart.data[chart.encoding.x.shorthand.split(":")[0]]]
    years += [int(y) for y in frame["start_fy"]] + [int(y) for y in frame["end_fy"]]
    every_year = alt.Scale(domain=list(range(min(years), max(years) + 1)))  # no gaps
    tooltip = [alt.Tooltip("label:N", title="Plan or target"),
               alt.Tooltip("announced:N", title="Announced")]
    base = alt.Chart(frame).encode(x=alt.X("start_fy:O", scale=every_year), y=alt.Y("level:Q"))
    # labels run right from the start, except near the right edge, where they end there
    near_end = frame["end_fy"] >= frame["end_fy"].max() - 2
    labels = [alt.Chart(frame[~near_end]).mark_text(align="left", dx=-4, dy=-8, fontSize=10,
                                                    color="#222222").encode(
                  x=alt.X("start_fy:O"), y=alt.Y("level:Q"), text="label:N"),
              alt.Chart(frame[near_end]).mark_text(align="right", dx=4, dy=-8, fontSize=10,
                                                   color="#222222").encode(
                  x=alt.X("end_fy:O"), y=alt.Y("level:Q"), text="label:N")]
    layers = [chart.properties(title=""),
              base.mark_rule(color=colour, strokeWidth=2).encode(x2="end_fy:O", tooltip=tooltip),
              base.mark_point(shape="diamond", filled=True, size=45, color=colour).encode(
                  tooltip=tooltip), *labels]
    return alt.layer(*layers, description=description).properties(title=title)


def series_lines(frame: pd.DataFrame, *, x: str, x_title: str, y: str, y_title: str,
                 series: str, series_order: Sequence[str], colours: Sequence[str],
                 title: str, description: str, tooltip: Sequence[tuple[str, str]],
                 segment: str | None = None, hollow: str | None = None,
                 rule_at: float | None = None, rule_label: str | None = None,
                 baseline: float | None = None) -> alt.LayerChart:
    """One line with points per ``series`` over ``x``; a line is broken between values of
    ``segment`` (a change of method is not a change in the world); points whose ``hollow``
    field is true are drawn open (estimates); an optional vertical rule marks a break and a
    horizontal ``baseline`` (e.g. an index of 100)."""
    colour = alt.Color(f"{series}:N", title=None, sort=list(series_order),
                       scale=alt.Scale(domain=list(series_order), range=list(colours)))
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False)),
        y=alt.Y(f"{y}:Q", title=y_title), color=colour)
    lines = base.mark_line(strokeWidth=2)
    if segment:
        lines = lines.encode(detail=f"{segment}:N")
    points = base.mark_point(size=50, filled=True).encode(
        tooltip=[alt.Tooltip(f"{field}:N", title=name) for field, name in tooltip])
    if hollow:
        points = points.encode(fill=alt.condition(f"datum.{hollow}", alt.value("white"), colour))
    layers: list[alt.Chart] = [lines, points]
    if baseline is not None:
        layers.insert(0, alt.Chart(pd.DataFrame({"b": [baseline]})).mark_rule(
            color="#888888").encode(y="b:Q"))
    if rule_at is not None:
        mark = pd.DataFrame({"x": [rule_at], "label": [rule_label or ""]})
        layers += [alt.Chart(mark).mark_rule(strokeDash=[4, 3], color="#666666").encode(x="x:Q"),
                   alt.Chart(mark).mark_text(align="left", dx=4, dy=-140, fontSize=10,
                                             color="#333333").encode(x="x:Q", text="label:N")]
    return alt.layer(*layers, description=description).properties(
        width=640, height=300, title=title)


def dot_panels(frame: pd.DataFrame, *, x: str, value: str, value_title: str, panel: str,
               panel_order: Sequence[str], series: str, series_order: Sequence[str],
               colours: Sequence[str], shape: str, title: str, description: str,
               tooltip: Sequence[tuple[str, str]]) -> alt.FacetChart:
    """Dots of ``value`` for each ``x`` (a period label), one panel per kind of period,
    never joined by lines (the periods are not a series); ``shape`` tells coverage apart."""
    chart = alt.Chart(frame).mark_point(size=90, filled=True).encode(
        x=alt.X(f"{x}:O", title=None, sort="ascending", axis=alt.Axis(labelAngle=-30)),
        y=alt.Y(f"{value}:Q", title=value_title),
        color=alt.Color(f"{series}:N", title=None, sort=list(series_order),
                        scale=alt.Scale(domain=list(series_order), range=list(colours))),
        shape=alt.Shape(f"{shape}:N", title="Coverage"),
        tooltip=[alt.Tooltip(f"{field}:N", title=name) for field, name in tooltip],
    ).properties(width=190, height=260)
    return chart.facet(
        column=alt.Column(f"{panel}:N", title=None, sort=list(panel_order)),
        title=title, description=description).resolve_scale(x="independent")
