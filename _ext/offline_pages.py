"""Sphinx extension of this book: keep every HTML page self-contained and offline.

Jupyter Book 1 always loads sphinx-thebe, which adds (twice) an inline script naming a CDN
URL and a loader for it. The book has no live-code cells, so those scripts are dropped
from every page; nothing else is touched.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

THEBE_MARKERS = ("THEBE_JS_URL", "sphinx-thebe.js", "unpkg.com/thebe")


def _is_thebe(script: Any) -> bool:
    # str() of Sphinx's _JavaScript shows its file name and attributes (the inline body).
    return any(marker in str(script) for marker in THEBE_MARKERS)


def drop_thebe(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [s for s in scripts if not _is_thebe(s)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
