"""Sphinx extension of this book: keep every HTML page self-contained and offline, and
light where it has no chart.

* The vega/vega-lite/vega-embed bundle (:func:`analysis.charts.render.write_vega_bundle`)
  is written once per HTML build into the output's ``_static/`` and loaded only by the
  pages that hold a chart (a ``vega-chart`` element), not by every page.
* Jupyter Book 1 always loads sphinx-thebe, which adds (twice) an inline script naming a
  CDN URL and a loader for it. The book has no live-code cells, so those scripts are
  dropped from every page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEBE_MARKERS = ("THEBE_JS_URL", "sphinx-thebe.js", "unpkg.com/thebe")
CHART_MARKER = 'class="vega-chart"'


def _is_thebe(script: Any) -> bool:
    # str() of Sphinx's _JavaScript shows its file name and attributes (the inline body).
    return any(marker in str(script) for marker in THEBE_MARKERS)


def add_bundle_path(app: Sphinx) -> None:
    """Write the chart bundle into a folder that Sphinx copies to ``_static/``."""
    if app.builder.format != "html":
        return
    from analysis.charts.render import write_vega_bundle

    folder = Path(tempfile.mkdtemp(prefix="vega-", dir=app.doctreedir))
    write_vega_bundle(folder)
    app.config.html_static_path.append(str(folder))


def page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    """Load the chart bundle only on pages with charts; drop thebe's scripts."""
    if CHART_MARKER in context.get("body", ""):
        from analysis.charts.render import VEGA_BUNDLE_NAME

        app.add_js_file(VEGA_BUNDLE_NAME)
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if not _is_thebe(s)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", add_bundle_path)
    app.connect("html-page-context", page_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}
