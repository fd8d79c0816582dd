"""Sphinx extension of this book: the Edition page, generated from the data.

``{edition-changes}`` compares the data of this build with the manifest of the previous
release (``releases/<version>.json``, see :mod:`analysis.edition`) and prints, per dataset,
how many rows were added, changed, removed or left as they were, then one table per
changed dataset naming each row by its key and the columns that changed. Keys and column
names are data: they go into the page as text, never as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from citing import read_citation
from data_tables import text_table
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _table(title: str, header: list[str], rows: list[list[str]], widths: list[int],
           *, long: bool = False) -> nodes.table:
    table = text_table(header, rows, widths, ["edition-table", "colwidths-given"]
                       + (["longtable"] if long else []))
    table.insert(0, nodes.title("", title))
    return table


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _key(values: list[str]) -> str:
    return " · ".join(values)


class EditionChanges(SphinxDirective):
    """What changed in the data since the previous release."""

    def run(self) -> list[nodes.Node]:
        from analysis.edition import compare, previous_release, read_manifest, snapshot

        source = Path(self.env.srcdir)
        self.env.note_dependency(str(source / "CITATION.cff"))
        version = read_citation(source)["version"]
        path = previous_release(source / "releases", version)
        if path is None:
            raise self.error("edition-changes: no release manifest in releases/")
        self.env.note_dependency(str(path))
        old = read_manifest(path)
        changes = compare(old, snapshot(source / "data"))
        added, changed, removed = (sum(len(getattr(c, kind)) for c in changes)
                                   for kind in ("added", "changed", "removed"))
        unreleased = version == old["version"] and any(c.any for c in changes)
        build = (f"data changed since version {version}, not yet released" if unreleased
                 else f"version {version}")
        intro = nodes.paragraph("", "", nodes.Text(
            f"This build ({build}) compared with release {old['version']} "
            f"of {old['date']}: {_rows(added)} added, {_rows(changed)} changed and "
            f"{_rows(removed)} removed across {len(changes)} datasets."))
        summary = _table(
            f"Rows of each dataset added, changed, removed and unchanged since release "
            f"{old['version']}", ["Dataset", "Added", "Changed", "Removed", "Unchanged"],
            [[c.name, str(len(c.added)), str(len(c.changed)), str(len(c.removed)),
              str(c.unchanged)] for c in changes], [30, 15, 15, 15, 15])
        summary["ids"].append("tab-edition-summary")
        out: list[nodes.Node] = [intro, summary]
        for change in (c for c in changes if c.any):
            rows = ([[_key(k), "added", ""] for k in change.added]
                    + [[_key(k), "changed", ", ".join(cols)] for k, cols in change.changed]
                    + [[_key(k), "removed", ""] for k in change.removed])
            notes = []
            if change.new_dataset:
                notes.append("new dataset")
            if change.dropped_dataset:
                notes.append("dataset dropped")
            if change.columns_added:
                notes.append("columns added: " + ", ".join(change.columns_added))
            if change.columns_removed:
                notes.append("columns removed: " + ", ".join(change.columns_removed))
            title = f"Changes to {change.name} (key: {', '.join(change.key)})"
            if notes:
                title += "; " + "; ".join(notes)
            out.append(_table(title, ["Row", "Change", "Columns that changed"], rows,
                              [40, 15, 45], long=len(rows) > 20))
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("edition-changes", EditionChanges)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
