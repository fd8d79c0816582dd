"""The book's cross-row rules: what the chapters rely on beyond each cell's schema.

A chapter must never be the first to discover a data error. Every rule a chapter relies on
is checked here, at load, and reported like any other problem (file, row, column, value,
rule in words): the rows the chapters name by key, the numbering of the Abe–Putin meetings,
the exchange totals the text quotes, dates stored as their precision says, boundary ids that
are years, the land areas the map draws.

The rows the chapters quote are listed here once, and the domain modules take them from
here (``analysis.events.TURNING_POINTS``, ``analysis.exchanges.QUOTED_TOTALS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data.problems import Problem

__all__ = [
    "ISLAND_IDS",
    "LAND_FEATURES",
    "QUOTED_EVENTS",
    "QUOTED_EXCHANGES",
    "layer_problems",
    "table_problems",
]

#: The events the history chapter labels on its score chart (event id → label).
QUOTED_EVENTS: dict[str, str] = {
    "1855-shimoda": "Shimoda 1855",
    "1904-war-begins": "War 1904",
    "1916-alliance": "Alliance 1916",
    "1945-soviet-declaration-of-war": "War 1945",
    "1956-joint-declaration-signed": "Joint Declaration 1956",
    "1993-tokyo-declaration": "Tokyo Declaration 1993",
    "2016-nagato-tokyo-summit": "Nagato 2016",
    "2022-russia-suspends-peace-talks": "Talks ended 2022",
}
#: The four island groups, each of which the islands table must describe.
ISLAND_IDS = ("etorofu", "kunashiri", "shikotan", "habomai")
#: The cumulative exchange totals the dispute chapter quotes:
#: glue name → (programme, year, direction).
QUOTED_EXCHANGES: dict[str, tuple[str, int, str]] = {
    "visa-free-2013": ("visa-free", 2013, "both"),
    "free-visit-2019": ("free-visit", 2019, "japan-to-islands"),
    "grave-visit-2017": ("grave-visit", 2017, "japan-to-islands"),
}
#: The land areas the map draws: Japan, Russia and the four island groups.
LAND_FEATURES = ("japan", "russia", *ISLAND_IDS)


def _required_keys(frame: pd.DataFrame, path: Path, column: str,
                   keys: tuple[str, ...] | list[str], what: str) -> list[Problem]:
    present = set(frame[column].astype(str))
    return [Problem(path, None, column, key, f"the book needs this {what}: a row with "
                    f"{column} {key!r} must exist")
            for key in keys if key not in present]


def _precise_dates(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """A date known to the month is stored as its first day; to the year, as 1 January."""
    problems = []
    for index, (date, precision) in enumerate(zip(frame["date"], frame["date_precision"],
                                                  strict=True)):
        if (precision == "month" and date.day != 1) or (
                precision == "year" and (date.month, date.day) != (1, 1)):
            problems.append(Problem(path, index + 2, "date", date.strftime("%Y-%m-%d"),
                                    f"a date known only to the {precision} must be stored "
                                    f"as the first day of that {precision}"))
    return problems


def _events(frame: pd.DataFrame, path: Path) -> list[Problem]:
    return (_precise_dates(frame, path)
            + _required_keys(frame, path, "event_id", list(QUOTED_EVENTS), "event"))


def _islands(frame: pd.DataFrame, path: Path) -> list[Problem]:
    problems = _required_keys(frame, path, "island_id", ISLAND_IDS, "island group")
    extra = sorted(set(frame["island_id"].astype(str)) - set(ISLAND_IDS))
    problems += [Problem(path, None, "island_id", key,
                         f"the islands table holds exactly the four groups: {ISLAND_IDS}")
                 for key in extra]
    return problems


def _negotiations(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """The Abe–Putin meetings are numbered 1, 2, 3 … in date order (MOFA's count)."""
    problems = _precise_dates(frame, path)
    numbered = frame.dropna(subset=["abe_putin_meeting"]).sort_values("date", kind="stable")
    for expected, (index, number) in enumerate(numbered["abe_putin_meeting"].items(), start=1):
        if int(number) != expected:
            problems.append(Problem(path, int(index) + 2, "abe_putin_meeting", int(number),
                                    f"the Abe–Putin meetings must be numbered 1, 2, 3 … in "
                                    f"date order: this one, number {expected} by date, "
                                    f"says {int(number)}"))
            break
    return problems


def _exchanges(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """Each total the text quotes is one cumulative row."""
    problems = []
    for programme, year, direction in QUOTED_EXCHANGES.values():
        rows = frame[(frame["programme"].astype(str) == programme) & (frame["year"] == year)
                     & (frame["direction"].astype(str) == direction)
                     & (frame["kind"].astype(str) == "cumulative")]
        if len(rows) != 1:
            problems.append(Problem(path, None, "programme, year, direction, kind",
                                    f"{programme}, {year}, {direction}, cumulative",
                                    "the book quotes this total: exactly one such row must "
                                    f"exist (found {len(rows)})"))
    return problems


#: An equation in a derived row's ``arithmetic``: ``46804 - 351 = 46453``.
_EQUATION = re.compile(r"(\d+)\s*([+-])\s*(\d+)\s*=\s*(\d+)")


def _defence_budget(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """A derived figure shows its arithmetic, the arithmetic is right, and it gives the
    figure in the row."""
    problems = []
    for index, row in frame.iterrows():
        if row["status"] != "derived":
            continue
        text = "" if pd.isna(row["arithmetic"]) else str(row["arithmetic"])
        equations = _EQUATION.findall(text)
        values = {int(row["excl_jpy_100m"]), int(row["incl_jpy_100m"])}
        if not equations:
            problems.append(Problem(path, int(index) + 2, "arithmetic", text or None,
                                    "a derived figure must show its arithmetic (a - b = c)"))
        for a, op, b, c in equations:
            result = int(a) + int(b) if op == "+" else int(a) - int(b)
            if result != int(c) or int(c) not in values:
                problems.append(Problem(path, int(index) + 2, "arithmetic", f"{a} {op} {b} = {c}",
                                        "the arithmetic must be right and give a figure of the "
                                        "row"))
    return problems


def _scrambles(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """Where China, Russia and other are all given, they add up to the total."""
    problems = []
    for index, row in frame.iterrows():
        parts = [row["china"], row["russia"], row["other"]]
        if not any(pd.isna(p) for p in parts) and sum(int(p) for p in parts) != int(row["total"]):
            problems.append(Problem(path, int(index) + 2, "total", int(row["total"]),
                                    "must equal china + russia + other "
                                    f"({' + '.join(str(int(p)) for p in parts)})"))
    return problems


def _exercises(frame: pd.DataFrame, path: Path) -> list[Problem]:
    return [Problem(path, int(index) + 2, "end_date", row["end_date"].strftime("%Y-%m-%d"),
                    "must not be before start_date")
            for index, row in frame.iterrows()
            if not pd.isna(row["end_date"]) and row["end_date"] < row["start_date"]]


def _milex(frame: pd.DataFrame, path: Path) -> list[Problem]:
    """One release, and every country in every year (a complete panel)."""
    years = set(frame["year"].astype(int))
    problems = []
    for country, group in frame.groupby(frame["country"].astype(str)):
        missing = sorted(years - set(group["year"].astype(int)))
        if missing:
            problems.append(Problem(path, None, "year", missing[0],
                                    f"every country needs every year: {country} lacks it"))
    return problems


TABLE_RULES: dict[str, Callable[[pd.DataFrame, Path], list[Problem]]] = {
    "events": _events,
    "islands": _islands,
    "negotiations": _negotiations,
    "exchanges": _exchanges,
    "defence_budget": _defence_budget,
    "scrambles": _scrambles,
    "exercises": _exercises,
    "milex": _milex,
}


def table_problems(name: str, frame: pd.DataFrame, path: Path) -> list[Problem]:
    """The cross-row problems of a typed table (none for a table without such rules)."""
    rule = TABLE_RULES.get(name)
    return rule(frame, path) if rule else []


def _boundaries(features: list[dict[str, Any]], path: Path) -> list[Problem]:
    problems = []
    for number, feature in enumerate(features, start=1):
        value = str(feature["properties"].get("boundary_id"))
        if not (len(value) == 4 and value.isdigit()):
            problems.append(Problem(path, number, "boundary_id", value,
                                    "must be the year of the settlement, four digits"))
    return problems


def _land(features: list[dict[str, Any]], path: Path) -> list[Problem]:
    ids = [str(f["properties"].get("feature_id")) for f in features]
    return [Problem(path, None, "feature_id", key,
                    "the map needs this area: a feature with this feature_id must exist")
            for key in LAND_FEATURES if key not in ids]


LAYER_RULES: dict[str, Callable[[list[dict[str, Any]], Path], list[Problem]]] = {
    "boundaries": _boundaries,
    "land": _land,
}


def layer_problems(name: str, features: list[dict[str, Any]], path: Path) -> list[Problem]:
    """The cross-feature problems of a map layer (none for a layer without such rules)."""
    rule = LAYER_RULES.get(name)
    return rule(features, path) if rule else []
