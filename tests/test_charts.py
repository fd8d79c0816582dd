"""Unit tests of analysis.charts: theme, offline renderer, vega bundle, timeline builder."""

import base64
import json

import altair as alt
import pandas as pd
import pytest

from analysis import charts
from analysis import events as ev


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
    return ev.for_timeline(frame, end_year=2000)


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
