"""The Edition page: what rows of the data changed since the previous release."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT

from analysis.edition import (
    compare,
    fingerprint,
    previous_release,
    read_manifest,
    snapshot,
    version_key,
)

RELEASES = ROOT / "releases"
VERSION = str(yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))["version"])


def _rewrite(path: Path, edit) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    columns = list(rows[0])
    rows = edit(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_an_unchanged_folder_has_no_changes(data_copy):
    changes = compare(snapshot(DATA), snapshot(data_copy))
    assert not any(c.any for c in changes)
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert [c.name for c in changes] == [r["name"] for r in descriptor["resources"]]
    events = next(c for c in changes if c.name == "events")
    assert events.unchanged == len(list(csv.DictReader(open(DATA / "events.csv",
                                                            encoding="utf-8"))))


def test_added_changed_and_removed_rows_are_named_with_their_columns(data_copy):
    def edit_events(rows):
        first = dict(rows[0])
        rows[1]["summary"] = rows[1]["summary"] + " (revised)"
        rows[1]["source"] = rows[1]["source"]
        first["event_id"] = "2099-added-row"
        return [*rows, first]

    def drop_last(rows):
        return rows[:-1]

    before = list(csv.DictReader(open(DATA / "events.csv", encoding="utf-8")))
    negotiations = list(csv.DictReader(open(DATA / "negotiations.csv", encoding="utf-8")))
    _rewrite(data_copy / "events.csv", edit_events)
    _rewrite(data_copy / "negotiations.csv", drop_last)
    changes = {c.name: c for c in compare(snapshot(DATA), snapshot(data_copy))}
    assert changes["events"].added == [["2099-added-row"]]
    assert changes["events"].changed == [([before[1]["event_id"]], ["summary"])]
    assert changes["events"].removed == []
    assert changes["negotiations"].removed == [[negotiations[-1]["meeting_id"]]]
    assert changes["negotiations"].unchanged == len(negotiations) - 1
    assert not changes["islands"].any


def test_a_map_layer_change_is_found_by_feature(data_copy):
    path = data_copy / "geo" / "boundaries.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"][0]["properties"]["label"] += " (edited)"
    layer["features"][1]["geometry"]["coordinates"][0][0][0] += 0.01
    path.write_text(json.dumps(layer, ensure_ascii=False), encoding="utf-8")
    boundaries = next(c for c in compare(snapshot(DATA), snapshot(data_copy))
                      if c.name == "boundaries")
    ids = [f["properties"]["boundary_id"] for f in layer["features"]]
    assert boundaries.changed == [([ids[0]], ["label"]), ([ids[1]], ["geometry"])]


def test_new_columns_and_a_changed_key_are_reported():
    old = {"datasets": {"t": {"key": ["id"], "columns": ["id", "a"],
                              "rows": {'["1"]': {"id": "x", "a": "y"}}}}}
    more = {"datasets": {"t": {"key": ["id"], "columns": ["id", "a", "b"],
                               "rows": {'["1"]': {"id": "x", "a": "y", "b": "z"}}},
                         "u": {"key": ["k"], "columns": ["k"], "rows": {'["9"]': {"k": "q"}}}}}
    changes = {c.name: c for c in compare(old, more)}
    assert changes["t"].columns_added == ["b"] and changes["t"].unchanged == 1
    assert changes["u"].new_dataset and changes["u"].added == [["9"]]
    rekeyed = {"datasets": {"t": {"key": ["a"], "columns": ["id", "a"],
                                  "rows": {'["y"]': {"id": "x", "a": "y"}}}}}
    change = compare(old, rekeyed)[0]
    assert change.added == [["y"]] and change.removed == [["1"]]
    dropped = compare(old, {"datasets": {}})[0]
    assert dropped.dropped_dataset and dropped.removed == [["1"]]


def test_a_cell_is_compared_as_stored():
    assert fingerprint("5") != fingerprint("5.0")
    assert fingerprint("Итуруп") == fingerprint("Итуруп")


def test_the_previous_release_is_the_newest_before_this_version(tmp_path):
    for version in ("0.6.0", "0.7.0", "0.10.0"):
        (tmp_path / f"{version}.json").write_text("{}")
    assert version_key("0.10.0") > version_key("0.9.1")
    assert previous_release(tmp_path, "0.10.0").stem == "0.7.0"
    assert previous_release(tmp_path, "0.7.1").stem == "0.7.0"
    assert previous_release(tmp_path, "0.6.0").stem == "0.6.0"   # nothing earlier
    assert previous_release(tmp_path / "none", "0.6.0") is None


def test_the_committed_manifests_read_and_cover_the_data():
    manifests = sorted(RELEASES.glob("*.json"), key=lambda p: version_key(p.stem))
    assert manifests, "no release manifest in releases/"
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for path in manifests:
        manifest = read_manifest(path)
        assert manifest["version"] == path.stem
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", manifest["date"])
    newest = read_manifest(manifests[-1])
    assert set(newest["datasets"]) == {r["name"] for r in descriptor["resources"]}
    assert version_key(manifests[-1].stem) <= version_key(VERSION)


def test_a_bad_manifest_is_refused(tmp_path):
    path = tmp_path / "0.1.0.json"
    path.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ValueError, match="0.1.0.json: manifest format 99"):
        read_manifest(path)


def test_the_command_line_writes_a_manifest_and_reports_a_diff(tmp_path, data_copy):
    releases = tmp_path / "releases"
    run = [sys.executable, "-m", "analysis.edition"]
    subprocess.run([*run, "snapshot", "--version", "9.0.0", "--date", "2030-01-01",
                    "--data-dir", str(DATA), "--releases", str(releases)],
                   check=True, capture_output=True, text=True, cwd=ROOT)
    assert read_manifest(releases / "9.0.0.json") == snapshot(DATA, version="9.0.0",
                                                              date="2030-01-01")
    _rewrite(data_copy / "islands.csv", lambda rows: rows[:-1])
    result = subprocess.run([*run, "diff", "--version", "9.0.1", "--data-dir", str(data_copy),
                             "--releases", str(releases)],
                            check=True, capture_output=True, text=True, cwd=ROOT)
    assert "islands: 0 added, 0 changed, 1 removed" in result.stdout
    assert "(since 9.0.0)" in result.stdout
    bad = subprocess.run([*run, "snapshot", "--version", "seven", "--date", "2030-01-01",
                          "--releases", str(releases)], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0


def test_the_edition_page_lists_what_changed_since_the_previous_release(built_book):
    page = unescape((built_book.html / "chapters" / "edition.html").read_text("utf-8"))
    text = re.sub(r"<[^>]+>", " ", page)
    text = re.sub(r"\s+", " ", text)
    old = read_manifest(previous_release(RELEASES, VERSION))
    changes = compare(old, snapshot(DATA))
    assert f"compared with release {old['version']} of {old['date']}" in text
    for change in changes:
        row = (f"{change.name} {len(change.added)} {len(change.changed)} "
               f"{len(change.removed)} {change.unchanged}")
        assert row in text, row
        for key, columns in change.changed:
            assert f"{' · '.join(key)} changed {', '.join(columns)}" in text
        for key in change.added:
            assert f"{' · '.join(key)} added" in text


def test_the_readme_release_example_runs_as_written():
    """The README's two release commands: ``make manifest`` (dry run: it would write into
    releases/) names the snapshot command, and the diff runs as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(make manifest .*?)```", readme, re.S).group(1)
    make_line, diff_line = [line.split("#")[0].strip() for line in block.splitlines()
                            if line.strip()]
    dry = subprocess.run(["make", "-n", *make_line.split()[1:]], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    version = re.search(r"VERSION=(\S+)", make_line).group(1)
    assert f"-m analysis.edition snapshot --version {version} --date" in dry
    result = subprocess.run(["bash", "-c", diff_line], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    assert re.search(r"^events: \d+ added, \d+ changed, \d+ removed", result.stdout, re.M)
