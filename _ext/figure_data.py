"""Sphinx extension of this book: every chart figure can be cited and its data downloaded.

For each figure of a report chapter that holds a chart, the HTML build writes
``figures/<figure id>.csv`` (the rows the chart draws: one file per table in its
Vega-Lite spec, numbered when there are several) and ``figures/<figure id>.json`` (the
figure's number, title, caption, chapter, the book's version and date, licence, the
parameters the chapter was run with, the datasets and source keys behind it, the files,
and a suggested citation), and adds under the caption the links and the citation. The
PDF gets the citation only. Everything is read from the chart's own spec, the chapter's
executed notebook and ``CITATION.cff`` (through the ``citing`` extension), so a figure
built from another data folder or another ``end_year`` describes exactly that build.

Data text stays data: the CSV is written by the ``csv`` module and the JSON by ``json``;
nothing from the data becomes markup.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from citing import CHAPTER_PREFIX, read_citation
from docutils import nodes
from sphinx.application import Sphinx

__all__ = ["chart_spec", "figure_citation", "figure_tables", "setup", "source_keys",
           "specs_in_html", "table_columns", "table_csv"]

FOLDER = "figures"
SPEC_START = "var spec="


def specs_in_html(text: str) -> list[dict[str, Any]]:
    """Every Vega-Lite spec the book's renderer embedded in ``text`` (one chart's HTML
    output or a whole page), in order."""
    decoder = json.JSONDecoder()
    specs = []
    start = text.find(SPEC_START)
    while start >= 0:
        spec, end = decoder.raw_decode(text, start + len(SPEC_START))
        if isinstance(spec, dict):
            specs.append(spec)
        start = text.find(SPEC_START, end)
    return specs


def chart_spec(figure: nodes.Element) -> dict[str, Any] | None:
    """The Vega-Lite spec of the chart inside ``figure`` (from its HTML output), or None."""
    for raw in figure.findall(nodes.raw):
        text = raw.astext()
        if 'class="vega-chart"' in text and SPEC_START in text:
            specs = specs_in_html(text)
            return specs[0] if specs else None
    return None


def figure_tables(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The tables a chart draws: its named datasets (Altair puts inline data there), the
    largest first, duplicates dropped; flat records only (no map geometry)."""
    tables = [t for t in (spec.get("datasets") or {}).values()
              if isinstance(t, list) and t and all(isinstance(r, dict) for r in t)]
    tables = [t for t in tables
              if all(not isinstance(x, (dict, list)) for row in t for x in row.values())]
    unique: list[list[dict[str, Any]]] = []
    for table in sorted(tables, key=len, reverse=True):
        if table not in unique:
            unique.append(table)
    return unique


def table_columns(table: list[dict[str, Any]]) -> list[str]:
    """The columns of a list of records, in first-seen order."""
    columns: list[str] = []
    for row in table:
        columns += [c for c in row if c not in columns]
    return columns


def table_csv(table: list[dict[str, Any]]) -> str:
    """CSV text of a list of records (columns in first-seen order; empty for missing)."""
    columns = table_columns(table)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    return out.getvalue()


def source_keys(tables: list[list[dict[str, Any]]]) -> list[str]:
    """The bibliography keys named in the tables' ``source`` columns (``;``-separated)."""
    keys = {key.strip() for table in tables for row in table
            for key in str(row.get("source") or "").split(";") if key.strip()}
    return sorted(keys)


def figure_citation(meta: dict[str, Any], number: str, title: str, chapter: str) -> str:
    """The suggested citation of one figure (plain text)."""
    return (f"{'; '.join(meta['authors'])} ({meta['date'][:4]}). “Fig. {number}: {title}”. "
            f"In: {meta['title']}, chapter “{chapter}”. Version {meta['version']}, "
            f"{meta['date']}.")


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return sentence.rstrip(".")


def _parameters(app: Sphinx, docname: str) -> dict[str, Any]:
    path = Path(app.srcdir) / f"{docname}.ipynb"
    if not path.exists():
        return {}
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return dict((metadata.get("book") or {}).get("parameters") or {})


def _datasets(figure: nodes.Element) -> list[str]:
    """The data files the caption offers for download (``data/…``)."""
    names = []
    for ref in figure.findall(nodes.Element):
        target = ref.get("reftarget") or ref.get("filename") or ""
        if "data/" in target:
            names.append(target.split("data/", 1)[1])
    return sorted(set(names))


def _figure_numbers(app: Sphinx) -> dict[str, tuple[str, str]]:
    """Figure id → (document, "chapter.n") over the whole book, numbered within each
    chapter as the captions are (the LaTeX builder's environment numbers figures within
    sections, and resolves one assembled doctree, so a figure's document is found by id)."""
    found: dict[str, tuple[str, str]] = {}
    for doc, kinds in app.env.toc_fignumbers.items():
        ranked = sorted(kinds.get("figure", {}).items(), key=lambda item: item[1])
        for n, (fid, number) in enumerate(ranked, start=1):
            found[fid] = (doc, f"{number[0]}.{n}")
    return found


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    meta = read_citation(app.srcdir)
    numbers = _figure_numbers(app)
    html = app.builder.format == "html"
    for figure in list(doctree.findall(nodes.figure)):
        ids = [i for i in figure["ids"] if i in numbers]
        caption = figure.next_node(nodes.caption)
        if not ids or caption is None or not numbers[ids[0]][0].startswith(CHAPTER_PREFIX):
            continue
        docname, number = numbers[ids[0]]
        chapter = re.sub(r"^\d+(\.\d+)*\.?\s*", "", app.env.titles[docname].astext())
        fid = ids[0]
        title = _first_sentence(caption.astext())
        citation = figure_citation(meta, number, title, chapter)
        legend = nodes.legend(classes=["figure-citation"])
        para = nodes.paragraph()
        spec = chart_spec(figure) if html else None
        if html and spec is not None:
            tables = figure_tables(spec)
            files = [f"{fid}.csv" if len(tables) == 1 else f"{fid}-{i}.csv"
                     for i in range(1, len(tables) + 1)]
            folder = Path(app.outdir) / FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            for name, table in zip(files, tables, strict=True):
                (folder / name).write_text(table_csv(table), encoding="utf-8")
            record = {
                "figure": number, "id": fid, "title": title,
                "caption": " ".join(caption.astext().split()), "chapter": chapter,
                "page": f"{docname}.html#{fid}",
                "book": {"title": meta["title"], "authors": meta["authors"],
                         "version": meta["version"], "date": meta["date"]},
                "licence": "CC-BY-4.0", "parameters": _parameters(app, docname),
                "datasets": _datasets(figure), "sources": source_keys(tables),
                "files": [{"name": n, "rows": len(t), "columns": table_columns(t)}
                          for n, t in zip(files, tables, strict=True)],
                "citation": citation,
            }
            (folder / f"{fid}.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                encoding="utf-8")
            base = posixpath.relpath(f"{FOLDER}/", posixpath.dirname(docname) or ".")
            para += nodes.Text("Data for this figure: ")
            for i, name in enumerate([*files, f"{fid}.json"]):
                if i:
                    para += nodes.Text(", ")
                label = "metadata (JSON)" if name.endswith(".json") else name
                para += nodes.reference("", label, refuri=f"{base}/{name}")
            para += nodes.Text(". ")
        para += nodes.Text(f"Cite this figure: {citation}")
        legend += para
        figure += legend


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _doctree_resolved)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
