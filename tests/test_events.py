"""Unit tests of analysis.events (pure helpers over the events table)."""

import pandas as pd
import pytest

from analysis import events as ev
from analysis.window import NO_EVENTS


def frame(rows):
    return pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "date": pd.to_datetime([r[1] for r in rows]),
            "date_precision": [r[2] for r in rows],
        }
    )


SAMPLE = frame(
    [
        ("1956-b", "1956-12-12", "day"),
        ("1855-a", "1855-02-07", "day"),
        ("1945-c", "1945-08-01", "month"),
        ("2022-d", "2022-01-01", "year"),
    ]
)


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [("1855-02-07", "day", "1855-02-07"), ("1945-08-01", "month", "1945-08"),
     ("2022-01-01", "year", "2022")],
)
def test_display_date_respects_precision(date, precision, shown):
    assert ev.display_date(pd.Timestamp(date), precision) == shown


def test_display_date_rejects_unknown_precision():
    with pytest.raises(ValueError, match="decade"):
        ev.display_date(pd.Timestamp("2000-01-01"), "decade")


def test_for_timeline_filters_sorts_and_formats():
    out = ev.for_timeline(SAMPLE, end_year=1956)
    assert list(out["event_id"]) == ["1855-a", "1945-c", "1956-b"]
    assert list(out["when"]) == ["1855-02-07", "1945-08", "1956-12-12"]
    assert len(SAMPLE) == 4  # the input is not modified


def test_for_timeline_start_year():
    out = ev.for_timeline(SAMPLE, end_year=2030, start_year=1950)
    assert list(out["event_id"]) == ["1956-b", "2022-d"]


def test_span():
    assert ev.span(SAMPLE) == (1855, 2022)
    with pytest.raises(ValueError, match="no events"):
        ev.span(SAMPLE.iloc[0:0])


def test_period_counts():
    counts = ev.period_counts(SAMPLE, [1855, 1945, 1991])
    assert counts.to_dict() == {"1855–1944": 1, "1945–1990": 2, "1991–": 1}
    assert counts.sum() == len(SAMPLE)


def test_period_counts_requires_increasing_breaks():
    with pytest.raises(ValueError, match="increasing"):
        ev.period_counts(SAMPLE, [1945, 1855])


def test_category_years():
    frame = SAMPLE.assign(category=["treaty", "treaty", "war", "sanction"])
    table = ev.category_years(frame)
    assert table.loc["treaty"].to_dict() == {"first": 1855, "last": 1956, "count": 2}
    assert table.loc["sanction"].to_dict() == {"first": 2022, "last": 2022, "count": 1}
    assert set(table.index) == {"treaty", "war", "sanction"}


def scored(rows):
    return pd.DataFrame({"event_id": [r[0] for r in rows],
                         "date": pd.to_datetime([r[1] for r in rows]),
                         "score": pd.array([r[2] for r in rows], dtype="Int64")})


SCORED = scored([("1904-a", "1904-02-08", -10), ("1904-b", "1904-02-10", -10),
                 ("1905-c", "1905-09-05", 8), ("1907-d", "1907-07-30", 6),
                 ("1907-e", "1907-12-01", 1)])


def test_annual_scores_mean_count_and_gaps():
    table = ev.annual_scores(SCORED, 1903, 1907)
    assert list(table["year"]) == [1903, 1904, 1905, 1906, 1907]
    assert list(table["count"]) == [0, 2, 1, 0, 2]
    assert table.loc[table["year"] == 1907, "mean_score"].item() == pytest.approx(3.5)
    assert table.loc[table["year"] == 1907, "min_score"].item() == 1
    assert table.loc[table["year"] == 1907, "max_score"].item() == 6
    assert pd.isna(table.loc[table["year"] == 1906, "mean_score"].item())  # a gap, not zero


def test_annual_scores_respects_the_window():
    table = ev.annual_scores(SCORED, 1905, 1905)
    assert list(table["count"]) == [1]
    with pytest.raises(ValueError, match="start_year"):
        ev.annual_scores(SCORED, 1910, 1900)


def test_turning_points_keep_labels_and_leave_out_absent_ids():
    points = ev.turning_points(SCORED, {"1905-c": "Peace", "1904-a": "War", "2099-x": "Later"})
    assert list(points["label"]) == ["War", "Peace"]
    assert list(points["year"]) == [1904, 1905]
    assert ev.turning_points(SCORED.iloc[0:0], {"1904-a": "War"}).empty


def test_period_scores_mean_and_negative_share():
    table = ev.period_scores(SCORED, [1900, 1905, 1950])
    assert list(table.index) == ["1900–1904", "1905–1949", "1950–"]
    assert list(table["count"]) == [2, 3, 0]
    assert table.loc["1900–1904", "mean_score"] == pytest.approx(-10.0)
    assert table.loc["1905–1949", "mean_score"] == pytest.approx(5.0)
    assert table.loc["1900–1904", "negative_share"] == pytest.approx(100.0)
    assert table.loc["1905–1949", "negative_share"] == pytest.approx(0.0)
    assert pd.isna(table.loc["1950–", "mean_score"])


def history_sample():
    """Six events: two treaties (1855, 1956), a war (1904), a statement (1991), two
    sanctions (2022); scores chosen so that every figure below is easy to compute by hand."""
    return pd.DataFrame({
        "event_id": ["1855-a", "1904-b", "1956-c", "1991-d", "2022-e", "2022-f"],
        "date": pd.to_datetime(["1855-02-07", "1904-02-08", "1956-10-19", "1991-04-18",
                                "2022-03-08", "2022-03-21"]),
        "date_precision": ["day"] * 6,
        "category": ["treaty", "war", "treaty", "statement", "sanction", "sanction"],
        "score": pd.array([8, -10, 8, 4, -6, -3], dtype="Int64"),
    })


def test_key_figures_for_the_whole_record():
    figures = ev.key_figures(history_sample(), end_year=2026)
    assert figures["n-events"] == 6
    assert (figures["first-year"], figures["last-year"]) == (1855, 2022)
    assert (figures["n-empire"], figures["n-cold-war"], figures["n-post-soviet"]) == (2, 1, 3)
    assert figures["last-treaty-year"] == 1956 and figures["first-sanction-year"] == 2022
    assert figures["mean-1855"] == "\u22121.0" and figures["neg-share-1855"] == "50"
    assert figures["mean-1956"] == "+8.0" and figures["neg-share-1956"] == "0"
    assert figures["mean-1905"] == NO_EVENTS  # no event in 1905–1944: nothing to average
    assert figures["n-1905"] == 0
    assert figures["mean-2022"] == "\u22124.5" and figures["neg-share-2022"] == "100"
    assert figures["n-1991"] == 1 and figures["mean-1991"] == "+4.0"


def test_key_figures_cut_at_end_year():
    figures = ev.key_figures(history_sample(), end_year=1950)
    assert figures["n-events"] == 2 and figures["last-year"] == 1904
    assert figures["n-cold-war"] == 0  # the Cold War period began by 1950: counted, zero
    assert figures["n-post-soviet"] is None  # begins after the cut-off: n/a
    assert figures["first-sanction-year"] is None
    assert figures["mean-1855"] == "\u22121.0"  # (8 - 10) / 2
    assert figures["neg-share-1855"] == "50"
    for era in (1956, 1991, 2013, 2022):
        assert figures[f"mean-{era}"] is None and figures[f"n-{era}"] is None


def test_every_turning_point_is_in_the_data():
    from analysis.data import load

    ids = set(load("events")["event_id"])
    assert set(ev.TURNING_POINTS) <= ids


def test_descriptions_are_computed_from_the_rows_shown():
    events = ev.for_timeline(history_sample(), end_year=1960)
    text = ev.timeline_description(events)
    assert text.startswith("Timeline of 3 dated events from 1855 to 1956")
    assert "(treaty, war)" in text
    annual = ev.annual_scores(events, 1855, 1956)
    points = ev.turning_points(events, {"1904-b": "War 1904", "2022-e": "Later"})
    score = ev.score_description(annual, points)
    assert "1855–1956" in score and "3 years have events" in score
    assert "lowest annual mean is \u221210.0 in 1904" in score
    assert "Labelled turning points: War 1904." in score


def test_timeline_frame_has_what_the_chart_encodes():
    frame = ev.timeline_frame(ev.for_timeline(history_sample().assign(
        title="T", summary="S", actors="A", source="k"), end_year=2026))
    assert list(frame.columns) == ["date", "when", "category", "title", "summary", "actors",
                                   "source"]
    assert frame["date"].iloc[0] == "1855-02-07"
