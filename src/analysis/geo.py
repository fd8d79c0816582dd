"""Map layers of the data package (GeoJSON under ``data/geo/``) and pure helpers for the map.

A map layer is a resource of ``datapackage.json`` with ``"format": "geojson"`` and a small
schema of our own: the feature ``properties`` every feature must carry and the geometry
types it may have. :func:`load_layer` checks a layer as :func:`analysis.data.load` checks a
table and reports the first problem the same way (file, feature as "row", property as
"column", value, rule); a feature's ``source`` property must resolve in ``references.bib``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data import (
    DataValidationError,
    Problem,
    bib_keys,
    resolve_paths,
    resource_entry,
    resource_names,
    split_sources,
)

__all__ = [
    "LABEL_OFFSET",
    "boundary_table",
    "island_labels",
    "layer_names",
    "load_layer",
    "place_labels",
    "share_of_area",
]

#: Where island labels sit relative to each centroid (degrees east, degrees north): to the
#: south-east, in open water, so that the small islands stay visible under their names.
LABEL_OFFSET = (0.17, -0.17)
#: Label positions of the reference places on the overview map (presentation only).
_PLACES = [("Hokkaido", 142.8, 43.5), ("Sakhalin", 142.6, 49.0), ("Kamchatka", 155.3, 51.35)]

#: Longitude and latitude limits every coordinate must respect.
_LIMITS = ((-180.0, 180.0), (-90.0, 90.0))


def layer_names(data_dir: str | Path | None = None) -> list[str]:
    """Names of the map layers (GeoJSON resources) of the data package, in file order."""
    return resource_names(data_dir, fmt="geojson")


def _positions(coordinates: Any):
    """Every [lon, lat] position of a GeoJSON coordinates array, however deeply nested."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
        return
    for part in coordinates:
        yield from _positions(part)


def _feature_problems(feature: Any, number: int, path: Path, schema: dict,
                      keys: frozenset[str]) -> list[Problem]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [Problem(path, number, None, None, "every element must be a GeoJSON Feature")]
    problems = []
    properties = feature.get("properties") or {}
    for name in schema["properties"]:
        if properties.get(name) in (None, ""):
            problems.append(Problem(path, number, name, None, "required property is missing"))
    geometry = feature.get("geometry") or {}
    kind = geometry.get("type")
    if kind not in schema["geometryTypes"]:
        problems.append(Problem(path, number, "geometry", kind,
                                f"geometry type must be one of {schema['geometryTypes']}"))
        return problems
    for lon, lat, *_ in _positions(geometry.get("coordinates") or []):
        if not all(math.isfinite(v) and lo <= v <= hi
                   for v, (lo, hi) in zip((lon, lat), _LIMITS, strict=True)):
            problems.append(Problem(path, number, "geometry", [lon, lat],
                                    "coordinates must be longitude, latitude in degrees"))
            break
    for key in split_sources(properties.get("source", "")):
        if key not in keys:
            problems.append(Problem(path, number, "source", key,
                                    "every source key must resolve in references.bib"))
    return problems


def load_layer(name: str, data_dir: str | Path | None = None,
               bib_path: str | Path | None = None) -> dict[str, Any]:
    """Validate map layer ``name`` and return it as a GeoJSON FeatureCollection (a dict).

    Features are numbered from 1 in error messages ("row 3" is the third feature).

    Raises
    ------
    DataValidationError
        On the first problem found, naming file, feature, property, value and rule.
    """
    data_dir, bib_path = resolve_paths(data_dir, bib_path)
    resource = resource_entry(data_dir, name, fmt="geojson")
    path = data_dir / resource["path"]
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            Problem(path, None, None, None, f"must be a readable UTF-8 GeoJSON file ({exc})")
        ) from exc
    features = collection.get("features") if isinstance(collection, dict) else None
    if collection.get("type") != "FeatureCollection" or not features:
        raise DataValidationError(
            Problem(path, None, None, None, "must be a non-empty GeoJSON FeatureCollection"))
    schema = resource["geojsonSchema"]
    keys = bib_keys(bib_path) if "source" in schema["properties"] else frozenset()
    problems = [p for number, feature in enumerate(features, start=1)
                for p in _feature_problems(feature, number, path, schema, keys)]
    identifier = schema.get("primaryKey")
    if identifier and not problems:
        seen: set[Any] = set()
        for number, feature in enumerate(features, start=1):
            value = feature["properties"][identifier]
            if value in seen:
                problems.append(Problem(path, number, identifier, value, "must be unique"))
            seen.add(value)
    if problems:
        raise DataValidationError(problems[0], count=len(problems))
    return collection


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
        table = table[table["year"] <= end_year]
    return table.sort_values("year").reset_index(drop=True)


def share_of_area(islands: pd.DataFrame, ids: list[str], column: str = "area_km2") -> float:
    """Percentage of the total of ``column`` that the islands ``ids`` make up."""
    unknown = set(ids) - set(islands["island_id"])
    if unknown:
        raise ValueError(f"unknown island ids: {sorted(unknown)}")
    total = float(islands[column].sum())
    part = float(islands.loc[islands["island_id"].isin(ids), column].sum())
    return 100.0 * part / total


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
