"""The Charts room: the house theme and offline renderer (``render``), and the chart
builders by shape — ``lanes`` (dates × lanes: events, the negotiation track, exercises,
sanctions, the Sakhalin projects), ``scores`` (the cooperation–conflict score), ``bars``
(grouped bar panels), ``series`` (values over years: bars, lines, dot panels), ``matrix``
(memberships), ``maps`` (the islands map) — with the presets of chapter 3 in
``realignment`` and of chapter 4 in ``outlook``. Builders take tidy frames from the
domain modules and only encode them; they never reshape data."""

# Re-exported (``name as name``): ``from analysis import charts; charts.timeline(...)``.
from analysis.charts.bars import (
    grouped_bars as grouped_bars,
)
from analysis.charts.bars import (
    islands_facts as islands_facts,
)
from analysis.charts.lanes import (
    OUTCOME_COLOURS as OUTCOME_COLOURS,
)
from analysis.charts.lanes import (
    lanes as lanes,
)
from analysis.charts.lanes import (
    negotiation_track as negotiation_track,
)
from analysis.charts.lanes import (
    timeline as timeline,
)
from analysis.charts.maps import (
    BOUNDARY_COLOURS as BOUNDARY_COLOURS,
)
from analysis.charts.maps import (
    LAND_COLOURS as LAND_COLOURS,
)
from analysis.charts.maps import (
    islands_map as islands_map,
)
from analysis.charts.matrix import (
    membership_matrix as membership_matrix,
)
from analysis.charts.outlook import (
    index_chart as index_chart,
)
from analysis.charts.outlook import (
    scenario_matrix as scenario_matrix,
)
from analysis.charts.outlook import (
    sensitivity_chart as sensitivity_chart,
)
from analysis.charts.outlook import (
    signpost_chart as signpost_chart,
)
from analysis.charts.realignment import (
    alignments_chart as alignments_chart,
)
from analysis.charts.realignment import (
    budget_chart as budget_chart,
)
from analysis.charts.realignment import (
    energy_chart as energy_chart,
)
from analysis.charts.realignment import (
    exercises_chart as exercises_chart,
)
from analysis.charts.realignment import (
    milex_chart as milex_chart,
)
from analysis.charts.realignment import (
    opinion_chart as opinion_chart,
)
from analysis.charts.realignment import (
    sanctions_chart as sanctions_chart,
)
from analysis.charts.realignment import (
    scrambles_chart as scrambles_chart,
)
from analysis.charts.realignment import (
    trade_chart as trade_chart,
)
from analysis.charts.render import (
    CATEGORY_COLOURS as CATEGORY_COLOURS,
)
from analysis.charts.render import (
    FONT as FONT,
)
from analysis.charts.render import (
    RENDERER as RENDERER,
)
from analysis.charts.render import (
    THEME as THEME,
)
from analysis.charts.render import (
    VEGA_BUNDLE_NAME as VEGA_BUNDLE_NAME,
)
from analysis.charts.render import (
    VEGALITE_VERSION as VEGALITE_VERSION,
)
from analysis.charts.render import (
    chart_id as chart_id,
)
from analysis.charts.render import (
    mimebundle as mimebundle,
)
from analysis.charts.render import (
    setup as setup,
)
from analysis.charts.render import (
    write_vega_bundle as write_vega_bundle,
)
from analysis.charts.scores import (
    score_chart as score_chart,
)
from analysis.charts.series import (
    dot_panels as dot_panels,
)
from analysis.charts.series import (
    series_lines as series_lines,
)
from analysis.charts.series import (
    year_bars as year_bars,
)
