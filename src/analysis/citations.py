"""What the book's sources are made of: citations per page by kind of source, and the
facts that rest only on reference-kind sources.

Every entry of ``references.bib`` states its kind in a ``tier`` field (primary, scholarly,
news, reference; see :mod:`analysis.data.sources`). This module reads the book's pages
(the MyST markdown of the chapter notebooks and of the ``.md`` pages) and the data
package, and reports

* per page, the share of in-text citations by kind (:func:`citation_shares`);
* every cited claim whose citations are all reference-kind
  (:func:`reference_only_claims`), and every data row whose provenance column cites only
  reference-kind sources (:func:`reference_only_rows`). A claim is the part of a sentence
  (or table cell) that one citation closes: from the start of the sentence, or from the
  previous citation in it, to that citation. A sentence of two clauses, each with its own
  citation, makes two claims, and each must stand on more than reference works.

``python -m analysis.citations`` prints the report.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from analysis.data import DataPackage, read_bibliography, repo_root, split_sources
from analysis.data.sources import TIERS, Bibliography, source_columns
from analysis.data.tables import load_table

__all__ = [
    "cited_keys",
    "data_keys",
    "Cited",
    "cited_claims",
    "cited_sentences",
    "citation_shares",
    "page_text",
    "reference_only_rows",
    "reference_only_claims",
]

#: A MyST citation role: {cite}`a,b`, {cite:t}`a`, {cite:p}`a; b` …
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
_FENCE = re.compile(r"^(```|:::).*?^\1\s*$", re.S | re.M)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"')\]]*\s+(?=[A-Z“\"(\[{—–])")


@dataclass(frozen=True)
class Cited:
    """A sentence (or table cell) of a page, with the keys it cites."""

    page: str
    text: str
    keys: tuple[str, ...]


def page_text(path: Path) -> str:
    """The MyST markdown of a page: the markdown cells of a notebook, or a ``.md`` file."""
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def _units(markdown: str) -> list[str]:
    """Sentences of the prose and cells of the tables (fenced blocks: their content
    without option lines, split the same way)."""
    body = re.sub(r"^\s*:[a-z-]+:.*$", "", markdown, flags=re.M)  # directive options
    body = re.sub(r"^(```|:::)\S*.*$", "", body, flags=re.M)  # fence lines
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        if paragraph.lstrip().startswith("|"):
            units += [cell for line in paragraph.splitlines() for cell in line.split("|")]
        else:
            units += _SENTENCE_END.split(" ".join(paragraph.split()))
    return [u.strip() for u in units if u.strip()]


def _keys(role: re.Match[str]) -> tuple[str, ...]:
    """The keys of one citation role, in order."""
    return tuple(k.strip() for k in re.split(r"[,;]", role.group(1)) if k.strip())


def cited_sentences(page: str, markdown: str) -> list[Cited]:
    """Every sentence or table cell of ``markdown`` that cites at least one key."""
    found = []
    for unit in _units(markdown):
        keys = tuple(k for role in CITE.finditer(unit) for k in _keys(role))
        if keys:
            found.append(Cited(page, unit, keys))
    return found


def citation_shares(pages: dict[str, str], bib: Bibliography) -> pd.DataFrame:
    """Per page (rows) the number of in-text citations of each kind (columns, in
    :data:`TIERS` order, plus ``untyped``), their total, and the share of each in %."""
    rows = {}
    for page, markdown in pages.items():
        counts = Counter(bib.tiers.get(key) or "untyped"
                         for cited in cited_sentences(page, markdown) for key in cited.keys)
        rows[page] = {tier: counts.get(tier, 0) for tier in (*TIERS, "untyped")}
    table = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    for tier in TIERS:
        share = 100.0 * table[tier] / table["total"].where(table["total"] > 0)
        table[f"{tier}_%"] = share.round(1)
    return table


def cited_claims(page: str, markdown: str) -> list[Cited]:
    """Every claim of ``markdown``: the text of a sentence or table cell from its start, or
    from the end of the previous citation in it, to the end of a citation, with that
    citation's keys."""
    found = []
    for unit in _units(markdown):
        start = 0
        for role in CITE.finditer(unit):
            if keys := _keys(role):
                found.append(Cited(page, unit[start:role.end()].strip(" ,;"), keys))
            start = role.end()
    return found


def reference_only_claims(pages: dict[str, str], bib: Bibliography) -> list[Cited]:
    """Cited claims whose every citation is reference-kind."""
    return [cited for page, markdown in pages.items()
            for cited in cited_claims(page, markdown) if bib.only_reference(list(cited.keys))]


def reference_only_rows(package: DataPackage) -> list[tuple[str, int, str, list[str]]]:
    """(file, row, column, keys) of every data row whose provenance cell cites only
    reference-kind sources (row numbers count the header as row 1)."""
    bib = package.bibliography
    found = []
    for name in package.names("csv"):
        frame = load_table(package, name)
        path = package.path_of(package.entry(name))
        for column in source_columns(list(frame.columns)):
            for index, cell in frame[column].items():
                keys = split_sources(cell)
                if bib.only_reference(keys):
                    found.append((path.name, int(index) + 2, column, keys))
    return found


def cited_keys(pages: dict[str, str]) -> set[str]:
    """Every bibliography key the pages cite."""
    return {key for markdown in pages.values() for cited in cited_sentences("", markdown)
            for key in cited.keys}


def data_keys(package: DataPackage) -> set[str]:
    """Every bibliography key the data package's rows and map features name."""
    from analysis.data.layers import load_layer_from

    keys: set[str] = set()
    for name in package.names("csv"):
        frame = load_table(package, name)
        for column in source_columns(list(frame.columns)):
            for cell in frame[column]:
                keys.update(split_sources(cell))
    for name in package.names("geojson"):
        for feature in load_layer_from(package, name)["features"]:
            for field, value in feature["properties"].items():
                if field in source_columns([field]):
                    keys.update(split_sources(value))
    return keys


def book_pages(root: Path) -> dict[str, str]:
    """The markdown of every page of ``_toc.yml`` (name → text)."""
    from analysis.build.toc import toc_files

    pages = {}
    for name in toc_files(root):
        for suffix in (".ipynb", ".md"):
            path = root / f"{name}{suffix}"
            if path.is_file():
                pages[name] = page_text(path)
    return pages


def main() -> int:  # pragma: no cover - a report for people, checked by tests/test_sources.py
    root = repo_root()
    bib = read_bibliography(root / "references.bib")
    pages = book_pages(root)
    pd.set_option("display.width", 160)
    print(citation_shares(pages, bib).to_string())
    claims = reference_only_claims(pages, bib)
    rows = reference_only_rows(DataPackage())
    print(f"\n{len(claims)} cited claims and {len(rows)} data rows rest only on "
          "reference-kind sources")
    for cited in claims:
        print(f"  {cited.page}: {cited.text[:100]}… {list(cited.keys)}")
    for file, row, column, keys in rows:
        print(f"  {file}, row {row}, column '{column}': {keys}")
    return 1 if claims or rows else 0


if __name__ == "__main__":
    sys.exit(main())
