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
    """What one parameter may hold: its types, and for some its allowed values or range."""

    types: tuple[type, ...]
    expected: str
    meaning: str
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None


#: Every parameter of the book. ``bool`` is never accepted where a number is expected.
SPEC: dict[str, Spec] = {
    "end_year": Spec((int,), "a whole year such as 2000",
                     "last year of data shown in text, figures and tables"),
    "data_dir": Spec((str, type(None)), "a folder path, or null for the book's own data/",
                     "the data package; a relative path is taken from where you run the "
                     "command"),
    "index_window": Spec((str,), "'year' or 'quarter'",
                         "the period of the relations index (chapter 4)",
                         choices=("year", "quarter")),
    "index_start": Spec((int,), "a whole year from 1855 to 2026",
                        "first year of the relations index (chapter 4)",
                        minimum=1855, maximum=2026),
    "index_weights": Spec((str,), "'rubric', 'sign' or 'sqrt'",
                          "how an event's score counts in the index: as coded, by its sign "
                          "only, or by the square root of its size (chapter 4)",
                          choices=("rubric", "sign", "sqrt")),
    "bootstrap_draws": Spec((int,), "a whole number from 100 to 100000",
                            "resamples of the index's bootstrap interval (chapter 4)",
                            minimum=100, maximum=100_000),
    "bootstrap_seed": Spec((int,), "a whole number from 0 to 2**32 - 1",
                           "seed of the bootstrap's random numbers (chapter 4)",
                           minimum=0, maximum=2**32 - 1),
    "sparse_below": Spec((int,), "a whole number from 1 to 100",
                         "a period with fewer events is marked sparse (chapter 4)",
                         minimum=1, maximum=100),
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
    wrong = isinstance(value, bool) or not isinstance(value, spec.types)
    if not wrong and spec.choices is not None:
        wrong = value not in spec.choices
    if not wrong and spec.minimum is not None and value is not None:
        wrong = not spec.minimum <= value <= (spec.maximum if spec.maximum is not None
                                              else value)
    if wrong:
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
    for key in SPEC:
        if key not in ("end_year", "data_dir") and key in params and \
                params[key] != base.get(key):
            changed.append(f"{key} = {params[key]!r}")
    return changed
