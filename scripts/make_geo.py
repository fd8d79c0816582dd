"""Make the map layers under data/geo/ from Natural Earth 10 m (npm world-atlas@2).

Run by maintainers only (``make geo``); the book's build and tests never run it and never
touch the network. Steps:

1. ``npm ci`` in scripts/geo/ installs the pinned world-atlas and topojson-client;
2. topojson-client's ``topo2geo`` turns ``countries-10m.json`` and ``land-10m.json`` into
   GeoJSON;
3. shapely clips both to the map's frame (Hokkaido to Kamchatka), splits out the four
   disputed island groups (Natural Earth codes them by de facto control, i.e. as Russia),
   and adds the Habomai islets that exist only in ``land-10m``;
4. the historic boundary lines are drawn as short strokes across the straits named by
   each treaty (and along the 50th parallel on Sakhalin for 1905), each stroke placed at
   the narrowest point between the two coasts; they are schematic, not surveyed lines.

Output: data/geo/land.geojson and data/geo/boundaries.geojson (coordinates rounded to
about 100 m; exterior rings clockwise, as d3-geo and Vega expect).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points, unary_union

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "scripts" / "geo"
OUT = ROOT / "data" / "geo"
FRAME = (139.3, 41.3, 157.2, 52.0)  # lon_min, lat_min, lon_max, lat_max
DIGITS = 3
SIMPLIFY = 0.002  # degrees (~200 m); keeps every Habomai islet

# Boxes (lon_min, lat_min, lon_max, lat_max) that pick a land polygon by its
# representative point. The four disputed groups first, then reference places.
# Habomai is tested first: its northernmost islet (Taraku) lies inside Kunashiri's box.
GROUPS = {
    "habomai": (145.5, 43.15, 146.45, 43.65),
    "shikotan": (146.55, 43.65, 147.0, 43.95),
    "kunashiri": (145.3, 43.55, 146.65, 44.55),
    "etorofu": (146.4, 44.3, 148.95, 45.7),
}
PLACES = {
    "urup": (149.3, 45.6, 150.7, 46.3),
    "shumshu": (156.0, 50.55, 156.6, 50.95),
    "sakhalin": (141.5, 45.8, 145.0, 54.5),
    "kamchatka": (155.0, 50.9, 157.2, 52.0),
}


def node_geojson(name: str, tmp: Path) -> dict:
    """Convert world-atlas ``name``-10m.json to GeoJSON with topojson-client."""
    source = NODE / "node_modules" / "world-atlas" / f"{name}-10m.json"
    target = tmp / f"{name}.geojson"
    topo2geo = NODE / "node_modules" / ".bin" / "topo2geo"
    layer = "countries" if name == "countries" else "land"
    subprocess.run([str(topo2geo), "-i", str(source), f"{layer}={target}"], check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def polygons(geometry) -> list[Polygon]:
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


def pick(poly: Polygon, boxes: dict[str, tuple[float, float, float, float]]) -> str | None:
    """The first key of ``boxes`` whose box holds the polygon's representative point."""
    point = poly.representative_point()
    return next((key for key, bounds in boxes.items() if box(*bounds).contains(point)), None)


def clockwise(geometry):
    """Exterior rings clockwise (d3-geo's spherical convention)."""
    parts = [orient(p, sign=-1.0) for p in polygons(geometry)]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def rounded(geometry) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, DIGITS) for v in value]
            return [walk(v) for v in value]
        return value

    geo = mapping(geometry)
    return {"type": geo["type"], "coordinates": walk(geo["coordinates"])}


def stroke(a, b, half_length: float) -> LineString:
    """A segment across the strait between ``a`` and ``b``: through the midpoint of
    their closest points, perpendicular to the line joining them."""
    pa, pb = nearest_points(a, b)
    mid = Point((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
    dx, dy = pb.x - pa.x, pb.y - pa.y
    norm = (dx * dx + dy * dy) ** 0.5
    ux, uy = -dy / norm, dx / norm
    return LineString(
        [(mid.x - ux * half_length, mid.y - uy * half_length),
         (mid.x + ux * half_length, mid.y + uy * half_length)]
    )


def parallel_across(land, lat: float, margin: float = 0.35) -> LineString:
    """The parallel ``lat`` across ``land``, extended by ``margin`` degrees each side."""
    cut = land.intersection(LineString([(FRAME[0], lat), (FRAME[2], lat)]))
    west, _, east, _ = cut.bounds
    return LineString([(west - margin, lat), (east + margin, lat)])


def main() -> int:
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(NODE)], check=True)
    frame = box(*FRAME)
    with tempfile.TemporaryDirectory() as tmp:
        countries = node_geojson("countries", Path(tmp))
        land = node_geojson("land", Path(tmp))

    by_country: dict[str, list[Polygon]] = {"Japan": [], "Russia": []}
    for feature in countries["features"]:
        name = feature["properties"].get("name")
        if name in by_country:
            by_country[name] += polygons(shape(feature["geometry"]).intersection(frame))

    groups: dict[str, list[Polygon]] = {g: [] for g in GROUPS}
    places: dict[str, list[Polygon]] = {p: [] for p in PLACES}
    russia: list[Polygon] = []
    for poly in by_country["Russia"]:
        group = pick(poly, GROUPS)
        (groups[group] if group else russia).append(poly)
        place = pick(poly, PLACES)
        if place:
            places[place].append(poly)
    japan = by_country["Japan"]

    # Islets present only in land-10m (several Habomai rocks): add those that no
    # country polygon already covers.
    known = unary_union(japan + russia + [p for ps in groups.values() for p in ps])
    for feature in land["features"]:
        for poly in polygons(shape(feature["geometry"]).intersection(frame)):
            group = pick(poly, GROUPS)
            if group and not known.contains(poly.representative_point()):
                groups[group].append(poly)

    missing = [g for g, ps in groups.items() if not ps] + [p for p, ps in places.items() if not ps]
    if missing:
        print(f"error: no land found for {missing}", file=sys.stderr)
        return 1

    hokkaido = max(japan, key=lambda p: p.area)
    features = [
        {"type": "Feature", "properties": {"feature_id": "japan", "kind": "japan",
                                           "name": "Japan (Hokkaido and northern Honshu)"},
         "geometry": unary_union(japan)},
        {"type": "Feature", "properties": {"feature_id": "russia", "kind": "russia",
                                           "name": "Russia (Sakhalin, northern Kurils, Kamchatka)"},
         "geometry": unary_union(russia)},
    ]
    features += [
        {"type": "Feature", "properties": {"feature_id": g, "kind": "disputed", "name": g},
         "geometry": unary_union(ps)}
        for g, ps in groups.items()
    ]
    for f in features:
        f["properties"]["islet_count"] = len(polygons(f["geometry"]))
        f["geometry"] = rounded(clockwise(f["geometry"].simplify(SIMPLIFY, preserve_topology=True)))

    etorofu = unary_union(groups["etorofu"])
    kunashiri = unary_union(groups["kunashiri"])
    habomai = unary_union(groups["habomai"])
    sakhalin = unary_union(places["sakhalin"])
    soya = stroke(sakhalin, hokkaido, 0.25)
    kuril_strait = stroke(unary_union(places["shumshu"]), unary_union(places["kamchatka"]), 0.2)
    lines = {
        "1855": ("Treaty of Shimoda (1855): between Etorofu and Urup; Sakhalin left undivided",
                 [stroke(etorofu, unary_union(places["urup"]), 0.25)],
                 "mofa-territory; wiki-shimoda; wikisource-jbj-1904-188"),
        "1875": ("Treaty of Saint Petersburg (1875): all Kurils to Japan, Sakhalin to Russia",
                 [kuril_strait, soya], "prlib-1875; wikisource-jbj-1904-212"),
        "1905": ("Treaty of Portsmouth (1905): southern Sakhalin to Japan at the 50th parallel",
                 [kuril_strait, parallel_across(sakhalin, 50.0)],
                 "frus1905-d915; nichibun-kojiruien-portsmouth"),
        "1945": ("Line of control since 1945: Soviet, now Russian, administration north and east",
                 [soya, stroke(kunashiri, hokkaido, 0.12), stroke(habomai, hokkaido, 0.12)],
                 "mofa-territory; cas-hoppo"),
    }
    boundary_features = [
        {"type": "Feature",
         "properties": {"boundary_id": key, "label": label, "source": source,
                        "schematic": True},
         "geometry": rounded(unary_union(segments) if len(segments) > 1 else segments[0])}
        for key, (label, segments, source) in lines.items()
    ]

    OUT.mkdir(parents=True, exist_ok=True)
    for name, collection in {"land": features, "boundaries": boundary_features}.items():
        text = json.dumps({"type": "FeatureCollection", "features": collection},
                          ensure_ascii=False, separators=(",", ":"))
        (OUT / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")
        print(f"wrote {OUT / (name + '.geojson')} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
