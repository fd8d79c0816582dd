"""Bad and hostile data give one clear error (file, row, column, value, rule in words), before
anything runs, and change nothing: neither ``data/`` nor the last good build.

Each case of ``tests/fixtures/bad/`` replaces one file of a temporary copy of the book's data
folder (``TARGETS`` says which; events.csv by default); a few cases change the folder itself
(a link, a missing file). Every case is checked twice: by loading the whole package, and by
the build command, which must fail with the same message and leave the last good build as it
was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, tree_digest

from analysis import build
from analysis.data import DataValidationError, load, validate_package

BAD = FIXTURES / "bad"


@dataclass(frozen=True)
class Case:
    """What a bad input must be reported as. ``None`` means "not applicable"."""

    row: int | None
    column: str | None
    value: object
    words: str
    target: str = "events.csv"


CASES = {
    # the bytes
    "empty.csv": Case(None, None, None, "empty"),
    "not-utf8.csv": Case(2, None, b"\xe9", "UTF-8"),
    "utf16.csv": Case(1, None, None, "UTF-16"),
    "bom.csv": Case(1, None, None, "byte-order mark"),
    # the shape
    "missing-column.csv": Case(None, "summary", None, "missing-label"),
    "header-space.csv": Case(None, "summary", "summary␠", "spaces around"),
    "column-order.csv": Case(None, None, None, "schema order"),
    "unquoted-comma.csv": Case(3, None, None, "has 11 cells, the header 10"),
    # the cells, against the schema
    "wrong-type.csv": Case(3, "date", "sometime in 1956", "a date written YYYY-MM-DD"),
    "bad-date.csv": Case(2, "date", "2018-02-30", "type-error"),
    "out-of-range.csv": Case(2, "date", "2031-01-01", "at most 2026-12-31"),
    "duplicate-key.csv": Case(3, "event_id", "1855-shimoda", "must be unique"),
    "bad-enum.csv": Case(2, "category", "friendship", "one of: treaty, war"),
    "script-in-text.csv": Case(2, "summary", "<script>alert(1)</script>",
                               "without the characters < and >"),
    "empty-required.csv": Case(2, "title", None, "must not be empty"),
    "score-mismatch.csv": Case(2, "score_rule, score", "normalisation, 7",
                               "of the resource 'score-rubric'"),
    "score-out-of-range.csv": Case(3, "score", "12", "at most 10"),
    # the text
    "bidi-override.csv": Case(2, "summary", None, "bidirectional-override"),
    "nul-byte.csv": Case(2, "title", None, "U+0000"),
    "control-character.csv": Case(2, "title", None, "U+0009"),
    "formula.csv": Case(2, "title", None, "spreadsheet formula"),
    "formula-minus.csv": Case(2, "actors", None, "spreadsheet formula"),
    "long-text.csv": Case(2, "actors", None, "at most 1000 characters"),
    "future-date.csv": Case(10, "date", "2026-12-15", "after the data's access date"),
    # provenance
    "unknown-source.csv": Case(2, "source", "no-such-key", "references.bib"),
    # the book's cross-row rules
    "precision-mismatch.csv": Case(10, "date", "1945-08-15", "first day of that month"),
    "missing-turning-point.csv": Case(None, "event_id", "1916-alliance",
                                      "the book needs this event"),
    "islands-missing-group.csv": Case(None, "island_id", "habomai", "needs this island group",
                                      "islands.csv"),
    "negotiations-numbering-gap.csv": Case(4, "abe_putin_meeting", 4, "numbered 1, 2, 3",
                                           "negotiations.csv"),
    "exchanges-missing-total.csv": Case(None, "programme, year, direction, kind",
                                        "free-visit, 2019, japan-to-islands, cumulative",
                                        "quotes this total", "exchanges.csv"),
    "exchanges-year-out-of-range.csv": Case(13, "year", "2027", "at most 2022",
                                            "exchanges.csv"),
    "defence-budget-wrong-arithmetic.csv": Case(3, "arithmetic", "46804 - 350 = 46453",
                                                "the arithmetic must be right",
                                                "defence_budget.csv"),
    "scrambles-parts-do-not-add-up.csv": Case(35, "total", 679,
                                              "must equal china + russia + other",
                                              "scrambles.csv"),
    # the rules are the book's, not the folder's
    "datapackage-relaxed.json": Case(None, None, None, "summary.constraints.pattern is '.*'",
                                     "datapackage.json"),
    "datapackage-drops-resource.json": Case(None, None, None, "exchanges is missing",
                                            "datapackage.json"),
    "datapackage-path-outside.json": Case(None, None, None, "events.path is",
                                          "datapackage.json"),
    "datapackage-not-json.json": Case(None, None, None, "valid UTF-8 JSON",
                                      "datapackage.json"),
    # map layers
    "land-self-intersecting.geojson": Case(5, "geometry", "Polygon", "Self-intersection",
                                           "geo/land.geojson"),
    "land-missing-area.geojson": Case(None, "feature_id", "habomai", "the map needs this area",
                                      "geo/land.geojson"),
    "land-features-not-a-list.geojson": Case(None, None, None, "non-empty GeoJSON",
                                             "geo/land.geojson"),
    "land-properties-not-an-object.geojson": Case(2, "properties", None, "JSON object",
                                                  "geo/land.geojson"),
    "boundaries-string-coordinates.geojson": Case(1, "geometry", None, "two numbers",
                                                  "geo/boundaries.geojson"),
    "boundaries-id-not-a-year.geojson": Case(2, "boundary_id", "treaty", "four digits",
                                             "geo/boundaries.geojson"),
    "boundaries-bidi-label.geojson": Case(3, "label", None, "bidirectional-override",
                                          "geo/boundaries.geojson"),
}


def link_outside(data_dir: Path) -> None:
    (data_dir / "events.csv").unlink()
    (data_dir / "events.csv").symlink_to("/etc/hostname")


def remove_islands(data_dir: Path) -> None:
    (data_dir / "islands.csv").unlink()


#: Cases that change the folder rather than a file's content: what, and how it is reported.
STRUCTURAL = {
    "a data file that is a link out of the folder": (link_outside, Case(
        None, None, None, "regular file inside the data folder")),
    "a data file that is missing": (remove_islands, Case(
        None, None, None, "must exist", "islands.csv")),
}


def copy_of_data(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    return data_dir


def bad_package(tmp_path: Path, case: str) -> Path:
    data_dir = copy_of_data(tmp_path)
    shutil.copy(BAD / case, data_dir / CASES[case].target)
    return data_dir


def test_every_fixture_has_a_case_and_there_are_35_kinds_at_least():
    assert sorted(p.name for p in BAD.iterdir() if p.name != "crlf-is-fine.csv") == sorted(CASES)
    assert len(CASES) + len(STRUCTURAL) >= 35


def assert_reported(error: DataValidationError, data_dir: Path, case: Case) -> None:
    problem, message = error.problem, str(error)
    assert problem.path == data_dir / case.target
    assert str(data_dir / case.target) in message
    assert problem.row == case.row, message
    assert problem.column == case.column, message
    if case.value is not None:
        assert problem.value == case.value, message
        assert repr(case.value) in message
    if case.row is not None:
        unit = "feature" if case.target.endswith(".geojson") else "row"
        assert f"{unit} {case.row}" in message
    if case.column is not None:
        assert f"column '{case.column}'" in message
    assert case.words in message, message


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gives_one_clear_error(tmp_path, case):
    data_dir = bad_package(tmp_path, case)
    before = tree_digest(DATA)
    with pytest.raises(DataValidationError) as info:
        validate_package(data_dir)
    assert_reported(info.value, data_dir, CASES[case])
    assert tree_digest(DATA) == before


@pytest.mark.parametrize("what", sorted(STRUCTURAL))
def test_bad_folder_gives_one_clear_error(tmp_path, what):
    change, case = STRUCTURAL[what]
    data_dir = copy_of_data(tmp_path)
    change(data_dir)
    with pytest.raises(DataValidationError) as info:
        validate_package(data_dir)
    assert_reported(info.value, data_dir, case)


def last_good_build(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("last good build", encoding="utf-8")
    (out / "pdf").mkdir()
    (out / "pdf" / "book.pdf").write_bytes(b"%PDF last good")
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_with_bad_data_fails_before_anything_runs(tmp_path, case, capsys):
    data_dir = bad_package(tmp_path, case)
    out = last_good_build(tmp_path)
    before_out, before_data = tree_digest(out), tree_digest(DATA)

    code = build.main(["--data-dir", str(data_dir), "--out", str(out)])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("build failed: ") and "Traceback" not in err
    assert CASES[case].words in err and str(data_dir / CASES[case].target) in err
    assert "last good build" in err
    assert tree_digest(out) == before_out
    assert tree_digest(DATA) == before_data


def test_windows_line_ends_are_fine(tmp_path):
    data_dir = copy_of_data(tmp_path)
    shutil.copy(BAD / "crlf-is-fine.csv", data_dir / "events.csv")
    events = load("events", data_dir)
    assert len(events) == 8 and not events["summary"].str.contains("\r").any()


def test_a_folder_may_change_its_origins_but_not_its_rules(tmp_path):
    import json

    data_dir = copy_of_data(tmp_path)
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["origin"]["date_accessed"] = "2026-11-30"
    descriptor["resources"][0]["title"] = "My copy of the events"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert validate_package(data_dir).tables[0] == "events"


def test_unknown_resource_is_named():
    with pytest.raises(DataValidationError, match="must be one of"):
        load("no-such-dataset")


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(DataValidationError, match="data folder must exist"):
        load("events", tmp_path / "nowhere")
