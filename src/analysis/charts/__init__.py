"""The Charts room: the house theme and offline renderer (``render``), and the chart
builders by shape — ``lanes`` (dates × lanes: the events timeline and the negotiation
track), ``scores`` (the cooperation–conflict score), ``bars`` (grouped bar panels),
``maps`` (the islands map). Builders take tidy frames from the domain modules and only
encode them; they never reshape data."""

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
