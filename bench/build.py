"""Benchmark the book build and report figures as JSON (no thresholds: machines are noisy).

One run, in a temporary copy of the book and of its data (the repository is not touched):

1. a clean build (HTML and PDF, empty output folder and cache);
2. the same build again with nothing changed;
3. a build after editing one chapter (a sentence added to chapter 1);
4. a build after editing one CSV file (a note in ``exchanges.csv``, read by chapter 2 only);

and, from the clean build, the chapters' own execution time (the sum of the per-chapter
papermill times, and the wall time of the execution step, which runs them in parallel),
the HTML and PDF time, the ratios between all of these, and the weight of every page
(with the shared chart bundle counted once, for the pages that load it).

Usage: python bench/build.py   (or: make bench)
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import params as parameters
from analysis.build import BOOK_FILES, build
from analysis.charts import VEGA_BUNDLE_NAME
from analysis.data import repo_root

ROOT = repo_root()


def copy_book(target: Path) -> tuple[Path, Path]:
    """A copy of the book sources (and what the cache keys on) and of the data."""
    book = target / "book"
    book.mkdir()
    for name in (*BOOK_FILES, "requirements.lock", "params.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, book / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy2(source, book / name)
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    return book, data


def timed_build(book: Path, out: Path, chosen: dict) -> tuple[float, dict]:
    started = time.perf_counter()
    report = build(root=book, out=out, params=chosen, log=lambda _: None)
    seconds = round(time.perf_counter() - started, 2)
    return seconds, {
        "seconds": seconds,
        "up_to_date": report.up_to_date,
        "executed": [run.name for run in report.chapters if not run.cached],
        "from_cache": [run.name for run in report.chapters if run.cached],
        "steps_s": {k: round(v, 2) for k, v in report.seconds.items()},
        "chapters_s": {run.name: round(run.seconds, 2) for run in report.chapters},
        "sphinx_s": {run.fmt: round(run.seconds, 2) for run in report.sphinx},
    }


def page_weights(html: Path) -> dict:
    bundle = (html / "_static" / VEGA_BUNDLE_NAME).stat().st_size
    pages = {}
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or page.name in {"search.html", "genindex.html"}:
            continue
        text = page.read_text(encoding="utf-8")
        charts = text.count('class="vega-chart"')
        pages[str(page.relative_to(html))] = {
            "page_bytes": page.stat().st_size,
            "charts": charts,
            "loads_chart_bundle": VEGA_BUNDLE_NAME in text,
        }
    return {"chart_bundle_bytes": bundle, "pages": pages}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        book, data = copy_book(Path(tmp))
        out = Path(tmp) / "out"
        chosen = {**parameters.defaults(), "data_dir": str(data)}

        clean_s, clean = timed_build(book, out, chosen)
        nochange_s, nochange = timed_build(book, out, chosen)

        notebook = book / "chapters" / "01-history.ipynb"
        nb = nbformat.read(notebook, as_version=4)
        nb.cells.append(nbformat.v4.new_markdown_cell("A sentence added by the benchmark."))
        nbformat.write(nb, notebook)
        chapter_s, chapter = timed_build(book, out, chosen)

        csv = data / "exchanges.csv"
        csv.write_text(csv.read_text(encoding="utf-8").replace(
            "figure given by a MOFA official", "figure given by an official of MOFA", 1),
            encoding="utf-8")
        csv_s, csv_edit = timed_build(book, out, chosen)

        execution_sum = round(sum(clean["chapters_s"].values()), 2)
        execution_wall = clean["steps_s"]["execute"]
        figures = {
            "clean_build": clean,
            "no_change_build": nochange,
            "one_chapter_edit": chapter,
            "one_csv_edit": csv_edit,
            "chapters_execution_sum_s": execution_sum,
            "chapters_execution_wall_s": execution_wall,
            "ratios": {
                "no_change_to_clean": round(nochange_s / clean_s, 3),
                "one_chapter_edit_to_clean": round(chapter_s / clean_s, 3),
                "one_csv_edit_to_clean": round(csv_s / clean_s, 3),
                "clean_to_chapters_execution_sum": round(clean_s / execution_sum, 3),
                "clean_to_chapters_execution_wall": round(clean_s / execution_wall, 3),
            },
            "pdf_bytes": (out / "pdf" / "book.pdf").stat().st_size,
            "html": page_weights(out / "html"),
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
