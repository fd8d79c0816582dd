"""Unit tests of analysis.negotiations, and checks of the negotiations and exchanges data."""

import pandas as pd
import pytest

from analysis import negotiations as ng
from analysis.data import load


def rows(spec):
    return pd.DataFrame({
        "meeting_id": [s[0] for s in spec],
        "date": pd.to_datetime([s[1] for s in spec]),
        "date_precision": [s[2] for s in spec],
        "track": [s[3] for s in spec],
        "mode": [s[4] for s in spec],
        "outcome_score": pd.array([s[5] for s in spec], dtype="Int64"),
        "abe_putin_meeting": pd.array([s[6] for s in spec], dtype="Int64"),
    })


SAMPLE = rows([
    ("2013-b", "2013-04-29", "day", "leaders", "meeting", 2, 2),
    ("2006-a", "2006-11-18", "day", "leaders", "meeting", 0, 1),
    ("2013-c", "2013-11-02", "day", "two-plus-two", "meeting", 1, None),
    ("2020-d", "2020-08-31", "day", "leaders", "phone", 0, None),
    ("2022-e", "2022-03-01", "month", "exchanges", "milestone", -1, None),
])


def test_for_chart_sorts_cuts_and_labels():
    out = ng.for_chart(SAMPLE, end_year=2021)
    assert list(out["meeting_id"]) == ["2006-a", "2013-b", "2013-c", "2020-d"]
    assert list(out["track_label"])[2] == ng.TRACK_LABELS["two-plus-two"]
    assert list(out["outcome_label"])[:2] == ["No result", "Agreement or declaration"]
    assert ng.for_chart(SAMPLE, end_year=2030)["when"].iloc[-1] == "2022-03"


def test_abe_putin_meetings_in_order():
    assert list(ng.abe_putin_meetings(SAMPLE)["meeting_id"]) == ["2006-a", "2013-b"]


def test_abe_putin_numbering_gap_is_an_error():
    broken = SAMPLE.copy()
    broken.loc[broken["meeting_id"] == "2013-b", "abe_putin_meeting"] = 3
    with pytest.raises(ValueError, match="numbered 1..n"):
        ng.abe_putin_meetings(broken)


def test_track_counts_by_mode_and_window():
    table = ng.track_counts(SAMPLE, 2006, 2021)
    assert table.loc["leaders", "meeting"] == 2
    assert table.loc["leaders", "phone"] == 1
    assert table.loc["exchanges", "milestone"] == 0  # 2022 is outside the window
    assert list(table.index) == list(ng.TRACK_LABELS)


def test_the_data_holds_27_abe_putin_meetings_2006_to_2019():
    """MOFA numbers the Vladivostok meeting of 5 September 2019 as the 27th."""
    meetings = ng.abe_putin_meetings(load("negotiations"))
    assert len(meetings) == 27
    assert meetings["date"].dt.year.min() == 2006
    assert meetings.iloc[-1]["date"] == pd.Timestamp("2019-09-05")
    assert (meetings["mode"] == "meeting").all()


def test_exchange_figures_declare_their_kind():
    exchanges = load("exchanges")
    assert set(exchanges["kind"]) <= {"annual", "cumulative", "partial"}
    cumulative = exchanges[exchanges["kind"] == "cumulative"]
    assert cumulative["notes"].str.startswith("cumulative").all()
    # A cumulative total can only grow: later totals of one programme and direction are larger.
    for _, group in cumulative.groupby(["programme", "direction"]):
        ordered = group.sort_values("year")["participants"].astype(int)
        assert ordered.is_monotonic_increasing


def test_key_figures_count_by_track_and_cut_at_end_year():
    figures = ng.key_figures(SAMPLE, end_year=2026)
    assert figures["n-meetings"] == 3 and figures["n-leaders"] == 2
    assert (figures["first-meeting"], figures["last-meeting"]) == (2006, 2013)
    assert (figures["first-entry"], figures["last-entry"]) == (2006, 2022)
    assert figures["n-rounds"] == 1 and figures["n-rounds-noresult"] == 0
    assert figures["n-abe-putin"] == 2
    assert (figures["abe-putin-first"], figures["abe-putin-last"]) == (2006, 2013)
    cut = ng.key_figures(SAMPLE, end_year=2010)
    assert cut["n-meetings"] == 1 and cut["last-entry"] == 2006 and cut["n-abe-putin"] == 1
    before = ng.key_figures(SAMPLE, end_year=2000)
    assert before["n-abe-putin"] is None and before["abe-putin-first"] is None
    assert before["n-meetings"] == 0 and before["first-meeting"] is None


def test_track_frame_and_description():
    shown = ng.for_chart(SAMPLE.assign(place="P", japan_side="J", russia_side="R",
                                       outcome="O", source="k"), end_year=2026)
    frame = ng.track_frame(shown)
    assert frame["date"].iloc[0] == "2006-11-18" and list(frame["mode"])[3] == "phone"
    text = ng.track_description(shown)
    assert text.startswith("Dot chart of 5 contacts on the peace-treaty track, 2006–2022")
    assert "Setback: 1; No result: 2; Process step: 1; Agreement or declaration: 1" in text
    assert "no contacts" in ng.track_description(shown.iloc[0:0])
