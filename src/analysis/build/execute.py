"""Execute the chapter notebooks with papermill: in parallel, each from the cache when
none of its inputs changed."""

from __future__ import annotations

import ast
import json
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from analysis.build.cache import ChapterCache, digest, file_digest
from analysis.data.reads import READ_LOG_ENV

__all__ = ["ChapterRun", "ExecutionError", "clean_notebook", "declared_parameters",
           "execute_chapters"]


#: Seconds a kernel may take to start (generous: a loaded machine can be slow).
KERNEL_START_TIMEOUT = 300


class ExecutionError(RuntimeError):
    """A chapter raised while it was executed."""


class IpcKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels talk over Unix sockets instead of TCP ports.

    Over TCP the manager picks five free ports and the kernel binds them a moment later;
    a kernel started meanwhile by another process (a second build, a test run) can take
    one first, and the kernel then never answers (``ZMQError: Address already in use``,
    reported as "Kernel didn't respond"). Socket files under a name drawn for each
    kernel cannot collide."""

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        # The socket files' common prefix: unique per kernel, in the temporary folder, never
        # in the notebook's folder. Not in Jupyter's runtime folder under $HOME: a socket's
        # path may not exceed 107 bytes, and a deep $HOME (a test's) made it longer.
        return str(Path(tempfile.gettempdir()) / f"kernel-{uuid.uuid4().hex[:12]}-ipc")


@dataclass(frozen=True)
class ChapterRun:
    """How one chapter was obtained: executed (with its time) or from the cache."""

    name: str
    cached: bool
    seconds: float


@dataclass(frozen=True)
class _Job:
    notebook: Path
    params: dict[str, Any]
    read_log: Path
    kernel_log: Path


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send this process's standard error (and so the kernel's) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("w", encoding="utf-8") as handle:
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def clean_notebook(path: Path, shown_params: dict[str, Any]) -> None:
    """Make an executed notebook reproducible and quiet: hide papermill's injected cell
    (and show in it the parameters as the user gave them, not the build's paths), and drop
    papermill's run metadata (timestamps, durations, the builder's paths). The parameters
    shown are kept in the notebook's ``book.parameters`` metadata, where the figures'
    metadata files read them."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    nb.metadata.setdefault("book", {})["parameters"] = json.loads(
        json.dumps(shown_params, sort_keys=True, default=str))
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id
            cell.source = "# Parameters\n" + "".join(
                f"{key} = {value!r}\n" for key, value in shown_params.items())
            if "remove-cell" not in tags:
                tags.append("remove-cell")
    nbformat.write(nb, path)


def _run(job: _Job) -> tuple[float, str | None]:
    """Worker: execute one notebook in place; return (seconds, error or None)."""
    import papermill

    previous = os.environ.get(READ_LOG_ENV)
    os.environ[READ_LOG_ENV] = str(job.read_log)
    started = time.perf_counter()
    try:
        with _stderr_to(job.kernel_log):
            papermill.execute_notebook(
                str(job.notebook), str(job.notebook), parameters=job.params,
                cwd=str(job.notebook.parent), kernel_name="python3", progress_bar=False,
                log_output=False, start_timeout=KERNEL_START_TIMEOUT,
                kernel_manager_class=IpcKernelManager,
            )
    except papermill.PapermillExecutionError as exc:
        return time.perf_counter() - started, f"{exc.ename}: {exc.evalue}"
    except Exception as exc:  # a kernel that died, a notebook that cannot be read
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    finally:
        if previous is None:
            os.environ.pop(READ_LOG_ENV, None)
        else:
            os.environ[READ_LOG_ENV] = previous
    return time.perf_counter() - started, None


def declared_parameters(notebook: Path) -> set[str]:
    """The names a chapter's ``parameters`` cell assigns (the parameters it takes)."""
    nb = nbformat.read(notebook, as_version=4)
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            tree = ast.parse(cell.source)
            names |= {target.id for node in tree.body if isinstance(node, ast.Assign)
                      for target in node.targets if isinstance(target, ast.Name)}
    return names


def _own(values: dict[str, Any], names: set[str]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key in names}


def chapter_key(notebook: Path, params: dict[str, Any], own_data: bool,
                shared: dict[str, str]) -> str:
    """The cache key of one chapter: its file, the parameters it takes (the data folder
    counts through ``own_data`` and the files it read), and the shared inputs."""
    taken = {key: value for key, value in _own(params, declared_parameters(notebook)).items()
             if key != "data_dir"}
    return digest({"notebook": file_digest(notebook), "params": taken,
                   "own_data": own_data, **shared})


def execute_chapters(
    notebooks: list[Path],
    *,
    params: dict[str, Any],
    shown_params: dict[str, Any],
    own_data: bool,
    data_dir: Path,
    shared: dict[str, str],
    cache: ChapterCache,
    jobs: int,
    logs: Path,
    log: Callable[[str], None],
) -> list[ChapterRun]:
    """Execute ``notebooks`` (staged copies, replaced in place) with ``params``; reuse
    cached results whose inputs are unchanged; run the rest ``jobs`` at a time.

    Raises
    ------
    ExecutionError
        Naming the first chapter (in book order) that failed, with its exception.
    """
    runs: dict[str, ChapterRun] = {}
    pending: list[tuple[Path, str]] = []
    for notebook in notebooks:
        key = chapter_key(notebook, params, own_data, shared)
        hit = cache.lookup(notebook.stem, key, data_dir)
        if hit is not None:
            notebook.write_bytes(hit.read_bytes())
            runs[notebook.name] = ChapterRun(notebook.name, True, 0.0)
            log(f"  {notebook.name}: unchanged, taken from the cache")
        else:
            pending.append((notebook, key))
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="reads-") as reads_dir:
        work = [_Job(nb, _own(params, declared_parameters(nb)),
                     Path(reads_dir) / f"{nb.stem}.log", logs / f"execute-{nb.stem}.log")
                for nb, _ in pending]
        context = multiprocessing.get_context("spawn")
        results: list[tuple[float, str | None]] = []
        if len(work) > 1 and jobs > 1:
            with ProcessPoolExecutor(max_workers=min(jobs, len(work)),
                                     mp_context=context) as pool:
                results = list(pool.map(_run, work))
        else:
            results = [_run(job) for job in work]
        for job, (notebook, key), (seconds, error) in zip(work, pending, results, strict=True):
            if error:
                errors[notebook.name] = f"{error} (kernel log: {job.kernel_log})"
                log(f"  {notebook.name}: failed after {seconds:.1f} s")
                continue
            clean_notebook(notebook, _own(shown_params, declared_parameters(notebook)))
            reads = [Path(line) for line in job.read_log.read_text(encoding="utf-8")
                     .splitlines()] if job.read_log.is_file() else []
            cache.store(notebook.stem, key, notebook, reads, data_dir)
            runs[notebook.name] = ChapterRun(notebook.name, False, seconds)
            log(f"  {notebook.name}: executed in {seconds:.1f} s")
    for notebook in notebooks:  # the first failure in book order
        if notebook.name in errors:
            raise ExecutionError(f"chapter {notebook.name} failed: {errors[notebook.name]}")
    return [runs[nb.name] for nb in notebooks]
