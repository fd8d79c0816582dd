"""Unit tests of analysis.islands and analysis.exchanges (hand-computed cases) and of the
figures they give for the book's own data."""

import pandas as pd
import pytest

from analysis import exchanges, islands
from analysis.data import load


def sample():
    return pd.DataFrame({
        "island_id": ["etorofu", "shikotan", "habomai"],
        "name_en": ["Etorofu", "Shikotan", "Habomai islands"],
        "name_ja": ["択捉島", "色丹島", "歯舞群島"],
        "name_ru": ["Итуруп", "Шикотан", "острова Хабомаи"],
        "area_km2": pd.array([3000, 250, 100], dtype="Int64"),
        "area_km2_pre2014": pd.array([3010, 253, 101], dtype="Int64"),
        "population_1945": pd.array([3600, 1000, 5000], dtype="Int64"),
        "population_ru": pd.array([7000, 3800, 0], dtype="Int64"),
        "population_ru_date": pd.to_datetime(["2023-01-01"] * 3),
    })


def test_key_figures_whole_record():
    figures = islands.key_figures(sample(), end_year=2026)
    assert figures["etorofu-area"] == "3,000" and figures["habomai-ru"] == "острова Хабомаи"
    assert figures["share-two"] == f"{100 * 350 / 3350:.1f}" == "10.4"
    assert figures["area-two"] == "350"
    assert figures["pop-1945"] == "9,600" and figures["pop-ru"] == "10,800"
    assert figures["pop-ru-year"] == 2023 and figures["shikotan-popru"] == "3,800"


@pytest.mark.parametrize(("end_year", "japanese", "russian"),
                         [(2022, True, False), (1944, False, False), (2023, True, True)])
def test_key_figures_leave_out_counts_dated_after_end_year(end_year, japanese, russian):
    figures = islands.key_figures(sample(), end_year)
    assert (figures["pop-1945"] is not None) is japanese
    assert (figures["etorofu-pop1945"] is not None) is japanese
    assert (figures["pop-ru"] is not None) is russian
    assert (figures["pop-ru-year"] is not None) is russian
    assert figures["etorofu-area"] == "3,000"  # the land does not depend on the cut-off


def test_area_and_residents_frames_are_long_and_respect_end_year():
    area = islands.area_frame(sample())
    assert list(area.columns) == ["name", "basis", "km2"] and len(area) == 6
    assert area["name"].iloc[0] == "Etorofu / 択捉島 / Итуруп"
    assert list(area["basis"].unique()) == ["current GSI basis", "earlier GSI basis"]
    assert set(islands.residents_frame(sample(), 2026)["count"]) == {
        "Japanese residents, 1945", "Russian count, 2023"}
    assert set(islands.residents_frame(sample(), 2000)["count"]) == {"Japanese residents, 1945"}
    assert islands.residents_frame(sample(), 1900).empty
    text = islands.facts_description(area, islands.residents_frame(sample(), 2000))
    assert "largest is Etorofu" in text and "9,600 in all, most on Habomai" in text
    assert "Russian count" not in text


def test_names_in_two_scripts():
    assert islands.names(sample())["etorofu-names"] == "択捉島 / Итуруп"


def rows():
    return pd.DataFrame({
        "year": pd.array([2013, 2013, 2019, 2017], dtype="Int64"),
        "programme": ["visa-free", "visa-free", "free-visit", "grave-visit"],
        "direction": ["both", "japan-to-islands", "japan-to-islands", "japan-to-islands"],
        "kind": ["cumulative", "annual", "cumulative", "cumulative"],
        "participants": pd.array([24000, 500, 4500, 4700], dtype="Int64"),
    })


def test_cumulative_picks_one_row_and_names_a_missing_one():
    assert exchanges.cumulative(rows(), "visa-free", 2013, "both") == 24000
    with pytest.raises(ValueError, match="expected one cumulative row for visa-free, 2014"):
        exchanges.cumulative(rows(), "visa-free", 2014, "both")


def test_exchange_figures_respect_end_year():
    assert exchanges.key_figures(rows(), 2026) == {
        "visa-free-2013": "24,000", "free-visit-2019": "4,500", "grave-visit-2017": "4,700"}
    assert exchanges.key_figures(rows(), 2018) == {
        "visa-free-2013": "24,000", "free-visit-2019": None, "grave-visit-2017": "4,700"}


def test_the_quoted_totals_exist_in_the_data():
    data = load("exchanges")
    for programme, year, direction in exchanges.QUOTED_TOTALS.values():
        assert exchanges.cumulative(data, programme, year, direction) > 0
