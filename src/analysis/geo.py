"""Map geometry for the islands map: which boundary lines a chapter shows, where labels
and the scale bar go, and the map's title and alt text. The layers themselves are loaded
and validated by the Load room (:func:`analysis.data.load_layer`)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.window import up_to

__all__ = [
    "CONTROL_LINE",
    "LABEL_OFFSET",
    "SCALE_BAR",
    "boundary_features",
    "boundary_table",
    "control_line",
    "detail_title",
    "island_labels",
    "map_description",
    "map_title",
    "place_labels",
    "scale_bar",
]

#: Where island labels sit relative to each centroid (degrees east, degrees north): to the
#: south-east, in open water, so that the small islands stay visible under their names.
LABEL_OFFSET = (0.17, -0.17)
#: Label positions of the reference places on the overview map (presentation only).
_PLACES = [("Hokkaido", 142.8, 43.5), ("Sakhalin", 142.6, 49.0), ("Kamchatka", 155.3, 51.35)]
#: The boundary id of the line of control (drawn dashed on the detail map).
CONTROL_LINE = "1945"
#: Kilometres per degree of latitude (and of longitude at the equator).
KM_PER_DEGREE = 111.32
#: Where the detail map's scale bar starts (lon, lat) and how long it is (km).
SCALE_BAR = (147.6, 43.3, 50)


def boundary_table(boundaries: dict[str, Any], end_year: int | None = None) -> pd.DataFrame:
    """One row per boundary line of the ``boundaries`` layer, oldest first.

    Columns: ``boundary_id`` (the year as text), ``year`` (int), ``label``, ``source``.
    Lines drawn after ``end_year`` are left out, so a book cut at 1900 shows 1855 and 1875.
    """
    rows = [
        {"boundary_id": f["properties"]["boundary_id"],
         "year": int(f["properties"]["boundary_id"]),
         "label": f["properties"]["label"],
         "source": f["properties"]["source"]}
        for f in boundaries["features"]
    ]
    table = pd.DataFrame(rows, columns=["boundary_id", "year", "label", "source"])
    if end_year is not None:
        table = up_to(table, end_year)
    return table.sort_values("year").reset_index(drop=True)


def boundary_features(boundaries: dict[str, Any], end_year: int) -> list[dict[str, Any]]:
    """The features of the lines drawn up to ``end_year``, oldest first."""
    shown = list(boundary_table(boundaries, end_year)["boundary_id"])
    by_id = {f["properties"]["boundary_id"]: f for f in boundaries["features"]}
    return [by_id[b] for b in shown]


def control_line(lines: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The line of control among ``lines``, or ``None`` if it is not drawn."""
    return next((f for f in lines if f["properties"]["boundary_id"] == CONTROL_LINE), None)


def island_labels(islands: pd.DataFrame) -> pd.DataFrame:
    """Map labels for the island groups: the English, Japanese and Russian names on three
    lines, placed at the centroid moved by :data:`LABEL_OFFSET`."""
    dx, dy = LABEL_OFFSET
    return pd.DataFrame({
        "lon": islands["centroid_lon"].astype(float) + dx,
        "lat": islands["centroid_lat"].astype(float) + dy,
        "label": (islands["name_en"].astype(str) + "\n" + islands["name_ja"].astype(str)
                  + "\n" + islands["name_ru"].astype(str)),
    }).reset_index(drop=True)


def place_labels() -> pd.DataFrame:
    """Labels of the reference places on the overview map (Hokkaido, Sakhalin, Kamchatka)."""
    return pd.DataFrame(_PLACES, columns=["label", "lon", "lat"])[["lon", "lat", "label"]]


def scale_bar(lon: float = SCALE_BAR[0], lat: float = SCALE_BAR[1],
              km: int = SCALE_BAR[2]) -> pd.DataFrame:
    """End points of a ``km``-long east–west scale bar starting at (lon, lat)."""
    span = km / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    return pd.DataFrame({"lon": [lon, lon + span], "lat": [lat, lat],
                         "label": [f"{km} km", f"{km} km"]})


def _years_in_words(years: list[int]) -> str:
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def map_title(shown: pd.DataFrame) -> str:
    """Title of the islands map for the boundary lines it shows."""
    if shown.empty:
        return "Hokkaido to Kamchatka: the region before the first boundary treaty"
    return f"Hokkaido to Kamchatka: the boundaries of {_years_in_words(list(shown['year']))}"


def detail_title(shown: pd.DataFrame) -> str:
    """Title of the detail panel: it names the dashed line only when it is drawn."""
    if CONTROL_LINE in set(shown["boundary_id"]):
        return "The four island groups (dashed: line of control since 1945)"
    return "The four island groups"


def map_description(shown: pd.DataFrame) -> str:
    """Alt text of the islands map, from the boundary lines it shows (their labels)."""
    lines = "; ".join(shown["label"]) if not shown.empty else "no boundary line yet"
    control = " with the line of control dashed" if CONTROL_LINE in set(
        shown["boundary_id"]) else ""
    return (
        "Map of Hokkaido, Sakhalin, the Kuril chain and southern Kamchatka with coloured, "
        f"schematic strokes for the boundary lines: {lines}. A detail map below labels "
        "Etorofu, Kunashiri, Shikotan and the Habomai islands in English, Japanese and "
        f"Russian{control}, and shows a 50 km scale bar."
    )
