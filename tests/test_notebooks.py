"""The rails of a chapter notebook: fixed cells, and code cells that only call and glue."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import nbformat
import pytest
from conftest import CHAPTERS, ROOT

from analysis import params

TEMPLATE = ROOT / "templates" / "chapter.ipynb"
NOTEBOOKS = [*CHAPTERS, TEMPLATE]
#: Syntax a chapter's code cells may not hold: definitions, loops, comprehensions,
#: arithmetic and comparisons belong in the helpers.
FORBIDDEN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For,
             ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.BinOp,
             ast.Compare, ast.BoolOp)
#: Calls that read files directly (the Load room does that).
DIRECT_READS = {"read_csv", "read_json", "read_excel", "open", "read_text", "loads"}


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_only_call_helpers_and_glue(path):
    for cell in code_cells(path):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, FORBIDDEN), (path.name, type(node).__name__,
                                                     cell.source[:80])
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                assert name not in DIRECT_READS, (path.name, name)
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", None) or node.names[0].name
                assert module.startswith("analysis"), (path.name, module)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_fixed_cells(path):
    cells = code_cells(path)
    parameters = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and "remove-cell" in parameters[0].metadata["tags"]
    namespace: dict = {}
    exec(parameters[0].source, namespace)  # the cell holds only simple assignments
    taken = {k: v for k, v in namespace.items() if not k.startswith("__")}
    assert {"end_year", "data_dir"} <= set(taken) <= set(params.SPEC), sorted(taken)
    defaults = params.defaults()
    assert taken == {k: defaults[k] for k in taken}  # the defaults of params.yml
    assert any("chapter.start(" in c.source for c in cells), "no chapter.start() call"
    banners = [c for c in cells if c.source.strip() == "book.banner()"]
    assert len(banners) == 1 and banners[0].metadata["tags"] == ["remove-input"]
    metadata = nbformat.read(path, as_version=4).metadata
    assert isinstance(metadata.get("book", {}).get("draft"), bool), "no book.draft flag"


def test_every_figure_has_no_separate_alt_text():
    """The alt text of a figure is its chart's description: written once, in a helper."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown" and "{glue:figure}" in cell.source:
                assert ":alt:" not in cell.source, path.name


def test_the_template_runs_with_papermill(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(TEMPLATE), str(tmp_path / "out.ipynb"),
         "-p", "end_year", "1950", "--cwd", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    text = str(out)
    assert "fig-template-timeline" in text and "Built with end_year = 1950" in text


def test_ruff_lints_the_notebooks(tmp_path):
    """ruff checks notebook code cells: a notebook with an unused import fails it."""
    bad = tmp_path / "bad.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\n")]
    nbformat.write(nb, bad)
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or "ruff"
    assert subprocess.run([ruff, "check", "--no-cache", str(bad)],
                          capture_output=True).returncode == 1
    assert subprocess.run([ruff, "check", "--no-cache", str(ROOT / "chapters"),
                           str(TEMPLATE)], capture_output=True).returncode == 0


def test_no_page_parses_data_as_markup():
    """Tables of data are shown with {data-table} (cells as text), never {csv-table} or an
    include of a data file (cells or lines parsed as markup)."""
    for page in sorted((ROOT / "chapters").glob("*.*")):
        if page.suffix not in {".md", ".ipynb"}:
            continue
        text = page.read_text(encoding="utf-8")
        for directive in ("{csv-table}", "{include}", "{literalinclude}", "{raw}"):
            assert directive not in text, (page.name, directive)
