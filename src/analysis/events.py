"""The events dataset: date display, periods, annual and period scores, the figures that
chapter 1 quotes, and the tidy frames and descriptions of its two charts."""

from __future__ import annotations

import pandas as pd

from analysis import text
from analysis.data.rules import QUOTED_EVENTS
from analysis.window import NO_EVENTS, after_cutoff, up_to

__all__ = [
    "BROAD_PERIODS",
    "ERAS",
    "TURNING_POINTS",
    "annual_scores",
    "category_years",
    "display_date",
    "display_dates",
    "for_timeline",
    "key_figures",
    "period_counts",
    "period_scores",
    "score_description",
    "span",
    "timeline_description",
    "timeline_frame",
    "turning_points",
]

_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}

#: The three broad periods of the history chapter (first years): empire, Cold War, since 1991.
BROAD_PERIODS: dict[str, int] = {"empire": 1855, "cold-war": 1945, "post-soviet": 1991}
#: The eras whose mean score and share of conflictual events chapter 1 quotes (first years).
ERAS: tuple[int, ...] = (1855, 1905, 1945, 1956, 1991, 2013, 2022)
#: The turning points labelled on the score chart (event id → label); the Load room checks
#: that every one of them is in the data (:data:`analysis.data.rules.QUOTED_EVENTS`).
TURNING_POINTS: dict[str, str] = QUOTED_EVENTS


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
    out = up_to(events, end_year, start_year).sort_values(["date", "event_id"])
    out = out.reset_index(drop=True)
    out["when"] = display_dates(out)
    return out


def span(events: pd.DataFrame) -> tuple[int, int]:
    """First and last year covered by ``events`` (which must not be empty)."""
    if events.empty:
        raise ValueError("no events in the selected period")
    years = events["date"].dt.year
    return int(years.min()), int(years.max())


def _period(events: pd.DataFrame, breaks: list[int]) -> pd.Series:
    """Each event's period label (``"1855–1944"`` … ``"1991–"``), in category order."""
    if sorted(breaks) != list(breaks) or len(set(breaks)) != len(breaks):
        raise ValueError("breaks must be strictly increasing years")
    labels = [f"{a}–{b - 1}" for a, b in zip(breaks, breaks[1:], strict=False)]
    labels.append(f"{breaks[-1]}–")
    return pd.cut(events["date"].dt.year, bins=[*breaks, 10_000], right=False, labels=labels)


def period_counts(events: pd.DataFrame, breaks: list[int]) -> pd.Series:
    """Number of events per period; ``breaks`` are the first years of each period.

    ``period_counts(ev, [1855, 1945, 1991])`` counts 1855–1944, 1945–1990 and 1991 onward,
    labelled ``"1855–1944"``, ``"1945–1990"``, ``"1991–"``.
    """
    period = _period(events, breaks)
    labels = list(period.cat.categories)
    return period.value_counts().reindex(labels, fill_value=0).astype(int)


def category_years(events: pd.DataFrame) -> pd.DataFrame:
    """Per category present in ``events``: the first and last year, and the event count."""
    present = events.assign(category=events["category"].astype("string"))
    grouped = present.groupby("category")["date"]
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
    chosen = up_to(events, end_year, start_year)
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
    """The events named in ``labels`` (event_id → short label) that ``events`` holds, with
    year and score, oldest first, for annotating charts.

    Ids that ``events`` does not hold (e.g. events after the chapter's ``end_year``) are
    left out; tests check that every id of :data:`TURNING_POINTS` is in the full data.
    """
    chosen = events.loc[events["event_id"].isin(labels)].copy()
    chosen["year"] = chosen["date"].dt.year
    chosen["label"] = chosen["event_id"].map(labels)
    columns = ["event_id", "year", "score", "label"]
    return chosen[columns].sort_values("year").reset_index(drop=True)


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


def key_figures(events: pd.DataFrame, end_year: int) -> dict[str, object]:
    """The figures chapter 1 quotes, for events up to ``end_year`` (glue names → values).

    ``events`` is the whole table (it is cut here). A figure about a period that begins
    after ``end_year`` is ``None`` (shown as "n/a (after the data cut-off)"); a mean over a
    period without events is :data:`~analysis.window.NO_EVENTS`.
    """
    shown = for_timeline(events, end_year)
    first, last = span(shown)
    figures: dict[str, object] = {"n-events": len(shown), "first-year": first,
                                  "last-year": last}
    counts = period_counts(shown, list(BROAD_PERIODS.values()))
    for (name, start), label in zip(BROAD_PERIODS.items(), counts.index, strict=True):
        figures[f"n-{name}"] = None if after_cutoff(start, end_year) else int(counts[label])
    years = category_years(shown)
    figures["last-treaty-year"] = int(years.loc["treaty", "last"]) \
        if "treaty" in years.index else None
    figures["first-sanction-year"] = int(years.loc["sanction", "first"]) \
        if "sanction" in years.index else None
    eras = period_scores(shown, list(ERAS))
    for start, row in zip(ERAS, eras.itertuples(), strict=True):
        if after_cutoff(start, end_year):
            figures[f"mean-{start}"] = figures[f"neg-share-{start}"] = None
            figures[f"n-{start}"] = None
            continue
        empty = row.count == 0
        figures[f"mean-{start}"] = NO_EVENTS if empty else text.signed(row.mean_score)
        figures[f"neg-share-{start}"] = NO_EVENTS if empty else text.percent(row.negative_share)
        figures[f"n-{start}"] = int(row.count)
    return figures


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The rows of the events timeline (:func:`for_timeline` output) as the chart encodes
    them: ISO date strings and plain-text categories."""
    columns = ["date", "when", "category", "title", "summary", "actors", "source"]
    frame = events[columns].copy()
    frame["category"] = frame["category"].astype("string")
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame


def _busiest_years(events: pd.DataFrame, count: int = 5) -> str:
    """The ``count`` years with the most events, in date order: ``"1904, 1945 and 2022"``."""
    per_year = events["date"].dt.year.value_counts()
    top = sorted(int(y) for y in per_year.sort_values(ascending=False, kind="stable")
                 .index[:count])
    words = [str(y) for y in top]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def timeline_description(events: pd.DataFrame) -> str:
    """Alt text of the events timeline, computed from the events it shows."""
    first, last = span(events)
    categories = list(dict.fromkeys(events["category"].astype(str)))
    return (
        f"Timeline of {len(events)} dated events from {first} to {last}, one row of points "
        f"per category ({', '.join(categories)}). The years with the most events are "
        f"{_busiest_years(events)}."
    )


def score_description(annual: pd.DataFrame, points: pd.DataFrame) -> str:
    """Alt text of the score chart, computed from the annual scores and turning points."""
    scored = annual[annual["count"] > 0]
    first, last = int(annual["year"].min()), int(annual["year"].max())
    low = scored.loc[scored["mean_score"].astype(float).idxmin()]
    high = scored.loc[scored["mean_score"].astype(float).idxmax()]
    negative = int((scored["mean_score"].astype(float) < 0).sum())
    labels = ", ".join(points["label"]) if len(points) else "none in this period"
    return (
        f"Annual mean cooperation–conflict score of recorded events (−10 to +10), "
        f"{first}–{last}, with each year's range, and the number of events per year below. "
        f"{len(scored)} years have events; the mean is below zero in {negative} of them. "
        f"The lowest annual mean is {text.signed(low['mean_score'])} in {int(low['year'])}, "
        f"the highest {text.signed(high['mean_score'])} in {int(high['year'])}. "
        f"Labelled turning points: {labels}."
    )
