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
from pathlib import Path
from typing import Any

import shapely
import shapely.errors
import shapely.geometry
import shapely.validation

from analysis.data.package import DataPackage
from analysis.data.problems import DataValidationError, Problem
from analysis.data.reads import record_read
from analysis.data.rules import layer_problems
from analysis.data.sources import Bibliography, split_sources
from analysis.data.tables import FORBIDDEN_CHARACTERS, MAX_TEXT

__all__ = ["load_layer", "load_layer_from"]

#: Longitude and latitude limits every coordinate must respect.
_LIMITS = ((-180.0, 180.0), (-90.0, 90.0))
#: How deeply each geometry type nests its positions (a position is [lon, lat]).
_DEPTH = {"Point": 0, "LineString": 1, "MultiPoint": 1, "Polygon": 2, "MultiLineString": 2,
          "MultiPolygon": 3}
#: The geometry types whose validity shapely can judge (rings closed, no self-intersection).
_AREAS = {"Polygon", "MultiPolygon"}


def _coordinate_problem(coordinates: Any, depth: int) -> str | None:
    """What is wrong with a coordinates array of the given nesting depth, or None."""
    if depth == 0:
        if not (isinstance(coordinates, list) and len(coordinates) in (2, 3)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        for v in coordinates)):
            return "every position must be a list of two numbers: longitude, latitude"
        if not all(math.isfinite(v) and lo <= v <= hi
                   for v, (lo, hi) in zip(coordinates[:2], _LIMITS, strict=True)):
            return "coordinates must be longitude, latitude in degrees"
        return None
    if not isinstance(coordinates, list) or not coordinates:
        return "coordinates must be non-empty nested lists of positions"
    for part in coordinates:
        problem = _coordinate_problem(part, depth - 1)
        if problem:
            return problem
    return None


def _geometry_problems(geometry: Any, number: int, path: Path, allowed: list[str]
                       ) -> list[Problem]:
    if not isinstance(geometry, dict):
        return [Problem(path, number, "geometry", None, "the geometry must be a JSON object")]
    kind = geometry.get("type")
    if kind not in allowed or kind not in _DEPTH:
        return [Problem(path, number, "geometry", kind,
                        f"geometry type must be one of {allowed}")]
    problem = _coordinate_problem(geometry.get("coordinates"), _DEPTH[kind])
    if problem:
        return [Problem(path, number, "geometry", kind, problem)]
    try:
        shape = shapely.geometry.shape(geometry)
    except (ValueError, TypeError, shapely.errors.ShapelyError) as exc:
        return [Problem(path, number, "geometry", kind, f"the geometry must be valid ({exc})")]
    if kind in _AREAS and not shape.is_valid:
        return [Problem(path, number, "geometry", kind, "the geometry must be valid: "
                        f"{shapely.validation.explain_validity(shape).replace('[', ' at [')}")]
    return []


def _feature_problems(feature: Any, number: int, path: Path, schema: dict,
                      bib: Bibliography | None) -> list[Problem]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [Problem(path, number, None, None, "every element must be a GeoJSON Feature")]
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return [Problem(path, number, "properties", None, "properties must be a JSON object")]
    problems = []
    for name in schema["properties"]:
        value = properties.get(name)
        if value in (None, ""):
            problems.append(Problem(path, number, name, None, "required property is missing"))
        elif not isinstance(value, (str, int)) or isinstance(value, bool):
            problems.append(Problem(path, number, name, value,
                                    "the property must be text or a whole number"))
        elif isinstance(value, str) and FORBIDDEN_CHARACTERS.search(value):
            problems.append(Problem(path, number, name, value[:80], "text must not hold "
                                    "control or bidirectional-override characters"))
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            problems.append(Problem(path, number, name, f"{value[:40]}…",
                                    f"must be at most {MAX_TEXT} characters long"))
    problems += _geometry_problems(feature.get("geometry"), number, path,
                                   schema["geometryTypes"])
    if bib is not None and isinstance(properties.get("source"), str):
        for key in split_sources(properties["source"]):
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
        collection = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DataValidationError(
            Problem(path, None, None, None, f"must be a readable UTF-8 GeoJSON file ({exc})")
        ) from exc
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection" \
            or not isinstance(features, list) or not features:
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
    if not problems:
        problems = layer_problems(name, features, path)
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
