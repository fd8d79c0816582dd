"""Japanese affinity toward Russia (Cabinet Office survey on diplomacy): the series with
its change of method shown as a break, and the figures chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis.window import up_to

__all__ = ["affinity_frame", "break_year", "key_figures", "opinion_description"]


def affinity_frame(opinion: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Rounds of the Cabinet Office survey up to ``end_year``: year, round, share feeling
    affinity, method (one line per method: rounds by interview and by mail are not
    joined)."""
    shown = up_to(opinion, end_year)
    shown = shown[(shown["survey"].astype(str) == "cao-gaiko")
                  & (shown["measure"].astype(str) == "affinity")]
    return pd.DataFrame({
        "year": shown["year"].astype(int),
        "round": shown["round"].astype(str),
        "share": shown["share"].astype(float),
        "method": shown["method"].astype(str).map(
            {"interview": "Interviews", "mail": "Mail questionnaires"}),
        "source": shown["source"].astype(str),
    }).sort_values("year").reset_index(drop=True)


def break_year(opinion: pd.DataFrame, end_year: int) -> int | None:
    """The year of the first round after the change of method, if shown."""
    shown = up_to(opinion, end_year)
    breaks = shown[shown["series_break"].astype(bool)]
    return int(breaks["year"].min()) if not breaks.empty else None


def key_figures(opinion: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The last interview round, the lowest and the last mail rounds and Levada's last
    reading."""
    frame = affinity_frame(opinion, end_year)
    figures: dict[str, object] = dict.fromkeys(
        ["last-interview-round", "last-interview-share", "low-mail-round", "low-mail-share",
         "last-mail-round", "last-mail-share", "levada-positive", "levada-year"])
    interview = frame[frame["method"] == "Interviews"]
    if not interview.empty:
        figures["last-interview-round"] = interview["round"].iloc[-1]
        figures["last-interview-share"] = f"{interview['share'].iloc[-1]:.1f}"
    mail = frame[frame["method"] == "Mail questionnaires"]
    if not mail.empty:
        low = mail.loc[mail["share"].idxmin()]
        figures["low-mail-round"] = low["round"]
        figures["low-mail-share"] = f"{low['share']:.1f}"
        figures["last-mail-round"] = mail["round"].iloc[-1]
        figures["last-mail-share"] = f"{mail['share'].iloc[-1]:.1f}"
    shown = up_to(opinion, end_year)
    levada = shown[(shown["survey"].astype(str) == "levada")
                   & (shown["measure"].astype(str) == "positive view of Japan")]
    if not levada.empty:
        last = levada.sort_values("year").iloc[-1]
        figures["levada-positive"] = f"{float(last['share']):.0f}"
        figures["levada-year"] = int(last["year"])
    return figures


def opinion_description(frame: pd.DataFrame, break_at: int | None) -> str:
    """Alt text of the affinity chart."""
    if frame.empty:
        return "Line chart of affinity toward Russia: no survey round in this period."
    parts = "; ".join(f"{r.round}: {r.share:.1f} %" for r in frame.itertuples())
    method = (" The survey switched from interviews to mail questionnaires in the FY2020 round, "
              f"before the {break_at} round shown, so the two lines are not joined."
              if break_at else "")
    return f"Share of Japanese feeling affinity toward Russia by survey round ({parts}).{method}"
