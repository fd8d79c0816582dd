"""The book's parameters: their defaults (``params.yml``), their types, and their checks.

Every parameter means the same thing in ``make book``, in ``python -m analysis.build`` and
in a plain papermill run of one chapter. :func:`merge` applies overrides to the defaults
(unknown keys and wrong types are errors); :func:`check_years` checks ``end_year``
against the years the data cover. Both raise :class:`ParameterError` with a message that
names the parameter, the value and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analysis.data import PackageSummary, repo_root, resolve_data_dir

__all__ = ["SPEC", "ParameterError", "check_years", "defaults", "describe", "merge"]


class ParameterError(ValueError):
    """A parameter is unknown, of the wrong type, or outside the data."""


@dataclass(frozen=True)
class Spec:
    """What one parameter may hold."""

    types: tuple[type, ...]
    expected: str
    meaning: str


#: Every parameter of the book. ``bool`` is never accepted where a number is expected.
SPEC: dict[str, Spec] = {
    "end_year": Spec((int,), "a whole year such as 2000",
                     "last year of data shown in text, figures and tables"),
    "data_dir": Spec((str, type(None)), "a folder path, or null for the book's own data/",
                     "the data package; a relative path is taken from where you run the "
                     "command"),
}


def defaults(path: Path | None = None) -> dict[str, Any]:
    """The default parameters of every chapter (``params.yml`` at the repository root)."""
    path = path or repo_root() / "params.yml"
    params = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(params, dict):
        raise ParameterError(f"{path}: must be a mapping of parameter names to values")
    merge({}, params.items())  # the defaults themselves must be of the right types
    return params


def _check_type(key: str, value: Any) -> None:
    if key not in SPEC:
        raise ParameterError(f"unknown parameter {key!r}; the book's parameters are "
                             f"{sorted(SPEC)}")
    spec = SPEC[key]
    if isinstance(value, bool) or not isinstance(value, spec.types):
        raise ParameterError(f"parameter {key!r} must be {spec.expected}, got {value!r}")


def merge(base: dict[str, Any], overrides: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """``base`` updated by ``overrides`` (key, value pairs); each override is checked for
    a known key and the right type."""
    merged = dict(base)
    for key, value in overrides:
        _check_type(key, value)
        merged[key] = value
    return merged


def check_years(params: dict[str, Any], summary: PackageSummary) -> None:
    """``end_year`` must lie within the years the data cover."""
    end_year = params["end_year"]
    if not summary.first_year <= end_year <= summary.last_year:
        raise ParameterError(
            f"parameter 'end_year' is {end_year}, outside the data: the data package covers "
            f"{summary.first_year}–{summary.last_year}")


def describe(params: dict[str, Any], base: dict[str, Any]) -> list[str]:
    """The parameters that differ from ``base``, as short phrases for a page banner."""
    changed = []
    if params.get("end_year") != base.get("end_year"):
        changed.append(f"end_year = {int(params['end_year'])}")
    if resolve_data_dir(params.get("data_dir")) != resolve_data_dir(base.get("data_dir")):
        changed.append("a data folder other than the book's own")
    return changed
