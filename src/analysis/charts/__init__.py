"""The Charts room: the house theme and offline renderer (``render``), and the chart
builders by shape — ``lanes`` (dates × lanes: the events timeline and the negotiation
track), ``scores`` (the cooperation–conflict score), ``bars`` (grouped bar panels),
``maps`` (the islands map). Builders take tidy frames from the domain modules and only
encode them; they never reshape data."""

from analysis.charts.bars import grouped_bars, islands_facts
from analysis.charts.lanes import lanes, negotiation_track, timeline
from analysis.charts.maps import islands_map
from analysis.charts.render import (
    CATEGORY_COLOURS,
    FONT,
    RENDERER,
    THEME,
    VEGA_BUNDLE_NAME,
    chart_id,
    mimebundle,
    setup,
    write_vega_bundle,
)
from analysis.charts.scores import score_chart

__all__ = [
    "CATEGORY_COLOURS",
    "FONT",
    "RENDERER",
    "THEME",
    "VEGA_BUNDLE_NAME",
    "chart_id",
    "grouped_bars",
    "islands_facts",
    "islands_map",
    "lanes",
    "mimebundle",
    "negotiation_track",
    "score_chart",
    "setup",
    "timeline",
    "write_vega_bundle",
]
