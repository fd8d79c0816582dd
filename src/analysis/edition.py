"""What changed in the data between two editions of the book.

A release of the book records its data in a *manifest*, ``releases/<version>.json``: for
every table and map layer, its key columns (the resource's ``primaryKey``), its columns,
and for every row a short hash of each cell, keyed by the row's key. A manifest holds no
data, only fingerprints, so it stays small and says exactly which cells changed.

:func:`compare` sets a manifest against a data folder (the data of this build) and returns,
per dataset, the rows added, changed (with the columns that changed) and removed, and the
columns added or removed; the Edition page of the book (``_ext/edition.py``) prints it.

Cells are compared as stored (the text of a CSV cell, the JSON of a GeoJSON property or
geometry), so a change of spelling in a number (``5.0`` for ``5``) counts as a change.

Command line (``make manifest VERSION=…`` calls the first)::

    python -m analysis.edition snapshot --version 0.7.0 --date 2026-12-01 [--data-dir DIR]
    python -m analysis.edition diff [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DatasetChanges",
    "compare",
    "fingerprint",
    "previous_release",
    "read_manifest",
    "snapshot",
    "version_key",
]

#: Manifest format; bump when the layout changes.
FORMAT = 1
#: Hex digits kept of each cell's SHA-256 (collisions within one cell's history are
#: vanishingly unlikely at 2**-40).
DIGITS = 10


def fingerprint(value: str) -> str:
    """The short hash of one cell's text."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:DIGITS]


def _key_columns(schema: dict[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _table_rows(path: Path, key: list[str]) -> tuple[list[str], dict[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        rows = {}
        for row in reader:
            rows[json.dumps([row.get(k, "") for k in key], ensure_ascii=False)] = {
                c: fingerprint(row.get(c) or "") for c in columns}
    return columns, rows


def _layer_rows(path: Path, key: list[str]) -> tuple[list[str], dict[str, dict[str, str]]]:
    features = json.loads(path.read_text(encoding="utf-8")).get("features", [])
    columns = sorted({p for f in features for p in (f.get("properties") or {})}) + ["geometry"]
    rows = {}
    for feature in features:
        properties = feature.get("properties") or {}
        cells = {c: json.dumps(properties.get(c), sort_keys=True, ensure_ascii=False)
                 for c in columns[:-1]}
        cells["geometry"] = json.dumps(feature.get("geometry"), sort_keys=True)
        rows[json.dumps([str(properties.get(k, "")) for k in key], ensure_ascii=False)] = {
            c: fingerprint(v) for c, v in cells.items()}
    return columns, rows


def snapshot(data_dir: str | Path, *, version: str = "", date: str = "") -> dict[str, Any]:
    """The manifest of a data folder: every resource of its ``datapackage.json``."""
    data_dir = Path(data_dir)
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    datasets = {}
    for resource in descriptor["resources"]:
        schema = resource.get("schema") or resource.get("geojsonSchema") or {}
        key = _key_columns(schema)
        path = data_dir / resource["path"]
        read = _layer_rows if resource.get("format") == "geojson" else _table_rows
        columns, rows = read(path, key)
        datasets[resource["name"]] = {"path": resource["path"], "key": key,
                                      "columns": columns, "rows": rows}
    return {"format": FORMAT, "version": version, "date": date, "datasets": datasets}


def read_manifest(path: str | Path) -> dict[str, Any]:
    """A manifest written by :func:`snapshot` (``releases/<version>.json``)."""
    manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{path}: manifest format {manifest.get('format')!r}, "
                         f"this book reads format {FORMAT}")
    return manifest


def version_key(version: str) -> tuple[int, ...]:
    """``"0.10.1"`` → ``(0, 10, 1)``, so that versions sort as numbers."""
    return tuple(int(part) for part in version.split("."))


def previous_release(releases_dir: str | Path, version: str) -> Path | None:
    """The manifest to compare a build of ``version`` with: the newest release before
    ``version`` or, if there is none, the manifest of ``version`` itself (None if neither).

    A release N is compared with N-1 (what N changed); work after N, before the version is
    raised, is compared with N-1 as well until N+1 is declared.
    """
    manifests = {p.stem: p for p in Path(releases_dir).glob("*.json")}
    earlier = sorted((v for v in manifests if version_key(v) < version_key(version)),
                     key=version_key)
    if earlier:
        return manifests[earlier[-1]]
    return manifests.get(version)


@dataclass
class DatasetChanges:
    """How one dataset differs between a manifest and a data folder. Keys are lists of the
    key columns' values; ``changed`` maps a key to the columns whose cells differ."""

    name: str
    key: list[str]
    added: list[list[str]] = field(default_factory=list)
    removed: list[list[str]] = field(default_factory=list)
    changed: list[tuple[list[str], list[str]]] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_dataset: bool = False
    dropped_dataset: bool = False

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.columns_added
                    or self.columns_removed or self.new_dataset or self.dropped_dataset)


def _diff(name: str, old: dict[str, Any] | None, new: dict[str, Any] | None
          ) -> DatasetChanges:
    if old is None:
        assert new is not None
        return DatasetChanges(name, new["key"], added=[json.loads(k) for k in new["rows"]],
                              new_dataset=True)
    if new is None:
        return DatasetChanges(name, old["key"], removed=[json.loads(k) for k in old["rows"]],
                              dropped_dataset=True)
    changes = DatasetChanges(
        name, new["key"],
        columns_added=[c for c in new["columns"] if c not in old["columns"]],
        columns_removed=[c for c in old["columns"] if c not in new["columns"]])
    if old["key"] != new["key"]:      # rows cannot be matched: all replaced
        changes.added = [json.loads(k) for k in new["rows"]]
        changes.removed = [json.loads(k) for k in old["rows"]]
        return changes
    shared = [c for c in new["columns"] if c in old["columns"]]
    for key, cells in new["rows"].items():
        before = old["rows"].get(key)
        if before is None:
            changes.added.append(json.loads(key))
            continue
        differ = [c for c in shared if cells.get(c) != before.get(c)]
        if differ:
            changes.changed.append((json.loads(key), differ))
        else:
            changes.unchanged += 1
    changes.removed = [json.loads(k) for k in old["rows"] if k not in new["rows"]]
    return changes


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[DatasetChanges]:
    """Dataset by dataset (in the order of ``new``, then datasets ``new`` dropped), what
    changed from manifest ``old`` to manifest ``new``."""
    names = list(new["datasets"]) + [n for n in old["datasets"] if n not in new["datasets"]]
    return [_diff(n, old["datasets"].get(n), new["datasets"].get(n)) for n in names]


def _main(argv: list[str] | None = None) -> int:
    from analysis.data.package import repo_root, resolve_data_dir

    parser = argparse.ArgumentParser(prog="python -m analysis.edition", description=(
        "Record the data of a release (snapshot) or show what changed since the last "
        "release (diff)."))
    sub = parser.add_subparsers(dest="command", required=True)
    shot = sub.add_parser("snapshot", help="write releases/<version>.json for a data folder")
    shot.add_argument("--version", required=True)
    shot.add_argument("--date", required=True, help="release date, YYYY-MM-DD")
    diff = sub.add_parser("diff", help="what changed since the last release")
    for command in (shot, diff):
        command.add_argument("--data-dir", default=None)
        command.add_argument("--releases", default=str(repo_root() / "releases"))
    diff.add_argument("--version", default=None, help="the version being built (default: "
                      "CITATION.cff)")
    args = parser.parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    releases = Path(args.releases)
    if args.command == "snapshot":
        version_key(args.version)     # a malformed version fails here, not in a build
        releases.mkdir(parents=True, exist_ok=True)
        out = releases / f"{args.version}.json"
        manifest = snapshot(data_dir, version=args.version, date=args.date)
        out.write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=0)
                       + "\n", encoding="utf-8")
        print(f"wrote {out}")
        return 0
    import yaml
    version = args.version or str(yaml.safe_load(
        (repo_root() / "CITATION.cff").read_text(encoding="utf-8"))["version"])
    path = previous_release(releases, version)
    if path is None:
        print(f"no release manifest in {releases}", file=sys.stderr)
        return 1
    old = read_manifest(path)
    for change in compare(old, snapshot(data_dir)):
        print(f"{change.name}: {len(change.added)} added, {len(change.changed)} changed, "
              f"{len(change.removed)} removed, {change.unchanged} unchanged "
              f"(since {old['version']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
