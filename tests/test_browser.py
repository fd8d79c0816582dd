"""Every page of the built book in headless Chromium, offline: charts draw, no errors.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; requests to anything but
127.0.0.1 are aborted and recorded, and any such request fails the test.
"""

import pytest
from conftest import PAGES, open_page, wait_until_quiet

from analysis import events as ev
from analysis import geo, params
from analysis.data import load, load_layer


def assert_draws(browser, url):
    """Every chart of the page draws one SVG; nothing non-local is requested; no errors."""
    page, blocked, errors = open_page(browser, url)
    charts = page.locator(".vega-chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg, canvas").first.wait_for(state="attached", timeout=10_000)
        assert charts.nth(i).locator("svg.marks, canvas").count() == 1
    wait_until_quiet(page)
    assert blocked == [], "non-local requests"
    assert errors == [], "console errors"
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_draws_offline_without_errors(browser, server, name):
    assert_draws(browser, f"{server}/{name}.html")


def test_history_timeline_draws_every_event(browser, server):
    page, _, _ = open_page(browser, f"{server}/chapters/01-history.html")
    chart = page.locator(".vega-chart").first
    chart.locator("svg.marks").wait_for(timeout=10_000)
    points = chart.locator("g.mark-symbol.role-mark path").count()
    expected = ev.for_timeline(load("events"), end_year=params.defaults()["end_year"])
    assert points == len(expected) > 0
    page.close()


def test_text_from_data_is_shown_escaped(browser, server, tmp_path):
    """A hostile string in the data reaches the page only as text, never as markup."""
    import pandas as pd

    from analysis import charts

    hostile = '<img src=x onerror="window.hacked=1">'
    frame = pd.DataFrame({
        "event_id": ["2000-x"], "date": pd.to_datetime(["2000-01-01"]),
        "date_precision": ["day"], "category": [hostile], "title": [hostile],
        "summary": [hostile], "actors": ["A"], "source": ["k"],
    })
    spec = charts.timeline(ev.timeline_frame(ev.for_timeline(frame, 2000)), title=hostile,
                           description=hostile).to_dict()
    html = charts.mimebundle(spec)["text/html"]
    # a page with charts, which loads the chart bundle
    page, blocked, errors = open_page(browser, f"{server}/chapters/01-history.html")
    page.evaluate("html => { const d = document.createElement('div'); d.id = 'probe';"
                  " d.innerHTML = ''; document.body.appendChild(d);"
                  " const r = document.createRange(); r.selectNode(d);"
                  " d.appendChild(r.createContextualFragment(html)); }", html)
    page.locator("#probe svg.marks").wait_for(timeout=10_000)
    assert page.evaluate("() => window.hacked") is None
    assert page.locator("#probe img").count() == 0
    assert hostile in page.locator("#probe svg").inner_html().replace("&lt;", "<") \
        .replace("&gt;", ">").replace("&quot;", '"')
    assert errors == [] and blocked == []
    page.close()


def test_islands_map_draws_land_lines_and_names(browser, server):
    """The map of chapter 2 draws every land area in both panels, one stroke layer per
    boundary line, and the names of the islands in three scripts from the data; clicking a
    legend entry picks one line and fades the others."""
    page, blocked, errors = open_page(browser, f"{server}/chapters/02-territorial-dispute.html")
    chart = page.locator("#fig-dispute-map .vega-chart")
    chart.locator("svg.marks").wait_for(timeout=10_000)
    svg = chart.locator("svg.marks")
    land = load_layer("land")["features"]
    shapes = svg.locator("g.mark-shape.role-mark path")
    boundaries = geo.boundary_table(load_layer("boundaries"))
    # land in the overview and the detail, one stroke per line, and the dashed 1945 line
    assert shapes.count() == 2 * len(land) + len(boundaries) + 1
    text = " ".join(svg.locator("text").all_text_contents())
    for row in load("islands").itertuples():
        for name in (row.name_en, row.name_ja, row.name_ru):
            assert name in text, name
    first = boundaries["boundary_id"].iloc[0]
    legend = svg.locator("g.role-legend-symbol path").first
    legend.click()
    page.wait_for_timeout(300)
    opacities = [float(shapes.nth(i).get_attribute("opacity") or 1)
                 for i in range(len(land), len(land) + len(boundaries))]
    assert opacities[0] == 1.0 and max(opacities[1:]) < 0.5, (first, opacities)
    assert blocked == [] and errors == []
    page.close()
