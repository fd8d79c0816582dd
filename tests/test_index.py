"""The relations index of chapter 4: hand-computed small cases (ordering, empty periods,
ties, one event, weightings, the bootstrap's determinism), turning points, sensitivity,
and a property test: the index stays on the rubric's scale and its interval holds it."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import index

SETTINGS = index.IndexSettings(window="year", start_year=2020, weights="rubric", draws=500,
                               seed=7, sparse_below=2)


def events(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime([d for d, _, _ in rows]),
        "score": pd.array([s for _, s, _ in rows], dtype="Int64"),
        "category": [c for _, _, c in rows],
    })


def test_periods_in_order_with_empty_ones_kept_as_gaps():
    frame = index.index_frame(events([("2022-05-01", -5, "sanction"),
                                      ("2020-03-01", 1, "summit"),
                                      ("2020-07-01", 3, "exchange")]), 2022, SETTINGS)
    assert frame["period"].tolist() == ["2020", "2021", "2022"]
    assert frame["n"].tolist() == [2, 0, 1]
    assert frame.loc[0, "index"] == 2.0 and math.isnan(frame.loc[1, "index"])
    assert frame.loc[0, "conflict_share"] == 0.0 and frame.loc[2, "conflict_share"] == 100.0
    assert frame["sparse"].tolist() == [False, True, True]
    # one event: the interval is the point; after the cut-off nothing is counted
    assert frame.loc[2, ["low", "high"]].tolist() == [-5.0, -5.0]
    assert index.index_frame(events([("2022-05-01", -5, "x")]), 2021, SETTINGS)["n"].sum() == 0


def test_ties_give_a_zero_width_interval_and_quarters_split_a_year():
    tied = events([("2021-01-05", -2, "a"), ("2021-02-05", -2, "b"), ("2021-11-05", -2, "c")])
    frame = index.index_frame(tied, 2021, SETTINGS)
    assert frame.loc[1, ["index", "low", "high"]].tolist() == [-2.0, -2.0, -2.0]
    quarters = index.index_frame(tied, 2021, index.IndexSettings(
        window="quarter", start_year=2021, draws=100, seed=1, sparse_below=1))
    assert quarters["period"].tolist() == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    assert quarters["n"].tolist() == [2, 0, 0, 1]
    assert quarters["start"].tolist()[1] == "2021-04-01"


def test_a_period_the_record_covers_in_part_is_marked_partial():
    frame = index.index_frame(events([("2021-06-01", 1, "a"), ("2022-02-01", -1, "b")]),
                              2022, SETTINGS)
    assert frame["partial"].tolist() == [False, False, True]  # the record ends in Feb 2022
    assert index.index_frame(events([("2021-06-01", 1, "a"), ("2022-02-01", -1, "b")]),
                             2021, SETTINGS)["partial"].tolist() == [False, False]


def test_weightings_keep_the_rubric_scale():
    scores = pd.Series([-10, -5, -1, 0, 2, 10])
    assert index.weighted(scores, "rubric").tolist() == [-10, -5, -1, 0, 2, 10]
    assert index.weighted(scores, "sign").tolist() == [-10, -10, -10, 0, 10, 10]
    assert index.weighted(scores, "sqrt").round(3).tolist() == [
        -10.0, round(-math.sqrt(50), 3), round(-math.sqrt(10), 3), 0.0,
        round(math.sqrt(20), 3), 10.0]
    with pytest.raises(ValueError, match="unknown weights"):
        index.weighted(scores, "log")


def test_the_same_seed_gives_the_same_interval_and_another_seed_may_not():
    rows = events([(f"2021-0{m}-01", s, "a") for m, s in
                   zip(range(1, 8), [-5, 3, -2, 1, -6, 4, 0], strict=True)])
    first = index.index_frame(rows, 2021, SETTINGS).loc[1, ["low", "high"]].tolist()
    again = index.index_frame(rows, 2021, SETTINGS).loc[1, ["low", "high"]].tolist()
    other = index.index_frame(rows, 2021, index.IndexSettings(
        start_year=2020, draws=500, seed=8, sparse_below=2)).loc[1, ["low", "high"]].tolist()
    assert first == again and first != other
    assert first[0] < -0.71 < first[1]  # the mean, -5/7


def test_turning_points_need_dense_periods_whose_intervals_do_not_overlap():
    rows = events([("2020-01-01", 3, "a"), ("2020-02-01", 3, "a"), ("2020-03-01", 4, "a"),
                   ("2021-01-01", 0, "a"),  # sparse: skipped
                   ("2022-01-01", -5, "a"), ("2022-02-01", -4, "a"), ("2022-12-31", -5, "a")])
    frame = index.index_frame(rows, 2022, SETTINGS.__class__(
        start_year=2020, draws=300, seed=3, sparse_below=2))
    points = index.turning_points(frame)
    assert points[["period", "previous", "direction"]].values.tolist() == [
        ["2022", "2020", "down"]]
    figures = index.key_figures(frame, points, SETTINGS)
    assert figures["turning-list"] == "2022 (down, after 2020)"
    assert figures["last-full-period"] == "2022" and figures["n-sparse"] == 1
    empty = index.index_frame(rows, 2019, SETTINGS)
    assert index.key_figures(empty, index.turning_points(empty), SETTINGS)["last-period"] is None


def test_sensitivity_has_every_weighting_and_the_leave_one_out_range():
    rows = events([("2021-01-01", -6, "military"), ("2021-02-01", 2, "summit"),
                   ("2021-03-01", -1, "statement")])
    frame = index.sensitivity_frame(rows, 2021, SETTINGS)
    lines = frame[frame["variant"] != "Leave one category out"]
    assert set(lines["variant"]) == set(index.WEIGHTS.values())
    band = frame[frame["variant"] == "Leave one category out"].iloc[0]
    # without military: 0.5; without summit: -3.5; without statement: -2.0
    assert (band["low"], band["high"]) == (-3.5, 0.5)
    assert index.robustness(frame, 2021) == {"robust-periods": 0, "robust-of": 1}
    assert "differ most in 2021" in index.sensitivity_description(frame)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(scores=st.lists(st.integers(-10, 10), min_size=1, max_size=25),
       weights=st.sampled_from(list(index.WEIGHTS)), seed=st.integers(0, 2**32 - 1))
def test_property_index_on_scale_and_interval_holds_the_point(scores, weights, seed):
    rows = events([(f"2021-{1 + i % 12:02d}-01", s, "a") for i, s in enumerate(scores)])
    frame = index.index_frame(rows, 2021, index.IndexSettings(
        start_year=2021, weights=weights, draws=200, seed=seed, sparse_below=1))
    row = frame.iloc[0]
    assert -10 <= row["low"] <= row["index"] <= row["high"] <= 10
