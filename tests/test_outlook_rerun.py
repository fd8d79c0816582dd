"""The analysts' use of chapter 4, end to end: a copy of the data with one added event
(its source in a references.bib beside the data) changes the index and lights a signpost
when chapter 4 is re-run on it; a bad row in the copy stops the build with a clear message
before anything runs, and writes nothing."""

from __future__ import annotations

import shutil

import nbformat
import papermill
import pytest
from conftest import DATA, ROOT

from analysis import build

NOTEBOOK = ROOT / "chapters" / "04-outlook.ipynb"
EVENT = ("2026-03-15-grave-visits-resume,2026-03-15,day,Grave visits to the islands resume "
         "(a hypothetical test row),exchange,Japan; Russia,\"Former residents visit family "
         "graves again, the first time since 2019.\",3,exchange,analyst-note-2026\n")
SOURCE = """@misc{analyst-note-2026,
  author  = {{An analyst}},
  title   = {{A note on the resumption of grave visits (test entry)}},
  url     = {https://example.org/note},
  year    = {2026},
  urldate = {2026-12-01},
  tier    = {news},
}
"""


def glued(nb: nbformat.NotebookNode) -> dict[str, str]:
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name and "application/papermill.record/text/plain" in output["data"]:
                values[name] = output["data"]["application/papermill.record/text/plain"]
    return values


def run_outlook(tmp_path, data_dir, name) -> dict[str, str]:
    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"data_dir": str(data_dir)},
                               cwd=str(ROOT / "chapters"), progress_bar=False,
                               kernel_name="python3")
    return glued(nbformat.read(out, as_version=4))


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyst") / "data"
    shutil.copytree(DATA, folder)
    with (folder / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(EVENT)
    (folder / "references.bib").write_text(SOURCE, encoding="utf-8")
    return folder


def test_an_added_event_changes_the_index_and_lights_a_signpost(tmp_path, edited):
    before = run_outlook(tmp_path, DATA, "before")
    after = run_outlook(tmp_path, edited, "after")
    assert before["outlook-index-last-n"] != after["outlook-index-last-n"]
    assert before["outlook-index-last-index"] != after["outlook-index-last-index"]
    # the event is an exchange scored +3: the thaw's "exchanges resume" signpost lights
    assert before["outlook-sign-managed-thaw-lit"] == "'0 of 5'"
    assert after["outlook-sign-managed-thaw-lit"] == "'1 of 5'"
    assert int(after["outlook-sign-n-lit"]) == int(before["outlook-sign-n-lit"]) + 1


def test_a_bad_row_in_the_copy_stops_the_build_before_anything_runs(tmp_path, edited, capsys):
    bad = tmp_path / "bad"
    shutil.copytree(edited, bad)
    text = (bad / "signposts.csv").read_text(encoding="utf-8")
    (bad / "signposts.csv").write_text(text.replace(",sanctions_by_japan,>=,1,2,",
                                                    ",sanctions_by_jpan,>=,1,2,", 1),
                                       encoding="utf-8")
    out = tmp_path / "out"
    assert build.main(["--data-dir", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "signposts.csv, row 2, column 'measure'" in err and "sanctions_by_jpan" in err
    assert not out.exists()


def test_a_source_key_already_in_the_book_is_refused_in_the_copy(tmp_path, edited, capsys):
    clash = tmp_path / "clash"
    shutil.copytree(edited, clash)
    (clash / "references.bib").write_text(SOURCE.replace("analyst-note-2026", "goldstein-1992"),
                                          encoding="utf-8")
    assert build.main(["--data-dir", str(clash), "--out", str(tmp_path / "o")]) == 1
    assert "may only add sources" in capsys.readouterr().err
