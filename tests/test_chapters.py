"""Every chapter runs with papermill (no book build) at cut-offs across the record, and
nothing dated after the cut-off reaches a glued number, a chart's rows, or a chart's title
and description; the page says when it was built with other parameters."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from conftest import CHAPTERS, DATA, ROOT, specs_in_html

from analysis import params
from analysis.build.cache import ChapterCache, environment_digest
from analysis.build.execute import execute_chapters
from analysis.data import validate_package

SUMMARY = validate_package()
DEFAULT = params.defaults()["end_year"]
CUTOFFS = sorted({SUMMARY.first_year, 1900, 1950, 2000, 2013, 2024, DEFAULT})
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: Fields of chart rows that carry a date (a map feature's boundary_id is its year; a
#: trade period or survey round names its year; alignments give first and last dates).
DATED_FIELDS = {"date", "year", "when", "boundary_id", "count", "fiscal_year", "period",
                "round", "first", "last", "milestones"}
TEXT_FIELDS = {"title", "subtitle", "description", "text"}


def executed(tmp_path_factory, end_year: int) -> dict[str, nbformat.NotebookNode]:
    work = tmp_path_factory.mktemp(f"chapters-{end_year}")
    copies = []
    for notebook in CHAPTERS:
        shutil.copy2(notebook, work / notebook.name)
        copies.append(work / notebook.name)
    execute_chapters(copies, params={"end_year": end_year, "data_dir": str(DATA)},
                     shown_params={"end_year": end_year, "data_dir": None}, own_data=True,
                     data_dir=DATA, shared=environment_digest(ROOT, ROOT / "src" / "analysis"),
                     cache=ChapterCache(work / "cache"), jobs=2, logs=work / "logs",
                     log=lambda _: None)
    return {p.stem: nbformat.read(p, as_version=4) for p in copies}


@pytest.fixture(scope="module", params=CUTOFFS, ids=lambda y: f"end_year={y}")
def run(request, tmp_path_factory):
    return request.param, executed(tmp_path_factory, request.param)


def outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.get("outputs", [])


def glued(nb) -> dict[str, object]:
    values = {}
    for output in outputs(nb):
        name = output.get("metadata", {}).get("scrapbook", {}).get("name")
        if name:
            values[name] = output["data"]
    return values


def chart_specs(nb) -> dict[str, dict]:
    specs = {}
    for name, data in glued(nb).items():
        found = specs_in_html(data.get("application/papermill.record/text/html", ""))
        if found:
            specs[name] = found[0]
    return specs


def walk(value, key=None):
    """Every (key, value) pair of a nested JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from walk(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)


def years_in(value) -> list[int]:
    return [int(y) for y in YEAR.findall(str(value))]


def test_every_chapter_ran(run):
    end_year, notebooks = run
    assert sorted(notebooks) == sorted(p.stem for p in CHAPTERS)


def test_no_glued_number_lies_after_the_cutoff(run):
    end_year, notebooks = run
    for name, nb in notebooks.items():
        for key, data in glued(nb).items():
            plain = data.get("application/papermill.record/text/plain", "")
            if "text/html" in str(data.keys()):
                continue  # a chart: checked below
            late = [y for y in years_in(plain) if y > end_year]
            assert not late, (name, key, plain)


def test_no_chart_row_title_or_description_lies_after_the_cutoff(run):
    end_year, notebooks = run
    for name, nb in notebooks.items():
        specs = chart_specs(nb)
        if name in {"01-history", "02-territorial-dispute", "03-indo-pacific"}:
            assert specs, name
        for figure, spec in specs.items():
            for key, value in walk(spec):
                if key in DATED_FIELDS and isinstance(value, (str, int)):
                    late = [y for y in years_in(value) if y > end_year]
                    assert not late, (figure, key, value)
                if key in TEXT_FIELDS and isinstance(value, str):
                    late = [y for y in years_in(value) if y > end_year]
                    assert not late, (figure, key, value)


def test_the_page_says_when_it_was_built_with_other_parameters(run):
    end_year, notebooks = run
    for name, nb in notebooks.items():
        banners = ["".join(o["data"]["text/markdown"]) for o in outputs(nb)
                   if "text/markdown" in o.get("data", {})]
        if end_year == DEFAULT:
            assert banners == [], name
        else:
            assert len(banners) == 1, name
            assert f"end_year = {end_year}" in banners[0]
            assert f"to {DEFAULT}" in banners[0]


def test_a_period_after_the_cutoff_reads_not_available(run):
    end_year, notebooks = run
    values = glued(notebooks["01-history"])
    post_soviet = values["history-n-post-soviet"]["application/papermill.record/text/plain"]
    if end_year < 1991:
        assert "after the data cut-off" in post_soviet
    else:
        assert post_soviet.isdigit()
