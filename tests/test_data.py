"""The curated data package: every resource validates, is typed, sourced and documented."""

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROOT

from analysis.data import bib_keys, load, resource_names, source_columns, split_sources

DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
NAMES = resource_names(DATA)
ORIGIN_KEYS = {"producer", "title", "url", "date_published", "date_accessed", "licence"}


def test_package_declares_resources():
    assert "events" in NAMES
    assert len(NAMES) == len(set(NAMES))


@pytest.mark.parametrize("name", NAMES)
def test_resource_loads_with_schema_types(name):
    frame = load(name)
    assert not frame.empty
    resource = next(r for r in DESCRIPTOR["resources"] if r["name"] == name)
    fields = resource["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        dtype = frame[field["name"]].dtype
        if field["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), field["name"]
        elif field["type"] == "integer":
            assert pd.api.types.is_integer_dtype(dtype), field["name"]


@pytest.mark.parametrize("name", NAMES)
def test_resource_has_origin_and_licence(name):
    resource = next(r for r in DESCRIPTOR["resources"] if r["name"] == name)
    assert ORIGIN_KEYS <= set(resource["origin"]), f"{name}: incomplete origin block"
    assert resource["encoding"] == "utf-8"
    assert resource["schema"].get("primaryKey"), f"{name}: no primary key"


@pytest.mark.parametrize("name", NAMES)
def test_every_row_is_sourced_in_bibliography(name):
    keys = bib_keys(ROOT / "references.bib")
    frame = load(name)
    columns = source_columns(list(frame.columns))
    assert columns, f"{name} has no source column"
    for column in columns:
        for index, cell in frame[column].items():
            cited = split_sources(cell)
            assert cited, f"{name} row {index + 2} has no {column}"
            assert set(cited) <= keys


def test_bibliography_entries_have_url_and_access_date():
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    for key, entry in entries.items():
        if entry.type == "misc":
            assert entry.fields.get("url", "").startswith("http"), key
            assert entry.fields.get("urldate"), key


def test_events_cover_the_required_span_and_milestones():
    events = load("events")
    assert len(events) >= 150
    years = events["date"].dt.year
    assert years.min() == 1855
    assert years.max() >= 2025
    assert events["event_id"].is_unique


def test_split_sources():
    assert split_sources("a; b;c ;") == ["a", "b", "c"]
    assert split_sources("") == []


def test_every_event_score_follows_the_rubric():
    events, rubric = load("events"), load("score-rubric")
    scores = dict(zip(rubric["rule"], rubric["score"], strict=True))
    assert (events["score"] == events["score_rule"].map(scores)).all()
    assert set(events["score_rule"]) <= set(rubric["rule"])


def test_islands_have_names_in_three_scripts():
    islands = load("islands")
    assert set(islands["island_id"]) == {"etorofu", "kunashiri", "shikotan", "habomai"}
    assert islands["name_ja"].str.contains(r"[\u4e00-\u9fff]").all()
    assert islands["name_ru"].str.contains(r"[\u0400-\u04ff]").all()
    assert islands["name_en"].str.contains(r"^[A-Za-z ]+$").all()


def test_validate_package_checks_everything_and_parses_each_file_once(tmp_path, monkeypatch):
    """One validation reads the descriptor and the bibliography once, each data file once."""
    from analysis.data import layer_names, validate_package
    from analysis.data.reads import READ_LOG_ENV

    log = tmp_path / "reads.log"
    monkeypatch.setenv(READ_LOG_ENV, str(log))
    summary = validate_package(DATA)
    reads = [Path(line).name for line in log.read_text(encoding="utf-8").splitlines()]
    assert reads.count("datapackage.json") == 1 and reads.count("references.bib") == 1
    assert summary.tables == NAMES and summary.layers == layer_names()
    for name in [*summary.tables, "land.geojson", "boundaries.geojson"]:
        expected = name if "." in name else f"{name}.csv"
        assert reads.count(expected) == 1, expected
    events = load("events")
    assert summary.first_year == int(events["date"].dt.year.min()) == 1855
    assert summary.last_year == int(events["date"].dt.year.max())


def test_nothing_is_recorded_without_the_read_log(tmp_path, monkeypatch):
    from analysis.data.reads import READ_LOG_ENV, paused, record_read

    monkeypatch.delenv(READ_LOG_ENV, raising=False)
    record_read(DATA / "events.csv")  # no variable: a no-op
    log = tmp_path / "reads.log"
    monkeypatch.setenv(READ_LOG_ENV, str(log))
    with paused():
        load("events")
    assert not log.exists()
    load("events")
    assert "events.csv" in log.read_text(encoding="utf-8")


def test_data_dir_is_resolved_from_the_working_directory(tmp_path, monkeypatch):
    from analysis.data import default_data_dir, resolve_data_dir

    assert resolve_data_dir(None) == resolve_data_dir("") == default_data_dir() == DATA
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("mine") == tmp_path / "mine"
    assert resolve_data_dir(str(DATA)) == DATA


def test_an_undated_package_is_refused(monkeypatch):
    """Were no table dated, end_year could not be checked: a clear error, not a crash."""
    import pandas as pd

    from analysis.data import DataValidationError, validate_package
    from analysis.data import validate as validation

    monkeypatch.setattr(validation, "data_years", lambda frame: pd.Series([], dtype=int))
    with pytest.raises(DataValidationError, match="at least one dated row"):
        validate_package(DATA)


def test_bibliography_fields_are_valid_latex():
    """Every field renders in the bibliography (an unescaped % or a stray brace breaks the
    whole HTML and PDF build, but only once the entry is cited)."""
    from pybtex.database import parse_file
    from pybtex.richtext import Text

    entries = parse_file(str(ROOT / "references.bib")).entries
    for key, entry in entries.items():
        for name, value in entry.fields.items():
            if name.lower() in {"url", "doi"}:  # verbatim fields: percent-encoding is fine
                continue
            assert "%" not in value.replace("\\%", ""), (key, name)
            Text.from_latex(value)
