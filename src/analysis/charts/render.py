"""The house theme and the offline dual-output renderer of the book's Altair charts.

The renderer emits, for every chart, a MIME bundle that serves both outputs of the book:

* ``text/html`` — a ``<div>`` plus a small script that calls the page-global
  ``vegaEmbed`` (the vega bundle is added by the book's Sphinx extension to the pages that
  have charts, see :func:`write_vega_bundle`), so the HTML works offline with no CDN;
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
import vl_convert as vlc

__all__ = [
    "CATEGORY_COLOURS",
    "FONT",
    "RENDERER",
    "THEME",
    "VEGA_BUNDLE_NAME",
    "VEGALITE_VERSION",
    "chart_id",
    "mimebundle",
    "setup",
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
    """The renderer: the representations of one Vega-Lite spec (see module doc)."""
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
