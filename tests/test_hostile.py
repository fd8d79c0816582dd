"""A hostile but valid data folder: its text reaches the book only as text.

Every payload below passes validation (no < or >, no control characters, nothing that
starts like a formula, within the length limits), so it reaches the pages, the LaTeX and the
PDF. It must arrive there as text: no directive or role run, no file read into the book, no
shell command run, no math engine or remote script loaded. And a build is reproducible: two
clean builds of the same inputs give byte-identical HTML trees and PDFs, with no path of the
build machine in them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import DATA, build_offline, tree_digest
from test_book import FETCHING


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A copy of the data whose text fields carry payloads; a secret file beside it."""
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    canary = f"CANARY-{uuid.uuid4().hex}"
    secret.write_text(canary, encoding="utf-8")
    marker = root / "shell-ran"
    payloads = {
        "role": f"{{eval}}`open('{secret}').read()` {{include}}`{secret}`",
        "latex": f"\\input{{{secret}}} \\write18{{touch {marker}}} \\immediate\\write18{{id}}",
        "math": f"$\\input{{{secret}}}$ $$x$$ \\(y\\)",
        "link": "[click](javascript:alert(1)) https://cdn.jsdelivr.net/npm/mathjax@3/x.js",
        "template": "{{ 7*7 }} {% raw %} |sub| :raw:`x` .. raw:: html",
    }
    data_dir = root / "data"
    shutil.copytree(DATA, data_dir)

    def rewrite(name: str, key: str, wanted: str, changes: dict[str, str]) -> None:
        path = data_dir / name
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for row in rows:
            if row[key] == wanted:
                row.update(changes)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")

    rewrite("score-rubric.csv", "rule", "neutral",
            {"description": payloads["role"], "examples": payloads["latex"]})
    rewrite("score-rubric.csv", "rule", "meeting",
            {"description": payloads["math"], "examples": payloads["template"]})
    rewrite("events.csv", "event_id", "1855-shimoda",
            {"title": payloads["link"][:110], "summary": payloads["latex"]})
    rewrite("negotiations.csv", "meeting_id", "1956-hatoyama-moscow-joint-declaration",
            {"outcome": payloads["role"]})
    rewrite("islands.csv", "island_id", "habomai",  # a name glued into the prose and tables
            {"name_ru": "Хабомаи {sub-ref}`today` \\textbf{bold} *x*"})
    layer = data_dir / "geo" / "boundaries.geojson"
    collection = json.loads(layer.read_text(encoding="utf-8"))
    collection["features"][0]["properties"]["label"] = payloads["math"]
    layer.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")

    book = build_offline(root / "out", "--data-dir", str(data_dir))
    pdf_text = subprocess.run(["pdftotext", str(book.pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
    return {"book": book, "canary": canary, "marker": marker, "secret": str(secret),
            "payloads": payloads, "pdf_text": pdf_text,
            "tex": (book.out / "logs" / "book.tex").read_text(encoding="utf-8")}


def html_pages(book) -> dict[str, str]:
    return {str(p.relative_to(book.html)): p.read_text(encoding="utf-8", errors="replace")
            for p in book.html.rglob("*") if p.suffix in {".html", ".js", ".ipynb", ".txt",
                                                           ".md", ".json",
                                                           ".csv"}}


def test_no_local_file_reaches_the_book(hostile):
    canary = hostile["canary"]
    for name, text in html_pages(hostile["book"]).items():
        assert canary not in text, name
    assert canary not in hostile["tex"]
    assert canary not in hostile["pdf_text"]


def test_figure_data_files_carry_the_payloads_as_data_and_no_path(hostile):
    import csv
    import json

    figures = hostile["book"].html / "figures"
    with open(figures / "fig-history-timeline.csv", encoding="utf-8") as handle:
        titles = {row["title"] for row in csv.DictReader(handle)}
    assert hostile["payloads"]["link"][:110] in titles
    record = json.loads((figures / "fig-history-timeline.json").read_text("utf-8"))
    assert record["parameters"]["data_dir"] == "(another data folder)"
    assert str(hostile["book"].out.parent) not in json.dumps(record)


def test_no_shell_command_ran(hostile):
    assert not hostile["marker"].exists()


def test_payloads_are_shown_as_text_in_html(hostile):
    page = (hostile["book"].html / "chapters" / "data-and-methods.html").read_text("utf-8")
    table = page.split('id="tab-rubric"', 1)[1].split("</table>", 1)[0]
    assert "{eval}`open(" in table and "{include}`" in table  # the role, as text
    assert "\\input{" in table and "\\write18{" in table
    assert "{{ 7*7 }}" in table and "49" not in table.split("{{ 7*7 }}")[0][-20:]
    assert 'href="javascript' not in page


def test_names_glued_into_the_prose_stay_text(hostile):
    page = (hostile["book"].html / "chapters" / "02-territorial-dispute.html").read_text("utf-8")
    assert "Хабомаи {sub-ref}`today` \\textbf{bold} *x*" in page
    assert "<em>x</em>" not in page.split("Хабомаи", 1)[1][:200]
    assert "\\textbf\\{bold\\}" not in hostile["tex"]
    assert "\\textbackslash{}textbf" in hostile["tex"]


def test_payloads_are_escaped_in_latex_and_shown_in_the_pdf(hostile):
    tex = hostile["tex"]
    assert "\\input{" + hostile["secret"] not in tex  # never a live command
    assert "\\write18{" not in tex and "\\immediate\\write18" not in tex
    assert "\\textbackslash{}input" in tex or "\\PYGZbs{}input" in tex
    flat = " ".join(hostile["pdf_text"].split())
    assert "{eval}" in flat and "write18" in flat


def test_no_page_loads_math_or_remote_scripts(hostile):
    for name, text in html_pages(hostile["book"]).items():
        if not name.endswith(".html"):
            continue
        remote = [u for m in FETCHING.finditer(text) for u in m.groups()
                  if u and re.match(r"(https?:)?//", u)]
        assert remote == [], name
        assert not re.search(r"<script[^>]*mathjax|MathJax\s*=", text, re.I), name


def test_two_clean_builds_are_identical_and_hold_no_build_paths(built_book, tmp_path):
    again = build_offline(tmp_path / "again")
    assert tree_digest(again.html) == tree_digest(built_book.html)
    assert again.pdf.read_bytes() == built_book.pdf.read_bytes()
    for root in (str(tmp_path), str(built_book.out), str(Path.home())):
        for name, text in html_pages(again).items():
            assert root not in text, (name, root)


def test_the_edition_page_names_the_edited_rows_as_text(hostile):
    """The Edition page of a build from an edited copy names the rows and columns that
    differ from the last release; the edited text itself stays out of it."""
    page = (hostile["book"].html / "chapters" / "edition.html").read_text("utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "1855-shimoda changed title, summary" in text
    assert "habomai changed name_ru" in text
    assert "neutral changed description, examples" in text
    assert hostile["payloads"]["latex"] not in page
