"""Broken data files give one clear error (file, row, column, value, rule) and change nothing.

Each case in tests/fixtures/bad/ is an ``events.csv`` that breaks one rule; it replaces the
events of a temporary copy of the real data package, next to a copy of the real bibliography.
"""

import shutil
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT, tree_digest

from analysis import build
from analysis.data import DataValidationError, load

BAD = FIXTURES / "bad"

# case -> (row, column, value, words the rule must contain); None = not applicable
CASES = {
    "missing-column.csv": (None, "summary", None, "missing-label"),
    "wrong-type.csv": (3, "date", "sometime in 1956", "type-error"),
    "bad-date.csv": (2, "date", "2018-02-30", "type-error"),
    "out-of-range.csv": (2, "date", "2031-01-01", "maximum"),
    "duplicate-key.csv": (3, "event_id", "1855-shimoda", "unique"),
    "unknown-source.csv": (2, "source", "no-such-key", "references.bib"),
    "bad-enum.csv": (2, "category", "friendship", "enum"),
    "script-in-text.csv": (2, "summary", "<script>alert(1)</script>", "pattern"),
    "empty.csv": (None, None, None, "empty"),
    "not-utf8.csv": (2, None, b"\xe9", "UTF-8"),
    "score-mismatch.csv": (2, "score_rule, score", "normalisation, 7", "foreign-key"),
    "score-out-of-range.csv": (3, "score", "12", "maximum"),
}


def bad_package(tmp_path: Path, case: str) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    shutil.copy(BAD / case, data_dir / "events.csv")
    return data_dir


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in BAD.glob("*.csv")) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gives_one_clear_error(tmp_path, case):
    row, column, value, rule = CASES[case]
    data_dir = bad_package(tmp_path, case)
    before = tree_digest(DATA)
    with pytest.raises(DataValidationError) as info:
        load("events", data_dir)
    problem, message = info.value.problem, str(info.value)
    assert problem.path == data_dir / "events.csv"
    assert str(data_dir / "events.csv") in message
    assert problem.row == row
    assert problem.column == column
    if value is not None:
        assert problem.value == value
        assert repr(value) in message
    if row is not None:
        assert f"row {row}" in message
    if column is not None:
        assert f"column '{column}'" in message
    assert rule in message
    assert tree_digest(DATA) == before


@pytest.mark.parametrize("case", ["bad-date.csv", "unknown-source.csv", "empty.csv"])
def test_build_with_bad_data_fails_and_keeps_last_good_build(tmp_path, case, capsys):
    data_dir = bad_package(tmp_path, case)
    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("last good build", encoding="utf-8")
    (out / "pdf").mkdir()
    (out / "pdf" / "book.pdf").write_bytes(b"%PDF last good")
    before_out, before_data = tree_digest(out), tree_digest(DATA)

    code = build.main(["--data-dir", str(data_dir), "--out", str(out)])

    assert code == 1
    err = capsys.readouterr().err
    assert "build failed" in err and "events.csv" in err
    assert tree_digest(out) == before_out
    assert tree_digest(DATA) == before_data


def test_unknown_resource_is_named(tmp_path):
    with pytest.raises(DataValidationError, match="must be one of"):
        load("no-such-dataset")


def test_missing_package_is_named(tmp_path):
    with pytest.raises(DataValidationError, match="datapackage.json"):
        load("events", tmp_path)
