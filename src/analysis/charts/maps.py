"""The islands map: an overview from Hokkaido to Kamchatka with the historic boundary lines
(a legend entry picks one line), above a detail of the four island groups labelled in three
scripts with the line of control and a scale bar. Geometry and labels come from
:mod:`analysis.geo`; layers from the Load room."""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from analysis.charts.render import FONT

__all__ = ["BOUNDARY_COLOURS", "LAND_COLOURS", "islands_map", "visible_extent"]

#: Colours of the map's land areas and of the boundary lines (Okabe–Ito, oldest to newest).
LAND_COLOURS = {"japan": "#efe8d0", "russia": "#c8c8c8", "disputed": "#f2c48d"}
BOUNDARY_COLOURS = ["#0072B2", "#009E73", "#CC79A7", "#D55E00"]
#: The corners (lon, lat) of the two panels. The detail's box is wider than the islands to
#: its west, so that the view, wider than the box, ends east of Etorofu and short of Urup
#: (149.44° E), which would otherwise show as an unlabelled sliver in the top corner.
OVERVIEW_EXTENT = [[139.5, 41.4], [157.0, 51.6]]
DETAIL_EXTENT = [[144.55, 43.1], [148.9, 45.6]]
#: The size (width, height) in pixels of the two panels.
OVERVIEW_SIZE = (640, 400)
DETAIL_SIZE = (640, 420)


def _fit(extent: list[list[float]]) -> dict[str, Any]:
    """Arguments of ``.project()``: Mercator fitted to the box with corners ``extent``."""
    frame = {"type": "Feature", "properties": {},
             "geometry": {"type": "LineString", "coordinates": extent}}
    return {"type": "mercator", "fit": frame}


def visible_extent(extent: list[list[float]], size: tuple[int, int]) -> tuple[float, ...]:
    """The (west, south, east, north) bounds, in degrees, of what a Mercator projection
    fitted to the box ``extent`` shows in a view of ``size`` pixels: the box fills one
    dimension and is centred in the other, as Vega's ``fit`` does."""
    (west, south), (east, north) = extent
    width, height = size
    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    def unmerc(y: float) -> float:
        return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)
    span_x, span_y = math.radians(east - west), merc(north) - merc(south)
    scale = min(width / span_x, height / span_y)
    half_lon = math.degrees(width / scale) / 2
    centre_lon, centre_y = (west + east) / 2, (merc(north) + merc(south)) / 2
    half_y = height / scale / 2
    return (centre_lon - half_lon, unmerc(centre_y - half_y),
            centre_lon + half_lon, unmerc(centre_y + half_y))


def _land(land: dict[str, Any], extent: list[list[float]], width: int,
          height: int) -> alt.Chart:
    fill = alt.Color("properties.kind:N", legend=None,
                     scale=alt.Scale(domain=list(LAND_COLOURS), range=list(LAND_COLOURS.values())))
    return alt.Chart(alt.Data(values=land["features"])).mark_geoshape(
        stroke="#777777", strokeWidth=0.4, clip=True
    ).encode(color=fill, tooltip=[alt.Tooltip("properties.name:N", title="Area")]
             ).project(**_fit(extent)).properties(width=width, height=height)


def _text(frame: pd.DataFrame, size: int) -> alt.Chart:
    return alt.Chart(frame).mark_text(
        fontSize=size, lineBreak="\n", align="center", baseline="middle", font=FONT
    ).encode(longitude="lon:Q", latitude="lat:Q", text="label:N")


#: The boundary that is the line of control today.
CONTROL_ID = "1945"


def _legend_label(boundary_id: str) -> str:
    """How the legend and the buttons name a boundary."""
    return f"{boundary_id} (line of control)" if boundary_id == CONTROL_ID else boundary_id


def _strokes(lines: list[dict[str, Any]]) -> alt.LayerChart:
    """One layer per line, oldest first and widest, so that a stroke shared by two
    settlements (e.g. the Soya Strait in 1875 and since 1945) shows both colours; one shared
    colour scale and legend, whose entries pick a line."""
    ids = [f["properties"]["boundary_id"] for f in lines]
    names = [_legend_label(i) for i in ids]
    pick = alt.selection_point(fields=["properties.boundary_id"], bind="legend")
    # The same choice as radio buttons under the chart: a keyboard reaches them (Tab, then
    # the arrow keys), which it cannot do with the legend's SVG entries.
    choose = alt.selection_point(
        fields=["properties.boundary_id"],
        bind=alt.binding_radio(options=[None, *ids], labels=["all", *names],
                               name="Show the boundary of "))
    colour = alt.Color(
        "properties.boundary_id:N", title="Boundary of",
        scale=alt.Scale(domain=ids, range=BOUNDARY_COLOURS[: len(ids)]),
        legend=alt.Legend(orient="right", labelExpr=(
            f"datum.label == '{CONTROL_ID}' ? '{_legend_label(CONTROL_ID)}' : datum.label")),
    )
    strokes = []
    for number, feature in enumerate(lines):
        layer = alt.Chart(alt.Data(values=[feature])).mark_geoshape(
            filled=False, clip=True, strokeWidth=8 - 1.8 * number
        ).encode(
            color=colour,
            opacity=alt.condition(pick & choose, alt.value(1.0), alt.value(0.12)),
            tooltip=[alt.Tooltip("properties.label:N", title="Line")],
        ).project(**_fit(OVERVIEW_EXTENT))
        strokes.append(layer.add_params(pick, choose) if number == 0 else layer)
    return alt.layer(*strokes)


def islands_map(
    land: dict[str, Any],
    lines: list[dict[str, Any]],
    labels: pd.DataFrame,
    places: pd.DataFrame,
    scale_bar: pd.DataFrame,
    *,
    control: dict[str, Any] | None,
    title: str,
    detail_title: str,
    description: str,
) -> alt.VConcatChart:
    """The two-panel islands map.

    ``land`` is the land layer; ``lines`` the boundary features to draw (oldest first);
    ``control`` the line of control drawn dashed on the detail (or ``None``); ``labels``
    (island names) and ``places`` (reference places) have ``lon``, ``lat`` and ``label``
    (lines separated by ``\\n``); ``scale_bar`` is :func:`analysis.geo.scale_bar`;
    ``description`` is the alt text.
    """
    layers = [_land(land, OVERVIEW_EXTENT, *OVERVIEW_SIZE), _text(places, 11)]
    if lines:
        layers.append(_strokes(lines))
    overview = alt.layer(*layers).resolve_scale(color="independent").properties(
        title=alt.TitleParams(title, subtitle=(
            "Historic boundary lines (schematic); pick one in the legend or with the buttons"
            " below")))
    detail_layers = [
        _land(land, DETAIL_EXTENT, *DETAIL_SIZE), _text(labels, 12),
        alt.Chart(scale_bar).mark_line(color="#333333", strokeWidth=2).encode(
            longitude="lon:Q", latitude="lat:Q"),
        alt.Chart(scale_bar).transform_window(rank="row_number()").transform_filter(
            "datum.rank == 1").mark_text(dy=-9, align="left", fontSize=11).encode(
            longitude="lon:Q", latitude="lat:Q", text="label:N"),
    ]
    if control is not None:
        colour = BOUNDARY_COLOURS[[f["properties"]["boundary_id"] for f in lines].index(
            control["properties"]["boundary_id"])]
        detail_layers.append(
            alt.Chart(alt.Data(values=[control])).mark_geoshape(
                filled=False, strokeWidth=3, strokeDash=[6, 3], clip=True, stroke=colour,
            ).encode(tooltip=[alt.Tooltip("properties.label:N", title="Line")])
            .project(**_fit(DETAIL_EXTENT)))
    detail = alt.layer(*detail_layers).properties(
        title=alt.TitleParams(detail_title, fontSize=13))
    return alt.vconcat(overview, detail, description=description).resolve_scale(
        color="independent")
