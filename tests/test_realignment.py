"""Unit tests of the chapter 3 domain modules (hand-computed cases) and of their charts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import alignments, charts, defence, exercises, milex, opinion, sanctions, scrambles
from analysis import trade as trading
from analysis.data import load


def test_budget_frame_and_key_figures():
    budget = pd.DataFrame({
        "fiscal_year": pd.array([2021, 2022, 2023, 2024], dtype="Int64"),
        "excl_jpy_100m": pd.array([51000, 51788, 66001, 77249], dtype="Int64"),
        "incl_jpy_100m": pd.array([53000, 54005, 68219, 80000], dtype="Int64"),
        "status": pd.Categorical(["published", "published", "published", "draft"]),
    })
    plans = pd.DataFrame({"plan_id": ["dbp-2023-2027", "gdp-2pct-target"],
                          "total_jpy_trillion": [43.0, None], "end_fy": [2027, 2027],
                          "announced": pd.to_datetime(["2022-12-16", "2022-12-16"])})
    frame = defence.budget_frame(budget, 2023)
    assert len(frame) == 6 and frame["jpy_trillion"].max() == pytest.approx(6.8219)
    figures = defence.key_figures(budget, plans, 2024)
    assert figures["last-fy"] == 2024 and figures["last-status"] == "cabinet draft"
    assert figures["growth-since-2022"] == f"{100 * (80000 - 54005) / 54005:.0f}" == "48"
    assert figures["plan-total"] == "43" and "target-fy" not in figures  # a plan's horizon
    # may lie after the cut-off: the prose states it from the documents, no figure is glued
    early = defence.key_figures(budget, plans, 2021)
    assert early["growth-since-2022"] is None and early["plan-total"] is None
    assert defence.key_figures(budget, plans, 2000)["last-fy"] is None


def test_milex_is_indexed_to_the_base_year():
    frame = pd.DataFrame({
        "country": pd.Categorical(["JPN", "JPN", "RUS", "RUS", "CHN", "CHN"]),
        "year": pd.array([2012, 2013] * 3, dtype="Int64"),
        "constant_2022_usd_m": [40000.0, 50000.0, 70000.0, 63000.0, 100.0, 200.0],
        "gdp_share_pct": [1.0, 1.1, 4.0, 4.2, 1.7, 1.8],
        "sipri_flag": pd.Categorical(["none", "none", "estimate", "none", "estimate",
                                      "estimate"]),
    })
    out = milex.indexed(frame, 2013)
    assert out.loc[(out["country"] == "Japan") & (out["year"] == 2013), "index"].item() == 125.0
    assert out.loc[(out["country"] == "Russia") & (out["year"] == 2013), "index"].item() == 90.0
    assert out["estimate"].tolist() == [False, False, True, False, True, True]
    figures = milex.key_figures(frame, 2013)
    assert (figures["jpn-growth"], figures["rus-growth"], figures["chn-growth"]) == (
        "25", "-10", "100")
    assert milex.indexed(frame, 2000).empty
    assert milex.base_year(milex.indexed(frame, 2000)) is None
    assert milex.base_year(out) == milex.BASE_YEAR


def test_scrambles_by_origin_and_peak():
    frame = pd.DataFrame({
        "fiscal_year": pd.array([2015, 2016, 2016, 2017], dtype="Int64"),
        "period": pd.Categorical(["full", "H1", "full", "full"]),
        "total": pd.array([873, 594, 1168, 904], dtype="Int64"),
        "china": pd.array([571, 407, 851, None], dtype="Int64"),
        "russia": pd.array([288, 180, 301, None], dtype="Int64"),
        "other": pd.array([14, 7, 16, None], dtype="Int64"),
        "status": pd.Categorical(["derived", "derived", "derived", "partial"]),
    })
    long = scrambles.by_origin(frame, 2017)
    assert len(long) == 6  # two full years with three origins; FY2017 total only
    figures = scrambles.key_figures(frame, 2017)
    assert (figures["peak-fy"], figures["peak-total"]) == (2016, "1,168")
    assert figures["last-fy"] == 2017 and figures["last-russia"] is None
    assert scrambles.key_figures(frame, 2016)["last-russia-share"] == "26"  # 301 / 1168


def test_sanctions_yearly_counts_keep_quiet_years():
    frame = pd.DataFrame({
        "measure_id": ["a", "b", "c", "d"],
        "date": pd.to_datetime(["2014-03-18", "2022-02-26", "2022-03-01", "2022-03-07"]),
        "date_precision": ["day"] * 4,
        "direction": pd.Categorical(["japan-on-russia", "japan-on-russia", "japan-on-russia",
                                     "russia-on-japan"]),
        "kind": pd.Categorical(["suspension", "asset-freeze", "export-ban", "designation"]),
        "targets": ["t"] * 4, "individuals": pd.array([None, 3, None, None], dtype="Int64"),
        "entities": pd.array([None] * 4, dtype="Int64"), "source": ["k"] * 4,
    })
    counts = sanctions.yearly_counts(frame, 2026)
    assert len(counts) == 2 * 9  # 2014–2022, both directions
    assert counts.loc[(counts["year"] == 2022) & (counts["direction"] == "Japan on Russia"),
                      "measures"].item() == 2
    assert counts.loc[counts["year"] == 2018, "measures"].sum() == 0
    assert sanctions.key_figures(frame, 2026)["n-japan-2022"] == 2


def test_opinion_series_and_break():
    frame = pd.DataFrame({
        "survey": pd.Categorical(["cao-gaiko"] * 3 + ["levada"]),
        "round": ["FY2016 (H28)", "FY2021 (R3)", "FY2022 (R4)", "2018-11"],
        "year": pd.array([2016, 2021, 2022, 2018], dtype="Int64"),
        "measure": pd.Categorical(["affinity"] * 3 + ["positive view of Japan"]),
        "share": [19.3, 13.1, 5.0, 61.0],
        "method": pd.Categorical(["interview", "mail", "mail", None]),
        "series_break": pd.array([False, True, False, False], dtype="boolean"),
        "source": ["k"] * 4,
    })
    assert opinion.break_year(frame, 2026) == 2021 and opinion.break_year(frame, 2020) is None
    figures = opinion.key_figures(frame, 2026)
    assert figures["last-interview-share"] == "19.3" and figures["low-mail-share"] == "5.0"
    assert (figures["last-mail-round"], figures["last-mail-share"]) == ("FY2022 (R4)", "5.0")
    assert opinion.key_figures(frame, 2021)["last-mail-share"] == "13.1"
    assert figures["levada-positive"] == "61"
    assert len(opinion.affinity_frame(frame, 2026)) == 3


def test_alignments_membership_matrix():
    frame = pd.DataFrame({
        "milestone_id": ["a", "b", "c"],
        "date": pd.to_datetime(["2017-11-12", "2021-03-12", "2024-06-19"]),
        "grouping": ["Quad", "Quad", "Russia–DPRK"],
        "members": ["Australia; India; Japan; United States"] * 2 + ["North Korea; Russia"],
        "side": pd.Categorical(["us-partners", "us-partners", "russia-partners"]),
        "milestone": pd.Categorical(["revival", "summit", "treaty-signed"]),
    })
    matrix = alignments.membership(frame, 2026)
    assert len(matrix) == 6 and set(matrix["side"]) == {"United States and partners",
                                                         "Russia and partners"}
    assert alignments.key_figures(frame, 2026) == {"n-groupings-japan": 1, "n-quad-summits": 1,
                                                   "n-milestones": 3}
    assert len(alignments.membership(frame, 2020)) == 4


def test_the_book_data_gives_figures_at_every_cutoff():
    """Each helper copes with a period before its data begins."""
    data = {name: load(name) for name in ["defence_budget", "defence_plans", "milex",
                                          "scrambles", "exercises", "alignments",
                                          "sanctions", "trade", "energy", "opinion"]}
    for year in (1855, 2013, 2022, 2026):
        defence.key_figures(data["defence_budget"], data["defence_plans"], year)
        milex.key_figures(data["milex"], year)
        scrambles.key_figures(data["scrambles"], year)
        exercises.key_figures(data["exercises"], year)
        alignments.key_figures(data["alignments"], year)
        sanctions.key_figures(data["sanctions"], year)
        trading.key_figures(data["trade"], data["energy"], year)
        opinion.key_figures(data["opinion"], year)
    assert trading.trade_frame(data["trade"], 2026)["jpy_trillion"].notna().all()


def test_chapter_3_charts_render(tmp_path):
    charts.setup()
    data = load("opinion")
    frame = opinion.affinity_frame(data, 2026)
    spec = charts.opinion_chart(frame, opinion.break_year(data, 2026), title="T",
                                description="D").to_dict()
    layers = spec["layer"]
    assert any(layer.get("mark", {}).get("type") == "rule" for layer in layers)
    lines = [layer for layer in layers if layer.get("mark", {}).get("type") == "line"]
    assert lines and lines[0]["encoding"]["detail"]["field"] == "method"  # not joined
    budget = defence.budget_frame(load("defence_budget"), 2026)
    bars = charts.budget_chart(budget, list(defence.DEFINITIONS.values()), title="T",
                               description="D").to_dict()
    assert bars["encoding"]["opacity"]["condition"]["test"] == "datum.not_published"
    assert charts.mimebundle(bars)["image/png"]


def test_energy_description_names_lanes_and_span():
    frame = pd.DataFrame({"date": ["2022-06-30", "2022-10-07", "2025-12-17"],
                          "when": ["30 June 2022", "7 October 2022", "17 December 2025"],
                          "project": ["Sakhalin-2", "Sakhalin-1", "Sakhalin-2"],
                          "event": ["decree", "decree", "licence"], "source": ["k"] * 3})
    text = trading.energy_description(frame)
    assert "Sakhalin-1: 1; Sakhalin-2: 2" in text and text.count("2022") == 1
    assert text.endswith("from 30 June 2022 to 17 December 2025; hover over a point for the event.")
    assert "licence" not in text  # event text (which may name later deadlines) stays out
    assert "no event" in trading.energy_description(frame.iloc[0:0])


def test_plan_spans_stack_overlapping_plans_and_put_targets_above():
    plans = pd.DataFrame({
        "plan_id": ["mtdp-2014-2018", "mtdp-2019-2023", "dbp-2023-2027", "gdp-2pct-target"],
        "name": ["Mid-Term Defense Program (FY2014-FY2018)", "Mid-Term Defense Program",
                 "Defense Buildup Program", "2 percent target"],
        "start_fy": [2014, 2019, 2023, 2027], "end_fy": [2018, 2023, 2027, 2027],
        "total_jpy_trillion": [24.67, 27.47, 43.0, None],
        "basis": ["FY2013 prices; x", "FY2018 prices; y", "nominal yen; z", "GDP"],
        "announced": pd.to_datetime(["2013-12-17", "2018-12-18", "2022-12-16", "2022-12-16"]),
    })
    spans = defence.plan_spans(plans, 2026)
    assert spans["row"].tolist() == [0, 0, 1, 2]  # 2019-23 and 2023-27 overlap in FY2023
    assert spans["label"].iloc[2] == "DBP FY2023–27: 43 tn yen (nominal yen)"
    assert spans["label"].iloc[3] == "2 % of GDP target (with related spending) for FY2027"
    assert defence.plan_spans(plans, 2020)["label"].tolist()[-1].startswith("MTDP FY2019")
    assert defence.plan_spans(plans, 2012).empty
    budget = defence.budget_frame(pd.DataFrame({
        "fiscal_year": pd.array([2023], dtype="Int64"), "excl_jpy_100m": pd.array([66001]),
        "incl_jpy_100m": pd.array([68219]), "status": pd.Categorical(["published"])}), 2026)
    assert "DBP FY2023–27" in defence.budget_description(budget, spans)
    chart = charts.budget_chart(budget, list(defence.DEFINITIONS.values()), plans=spans,
                                title="T", description="D").to_dict()
    assert len(chart["layer"]) == 5 and chart["description"] == "D"
    assert charts.mimebundle(chart)["image/png"]
