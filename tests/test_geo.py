"""Map layers and geo helpers: validation of GeoJSON layers, boundary table, area shares,
and the consistency of the islands table with the map geometry."""

import copy
import json
import shutil

import pandas as pd
import pytest
from conftest import DATA, ROOT
from shapely.geometry import Point, shape

from analysis import geo, islands
from analysis.data import DataValidationError, layer_names, load, load_layer


def layer_copy(tmp_path, name):
    """A temporary copy of the data package and bibliography; returns (data_dir, layer)."""
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    path = data_dir / "geo" / f"{name}.geojson"
    return data_dir, path, json.loads(path.read_text(encoding="utf-8"))


def test_layers_are_declared_and_valid():
    assert layer_names() == ["land", "boundaries"]
    land = load_layer("land")
    ids = [f["properties"]["feature_id"] for f in land["features"]]
    assert {"japan", "russia", "etorofu", "kunashiri", "shikotan", "habomai"} == set(ids)


def test_habomai_has_the_islets_of_both_natural_earth_files():
    land = load_layer("land")
    habomai = next(f for f in land["features"] if f["properties"]["feature_id"] == "habomai")
    assert habomai["geometry"]["type"] == "MultiPolygon"
    assert len(habomai["geometry"]["coordinates"]) >= 4  # 1 in countries-10m + 3 in land-10m


@pytest.mark.parametrize(
    ("change", "number", "column", "rule"),
    [
        (lambda c: c["features"][1]["properties"].pop("source"), 2, "source", "missing"),
        (lambda c: c["features"][0]["properties"].update(source="no-such-key"), 1, "source",
         "references.bib"),
        (lambda c: c["features"][2].update(geometry={"type": "Point", "coordinates": [0, 0]}),
         3, "geometry", "geometry type"),
        (lambda c: c["features"][0]["geometry"]["coordinates"][0].__setitem__(0, [200.0, 45.0]),
         1, "geometry", "longitude"),
        (lambda c: c["features"][3]["properties"].update(boundary_id="1855"), 4, "boundary_id",
         "unique"),
    ],
)
def test_bad_layer_names_feature_and_property(tmp_path, change, number, column, rule):
    data_dir, path, collection = layer_copy(tmp_path, "boundaries")
    broken = copy.deepcopy(collection)
    change(broken)
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load_layer("boundaries", data_dir)
    problem = info.value.problem
    assert (problem.path, problem.row, problem.column) == (path, number, column)
    assert rule in str(info.value) and f"feature {number}" in str(info.value)


def test_layer_that_is_not_json_is_named(tmp_path):
    data_dir, path, _ = layer_copy(tmp_path, "land")
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataValidationError, match="land.geojson.*GeoJSON"):
        load_layer("land", data_dir)


def test_unknown_layer_is_named():
    with pytest.raises(DataValidationError, match="map layer must be one of"):
        load_layer("rivers")


def collection(*ids):
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"boundary_id": i, "label": f"L{i}", "source": "k"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}} for i in ids]}


def test_boundary_table_sorts_and_cuts_at_end_year():
    table = geo.boundary_table(collection("1945", "1855", "1905"))
    assert list(table["year"]) == [1855, 1905, 1945]
    assert list(geo.boundary_table(collection("1945", "1855", "1905"), 1904)["boundary_id"]) == [
        "1855"]
    assert geo.boundary_table(collection("1945"), 1900).empty


def test_boundary_features_and_control_line_follow_end_year():
    lines = collection("1945", "1855", "1905")
    assert [f["properties"]["boundary_id"] for f in geo.boundary_features(lines, 2000)] == [
        "1855", "1905", "1945"]
    assert geo.control_line(geo.boundary_features(lines, 2000))["properties"]["label"] == "L1945"
    assert geo.control_line(geo.boundary_features(lines, 1944)) is None
    assert geo.boundary_features(lines, 1800) == []


def test_map_titles_name_only_the_lines_drawn():
    table = geo.boundary_table(collection("1855", "1875", "1945"))
    assert geo.map_title(table) == "Hokkaido to Kamchatka: the boundaries of 1855, 1875 and 1945"
    assert geo.map_title(table.head(1)) == "Hokkaido to Kamchatka: the boundaries of 1855"
    assert "before the first" in geo.map_title(table.head(0))
    assert "dashed" in geo.detail_title(table)
    assert "dashed" not in geo.detail_title(table.head(2))
    described = geo.map_description(table.head(2))
    assert "L1855; L1875" in described and "dashed" not in described


def test_scale_bar_spans_its_length_at_its_latitude():
    bar = geo.scale_bar(147.0, 60.0, 111)
    # at 60° north a degree of longitude is half as long as at the equator
    assert bar["lon"].iloc[1] - bar["lon"].iloc[0] == pytest.approx(2 * 111 / 111.32)
    assert list(bar["lat"]) == [60.0, 60.0] and bar["label"].iloc[0] == "111 km"


def test_share_of_area():
    table = pd.DataFrame({"island_id": ["a", "b", "c"], "area_km2": [50, 30, 20]})
    assert islands.share_of_area(table, ["b", "c"]) == pytest.approx(50.0)
    assert islands.share_of_area(table, []) == 0.0
    with pytest.raises(ValueError, match="unknown island ids"):
        islands.share_of_area(table, ["z"])


def test_island_centroids_lie_on_their_islands():
    """The centroids in islands.csv were computed from land.geojson: each must fall within
    its island group's geometry (or, for the Habomai islets, their convex hull)."""
    rows = load("islands")
    land = {f["properties"]["feature_id"]: shape(f["geometry"])
            for f in load_layer("land")["features"]}
    for row in rows.itertuples():
        area = land[row.island_id]
        point = Point(float(row.centroid_lon), float(row.centroid_lat))
        assert area.convex_hull.buffer(0.01).contains(point), row.island_id


def test_island_totals_match_the_published_totals():
    """Both survey bases agree with the totals their sources publish (5,003 and 5,036 km²)
    within the rounding of each island to a whole km², and the 1945 residents add up to
    the Cabinet Office's 17,291."""
    rows = load("islands")
    rounding = len(rows) * 0.5
    assert abs(int(rows["area_km2"].sum()) - 5003) <= rounding
    assert abs(int(rows["area_km2_pre2014"].sum()) - 5036) <= rounding
    assert int(rows["population_1945"].sum()) == 17291


def test_boundary_strokes_cross_water_not_land():
    """The straits strokes (all lines but the 1905 parallel on Sakhalin) must not cut
    through land, or they were placed on the wrong side of an island."""
    land = [shape(f["geometry"]) for f in load_layer("land")["features"]]
    for feature in load_layer("boundaries")["features"]:
        lines = shape(feature["geometry"])
        for line in getattr(lines, "geoms", [lines]):
            if {round(y, 3) for _, y in line.coords} == {50.0}:
                continue  # the 50th parallel crosses Sakhalin by definition
            assert not any(line.crosses(a) or a.contains(line) for a in land), (
                feature["properties"]["boundary_id"], list(line.coords))


def test_visible_extent_contains_the_box_and_fills_one_side():
    from analysis.charts.maps import visible_extent
    west, south, east, north = visible_extent([[145.0, 43.0], [149.0, 46.0]], (640, 420))
    # a wide view: the box fills the height, the view shows more longitude than the box
    assert (south, north) == pytest.approx((43.0, 46.0))
    assert west < 145.0 and east > 149.0
    # a tall view: the box fills the width, the view shows more latitude than the box
    west, south, east, north = visible_extent([[145.0, 43.0], [149.0, 46.0]], (200, 800))
    assert (west, east) == pytest.approx((145.0, 149.0))
    assert south < 43.0 and north > 46.0


def test_detail_panel_shows_the_four_groups_and_no_other_russian_land():
    """The detail shows each disputed group whole and no sliver of Russian land beyond them
    (Urup's south-western cape once showed as a stray stroke in its top corner)."""
    from shapely.geometry import box

    from analysis.charts import maps
    view = box(*maps.visible_extent(maps.DETAIL_EXTENT, maps.DETAIL_SIZE))
    land = {f["properties"]["feature_id"]: shape(f["geometry"])
            for f in load_layer("land")["features"]}
    for group in ("etorofu", "kunashiri", "shikotan", "habomai"):
        assert view.contains(land[group]), group
    assert view.intersection(land["russia"]).is_empty
