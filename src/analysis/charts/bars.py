"""Grouped bar panels: one bar per category and series, panels side by side (the islands'
area on two survey bases beside their residents at two dates)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

__all__ = ["grouped_bars", "islands_facts"]


def grouped_bars(frame: pd.DataFrame, *, category: str, value: str, series: str,
                 value_title: str, series_title: str, colours: Sequence[str],
                 order: Sequence[str], show_categories: bool) -> alt.Chart:
    """One panel: a horizontal bar per ``category`` and ``series`` (side by side), the
    categories in ``order``; their names on the axis only if ``show_categories``."""
    axis = alt.Axis(labelLimit=320) if show_categories else None
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=None, sort=list(order), axis=axis),
        yOffset=alt.YOffset(f"{series}:N", sort=list(dict.fromkeys(frame[series]))),
        x=alt.X(f"{value}:Q", title=value_title),
        color=alt.Color(f"{series}:N", title=series_title, scale=alt.Scale(range=list(colours)),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip(f"{category}:N", title="Island"),
                 alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=",")],
    ).properties(width=220, height=200)


def islands_facts(area: pd.DataFrame, residents: pd.DataFrame, *, title: str,
                  description: str) -> alt.HConcatChart:
    """Area of each island group on both survey bases (``area``: name, basis, km2) beside
    its residents (``residents``: name, count, people; the panel is left out when the
    period has no count). See :func:`analysis.islands.area_frame` and
    :func:`analysis.islands.residents_frame`."""
    order = list(dict.fromkeys(area["name"]))
    panels = [grouped_bars(area, category="name", value="km2", series="basis",
                           value_title="Area (km²)", series_title="Area basis (GSI)",
                           colours=["#0072B2", "#56B4E9"], order=order, show_categories=True)]
    if not residents.empty:
        panels.append(grouped_bars(residents, category="name", value="people", series="count",
                                   value_title="Residents", series_title="Residents",
                                   colours=["#E69F00", "#D55E00"], order=order,
                                   show_categories=False))
    return alt.hconcat(*panels, title=title, description=description).resolve_scale(
        color="independent")
