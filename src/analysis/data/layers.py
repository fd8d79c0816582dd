"""Load the map layers (GeoJSON resources under ``data/geo/``) as validated dicts.

A map layer is a resource of ``datapackage.json`` with ``"format": "geojson"`` and a small
schema of our own (``geojsonSchema``): the feature ``properties`` every feature must carry
and the geometry types it may have. :func:`load_layer` checks a layer as
:func:`~analysis.data.load` checks a table and reports the first problem the same way
(file, feature as "row", property as "column", value, rule); a feature's ``source``
property must resolve in ``references.bib``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analysis.data.package import DataPackage
from analysis.data.problems import DataValidationError, Problem
from analysis.data.reads import record_read
from analysis.data.sources import Bibliography, split_sources

__all__ = ["load_layer", "load_layer_from"]

#: Longitude and latitude limits every coordinate must respect.
_LIMITS = ((-180.0, 180.0), (-90.0, 90.0))


def _positions(coordinates: Any) -> Iterator[list[float]]:
    """Every [lon, lat] position of a GeoJSON coordinates array, however deeply nested."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
        return
    for part in coordinates:
        yield from _positions(part)


def _feature_problems(feature: Any, number: int, path: Path, schema: dict,
                      bib: Bibliography | None) -> list[Problem]:
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
    if bib is not None:
        for key in split_sources(properties.get("source", "")):
            if key not in bib.tiers:
                problems.append(Problem(path, number, "source", key,
                                        "every source key must resolve in references.bib"))
    return problems


def load_layer_from(package: DataPackage, name: str) -> dict[str, Any]:
    """Validate map layer ``name`` of an opened :class:`DataPackage` and return it."""
    resource = package.entry(name, fmt="geojson")
    path = package.path_of(resource)
    try:
        record_read(path)
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(
            Problem(path, None, None, None, f"must be a readable UTF-8 GeoJSON file ({exc})")
        ) from exc
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection" \
            or not features:
        raise DataValidationError(
            Problem(path, None, None, None, "must be a non-empty GeoJSON FeatureCollection"))
    schema = resource["geojsonSchema"]
    bib = package.bibliography if "source" in schema["properties"] else None
    problems = [p for number, feature in enumerate(features, start=1)
                for p in _feature_problems(feature, number, path, schema, bib)]
    identifier = schema.get("primaryKey")
    if identifier and not problems:
        seen: set[Any] = set()
        for number, feature in enumerate(features, start=1):
            value = feature["properties"][identifier]
            if value in seen:
                problems.append(Problem(path, number, identifier, value, "must be unique"))
            seen.add(value)
    if problems:
        raise DataValidationError.first_of(problems)
    return collection


def load_layer(name: str, data_dir: str | Path | None = None,
               bib_path: str | Path | None = None) -> dict[str, Any]:
    """Validate map layer ``name`` and return it as a GeoJSON FeatureCollection (a dict).

    Features are numbered from 1 in error messages ("row 3" is the third feature).

    Raises
    ------
    DataValidationError
        On the first problem found, naming file, feature, property, value and rule.
    """
    return load_layer_from(DataPackage(data_dir, bib_path), name)
