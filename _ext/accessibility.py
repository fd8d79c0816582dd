"""Sphinx extension of this book: pages that assistive technology reads correctly.

axe-core (run on every page by ``tests/test_accessibility.py``) found three theme-level
faults, fixed here rather than by switching rules off:

* the search and colour-mode buttons carried an ``aria-label`` different from the text
  they show (``label-content-name-mismatch``): the templates in ``_ext/templates`` name
  them by their own text instead;
* the book title in the sidebar stood outside any landmark (``region``): it is put in a
  navigation landmark;
* the bibliography was a ``role="list"`` whose entries had the deprecated role
  ``doc-biblioentry``, so the list had no list items (``aria-required-children``): each
  entry is a ``listitem`` here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.writers.html5 import HTML5Translator

__all__ = ["AccessibleHTMLTranslator", "setup"]

TEMPLATES = Path(__file__).parent / "templates"


class AccessibleHTMLTranslator(HTML5Translator):
    """Sphinx's HTML5 translator with bibliography entries as list items."""

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _add_templates(app: Sphinx, config: Config) -> None:
    """Our templates come before the theme's (Sphinx searches ``templates_path`` first).
    The path is relative to the book, so that no build folder enters the configuration
    (and ``.buildinfo``): two builds of the same inputs stay byte-identical."""
    relative = os.path.relpath(TEMPLATES, app.confdir)
    config.templates_path = [relative, *config.templates_path]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _add_templates)
    app.set_translator("html", AccessibleHTMLTranslator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
