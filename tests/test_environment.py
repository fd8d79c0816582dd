"""Set-up files agree: pyproject pins, environment.yml, requirements.lock, params, notebooks."""

import re
import tomllib

import pytest
import yaml
from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    found = pins(direct)
    assert len(found) == len(direct), "every direct dependency must be pinned with =="
    return found


def test_environment_yml_repeats_pyproject_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pins(pip_section) == pyproject_pins()
    assert "python=3.11" in env["dependencies"]


def test_lock_file_contains_every_direct_pin():
    lock = pins((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    direct = pyproject_pins()
    assert {k: lock.get(k) for k in direct} == direct
    assert len(lock) > len(direct)  # the lock is the full, transitive set


def test_installed_versions_match_the_lock():
    from importlib.metadata import PackageNotFoundError, version

    lock = pins((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    for name in pyproject_pins():
        try:
            assert version(name) == lock[name], name
        except PackageNotFoundError:
            pytest.fail(f"{name} is pinned but not installed; run `make setup`")


def test_toc_lists_every_chapter_notebook():
    from conftest import CHAPTERS

    on_disk = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert sorted(CHAPTERS) == on_disk
