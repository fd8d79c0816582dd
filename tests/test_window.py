"""Unit tests of the one year window (analysis.window) and of number display (analysis.text)."""

import pandas as pd
import pytest

from analysis import text, window


def test_up_to_reads_dates_or_years_and_keeps_order():
    dated = pd.DataFrame({"date": pd.to_datetime(["2001-05-01", "1999-12-31", "2000-01-01"]),
                          "x": [1, 2, 3]})
    assert list(window.up_to(dated, 2000)["x"]) == [2, 3]
    assert list(window.up_to(dated, 2001, start_year=2000)["x"]) == [1, 3]
    yearly = pd.DataFrame({"year": pd.array([1997, 2013, 2019], dtype="Int64"), "x": [1, 2, 3]})
    assert list(window.up_to(yearly, 2013)["x"]) == [1, 2]
    assert window.up_to(yearly, 1900).empty
    assert list(window.up_to(dated, 2000).index) == [0, 1]


def test_up_to_needs_a_date_or_year_column():
    with pytest.raises(ValueError, match="no date or year column"):
        window.up_to(pd.DataFrame({"x": [1]}), 2000)


def test_after_cutoff():
    assert window.after_cutoff(2022, 2000) and not window.after_cutoff(2000, 2000)


@pytest.mark.parametrize(("value", "shown"), [(-1.26, "\u22121.3"), (0.04, "+0.0"),
                                              (-0.04, "+0.0"), (7.0, "+7.0")])
def test_signed_uses_a_typographic_minus_and_never_minus_zero(value, shown):
    assert text.signed(value) == shown


def test_thousands_percent_and_display():
    assert text.thousands(17291) == "17,291"
    assert text.percent(33.4) == "33"
    assert text.display(None) == window.NOT_AVAILABLE
    assert text.display(float("nan")) == window.NOT_AVAILABLE
    assert text.display(0) == 0 and text.display("x") == "x"
