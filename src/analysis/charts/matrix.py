"""A membership matrix: groupings as rows, member states as columns, a filled cell where a
state belongs, coloured by side."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

__all__ = ["membership_matrix"]


def membership_matrix(frame: pd.DataFrame, *, row: str, column: str, side: str,
                      side_order: Sequence[str], colours: Sequence[str], title: str,
                      description: str, tooltip: Sequence[tuple[str, str]]) -> alt.Chart:
    """Squares at (``column``, ``row``) for every membership, coloured by ``side``; rows in
    data order, columns sorted by how many groupings a state belongs to."""
    rows = list(dict.fromkeys(frame[row]))
    return alt.Chart(frame, description=description).mark_square(size=260).encode(
        x=alt.X(f"{column}:N", title=None, sort=alt.EncodingSortField(
            field=row, op="count", order="descending"), axis=alt.Axis(labelAngle=-40,
                                                                       orient="top")),
        y=alt.Y(f"{row}:N", title=None, sort=rows),
        color=alt.Color(f"{side}:N", title=None, sort=list(side_order),
                        scale=alt.Scale(domain=list(side_order), range=list(colours))),
        tooltip=[alt.Tooltip(f"{field}:N", title=name) for field, name in tooltip],
    ).properties(width=640, height=max(120, 26 * len(rows)), title=title)
