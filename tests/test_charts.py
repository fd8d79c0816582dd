"""Unit tests of analysis.charts: theme, offline renderer, vega bundle, and the builders
(which only encode the tidy frames they are given)."""

import base64
import json

import altair as alt
import pandas as pd
import pytest

from analysis import charts, geo, islands
from analysis import events as ev
from analysis import negotiations as ng


@pytest.fixture(autouse=True)
def book_renderer():
    charts.setup()
    yield


def small_events(summary="A summary."):
    frame = pd.DataFrame(
        {
            "event_id": ["1855-a", "1956-b"],
            "date": pd.to_datetime(["1855-02-07", "1956-10-01"]),
            "date_precision": ["day", "month"],
            "category": ["treaty", "statement"],
            "title": ["Treaty", "Declaration"],
            "summary": [summary, "Other."],
            "actors": ["Japan; Russia", "Japan; USSR"],
            "source": ["k1", "k2; k3"],
        }
    )
    return ev.timeline_frame(ev.for_timeline(frame, end_year=2000))


def test_setup_enables_theme_and_renderer():
    assert alt.theme.active == charts.THEME
    assert alt.renderers.active == charts.RENDERER
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()
    assert spec["config"]["font"] == charts.FONT


def test_bundle_has_html_png_and_text():
    chart = charts.timeline(small_events(), title="T", description="Alt text here")
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert 'aria-label="Alt text here"' in bundle["text/html"]
    assert "window.vegaEmbed" in bundle["text/html"]
    assert "cdn" not in bundle["text/html"].lower()
    assert bundle["text/plain"] == "<Chart: Alt text here>"


def test_bundle_is_deterministic_and_id_tracks_spec():
    a = charts.timeline(small_events(), title="T", description="D").to_dict()
    b = charts.timeline(small_events(), title="T", description="D").to_dict()
    c = charts.timeline(small_events("Changed."), title="T", description="D").to_dict()
    assert charts.mimebundle(a)["text/html"] == charts.mimebundle(b)["text/html"]
    assert charts.chart_id(a) == charts.chart_id(b) != charts.chart_id(c)


def test_data_cannot_close_the_script_element():
    hostile = "</script><img src=x onerror=alert(1)>"
    spec = charts.timeline(small_events(hostile), title="T", description="D").to_dict()
    html = charts.mimebundle(spec)["text/html"]
    assert html.count("</script>") == 1  # only the renderer's own closing tag
    assert "<img" not in html
    embedded = json.loads(html.split("var spec=", 1)[1].split(";function draw", 1)[0])
    rows = next(iter(embedded["datasets"].values()))
    assert rows[0]["summary"] == hostile  # the text survives intact, as data


def test_alt_text_is_escaped_in_attribute():
    alt_text = 'a "quoted" <b>label</b>'
    div = charts.mimebundle(
        charts.timeline(small_events(), title="T", description=alt_text).to_dict()
    )["text/html"].split("</div>")[0]
    assert "<b>" not in div and "&lt;b&gt;" in div and "&quot;quoted&quot;" in div


def test_timeline_encodes_categories_in_house_colours():
    spec = charts.timeline(small_events(), title="T", description="D").to_dict()
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["treaty", "statement"]
    assert colour["range"] == [charts.CATEGORY_COLOURS["treaty"],
                               charts.CATEGORY_COLOURS["statement"]]
    rows = next(iter(spec["datasets"].values()))
    assert [r["when"] for r in rows] == ["1855-02-07", "1956-10"]


def test_write_vega_bundle_is_wrapped_and_global(tmp_path):
    path = charts.write_vega_bundle(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.name == charts.VEGA_BUNDLE_NAME
    assert text.startswith("(function(){") and text.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in text
    assert "https://cdn" not in text


def square(lon, lat, size=0.2):
    return [[[lon, lat], [lon, lat + size], [lon + size, lat + size], [lon + size, lat],
             [lon, lat]]]


def tiny_layers():
    land = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"feature_id": k, "kind": kind, "name": k},
         "geometry": {"type": "Polygon", "coordinates": square(lon, 44.0)}}
        for k, kind, lon in [("japan", "japan", 143.0), ("etorofu", "disputed", 147.5)]]}
    lines = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"boundary_id": b, "label": f"Line {b}", "source": "k"},
         "geometry": {"type": "LineString", "coordinates": [[149.0, 45.0], [149.2, 45.5]]}}
        for b in ["1855", "1945"]]}
    labels = pd.DataFrame({"lon": [147.6], "lat": [44.1], "label": ["Etorofu\n択捉島\nИтуруп"]})
    places = pd.DataFrame({"lon": [143.1], "lat": [44.1], "label": ["Hokkaido"]})
    return land, lines, labels, places


def draw_map(land, lines, labels, places, end_year=2000):
    shown = geo.boundary_features(lines, end_year)
    return charts.islands_map(land, shown, labels, places, geo.scale_bar(),
                              control=geo.control_line(shown), title="Map",
                              detail_title="Detail", description="Alt")


def test_islands_map_draws_land_lines_and_three_script_labels():
    land, lines, labels, places = tiny_layers()
    spec = draw_map(land, lines, labels, places).to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    assert spec["description"] == "Alt"
    assert "択捉島" in text and "Итуруп" in text
    overview = spec["vconcat"][0]["layer"]
    strokes = overview[-1]["layer"]
    assert [s["mark"]["strokeWidth"] for s in strokes] == sorted(
        [s["mark"]["strokeWidth"] for s in strokes], reverse=True)  # older lines wider
    assert strokes[0]["encoding"]["color"]["scale"]["domain"] == ["1855", "1945"]
    assert any(p.get("bind") == "legend" and p["select"]["fields"] == ["properties.boundary_id"]
               for p in spec["params"])
    png = charts.mimebundle(spec)["image/png"]
    assert base64.b64decode(png).startswith(b"\x89PNG")


def test_islands_map_can_omit_later_lines():
    land, lines, labels, places = tiny_layers()
    spec = draw_map(land, lines, labels, places, end_year=1900).to_dict()
    text = json.dumps(spec)
    assert "Line 1855" in text and "Line 1945" not in text
    assert "strokeDash" not in text  # no line of control on the detail before 1945


def test_score_chart_marks_turning_points():
    events = pd.DataFrame({"event_id": ["1904-a", "1956-b"],
                           "date": pd.to_datetime(["1904-02-08", "1956-10-19"]),
                           "score": pd.array([-10, 8], dtype="Int64")})
    annual = ev.annual_scores(events, 1900, 1960)
    points = ev.turning_points(events, {"1904-a": "War", "1956-b": "Declaration"})
    assert list(annual["count"])[4] == 1  # the builder gets every year, with gaps
    spec = charts.score_chart(annual, points, title="Score", description="Alt").to_dict()
    text = json.dumps(spec)
    assert '"War"' in text and '"Declaration"' in text
    assert spec["description"] == "Alt"
    assert len(spec["vconcat"]) == 2  # mean score above, event counts below


def test_builders_do_not_change_their_input():
    frame = small_events()
    before = frame.copy()
    charts.timeline(frame, title="T", description="D").to_dict()
    pd.testing.assert_frame_equal(frame, before)


def test_one_lanes_builder_serves_timeline_and_track():
    rows = pd.DataFrame({"date": ["2001-01-01", "2002-02-02"], "when": ["2001-01-01", "2002-02"],
                         "track_label": ["Leaders", "Foreign ministers"],
                         "mode": ["meeting", "phone"], "place": ["P", "Q"],
                         "japan_side": ["J", "J"], "russia_side": ["R", "R"],
                         "outcome": ["o", "o"], "outcome_label": ["Setback", "No result"],
                         "source": ["k", "k"]})
    track = charts.negotiation_track(rows, lane_order=list(ng.TRACK_LABELS.values()),
                                     outcomes=list(ng.OUTCOME_LABELS.values()),
                                     title="T", description="D").to_dict()
    timeline = charts.timeline(small_events(), title="T", description="D").to_dict()
    assert track["mark"] == timeline["mark"] | {"size": 80}
    assert track["encoding"]["y"]["sort"] == ["Leaders", "Foreign ministers"]
    assert track["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond", "square"]
    assert "shape" not in timeline["encoding"]


def test_islands_facts_drop_the_residents_panel_when_there_is_no_count():
    table = pd.DataFrame({
        "island_id": ["etorofu"], "name_en": ["Etorofu"], "name_ja": ["択捉島"],
        "name_ru": ["Итуруп"], "area_km2": pd.array([3168], dtype="Int64"),
        "area_km2_pre2014": pd.array([3184], dtype="Int64"),
        "population_1945": pd.array([3608], dtype="Int64"),
        "population_ru": pd.array([6916], dtype="Int64"),
        "population_ru_date": pd.to_datetime(["2023-01-01"])})
    area = islands.area_frame(table)
    both = charts.islands_facts(area, islands.residents_frame(table, 2026), title="T",
                                description="D").to_dict()
    alone = charts.islands_facts(area, islands.residents_frame(table, 1900), title="T",
                                 description="D").to_dict()
    assert len(both["hconcat"]) == 2 and len(alone["hconcat"]) == 1
