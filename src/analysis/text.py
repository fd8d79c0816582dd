"""How numbers are written in the book's prose and tables (one style for every chapter)."""

from __future__ import annotations

import math

from analysis.window import NOT_AVAILABLE

__all__ = ["display", "percent", "signed", "thousands"]

MINUS = "\u2212"


def thousands(value: float | int) -> str:
    """A whole number with thousands separators: ``17291`` → ``"17,291"``."""
    return f"{int(value):,}"


def signed(value: float, digits: int = 1) -> str:
    """A score with its sign and a typographic minus: ``-1.26`` → ``"−1.3"``.

    Values that round to zero are shown as ``+0.0`` (never ``−0.0``).
    """
    rounded = round(float(value), digits) + 0.0
    return f"{rounded:+.{digits}f}".replace("-", MINUS)


def percent(value: float) -> str:
    """A share in per cent, rounded to a whole number: ``33.33`` → ``"33"``."""
    return f"{float(value):.0f}"


def display(value: object) -> object:
    """What a glued figure shows: ``None`` (a period after the cut-off) or NaN becomes
    :data:`~analysis.window.NOT_AVAILABLE`; anything else is unchanged."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    return value
