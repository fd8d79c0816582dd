"""Unit tests of the build CLI's argument handling and of publishing a build safely."""

import argparse

import pytest

from analysis import build


@pytest.mark.parametrize(
    ("text", "expected"),
    [("end_year=2024", ("end_year", 2024)), ("data_dir=../data", ("data_dir", "../data")),
     ("label = x y", ("label", "x y")), ("flag=true", ("flag", True))],
)
def test_parse_param(text, expected):
    assert build.parse_param(text) == expected


@pytest.mark.parametrize("text", ["end_year", "=2024", ""])
def test_parse_param_rejects_malformed(text):
    with pytest.raises(argparse.ArgumentTypeError):
        build.parse_param(text)


def test_merge_params_overrides_and_keeps_defaults():
    merged = build.merge_params({"end_year": 2024, "data_dir": "../data"}, [("end_year", 2000)])
    assert merged == {"end_year": 2000, "data_dir": "../data"}


def test_merge_params_rejects_unknown_key_and_wrong_type():
    with pytest.raises(build.BuildError, match="unknown parameter 'end_yaer'"):
        build.merge_params({"end_year": 2024}, [("end_yaer", 2000)])
    with pytest.raises(build.BuildError, match="must be of type int"):
        build.merge_params({"end_year": 2024}, [("end_year", "last")])


def test_params_file_matches_repository_defaults():
    params = build.read_params(build.repo_root() / "params.yml")
    assert params == {"end_year": 2026, "data_dir": build.STAGED_DATA_DIR}


def test_main_reports_bad_formats_and_unknown_params(tmp_path, capsys):
    assert build.main(["--formats", "epub", "--out", str(tmp_path)]) == 1
    assert "--formats takes html and/or pdf" in capsys.readouterr().err
    assert build.main(["--param", "nope=1", "--out", str(tmp_path)]) == 1
    assert "unknown parameter 'nope'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing was written


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


def test_publish_restores_old_build_when_move_fails(tmp_path):
    target = tmp_path / "html"
    target.mkdir()
    (target / "index.html").write_text("last good")
    missing = tmp_path / "does-not-exist"
    with pytest.raises(OSError):
        build.publish(missing, target)
    assert (target / "index.html").read_text() == "last good"


def test_failing_chapter_keeps_last_good_build(tmp_path):
    """A chapter that raises stops the build before anything is published."""
    import json
    import shutil

    root = tmp_path / "book"
    root.mkdir()
    for name in build.BOOK_FILES:
        source = build.repo_root() / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
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
        build.build(root=root, out=out, data_dir=build.repo_root() / "data",
                    params={"end_year": 2024, "data_dir": "../data"}, log=lambda _: None)
    assert (out / "html" / "index.html").read_text() == "last good"
    assert [p.name for p in out.iterdir()] == ["html"]  # staging removed
