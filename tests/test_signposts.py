"""Signposts of chapter 4: every measure on hand-made tables, every rule on both sides of
its threshold, the summaries and verdicts, and the data package's schema in step with the
module (measures, comparisons, driver states)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import DATA

from analysis import signposts
from analysis.data import load


def tables() -> dict[str, pd.DataFrame]:
    d = pd.to_datetime
    return {
        "events": pd.DataFrame({
            "date": d(["2024-05-01", "2025-03-01", "2025-06-01", "2025-09-01", "2026-01-01"]),
            "score": pd.array([3, -5, -6, 2, -2], dtype="Int64"),
            "category": ["exchange", "sanction", "military", "economic", "statement"],
            "score_rule": ["exchange", "sanction", "military-signal", "intent", "protest"]}),
        "negotiations": pd.DataFrame({"date": d(["2019-12-19"])}),
        "sanctions": pd.DataFrame({"date": d(["2025-01-10", "2025-09-12", "2025-11-11"]),
                                   "direction": ["japan-on-russia", "japan-on-russia",
                                                 "russia-on-japan"]}),
        "exercises": pd.DataFrame({"start_date": d(["2025-12-09", "2025-08-01", "2022-03-25",
                                                    "2025-09-11"]),
                                   "kind": ["joint-air-patrol", "joint-submarine-patrol",
                                            "island-drill", "allied-exercise"]}),
        "alignments": pd.DataFrame({"date": d(["2025-05-08", "2024-04-10"]),
                                    "side": ["russia-partners", "us-partners"]}),
        "scrambles": pd.DataFrame({
            "fiscal_year": pd.array([2023, 2024, 2025], dtype="Int64"),
            "period": ["full", "full", "H1"], "total": [669, 704, 265],
            "russia": pd.array([174, 237, 59], dtype="Int64")}),
        "opinion": pd.DataFrame({"year": pd.array([2016, 2024], dtype="Int64"),
                                 "survey": ["cao-gaiko", "cao-gaiko"],
                                 "measure": ["affinity", "affinity"], "share": [19.3, 5.0]}),
        "energy": pd.DataFrame({"date": d(["2025-08-15", "2025-12-17", "2022-06-30"])}),
        "defence_budget": pd.DataFrame({
            "fiscal_year": pd.array([2024, 2025, 2026], dtype="Int64"),
            "incl_jpy_100m": pd.array([79496, 87005, 90353], dtype="Int64")}),
    }


@pytest.mark.parametrize(("measure", "window", "expected"), [
    ("index_mean", 2, -2.75), ("conflict_share", 2, 75.0), ("cooperative_events", 3, 2),
    ("exchanges_resumed", 3, 1), ("exchanges_resumed", 2, 0), ("military_signals", 2, 1),
    ("negotiation_contacts", 5, 0), ("sanctions_by_japan", 2, 2), ("sanctions_by_russia", 1, 0),
    ("joint_bomber_patrols", 2, 1), ("joint_naval_activity", 2, 1), ("island_drills", 2, 0),
    ("allied_exercises", 2, 1), ("russia_partner_milestones", 2, 1),
    ("sakhalin_steps", 2, 2), ("affinity", 3, 5.0), ("affinity", 1, None),
])
def test_each_measure_on_a_small_case(measure, window, expected):
    value = signposts.MEASURES[measure].compute(tables(), 2026, window)
    assert value == (pytest.approx(expected) if expected is not None else None)


def test_shares_and_growth_use_the_last_full_year_and_the_window():
    t = tables()
    assert signposts.MEASURES["russia_scramble_share"].compute(t, 2026, 3) == pytest.approx(
        100 * 237 / 704)  # the H1 row of FY2025 is not a full year
    assert signposts.MEASURES["russia_scramble_share"].compute(t, 2026, 1) is None
    assert signposts.MEASURES["defence_budget_growth"].compute(t, 2026, 2) == pytest.approx(
        100 * (90353 - 79496) / 79496)
    assert signposts.MEASURES["defence_budget_growth"].compute(t, 2026, 5) is None


def rules(comparison: str, threshold: float) -> pd.DataFrame:
    return pd.DataFrame({"signpost_id": ["s"], "scenario": ["deep-freeze"], "title": ["T"],
                         "measure": ["sanctions_by_japan"], "comparison": [comparison],
                         "threshold": [threshold], "window_years": [2]})


@pytest.mark.parametrize(("comparison", "threshold", "status"), [
    (">=", 2, "lit"), (">=", 3, "not lit"), (">", 1, "lit"), (">", 2, "not lit"),
    ("<=", 2, "lit"), ("<=", 1, "not lit"), ("<", 3, "lit"), ("<", 2, "not lit"),
])
def test_every_rule_on_both_sides_of_its_threshold(comparison, threshold, status):
    evaluated = signposts.evaluate(rules(comparison, threshold), tables().__getitem__, 2026)
    assert evaluated["status"].tolist() == [status] and evaluated["value"].tolist() == [2.0]


def test_no_data_and_the_verdicts():
    scenarios = pd.DataFrame({"scenario_id": ["deep-freeze", "managed-thaw"],
                              "name": ["Deep freeze", "Managed thaw"],
                              "war_and_sanctions": signposts.DRIVER_STATES["war_and_sanctions"],
                              "us_policy": signposts.DRIVER_STATES["us_policy"]})
    two = pd.concat([rules(">=", 1), rules(">=", 1).assign(
        signpost_id="t", scenario="managed-thaw", measure="affinity", window_years=1)])
    evaluated = signposts.evaluate(two, tables().__getitem__, 2026)
    assert evaluated["status"].tolist() == ["lit", "no data"]
    summary = signposts.scenario_summary(evaluated, scenarios)
    figures = signposts.key_figures(summary, evaluated)
    assert figures["leading"] == "“Deep freeze”" and figures["n-no-data"] == 1
    assert figures["managed-thaw-lit"] == "0 of 1"
    tie = signposts.key_figures(summary.assign(lit=[1, 1]), evaluated)
    assert tie["leading"].startswith("no single scenario")
    none = signposts.key_figures(summary.assign(lit=[0, 0]), evaluated)
    assert none["leading"].startswith("none of the scenarios")
    matrix = signposts.matrix_frame(summary, scenarios)
    assert matrix["status"].tolist() == ["1 of 1 signposts lit", "0 of 1 signposts lit"]
    status = signposts.status_frame(evaluated, scenarios)
    assert status["value"].tolist() == ["2 measures", "nothing to measure"]
    assert "Lit: T" in signposts.signpost_description(status, summary)


def test_the_schema_allows_exactly_the_module_measures_comparisons_and_drivers():
    resources = {r["name"]: r for r in json.loads(
        (DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    fields = {f["name"]: f for f in resources["signposts"]["schema"]["fields"]}
    assert fields["measure"]["constraints"]["enum"] == sorted(signposts.MEASURES)
    assert fields["comparison"]["constraints"]["enum"] == sorted(signposts.COMPARISONS)
    scen = {f["name"]: f for f in resources["scenarios"]["schema"]["fields"]}
    for driver, states in signposts.DRIVER_STATES.items():
        assert scen[driver]["constraints"]["enum"] == states


def test_the_book_own_signposts_evaluate():
    evaluated = signposts.evaluate(load("signposts"), load, 2026)
    assert set(evaluated["status"]) <= {"lit", "not lit", "no data"}
    assert set(evaluated["scenario"]) == set(load("scenarios")["scenario_id"])
