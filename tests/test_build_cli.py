"""Unit tests of the build CLI's argument handling, of parameters, and of safe publishing."""

import argparse
import json
import shutil

import pytest
from conftest import DATA, ROOT, tree_digest

from analysis import build, params
from analysis.build import publishing as publish


@pytest.mark.parametrize(
    ("text", "expected"),
    [("end_year=2024", ("end_year", 2024)), ("data_dir=../data", ("data_dir", "../data")),
     ("label = x y", ("label", "x y")), ("flag=true", ("flag", True)),
     ("data_dir=null", ("data_dir", None))],
)
def test_parse_param(text, expected):
    assert build.parse_param(text) == expected


@pytest.mark.parametrize("text", ["end_year", "=2024", ""])
def test_parse_param_rejects_malformed(text):
    with pytest.raises(argparse.ArgumentTypeError):
        build.parse_param(text)


def test_merge_overrides_and_keeps_defaults():
    merged = params.merge({"end_year": 2024, "data_dir": None}, [("end_year", 2000)])
    assert merged == {"end_year": 2000, "data_dir": None}
    assert params.merge(merged, [("data_dir", "x")])["data_dir"] == "x"


@pytest.mark.parametrize(("key", "value", "message"), [
    ("end_yaer", 2000, "unknown parameter 'end_yaer'"),
    ("end_year", "last", "'end_year' must be a whole year"),
    ("end_year", True, "'end_year' must be a whole year"),
    ("end_year", 2000.5, "'end_year' must be a whole year"),
    ("data_dir", 3, "'data_dir' must be a folder path"),
    ("index_window", "month", "'index_window' must be 'year' or 'quarter'"),
    ("index_weights", "log", "'index_weights' must be 'rubric', 'sign' or 'sqrt'"),
    ("bootstrap_draws", 10, "'bootstrap_draws' must be a whole number from 100"),
    ("bootstrap_draws", 100.0, "'bootstrap_draws' must be a whole number"),
    ("sparse_below", 0, "'sparse_below' must be a whole number from 1 to 100"),
    ("index_start", 1700, "'index_start' must be a whole year from 1855"),
])
def test_merge_rejects_unknown_keys_and_wrong_types(key, value, message):
    with pytest.raises(params.ParameterError, match=message):
        params.merge({"end_year": 2024, "data_dir": None}, [(key, value)])


def test_params_file_holds_the_defaults_of_every_parameter():
    assert params.defaults() == {"end_year": 2026, "data_dir": None, "index_window": "year",
                                 "index_start": 1991, "index_weights": "rubric",
                                 "bootstrap_draws": 2000, "bootstrap_seed": 20261201,
                                 "sparse_below": 5}
    assert set(params.defaults()) == set(params.SPEC)
    for key, value in params.defaults().items():
        params.merge({}, [(key, value)])  # each default passes its own checks


def test_check_years_names_the_range():
    from analysis.data import validate_package

    summary = validate_package()
    params.check_years({"end_year": summary.first_year}, summary)
    params.check_years({"end_year": summary.last_year}, summary)
    with pytest.raises(params.ParameterError, match="outside the data.*1855–2026"):
        params.check_years({"end_year": 1800}, summary)
    with pytest.raises(params.ParameterError, match="2030"):
        params.check_years({"end_year": 2030}, summary)


@pytest.mark.parametrize(("argv", "message"), [
    (["--formats", "epub"], "--formats takes html and/or pdf"),
    (["--param", "nope=1"], "unknown parameter 'nope'"),
    (["--param", "end_year=soon"], "'end_year' must be a whole year"),
    (["--param", "end_year=1700"], "outside the data"),
    (["--param", "index_window=month"], "'index_window' must be 'year' or 'quarter'"),
    (["--data-dir", "no/such/folder"], "the data folder must exist"),
])
def test_bad_parameters_stop_the_build_before_anything_runs(tmp_path, capsys, argv, message):
    out = tmp_path / "out"
    assert build.main([*argv, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "build failed" in err
    assert not out.exists()  # nothing was written


def test_cli_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        build.main(["--param", "no-equals-sign"])
    assert info.value.code == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err


def test_publish_replaces_target_and_leaves_no_backup(tmp_path):
    target = tmp_path / "html"
    target.mkdir()
    (target / "old.txt").write_text("old")
    new = tmp_path / "staging"
    new.mkdir()
    (new / "index.html").write_text("new")
    build.publish(new, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["html"]


def test_publish_together_undoes_the_first_move_when_the_second_fails(tmp_path):
    """HTML and PDF publish together or not at all."""
    for name, text in [("html", "last good html"), ("pdf", "last good pdf")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "content").write_text(text)
    new_html = tmp_path / "new-html"
    new_html.mkdir()
    (new_html / "content").write_text("new html")
    missing_pdf = tmp_path / "new-pdf-that-was-never-built"
    before = tree_digest(tmp_path)
    with pytest.raises(OSError):
        build.publish_together([(new_html, tmp_path / "html"), (missing_pdf, tmp_path / "pdf")])
    assert tree_digest(tmp_path) == before
    assert (tmp_path / "html" / "content").read_text() == "last good html"


def test_manifest_is_read_back(tmp_path):
    assert publish.read_manifest(tmp_path) == {}
    publish.write_manifest(tmp_path, {"key": "abc"})
    assert publish.read_manifest(tmp_path) == {"key": "abc"}
    assert [p.name for p in tmp_path.iterdir()] == [publish.MANIFEST]


def book_copy(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    for name in (*build.BOOK_FILES, "requirements.lock", "params.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


def test_failing_chapter_keeps_last_good_build(tmp_path):
    """A chapter that raises stops the build before anything is published, names the
    chapter and its exception, and leaves no staging folder behind."""
    root = book_copy(tmp_path)
    notebook = root / "chapters" / "04-outlook.ipynb"
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "boom",
                        "metadata": {}, "outputs": [],
                        "source": "raise RuntimeError('deliberate failure')"})
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("last good")
    with pytest.raises(build.BuildError, match="04-outlook.ipynb failed: RuntimeError"):
        build.build(root=root, out=out, params={"end_year": 2024, "data_dir": str(DATA)},
                    formats=["html"], log=lambda _: None)
    assert (out / "html" / "index.html").read_text() == "last good"
    assert not list(out.glob(".staging-*"))
    assert not (out / publish.MANIFEST).exists()


def test_stale_staging_folders_are_removed_when_a_build_starts(tmp_path):
    """A build killed outright (kill -9) cannot clean up; the next build does."""
    from analysis.build.book import _locked

    stale = tmp_path / ".staging-abc123"
    (stale / "book").mkdir(parents=True)
    with _locked(tmp_path):
        assert not stale.exists()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_an_interrupted_build_leaves_no_staging_folder(tmp_path, signal_name):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("last good")
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis.build", "--out", str(out), "--formats", "html",
         "--param", "end_year=1999"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob(".staging-*/book/chapters")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.glob(".staging-*")), "the build never staged"
    time.sleep(1.0)  # well into the execution of the chapters
    process.send_signal(getattr(signal, signal_name))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1, err
    assert "build failed: interrupted" in err and "Traceback" not in err
    assert not list(out.glob(".staging-*"))
    assert (out / "html" / "index.html").read_text() == "last good"
