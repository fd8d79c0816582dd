"""The execution cache never serves a stale chapter: each kind of input is changed in turn
and exactly the chapters that depend on it are executed again.

Two small chapters stand in for the book's (they run in seconds): ``a`` loads the events,
``b`` the exchanges; both go through the real Load room, the real executor and the cache.
"""

import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, ROOT

from analysis.build.cache import ChapterCache, environment_digest
from analysis.build.execute import execute_chapters

CHAPTER = """from analysis import chapter

book = chapter.start("t", end_year=end_year, data_dir=data_dir)
rows = book.load("{table}")
print(len(rows))
"""


def write_chapter(path, table):
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("end_year = 2026\ndata_dir = None\n")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(CHAPTER.format(table=table))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture
def sandbox(tmp_path):
    """A book root (bibliography, lock, a copy of the code), a data copy, two chapters."""
    root = tmp_path / "root"
    (root / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    shutil.copy(ROOT / "requirements.lock", root / "requirements.lock")
    shutil.copytree(ROOT / "src" / "analysis", root / "code",
                    ignore=shutil.ignore_patterns("__pycache__"))
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    write_chapter(root / "chapters" / "a.ipynb", "events")
    write_chapter(root / "chapters" / "b.ipynb", "exchanges")
    return root, data, tmp_path / "cache"


def run(sandbox, end_year=2026, own_data=True):
    """Execute fresh copies of the two chapters; return the names that were executed."""
    root, data, cache = sandbox
    work = root / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / "chapters", work)
    runs = execute_chapters(
        [work / "a.ipynb", work / "b.ipynb"],
        params={"end_year": end_year, "data_dir": str(data)},
        shown_params={"end_year": end_year, "data_dir": None}, own_data=own_data,
        data_dir=data, shared=environment_digest(root, root / "code"),
        cache=ChapterCache(cache), jobs=2, logs=root / "logs", log=lambda _: None)
    return {run.name.removesuffix(".ipynb") for run in runs if not run.cached}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_input_reruns_exactly_what_depends_on_it(sandbox):
    root, data, _ = sandbox
    assert run(sandbox) == {"a", "b"}
    assert run(sandbox) == set(), "nothing changed: both from the cache"

    nb = nbformat.read(root / "chapters" / "a.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A new paragraph."))
    nbformat.write(nb, root / "chapters" / "a.ipynb")
    assert run(sandbox) == {"a"}, "the notebook's source"

    original = (data / "exchanges.csv").read_text(encoding="utf-8")
    edit(data / "exchanges.csv", ",460,", ",461,")
    assert run(sandbox) == {"b"}, "a data file only b loaded"
    (data / "exchanges.csv").write_text(original, encoding="utf-8")
    assert run(sandbox) == set(), "the earlier result is still valid for the earlier data"

    edit(data / "events.csv", "First Russo-Japanese treaty", "The first Russo-Japanese treaty")
    assert run(sandbox) == {"a"}, "a data file only a loaded"

    assert run(sandbox, end_year=2000) == {"a", "b"}, "a parameter"
    assert run(sandbox, own_data=False) == {"a", "b"}, "another data folder (banner)"

    edit(root / "code" / "window.py", "NOT_AVAILABLE = ", "NOT_AVAILABLE: str = ")
    assert run(sandbox) == {"a", "b"}, "a helper in src/analysis"

    with (root / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n% a comment\n")
    assert run(sandbox) == {"a", "b"}, "the bibliography"

    with (root / "requirements.lock").open("a", encoding="utf-8") as lock:
        lock.write("# a comment\n")
    assert run(sandbox) == {"a", "b"}, "the locked environment"

    edit(data / "datapackage.json", '"title": "Dated events', '"title": "Events')
    assert run(sandbox) == {"a", "b"}, "the package descriptor, which both read"


def test_a_chapter_takes_and_is_keyed_by_only_the_parameters_it_declares():
    from analysis import params
    from analysis.build.execute import chapter_key, declared_parameters

    history = ROOT / "chapters" / "01-history.ipynb"
    outlook = ROOT / "chapters" / "04-outlook.ipynb"
    assert declared_parameters(history) == {"end_year", "data_dir"}
    assert declared_parameters(outlook) == set(params.SPEC)
    base = params.defaults()
    other = {**base, "bootstrap_seed": 1}
    shared = {"code": "x"}
    assert chapter_key(history, base, True, shared) == chapter_key(history, other, True, shared)
    assert chapter_key(outlook, base, True, shared) != chapter_key(outlook, other, True, shared)
    assert chapter_key(outlook, base, True, shared) != chapter_key(
        outlook, {**base, "end_year": 2000}, True, shared)


def test_kernels_talk_over_sockets_named_for_them_not_tcp_ports(sandbox):
    """Two builds or test runs at once once collided on a TCP port a kernel had not yet
    bound ("Address already in use", then "Kernel didn't respond"); the executor's kernels
    use Unix sockets named after themselves, outside the chapter's folder."""
    root, data, cache = sandbox
    work = root / "work"
    work.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import json\nfrom ipykernel.connect import get_connection_info\n"
        "info = json.loads(get_connection_info())\nprint(info['transport'], info['ip'])")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, work / "c.ipynb")
    execute_chapters([work / "c.ipynb"], params={}, shown_params={}, own_data=False,
                     data_dir=data, shared=environment_digest(root, root / "code"),
                     cache=ChapterCache(cache), jobs=1, logs=root / "logs", log=lambda _: None)
    ran = nbformat.read(work / "c.ipynb", as_version=4)
    transport, ip = ran.cells[0].outputs[0]["text"].split()
    assert transport == "ipc"
    assert not ip.startswith(str(work)) and "kernel-" in ip
    assert sorted(p.name for p in work.iterdir()) == ["c.ipynb"]
    assert "over TCP" not in (root / "logs" / "execute-c.log").read_text(encoding="utf-8")


def test_kernel_socket_paths_stay_short_under_a_deep_home(monkeypatch, tmp_path):
    """A Unix socket's path may not exceed 107 bytes: under a deep $HOME (the README tests
    set one) sockets in Jupyter's runtime folder were too long and the kernel never
    answered; they are made in the temporary folder."""
    from analysis.build.execute import IpcKernelManager

    monkeypatch.setenv("HOME", str(tmp_path / ("deep-" * 20) / "home"))
    ip = IpcKernelManager(kernel_name="python3").ip
    assert len(f"{ip}-5".encode()) < 100
    assert Path(ip).parent == Path(tempfile.gettempdir())
