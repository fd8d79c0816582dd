"""Benchmark the book build and report figures as JSON (no thresholds: machines are noisy).

Reports: clean build time of HTML and of PDF (each into a fresh output folder), the time
of a second HTML build with nothing changed, the nbval time, and the size of each HTML page
with and without the shared vega bundle (which every page loads once from _static/).

Usage: python bench/build.py   (or: make bench)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return round(time.perf_counter() - started, 2)


def page_weights(html: Path) -> dict[str, dict[str, int]]:
    bundle = (html / "_static" / "vega-bundle.js").stat().st_size
    weights = {}
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or page.name in {"search.html", "genindex.html"}:
            continue
        size = page.stat().st_size
        weights[str(page.relative_to(html))] = {
            "page_bytes": size,
            "with_vega_bundle_bytes": size + bundle,
        }
    return weights


def main() -> None:
    build = [sys.executable, "-m", "analysis.build"]
    with tempfile.TemporaryDirectory() as tmp:
        html_out, pdf_out = Path(tmp) / "html-only", Path(tmp) / "pdf-only"
        figures = {
            "clean_html_build_s": timed([*build, "--formats", "html", "--out", str(html_out)]),
            "no_change_html_rebuild_s": timed(
                [*build, "--formats", "html", "--out", str(html_out)]
            ),
            "clean_pdf_build_s": timed([*build, "--formats", "pdf", "--out", str(pdf_out)]),
            "nbval_s": timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "--nbval", "chapters"]),
            "vega_bundle_bytes": (html_out / "html" / "_static" / "vega-bundle.js")
            .stat().st_size,
            "pdf_bytes": (pdf_out / "pdf" / "book.pdf").stat().st_size,
            "pages": page_weights(html_out / "html"),
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
