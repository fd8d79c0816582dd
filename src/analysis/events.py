"""Pure helpers for the events dataset: date display, filtering by period, summaries."""

from __future__ import annotations

import pandas as pd

__all__ = [
    "annual_scores",
    "category_years",
    "display_date",
    "display_dates",
    "for_timeline",
    "period_counts",
    "period_scores",
    "span",
    "turning_points",
]

_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def display_date(date: pd.Timestamp, precision: str) -> str:
    """Show a date only as precisely as it is known: ``1855-02-07``, ``1945-08`` or ``1875``."""
    try:
        return date.strftime(_FORMATS[precision])
    except KeyError:
        raise ValueError(
            f"unknown date precision {precision!r}; use one of {list(_FORMATS)}"
        ) from None


def display_dates(frame: pd.DataFrame) -> list[str]:
    """:func:`display_date` for every row of a table with ``date`` and ``date_precision``."""
    return [display_date(d, str(p))
            for d, p in zip(frame["date"], frame["date_precision"], strict=True)]


def for_timeline(
    events: pd.DataFrame, end_year: int, start_year: int | None = None
) -> pd.DataFrame:
    """Events from ``start_year`` (default: all) to ``end_year`` inclusive, sorted by date,
    with a ``when`` column giving each date at its own precision."""
    years = events["date"].dt.year
    keep = years <= end_year
    if start_year is not None:
        keep &= years >= start_year
    out = events.loc[keep].sort_values(["date", "event_id"]).reset_index(drop=True)
    out["when"] = display_dates(out)
    return out


def span(events: pd.DataFrame) -> tuple[int, int]:
    """First and last year covered by ``events`` (which must not be empty)."""
    if events.empty:
        raise ValueError("no events in the selected period")
    years = events["date"].dt.year
    return int(years.min()), int(years.max())


def period_counts(events: pd.DataFrame, breaks: list[int]) -> pd.Series:
    """Number of events per period; ``breaks`` are the first years of each period.

    ``period_counts(ev, [1855, 1945, 1991])`` counts 1855–1944, 1945–1990 and 1991 onward,
    labelled ``"1855–1944"``, ``"1945–1990"``, ``"1991–"``.
    """
    period = _period(events, breaks)
    labels = list(period.cat.categories)
    return period.value_counts().reindex(labels, fill_value=0).astype(int)


def _period(events: pd.DataFrame, breaks: list[int]) -> pd.Series:
    """Each event's period label (``"1855–1944"`` … ``"1991–"``), in category order."""
    if sorted(breaks) != list(breaks) or len(set(breaks)) != len(breaks):
        raise ValueError("breaks must be strictly increasing years")
    labels = [f"{a}–{b - 1}" for a, b in zip(breaks, breaks[1:], strict=False)]
    labels.append(f"{breaks[-1]}–")
    return pd.cut(events["date"].dt.year, bins=[*breaks, 10_000], right=False, labels=labels)


def category_years(events: pd.DataFrame) -> pd.DataFrame:
    """Per category present in ``events``: the first and last year, and the event count."""
    grouped = events.groupby(events["category"].astype("string"))["date"]
    return pd.DataFrame(
        {
            "first": grouped.min().dt.year,
            "last": grouped.max().dt.year,
            "count": grouped.size(),
        }
    ).astype(int)


def annual_scores(events: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Per calendar year from ``start_year`` to ``end_year``: the number of events and the
    mean, minimum and maximum cooperation–conflict score.

    Years without events are kept (count 0, scores missing) so that gaps in the record
    show as gaps, not as neutral years.
    """
    if start_year > end_year:
        raise ValueError("start_year must not be after end_year")
    years = events["date"].dt.year
    chosen = events.loc[(years >= start_year) & (years <= end_year)]
    grouped = chosen.groupby(chosen["date"].dt.year)["score"]
    table = pd.DataFrame({
        "count": grouped.size(),
        "mean_score": grouped.mean().astype("Float64"),
        "min_score": grouped.min(),
        "max_score": grouped.max(),
    })
    table = table.reindex(range(start_year, end_year + 1))
    table["count"] = table["count"].fillna(0).astype(int)
    table.index.name = "year"
    return table.reset_index()


def turning_points(events: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The events named in ``labels`` (event_id → short label), with year and score,
    for annotating charts; an unknown id is an error (the data may have changed)."""
    unknown = set(labels) - set(events["event_id"])
    if unknown:
        raise KeyError(f"no such events: {sorted(unknown)}")
    chosen = events.loc[events["event_id"].isin(labels)].copy()
    chosen["year"] = chosen["date"].dt.year
    chosen["label"] = chosen["event_id"].map(labels)
    return chosen[["event_id", "year", "score", "label"]].sort_values("year").reset_index(drop=True)


def period_scores(events: pd.DataFrame, breaks: list[int]) -> pd.DataFrame:
    """Per period (``breaks`` are first years, as in :func:`period_counts`): the number of
    events, their mean score and the share of events scored below zero (in %)."""
    period = _period(events, breaks)
    grouped = events["score"].astype("float").groupby(period, observed=False)
    return pd.DataFrame({
        "count": grouped.size(),
        "mean_score": grouped.mean(),
        "negative_share": grouped.apply(
            lambda s: 100.0 * (s < 0).mean() if len(s) else float("nan")),
    })
