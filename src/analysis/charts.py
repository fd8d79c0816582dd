"""Altair charts for the book: one house theme, an offline dual-output renderer, builders.

The renderer emits, for every chart, a MIME bundle that serves both outputs of the book:

* ``text/html`` — a ``<div>`` plus a small script that calls the page-global
  ``vegaEmbed`` (the vega bundle is written into the book's ``_static/`` by the build,
  see :func:`write_vega_bundle`), so the HTML works offline with no CDN;
* ``image/png`` — the same chart rendered by ``vl-convert`` for the LaTeX/PDF build;
* ``text/plain`` — a one-line description.

The spec itself travels inside the ``text/html`` script. (A separate
``application/vnd.vegalite.v6+json`` entry is deliberately left out: myst-nb renders
every MIME type of a glued output and warns on that one, which fails the strict build.)

Every part is a pure function of the spec, so executed notebooks are byte-for-byte
reproducible (nbval checks this).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

__all__ = [
    "CATEGORY_COLOURS",
    "FONT",
    "THEME",
    "RENDERER",
    "VEGA_BUNDLE_NAME",
    "chart_id",
    "mimebundle",
    "setup",
    "timeline",
    "write_vega_bundle",
]

#: One font stack for labels that mix Latin, Cyrillic and kanji (vl-convert and browsers).
FONT = "Noto Sans CJK JP, sans-serif"
THEME = "russia_japan"
RENDERER = "book"
#: File name of the vega + vega-lite + vega-embed bundle in the book's ``_static/``.
VEGA_BUNDLE_NAME = "vega-bundle.js"
#: Vega-Lite major.minor that Altair's schema targets and that the bundle must match.
VEGALITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
PNG_SCALE = 2

#: Okabe–Ito palette (colour-blind safe), one colour per event category.
CATEGORY_COLOURS: dict[str, str] = {
    "treaty": "#0072B2",
    "war": "#000000",
    "military": "#D55E00",
    "summit": "#009E73",
    "negotiation": "#56B4E9",
    "statement": "#CC79A7",
    "sanction": "#E69F00",
    "exchange": "#F0E442",
    "economic": "#999999",
    "incident": "#882255",
    "diplomatic": "#117733",
}


def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 640, "continuousHeight": 320, "stroke": None},
            "title": {"fontSize": 15, "anchor": "start", "font": FONT},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True,
                     "gridColor": "#e6e6e6", "domainColor": "#888888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "columns": 4},
            "range": {"category": list(CATEGORY_COLOURS.values())},
        }
    }


def chart_id(spec: dict[str, Any]) -> str:
    """A stable DOM id for a chart: a hash of its canonical JSON spec."""
    canonical = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "vega-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no tag can be closed from data)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mimebundle(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    """The renderer: the four representations of one Vega-Lite spec (see module doc)."""
    div = chart_id(spec)
    label = html.escape(str(spec.get("description") or spec.get("title") or "Chart"))
    script = (
        "(function(){var el='#" + div + "';var spec=" + _script_json(spec) + ";"
        "function draw(){window.vegaEmbed(el,spec,{actions:false,renderer:'svg'})"
        ".catch(function(e){console.error('chart " + div + ": '+e);});}"
        "if(window.vegaEmbed){draw();}else{document.addEventListener('DOMContentLoaded',draw);}"
        "})();"
    )
    html_out = (
        f'<div id="{div}" class="vega-chart" role="figure" aria-label="{label}"></div>'
        f"<script>{script}</script>"
    )
    png = vlc.vegalite_to_png(
        spec, vl_version=VEGALITE_VERSION, scale=PNG_SCALE, allowed_base_urls=[]
    )
    return {
        "text/html": html_out,
        "image/png": base64.b64encode(png).decode("ascii"),
        "text/plain": f"<Chart: {spec.get('description') or spec.get('title') or div}>",
    }


def setup() -> None:
    """Register and enable the house theme and the book renderer (call once per notebook)."""
    alt.theme.register(THEME, enable=True)(_theme)
    alt.renderers.register(RENDERER, mimebundle)
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()


def write_vega_bundle(static_dir: str | Path) -> Path:
    """Write the offline vega/vega-lite/vega-embed bundle into ``static_dir``.

    The bundle is wrapped in an IIFE so that its top-level names cannot clash with
    Sphinx's own globals (``_``); it publishes ``window.vegaEmbed``.
    """
    static_dir = Path(static_dir)
    static_dir.mkdir(parents=True, exist_ok=True)
    body = vlc.javascript_bundle(vl_version=VEGALITE_VERSION)
    target = static_dir / VEGA_BUNDLE_NAME
    target.write_text("(function(){\n" + body + "\n})();\n", encoding="utf-8")
    return target


def timeline(events: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """An interactive timeline of events: one lane per category, tooltips, zoomable axis.

    ``events`` is the output of :func:`analysis.events.for_timeline` (it needs ``date``,
    ``when``, ``category``, ``title``, ``summary``, ``actors`` and ``source``);
    ``description`` becomes the chart's alt text (Vega puts it in the SVG's aria-label).
    """
    columns = ["date", "when", "category", "title", "summary", "actors", "source"]
    frame = events[columns].copy()
    frame["category"] = frame["category"].astype("string")
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    present = [c for c in CATEGORY_COLOURS if c in set(frame["category"])]
    legend = alt.selection_point(fields=["category"], bind="legend")
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    return (
        alt.Chart(frame, title=title, description=description)
        .mark_point(filled=True, size=90, opacity=0.85)
        .encode(
            x=alt.X(
                "date:T",
                title="Date",
                scale=alt.Scale(type="utc", nice=True),
                axis=alt.Axis(format="%Y", labelOverlap=True),
            ),
            y=alt.Y("category:N", title=None, sort=present),
            color=alt.Color(
                "category:N",
                title="Category",
                scale=alt.Scale(domain=present, range=[CATEGORY_COLOURS[c] for c in present]),
            ),
            opacity=alt.condition(legend, alt.value(0.9), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("actors:N", title="Actors"),
                alt.Tooltip("summary:N", title="Summary"),
                alt.Tooltip("source:N", title="Source keys"),
            ],
        )
        .add_params(legend, zoom)
        .properties(width=640, height=300)
    )


#: Colours of the map's land areas and of the boundary lines (Okabe–Ito, oldest to newest).
LAND_COLOURS = {"japan": "#e8e3d3", "russia": "#dcdcdc", "disputed": "#f2c48d"}
BOUNDARY_COLOURS = ["#0072B2", "#009E73", "#CC79A7", "#D55E00"]


def _scale_bar(lon: float, lat: float, km: int) -> pd.DataFrame:
    """End points of a ``km``-long east–west scale bar starting at (lon, lat)."""
    import math

    span = km / (111.32 * math.cos(math.radians(lat)))
    return pd.DataFrame({"lon": [lon, lon + span], "lat": [lat, lat],
                         "label": [f"{km} km", f"{km} km"]})


def _fit(extent: list[list[float]]) -> dict[str, Any]:
    """Arguments of ``.project()``: Mercator fitted to the box with corners ``extent``."""
    frame = {"type": "Feature", "properties": {},
             "geometry": {"type": "LineString", "coordinates": extent}}
    return {"type": "mercator", "fit": frame}


def islands_map(
    land: dict[str, Any],
    boundaries: dict[str, Any],
    labels: pd.DataFrame,
    places: pd.DataFrame,
    *,
    title: str,
    description: str,
    boundary_ids: list[str] | None = None,
) -> alt.VConcatChart:
    """The islands map: an overview from Hokkaido to Kamchatka with the historic boundary
    lines (click a legend entry to pick one line; all are drawn by default) above a detail
    of the four disputed island groups labelled in three scripts, with the line of control
    and a 50 km scale bar.

    ``land`` and ``boundaries`` are validated GeoJSON layers
    (:func:`analysis.geo.load_layer`); ``labels`` (island names on the detail) and
    ``places`` (reference places on the overview) have ``lon``, ``lat`` and ``label``
    (lines separated by ``\\n``); ``boundary_ids`` limits the lines drawn (e.g. by
    ``end_year``); ``description`` is the alt text.
    """
    lines = [f for f in boundaries["features"]
             if boundary_ids is None or f["properties"]["boundary_id"] in boundary_ids]
    ids = [f["properties"]["boundary_id"] for f in lines]
    fill = alt.Color("properties.kind:N", legend=None,
                     scale=alt.Scale(domain=list(LAND_COLOURS),
                                     range=list(LAND_COLOURS.values())))

    def land_layer(extent: list[list[float]], width: int, height: int) -> alt.Chart:
        return alt.Chart(alt.Data(values=land["features"])).mark_geoshape(
            stroke="#777777", strokeWidth=0.4, clip=True
        ).encode(color=fill, tooltip=[alt.Tooltip("properties.name:N", title="Area")]
                 ).project(**_fit(extent)).properties(width=width, height=height)

    def text_layer(frame: pd.DataFrame, size: int) -> alt.Chart:
        return alt.Chart(frame).mark_text(
            fontSize=size, lineBreak="\n", align="center", baseline="middle", font=FONT
        ).encode(longitude="lon:Q", latitude="lat:Q", text="label:N")

    overview_extent = [[139.5, 41.4], [157.0, 51.6]]
    layers = [land_layer(overview_extent, 640, 400), text_layer(places, 11)]
    if lines:
        pick = alt.selection_point(fields=["properties.boundary_id"], bind="legend")
        colour = alt.Color(
            "properties.boundary_id:N", title="Boundary of",
            scale=alt.Scale(domain=ids, range=BOUNDARY_COLOURS[: len(ids)]),
            legend=alt.Legend(orient="right", labelExpr=(
                "datum.label == '1945' ? '1945 (line of control)' : datum.label")),
        )
        # One layer per line, oldest first and widest, so that a stroke shared by two
        # settlements (e.g. the Soya Strait in 1875 and since 1945) shows both colours.
        strokes = []
        for number, feature in enumerate(lines):
            layer = alt.Chart(alt.Data(values=[feature])).mark_geoshape(
                filled=False, clip=True, strokeWidth=8 - 1.8 * number
            ).encode(
                color=colour,
                opacity=alt.condition(pick, alt.value(1.0), alt.value(0.12)),
                tooltip=[alt.Tooltip("properties.label:N", title="Line")],
            ).project(**_fit(overview_extent))
            strokes.append(layer.add_params(pick) if number == 0 else layer)
        layers.append(alt.layer(*strokes))  # one shared colour scale and legend
    overview = alt.layer(*layers).resolve_scale(color="independent").properties(
        title=alt.TitleParams(title, subtitle=(
            "Historic boundary lines (schematic); click a legend entry to pick one")))

    detail_extent = [[145.0, 43.1], [148.9, 45.6]]
    bar = _scale_bar(147.6, 43.3, 50)
    control = [f for f in lines if f["properties"]["boundary_id"] == "1945"]
    detail_layers = [land_layer(detail_extent, 640, 420), text_layer(labels, 12),
                     alt.Chart(bar).mark_line(color="#333333", strokeWidth=2).encode(
                         longitude="lon:Q", latitude="lat:Q"),
                     alt.Chart(bar.head(1)).mark_text(dy=-9, align="left", fontSize=11).encode(
                         longitude="lon:Q", latitude="lat:Q", text="label:N")]
    if control:
        detail_layers.append(
            alt.Chart(alt.Data(values=control)).mark_geoshape(
                filled=False, strokeWidth=3, strokeDash=[6, 3], clip=True,
                stroke=BOUNDARY_COLOURS[ids.index("1945")],
            ).encode(tooltip=[alt.Tooltip("properties.label:N", title="Line")])
            .project(**_fit(detail_extent)))
    detail = alt.layer(*detail_layers).properties(
        title=alt.TitleParams("The four island groups (dashed: line of control since 1945)",
                              fontSize=13))
    return alt.vconcat(overview, detail, description=description).resolve_scale(
        color="independent")


def _size_steps(counts: pd.Series) -> list[int]:
    """Legend entries for a size scale of event counts: 1, the middle and the maximum."""
    top = int(counts.max())
    return sorted({1, max(1, round(top / 2)), top})


def score_chart(
    annual: pd.DataFrame, points: pd.DataFrame, *, title: str, description: str
) -> alt.VConcatChart:
    """Cooperation–conflict score over time: the annual mean (points sized by the number of
    events, a bar from the year's lowest to highest score) with labelled turning points,
    above the number of events per year.

    ``annual`` is :func:`analysis.events.annual_scores`; ``points`` is
    :func:`analysis.events.turning_points`; ``description`` is the alt text.
    """
    frame = annual.copy()
    frame["mean_score"] = frame["mean_score"].astype("float").round(2)
    scored = frame[frame["count"] > 0].astype({"min_score": int, "max_score": int})
    first, last = int(frame["year"].min()), int(frame["year"].max())
    x = alt.X("year:Q", title="Year", scale=alt.Scale(domain=[first, last], nice=False),
              axis=alt.Axis(format="d", tickMinStep=1))
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    zero = alt.Chart(pd.DataFrame({"score": [0]})).mark_rule(color="#888888").encode(
        y="score:Q")
    spread = alt.Chart(scored).mark_rule(color="#bbbbbb", strokeWidth=2).encode(
        x=x, y=alt.Y("min_score:Q"), y2="max_score:Q")
    means = alt.Chart(scored).mark_circle(opacity=0.9).encode(
        x=x,
        y=alt.Y("mean_score:Q", title="Mean score (−10 conflict … +10 cooperation)",
                scale=alt.Scale(domain=[-10, 10])),
        size=alt.Size("count:Q", title="Events in the year",
                      legend=alt.Legend(orient="right", values=_size_steps(scored["count"]))),
        color=alt.condition("datum.mean_score < 0", alt.value("#D55E00"), alt.value("#0072B2")),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("count:Q", title="Events"),
                 alt.Tooltip("mean_score:Q", title="Mean score", format=".2f"),
                 alt.Tooltip("min_score:Q", title="Lowest"),
                 alt.Tooltip("max_score:Q", title="Highest")],
    ).add_params(zoom)
    marks = points.copy()
    marks["label_y"] = [9.3 - 1.15 * (i % 3) for i in range(len(marks))]  # three label rows
    middle = (first + last) / 2

    def labels(chosen: pd.DataFrame, align: str, dx: int) -> alt.Chart:
        return alt.Chart(chosen).mark_text(
            fontSize=10, align=align, dx=dx, font=FONT, color="#333333"
        ).encode(x=x, y=alt.Y("label_y:Q"), text="label:N")

    annotations = alt.layer(labels(marks[marks["year"] <= middle], "left", 3),
                            labels(marks[marks["year"] > middle], "right", -3))
    ticks = alt.Chart(marks).mark_rule(strokeDash=[2, 2], color="#999999").encode(x=x)
    top = alt.layer(zero, ticks, spread, means, annotations).properties(
        width=640, height=300, title=alt.TitleParams(title, subtitle=(
            "Annual mean of event scores; grey bars span the year's lowest to highest score")))
    counts = alt.Chart(frame).mark_bar(color="#666666").encode(
        x=x, y=alt.Y("count:Q", title="Events"),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("count:Q", title="Events")],
    ).properties(width=640, height=90)
    return alt.vconcat(top, counts, description=description)


def islands_facts(islands: pd.DataFrame, *, title: str, description: str) -> alt.HConcatChart:
    """Two panels per island group: area on both survey bases, and residents in 1945
    (Japanese) and at the latest Russian count. ``islands`` is the islands table."""
    order = list(islands["name_en"].astype(str))
    names = islands["name_en"].astype(str) + " / " + islands["name_ja"].astype(str) + " / " + \
        islands["name_ru"].astype(str)
    label = dict(zip(islands["name_en"].astype(str), names, strict=True))
    area = pd.DataFrame({
        "island": list(islands["name_en"].astype(str)) * 2,
        "basis": ["since 2014 survey"] * len(islands) + ["to 2013 survey"] * len(islands),
        "km2": [*islands["area_km2"].astype(int), *islands["area_km2_pre2014"].astype(int)],
    })
    ru_year = islands["population_ru_date"].dt.year.max()
    people = pd.DataFrame({
        "island": list(islands["name_en"].astype(str)) * 2,
        "count": ["Japanese residents, 1945"] * len(islands)
        + [f"Russian count, {ru_year}"] * len(islands),
        "people": list(islands["population_1945"].astype(int))
        + list(islands["population_ru"].astype(int)),
    })
    for frame in (area, people):
        frame["name"] = frame["island"].map(label)
    sort = [label[o] for o in order]

    def bars(frame: pd.DataFrame, value: str, series: str, value_title: str,
             series_title: str, colours: list[str], axis: alt.Axis | None) -> alt.Chart:
        """One panel: a bar per island and series, the island names on ``axis``."""
        return alt.Chart(frame).mark_bar().encode(
            y=alt.Y("name:N", title=None, sort=sort, axis=axis),
            yOffset=alt.YOffset(f"{series}:N", sort=list(dict.fromkeys(frame[series]))),
            x=alt.X(f"{value}:Q", title=value_title),
            color=alt.Color(f"{series}:N", title=series_title,
                            scale=alt.Scale(range=colours),
                            legend=alt.Legend(orient="bottom", columns=1)),
            tooltip=[alt.Tooltip("name:N", title="Island"),
                     alt.Tooltip(f"{series}:N", title=series_title),
                     alt.Tooltip(f"{value}:Q", title=value_title, format=",")],
        ).properties(width=220, height=200)

    area_chart = bars(area, "km2", "basis", "Area (km²)", "Area basis (GSI)",
                      ["#0072B2", "#56B4E9"], alt.Axis(labelLimit=320))
    people_chart = bars(people, "people", "count", "Residents", "Residents",
                        ["#E69F00", "#D55E00"], None)
    return alt.hconcat(area_chart, people_chart, title=title,
                       description=description).resolve_scale(color="independent")


#: Colours of the negotiation outcomes, from setback to agreement (Okabe–Ito).
OUTCOME_COLOURS = ["#D55E00", "#999999", "#56B4E9", "#0072B2"]


def negotiation_track(rows: pd.DataFrame, *, title: str, description: str) -> alt.Chart:
    """The negotiation track over time: one lane per track, one mark per meeting, call or
    milestone, coloured by outcome; phone calls drawn as open diamonds.

    ``rows`` is :func:`analysis.negotiations.for_chart`.
    """
    from analysis.negotiations import OUTCOME_LABELS, TRACK_LABELS

    frame = rows[["date", "when", "track_label", "mode", "place", "japan_side",
                  "russia_side", "outcome", "outcome_label", "source"]].copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["mode"] = frame["mode"].astype(str)
    lanes = [label for label in TRACK_LABELS.values() if label in set(frame["track_label"])]
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    return (
        alt.Chart(frame, title=title, description=description)
        .mark_point(size=80, filled=True, opacity=0.85)
        .encode(
            x=alt.X("date:T", title="Date", scale=alt.Scale(type="utc", nice=True),
                    axis=alt.Axis(format="%Y", labelOverlap=True)),
            y=alt.Y("track_label:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("outcome_label:N", title="Outcome",
                            scale=alt.Scale(domain=list(OUTCOME_LABELS.values()),
                                            range=OUTCOME_COLOURS)),
            shape=alt.Shape("mode:N", title="Kind",
                            scale=alt.Scale(domain=["meeting", "phone", "milestone"],
                                            range=["circle", "diamond", "square"])),
            tooltip=[alt.Tooltip("when:N", title="Date"),
                     alt.Tooltip("track_label:N", title="Track"),
                     alt.Tooltip("place:N", title="Place"),
                     alt.Tooltip("japan_side:N", title="Japan"),
                     alt.Tooltip("russia_side:N", title="USSR / Russia"),
                     alt.Tooltip("outcome:N", title="Outcome"),
                     alt.Tooltip("source:N", title="Source keys")],
        )
        .add_params(zoom)
        .properties(width=640, height=240)
    )
