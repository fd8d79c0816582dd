"""The README's re-run examples, run as written (from the repository root, with ``~`` in a
temporary home and, for ``make book``, an ``OUT`` folder so that ``_build/`` is kept):
the book as of 1950, a copied and edited data folder, and one chapter with papermill."""

from __future__ import annotations

import json
import os
import re
import subprocess

import nbformat
import pytest
from conftest import FINISHED, PAGES, ROOT, offline_prefix, serve, specs_in_html
from test_browser import assert_draws
from test_chapters import DATED_FIELDS, TEXT_FIELDS, walk, years_in

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [line.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)
            for line in block.splitlines() if line.strip()]


def command(prefix: str) -> str:
    found = [c for c in COMMANDS if c.startswith(prefix)]
    assert len(found) == 1, (prefix, COMMANDS)
    return found[0]


def run(line: str, home, out=None) -> subprocess.CompletedProcess:
    """Run a README line with bash in the repository root, offline."""
    if out is not None:
        line = f"{line} OUT={out}"
    env = {**os.environ, "HOME": str(home)}
    result = subprocess.run([*(offline_prefix() or []), "bash", "-c", line], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, (line, result.stdout[-3000:], result.stderr[-3000:])
    return result


@pytest.fixture(scope="module")
def book_1950(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("book-1950")
    line = command("make book PARAMS=")
    year = int(re.search(r"end_year=(\d+)", line).group(1))
    run(line, home, out)
    return year, out


def test_the_book_as_of_another_year_builds_and_shows_nothing_later(book_1950):
    year, out = book_1950
    assert (out / "html" / "index.html").is_file() and (out / "pdf" / "book.pdf").is_file()
    for log in ("html.log", "pdflatex.log"):
        assert "WARNING" not in (out / "logs" / log).read_text(encoding="utf-8")
    for page in FINISHED:
        html = (out / "html" / f"{page}.html").read_text(encoding="utf-8")
        assert f"Built with end_year = {year}" in html, page
        specs = specs_in_html(html)
        assert specs, page
        for spec in specs:
            for key, value in walk(spec):
                if key in DATED_FIELDS | TEXT_FIELDS and isinstance(value, (str, int)):
                    assert all(y <= year for y in years_in(value)), (page, key, value)


def test_the_book_as_of_another_year_draws_in_the_browser(book_1950, browser):
    _, out = book_1950
    with serve(out / "html") as url:
        for page in PAGES:
            assert_draws(browser, f"{url}/{page}.html")


def test_a_copied_and_edited_data_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    run(command("cp -r data ~/my-data"), home)
    events = home / "my-data" / "events.csv"
    row = ('2026-01-15-readme-test,2026-01-15,day,An event added by an analyst,statement,'
           'Japan; Russia,Added to a copy of the data to test the README.,0,neutral,'
           'mofa-territory\n')
    with events.open("a", encoding="utf-8") as handle:
        handle.write(row)
    out = tmp_path / "out"
    run(command("make book DATA_DIR=~/my-data"), home, out)
    html = (out / "html" / "chapters" / "01-history.html").read_text(encoding="utf-8")
    assert "An event added by an analyst" in html
    assert "a data folder other than the book" in html
    assert (ROOT / "data" / "events.csv").read_text(encoding="utf-8").count("readme-test") == 0


def test_one_chapter_with_papermill(tmp_path):
    line = command(".venv/bin/papermill chapters/01-history")
    run(line, tmp_path)
    target = re.search(r"~/(\S+\.ipynb)", line).group(1)
    year = int(re.search(r"-p end_year (\d+)", line).group(1))
    nb = nbformat.read(tmp_path / target, as_version=4)
    text = json.dumps(nb)
    assert f"Built with end_year = {year}" in text
    assert "fig-history-timeline" in text and "fig-history-score" in text


def glued_text(nb: nbformat.NotebookNode, name: str) -> str:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook", {}).get("name") == name:
                return output["data"]["application/papermill.record/text/plain"]
    raise AssertionError(f"{name} not glued")


def test_the_worked_example_updates_the_outlook(tmp_path):
    """Copy the data, add an event and its source beside the data, build, and re-run
    chapter 4 alone: the book builds from the copy and the thaw's signpost is lit."""
    home = tmp_path / "home"
    home.mkdir()
    for prefix in ("cp -r data ~/outlook-data", "printf '%s\\n' '2026-03-15",
                   "printf '%s\\n' '@misc"):
        run(command(prefix), home)
    out = tmp_path / "out"
    run(command("make book DATA_DIR=~/outlook-data"), home, out)
    html = (out / "html" / "chapters" / "04-outlook.html").read_text(encoding="utf-8")
    assert "a data folder other than the book" in html
    run(command(".venv/bin/papermill chapters/04-outlook"), home)
    nb = nbformat.read(home / "outlook.ipynb", as_version=4)
    assert glued_text(nb, "outlook-sign-managed-thaw-lit") == "'1 of 5'"
    book_events = (ROOT / "data" / "events.csv").read_text(encoding="utf-8")
    assert "2026-03-15-grave-visits" not in book_events  # the book's own data untouched
