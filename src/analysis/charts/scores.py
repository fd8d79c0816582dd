"""The cooperation–conflict score chart: annual means with ranges, turning points, counts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.render import FONT

__all__ = ["score_chart"]


def _size_steps(counts: pd.Series) -> list[int]:
    """Legend entries for a size scale of event counts: 1, the middle and the maximum."""
    top = max(1, int(counts.max()))
    return sorted({1, max(1, round(top / 2)), top})


def score_chart(
    annual: pd.DataFrame, points: pd.DataFrame, *, title: str, description: str
) -> alt.VConcatChart:
    """Cooperation–conflict score over time: the annual mean (points sized by the number of
    events, a bar from the year's lowest to highest score) with labelled turning points
    (in three rows, alternating), above the number of events per year.

    ``annual`` is :func:`analysis.events.annual_scores` (years without events are kept and
    drawn only in the counts); ``points`` is :func:`analysis.events.turning_points`;
    ``description`` is the alt text.
    """
    first, last = int(annual["year"].min()), int(annual["year"].max())
    middle = (first + last) / 2
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[first, last], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    base = alt.Chart(annual).transform_filter("datum.count > 0")
    zero = alt.Chart(pd.DataFrame({"score": [0]})).mark_rule(color="#888888").encode(
        y="score:Q")
    spread = base.mark_rule(color="#bbbbbb", strokeWidth=2).encode(
        x=x, y=alt.Y("min_score:Q"), y2="max_score:Q")
    means = base.mark_circle(opacity=0.9).encode(
        x=x,
        y=alt.Y("mean_score:Q", title="Mean score (−10 conflict … +10 cooperation)",
                scale=alt.Scale(domain=[-10, 10])),
        size=alt.Size("count:Q", title="Events in the year",
                      legend=alt.Legend(orient="right", values=_size_steps(annual["count"]))),
        color=alt.condition("datum.mean_score < 0", alt.value("#D55E00"), alt.value("#0072B2")),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("count:Q", title="Events"),
                 alt.Tooltip("mean_score:Q", title="Mean score", format=".2f"),
                 alt.Tooltip("min_score:Q", title="Lowest"),
                 alt.Tooltip("max_score:Q", title="Highest")],
    ).add_params(zoom)
    marks = alt.Chart(points).transform_window(rank="row_number()").transform_calculate(
        label_y="9.3 - 1.15 * ((datum.rank - 1) % 3)")

    def labels(side: str, align: str, dx: int) -> alt.Chart:
        return marks.transform_filter(f"datum.year {side} {middle}").mark_text(
            fontSize=10, align=align, dx=dx, font=FONT, color="#333333"
        ).encode(x=x, y=alt.Y("label_y:Q"), text="label:N")

    annotations = alt.layer(labels("<=", "left", 3), labels(">", "right", -3))
    ticks = alt.Chart(points).mark_rule(strokeDash=[2, 2], color="#999999").encode(x=x)
    top = alt.layer(zero, ticks, spread, means, annotations).properties(
        width=640, height=300, title=alt.TitleParams(title, subtitle=(
            "Annual mean of event scores; grey bars span the year's lowest to highest score")))
    counts = alt.Chart(annual).mark_bar(color="#666666").encode(
        x=x, y=alt.Y("count:Q", title="Events"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("count:Q", title="Events")],
    ).properties(width=640, height=90)
    return alt.vconcat(top, counts, description=description)
