"""The islands dataset: names in three scripts, areas, residents, and the figures and
tidy frames chapter 2 shows (the islands table, the 1956 formula, the facts chart)."""

from __future__ import annotations

import pandas as pd

from analysis import text

__all__ = [
    "AREA_BASES",
    "JAPANESE_COUNT_YEAR",
    "TWO_ISLANDS",
    "area_frame",
    "facts_description",
    "key_figures",
    "names",
    "residents_frame",
    "share_of_area",
]

#: The two groups the 1956 Joint Declaration promised to hand over after a peace treaty.
TWO_ISLANDS = ("shikotan", "habomai")
#: Year of the Japanese residents' count (15 August 1945, Cabinet Office).
JAPANESE_COUNT_YEAR = 1945
#: The two survey bases of the islands' area (column → label).
AREA_BASES = {"area_km2": "current GSI basis", "area_km2_pre2014": "earlier GSI basis"}


def names(islands: pd.DataFrame) -> dict[str, str]:
    """``<island_id>-names`` → ``"択捉島 / Итуруп"`` (Japanese and Russian names)."""
    return {f"{row.island_id}-names": f"{row.name_ja} / {row.name_ru}"
            for row in islands.itertuples()}


def share_of_area(islands: pd.DataFrame, ids: list[str] | tuple[str, ...],
                  column: str = "area_km2") -> float:
    """Percentage of the total of ``column`` that the islands ``ids`` make up."""
    unknown = set(ids) - set(islands["island_id"])
    if unknown:
        raise ValueError(f"unknown island ids: {sorted(unknown)}")
    total = float(islands[column].sum())
    part = float(islands.loc[islands["island_id"].isin(ids), column].sum())
    return 100.0 * part / total


def _russian_count_year(islands: pd.DataFrame) -> int:
    return int(islands["population_ru_date"].dt.year.max())


def key_figures(islands: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The figures chapter 2 quotes about the islands (glue names → values). Residents'
    counts dated after ``end_year`` are ``None``."""
    japanese = JAPANESE_COUNT_YEAR <= end_year
    russian = _russian_count_year(islands) <= end_year
    figures: dict[str, object] = {}
    for row in islands.itertuples():
        figures[f"{row.island_id}-ja"] = row.name_ja
        figures[f"{row.island_id}-ru"] = row.name_ru
        figures[f"{row.island_id}-area"] = text.thousands(row.area_km2)
        figures[f"{row.island_id}-pop1945"] = text.thousands(row.population_1945) \
            if japanese else None
        figures[f"{row.island_id}-popru"] = text.thousands(row.population_ru) \
            if russian else None
    two = islands["island_id"].isin(TWO_ISLANDS)
    figures["share-two"] = f"{share_of_area(islands, TWO_ISLANDS):.1f}"
    figures["area-two"] = text.thousands(islands.loc[two, "area_km2"].sum())
    figures["pop-1945"] = text.thousands(islands["population_1945"].sum()) if japanese else None
    figures["pop-ru"] = text.thousands(islands["population_ru"].sum()) if russian else None
    figures["pop-ru-year"] = _russian_count_year(islands) if russian else None
    return figures


def _label(islands: pd.DataFrame) -> pd.Series:
    """``"Etorofu / 択捉島 / Итуруп"`` for each island, in table order."""
    return (islands["name_en"].astype(str) + " / " + islands["name_ja"].astype(str) + " / "
            + islands["name_ru"].astype(str))


def area_frame(islands: pd.DataFrame) -> pd.DataFrame:
    """Long table of areas: one row per island and survey basis (``name``, ``basis``,
    ``km2``), islands in table order, bases in :data:`AREA_BASES` order."""
    label = _label(islands)
    return pd.concat([
        pd.DataFrame({"name": label, "basis": basis,
                      "km2": islands[column].astype(int)})
        for column, basis in AREA_BASES.items()
    ], ignore_index=True)


def residents_frame(islands: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """Long table of residents (``name``, ``count``, ``people``): Japanese residents in 1945
    and the latest Russian count, each only if dated up to ``end_year``."""
    label = _label(islands)
    parts = []
    if JAPANESE_COUNT_YEAR <= end_year:
        parts.append(pd.DataFrame({"name": label, "count": "Japanese residents, 1945",
                                   "people": islands["population_1945"].astype(int)}))
    year = _russian_count_year(islands)
    if year <= end_year:
        parts.append(pd.DataFrame({"name": label, "count": f"Russian count, {year}",
                                   "people": islands["population_ru"].astype(int)}))
    if not parts:
        return pd.DataFrame({"name": pd.Series(dtype=str), "count": pd.Series(dtype=str),
                             "people": pd.Series(dtype=int)})
    return pd.concat(parts, ignore_index=True)


def facts_description(area: pd.DataFrame, residents: pd.DataFrame) -> str:
    """Alt text of the islands facts chart, computed from its two tables."""
    current = area[area["basis"] == AREA_BASES["area_km2"]].sort_values("km2")
    largest, smallest = current.iloc[-1], current.iloc[0]
    sentences = [
        "Bar charts with one row per island group, each named in English, Japanese and "
        "Russian. Area on both Japanese survey bases (current and earlier): the largest is "
        f"{largest['name']} ({text.thousands(largest['km2'])} km² on the current basis), "
        f"the smallest {smallest['name']} ({text.thousands(smallest['km2'])} km²)."
    ]
    for count, group in residents.groupby("count", sort=False):
        top = group.sort_values("people").iloc[-1]
        sentences.append(f"{count}: {text.thousands(group['people'].sum())} in all, most on "
                         f"{top['name']} ({text.thousands(top['people'])}).")
    if residents.empty:
        sentences.append("No residents' count is dated within this period.")
    return " ".join(sentences)
