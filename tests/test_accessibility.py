"""Pages everyone can read: axe-core on every page in both colour modes, charts whose
colours stay apart for colour-blind readers and keep their contrast in the dark mode, and a
map legend a keyboard can use.

axe-core is the copy that the PyPI package ``axe-playwright-python`` ships (pinned in
``requirements.lock``); it is injected into each page of the offline build in Debian's
Chromium. No rule is switched off; two that axe leaves off by default are switched on
(``label-content-name-mismatch`` and ``p-as-heading``).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import PAGES, open_page, specs_in_html, wait_until_quiet

from analysis import geo
from analysis.data import load_layer

AXE = pytest.importorskip("axe_playwright_python")
COLOURS = pytest.importorskip("colorspacious")

AXE_JS = Path(AXE.__file__).parent / "axe.min.js"
AXE_OPTIONS = {"rules": {"label-content-name-mismatch": {"enabled": True},
                         "p-as-heading": {"enabled": True}}}
MODES = ["light", "dark"]
#: Simulated colour vision (full severity, i.e. dichromacy) besides normal vision.
VISIONS = ["normal", "deuteranomaly", "protanomaly", "tritanomaly"]
#: Least distance in CAM02-UCS between two colours of one legend (about ten units is the
#: usual floor for telling categorical colours apart).
MIN_DISTANCE = 10.0
#: Channels that show a field by position or shape, so that colour is not the only cue.
REDUNDANT_CHANNELS = {"x", "y", "xOffset", "yOffset", "row", "column", "facet", "shape",
                      "strokeDash"}


def run_axe(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return result["violations"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", PAGES + ["search", "genindex"])
def test_no_serious_or_critical_axe_violation(browser, server, name, mode):
    page, blocked, errors = open_page(browser, f"{server}/{name}.html", mode=mode)
    wait_until_quiet(page)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    violations = run_axe(page)
    page.close()
    grave = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
             for v in violations if v["impact"] in ("serious", "critical")]
    assert grave == []
    assert blocked == []


def test_axe_finds_what_it_should(browser, server):
    """The check can fail: a button whose label differs from its text, and a list without
    list items, planted in a built page, are reported."""
    page, _, _ = open_page(browser, f"{server}/chapters/glossary.html")
    wait_until_quiet(page)
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend',
          '<button aria-label="Close">Open the map</button>' +
          '<div role="list"><a href="#">entry</a></div>');
    }""")
    found = {v["id"] for v in run_axe(page)}
    page.close()
    assert {"label-content-name-mismatch", "aria-required-children"} <= found


# -- colours ---------------------------------------------------------------------------

def _rgb(hex_colour: str) -> np.ndarray:
    value = hex_colour.lstrip("#")
    return np.array([int(value[i:i + 2], 16) for i in (0, 2, 4)]) / 255


def _seen(rgb: np.ndarray, vision: str) -> np.ndarray:
    if vision == "normal":
        return rgb
    cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(COLOURS.cspace_convert(rgb, cvd, "sRGB1"), 0, 1)


def closest_pair(colours: list[str], vision: str) -> tuple[float, tuple[str, str]]:
    """The two colours of ``colours`` that look most alike to ``vision``, and their
    distance in CAM02-UCS."""
    def ucs(c: str) -> np.ndarray:
        return COLOURS.cspace_convert(_seen(_rgb(c), vision), "sRGB1", "CAM02-UCS")
    return min((float(np.linalg.norm(ucs(a) - ucs(b))), (a, b))
               for a, b in itertools.combinations(colours, 2))


def colour_scales(spec) -> list[tuple[str, list[str], bool]]:
    """(field, colours, redundant) for every colour, fill or stroke encoding of a field with
    a list of hex colours; ``redundant`` when the same field is also shown by position or
    shape in that view."""
    found = []
    if isinstance(spec, dict):
        encoding = spec.get("encoding") or {}
        for channel in ("color", "fill", "stroke"):
            enc = encoding.get(channel)
            if not (isinstance(enc, dict) and "field" in enc):
                continue
            scale = enc.get("scale") or {}
            colours = scale.get("range")
            if not (isinstance(colours, list)
                    and all(isinstance(c, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", c)
                            for c in colours)):
                continue
            if isinstance(scale.get("domain"), list):
                colours = colours[: len(scale["domain"])]
            redundant = any(isinstance(v, dict) and v.get("field") == enc["field"]
                            for k, v in encoding.items() if k in REDUNDANT_CHANNELS)
            found.append((enc["field"], colours, redundant))
        for value in spec.values():
            found += colour_scales(value)
    elif isinstance(spec, list):
        for value in spec:
            found += colour_scales(value)
    return found


def built_specs(html_root: Path) -> list[tuple[str, dict]]:
    return [(page.stem, spec) for page in sorted((html_root / "chapters").glob("*.html"))
            for spec in specs_in_html(page.read_text("utf-8"))]


def test_closest_pair_sees_what_colour_blind_readers_see():
    pink, grey = "#CC79A7", "#999999"
    assert closest_pair([pink, grey], "normal")[0] > 2 * MIN_DISTANCE
    assert closest_pair([pink, grey], "deuteranomaly")[0] < MIN_DISTANCE


def test_chart_colours_stay_apart_for_colour_blind_readers(built_book):
    specs = built_specs(built_book.html)
    charts = sum(p.read_text("utf-8").count('class="vega-chart"')
                 for p in (built_book.html / "chapters").glob("*.html"))
    assert len(specs) == charts > 0          # every chart of the book is checked
    scales = [(page, *scale) for page, spec in specs for scale in colour_scales(spec)]
    assert len(scales) >= len(specs) // 2
    too_close = []
    for page, field, colours, redundant in scales:
        if redundant or len(colours) < 2:
            continue
        for vision in VISIONS:
            distance, pair = closest_pair(colours, vision)
            if distance < MIN_DISTANCE:
                too_close.append((page, field, vision, pair, round(distance, 1)))
    assert too_close == []


def _luminance(rgb: tuple[float, ...]) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _css_rgb(value: str) -> tuple[float, ...]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)[:3]]
    return tuple(n / 255 for n in numbers)


@pytest.mark.parametrize("mode", MODES)
def test_chart_text_keeps_its_contrast_in_both_modes(browser, server, mode):
    """Every chart's title, axis and legend text stands out from the chart's ground by at
    least 4.5:1 (WCAG AA) in the light and the dark colour mode."""
    page, _, _ = open_page(browser, f"{server}/chapters/03-indo-pacific.html", mode=mode)
    charts = page.locator(".vega-chart svg.marks")
    charts.first.wait_for(timeout=10_000)
    wait_until_quiet(page)
    worst = page.evaluate("""() => [...document.querySelectorAll('.vega-chart svg.marks')]
      .map(svg => {
        const ground = getComputedStyle(svg).backgroundColor;
        const fills = [...svg.querySelectorAll(
            '.role-title text, .role-axis-label text, .role-axis-title text, .role-legend text')]
          .map(t => getComputedStyle(t).fill);
        return [ground, [...new Set(fills)]];
      })""")
    page.close()
    assert len(worst) >= 5
    for ground, fills in worst:
        assert fills, "a chart without title, axis or legend text"
        for fill in fills:
            assert _contrast(_css_rgb(ground), _css_rgb(fill)) >= 4.5, (mode, ground, fill)


# -- keyboard --------------------------------------------------------------------------

def test_keyboard_reaches_the_map_legend_selection(browser, server):
    """The boundary lines of the map can be picked without a mouse: the radio buttons under
    the map are in the tab order, and the arrow keys move the choice, which fades the other
    lines as a legend click does."""
    page, blocked, errors = open_page(browser, f"{server}/chapters/02-territorial-dispute.html")
    chart = page.locator("#fig-dispute-map .vega-chart")
    chart.locator("svg.marks").wait_for(timeout=10_000)
    radios = chart.locator("input[type=radio]")
    labels = chart.locator(".vega-bind-radio label").all_text_contents()
    assert labels[0] == "all" and len(labels) >= 3
    assert all(radios.nth(i).evaluate("e => e.tabIndex") >= 0 for i in range(radios.count()))

    shapes = chart.locator("svg.marks g.mark-shape.role-mark path")
    first = len(load_layer("land")["features"])       # the overview's land comes first
    lines = range(first, first + len(geo.boundary_table(load_layer("boundaries"))))

    def opacities() -> list[float]:
        return [float(shapes.nth(i).get_attribute("opacity") or 1) for i in lines]

    before = opacities()
    assert len(before) >= 3 and min(before) == 1.0
    radios.first.focus()
    page.keyboard.press("ArrowRight")      # from "all" to the first line
    page.wait_for_timeout(300)
    after = opacities()
    assert radios.nth(1).is_checked()
    assert after[0] == 1.0 and max(after[1:]) < 0.5, after
    page.keyboard.press("ArrowLeft")       # back to "all"
    page.wait_for_timeout(300)
    assert min(opacities()) == 1.0
    assert blocked == [] and errors == []
    page.close()
