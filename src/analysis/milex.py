"""Military expenditure (SIPRI): indexed series so that countries of very different size
can be compared, and the figures chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.window import up_to

__all__ = ["BASE_YEAR", "COUNTRIES", "base_year", "indexed", "key_figures", "milex_description"]

#: Reader-facing names, in the order the chart lists them.
COUNTRIES = {"JPN": "Japan", "RUS": "Russia", "CHN": "China", "USA": "United States",
             "KOR": "South Korea"}
#: The year every series is indexed to (= 100).
BASE_YEAR = 2012


def indexed(milex: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Per country and year up to ``end_year``: spending at constant prices indexed to
    :data:`BASE_YEAR` = 100, the share of GDP, and whether SIPRI marks it an estimate."""
    shown = up_to(milex, end_year)
    if shown.empty:
        return pd.DataFrame(columns=["country", "year", "index", "usd_bn", "gdp_share_pct",
                                     "estimate"])
    at_base = milex[milex["year"] == BASE_YEAR]
    base = at_base.set_index(at_base["country"].astype(str))
    out = pd.DataFrame({
        "country": shown["country"].astype(str).map(COUNTRIES),
        "year": shown["year"].astype(int),
        "index": [100 * float(v) / float(base.loc[c, "constant_2022_usd_m"])
                  for c, v in zip(shown["country"].astype(str), shown["constant_2022_usd_m"],
                                  strict=True)],
        "usd_bn": shown["constant_2022_usd_m"].astype(float) / 1000,
        "gdp_share_pct": shown["gdp_share_pct"].astype(float),
        "estimate": shown["sipri_flag"].astype(str) != "none",
    })
    return out.round({"index": 1, "usd_bn": 1}).reset_index(drop=True)


def base_year(frame: pd.DataFrame) -> int | None:
    """The index's base year for an :func:`indexed` frame, or ``None`` when it shows no
    year (a chart then does not name a year after the cut-off)."""
    return None if frame.empty else BASE_YEAR


def key_figures(milex: pd.DataFrame, end_year: int) -> dict[str, object]:
    """Growth since the base year and shares of GDP in the last year shown."""
    frame = indexed(milex, end_year)
    figures: dict[str, object] = dict.fromkeys(
        ["last-year", "jpn-growth", "rus-growth", "chn-growth", "jpn-gdp", "rus-gdp",
         "rus-growth-since-2021"])
    if frame.empty:
        return figures
    last = int(frame["year"].max())
    at = frame[frame["year"] == last].set_index("country")
    figures["last-year"] = last
    for code, name in (("jpn", "Japan"), ("rus", "Russia"), ("chn", "China")):
        figures[f"{code}-growth"] = text.percent(at.loc[name, "index"] - 100)
    figures["jpn-gdp"] = f"{at.loc['Japan', 'gdp_share_pct']:.1f}"
    figures["rus-gdp"] = f"{at.loc['Russia', 'gdp_share_pct']:.1f}"
    russia = frame[frame["country"] == "Russia"].set_index("year")
    if 2021 in russia.index and last > 2021:
        figures["rus-growth-since-2021"] = text.percent(
            100 * (russia.loc[last, "usd_bn"] / russia.loc[2021, "usd_bn"] - 1))
    return figures


def milex_description(frame: pd.DataFrame) -> str:
    """Alt text of the indexed chart."""
    if frame.empty:
        return "Line chart of military expenditure: no SIPRI figure in this period."
    last = int(frame["year"].max())
    at = frame[frame["year"] == last].sort_values("index", ascending=False)
    ranking = ", ".join(f"{r.country} {r.index:.0f}" for r in at.itertuples())
    return (f"Lines of military expenditure at constant prices, indexed to {BASE_YEAR} = 100, "
            f"for five countries, {int(frame['year'].min())}–{last}. In {last}: {ranking}.")
