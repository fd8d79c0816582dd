"""Sphinx extension of this book: tables of data, rendered as data.

``{data-table} <resource>`` shows a table of the data package on a page. Unlike
``{csv-table}``, which parses every cell as markup (so that a cell could include a file,
pass raw LaTeX or load a script), it loads the table through the Load room (validated
against the book's rules) and puts each cell into the page as plain text, which every
Sphinx writer escapes for its own target (HTML, LaTeX). The directive's content is the
table's caption (our prose, parsed as usual)::

    ```{data-table} score-rubric
    :columns: rule, score, label, description
    :widths: 15 10 25 50
    :class: longtable
    :name: tab-rubric

    Rules of the cooperation–conflict score.
    ```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _cell(value: Any) -> str:
    """The text of one cell: empty for a missing value, whole numbers without decimals."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _text_entry(text: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", nodes.Text(text)))


def text_table(header: list[str], rows: list[list[str]], widths: list[int],
               classes: list[str]) -> nodes.table:
    """A table whose header and cells are plain text (never parsed as markup); the caller
    puts a title in front if it has one."""
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=width) for width in widths]
    head = nodes.thead()
    head += nodes.row("", *(_text_entry(text) for text in header))
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(_text_entry(text) for text in row))
    group += [head, body]
    return table


class DataTable(SphinxDirective):
    """A table of the data package whose cells are text, never markup."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "columns": directives.unchanged,
        "widths": directives.positive_int_list,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        from analysis.data import DataPackage
        from analysis.data.tables import load_table

        source = Path(self.env.srcdir)
        frame = load_table(DataPackage(source / "data", source / "references.bib"),
                           self.arguments[0])
        columns = [c.strip() for c in self.options.get("columns", "").split(",") if c.strip()]
        columns = columns or list(frame.columns)
        unknown = sorted(set(columns) - set(frame.columns))
        if unknown:
            raise self.error(f"data-table {self.arguments[0]}: no column(s) {unknown}")
        widths = self.options.get("widths") or [1] * len(columns)
        if len(widths) != len(columns):
            raise self.error("data-table: give one width per column")

        classes = ["data-table", *self.options.get("class", [])]
        if "widths" in self.options:
            classes.append("colwidths-given")
        rows = [[_cell(value) for value in record]
                for record in frame[columns].itertuples(index=False)]
        table = text_table(columns, rows, widths, classes)
        if self.content:
            caption, messages = self.state.inline_text(" ".join(self.content), self.lineno)
            table[0:0] = [nodes.title("", "", *caption), *messages]
        self.add_name(table)
        return [table]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("data-table", DataTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
