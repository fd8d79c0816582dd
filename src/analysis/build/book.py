"""Build the book: check parameters and data, stage, execute chapters (cached, in
parallel), build HTML and PDF (concurrently), publish both together.

The build works in a staging copy of the book inside the output folder. The last good
``html/`` and ``pdf/book.pdf`` are replaced only when every step succeeded, so a failed
build (bad data, a chapter that raises, a Sphinx warning, a LaTeX error) leaves them as
they were. A build whose inputs all equal those of the published book does nothing.
Nothing here reaches the network.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis import params as parameters
from analysis.build.cache import (
    ChapterCache,
    digest,
    environment_digest,
    file_digest,
    tree_digest,
)
from analysis.build.execute import ChapterRun, ExecutionError, execute_chapters
from analysis.build.publishing import (
    MANIFEST,
    publish_together,
    read_manifest,
    write_manifest,
)
from analysis.build.sphinx import (
    SphinxError,
    SphinxRun,
    build_formats,
    output_of,
    source_date_epoch,
)
from analysis.build.toc import chapter_notebooks
from analysis.data import default_data_dir, resolve_data_dir, validate_package

__all__ = ["BOOK_FILES", "BuildError", "BuildReport", "build"]

#: What the staging copy of the book holds (besides the data package).
BOOK_FILES = (
    "_config.yml", "_toc.yml", "references.bib", "CITATION.cff", "chapters", "_static",
    "_ext", "latex", "releases",
)
#: Where each format is published inside the output folder.
TARGETS = {"html": Path("html"), "pdf": Path("pdf")}


class BuildError(RuntimeError):
    """A build step failed; the message says which and where its log is."""


@dataclass
class BuildReport:
    """What a build did: the published paths, and the time of each step."""

    published: dict[str, Path]
    up_to_date: bool = False
    chapters: list[ChapterRun] = field(default_factory=list)
    sphinx: list[SphinxRun] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def published_paths(out: Path, formats: Sequence[str]) -> dict[str, Path]:
    paths = {"html": out / "html" / "index.html", "pdf": out / "pdf" / "book.pdf"}
    return {fmt: paths[fmt] for fmt in formats}


class Interrupted(BaseException):
    """The build was asked to stop (SIGTERM); raised so that clean-up runs."""


def _stop(signum: int, frame: Any) -> None:
    raise Interrupted(f"stopped by signal {signum}")


@contextmanager
def _stoppable() -> Iterator[None]:
    """Within the block, SIGTERM (and SIGHUP) raise :class:`Interrupted` like Ctrl-C raises
    KeyboardInterrupt, so that an interrupted build removes its staging folder."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output folder; leftovers of interrupted builds are removed."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def _inputs_key(root: Path, data_dir: Path, chosen: dict[str, Any], own_data: bool,
                formats: Sequence[str], shared: dict[str, str]) -> str:
    """One key over everything a build reads: book sources, data, parameters, code."""
    sources = {name: tree_digest(root / name) if (root / name).is_dir()
               else file_digest(root / name) for name in BOOK_FILES}
    return digest({"sources": sources, "data": tree_digest(data_dir),
                   "params": {k: v for k, v in chosen.items() if k != "data_dir"},
                   "own_data": own_data,
                   "formats": sorted(formats), **shared})


def stage(root: Path, data_dir: Path, staging: Path) -> None:
    """Copy the book sources and the data package into ``staging``."""
    staging.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, staging / name,
                            ignore=shutil.ignore_patterns(".ipynb*", "__pycache__"))
        elif source.is_file():
            shutil.copy2(source, staging / name)
        else:
            raise BuildError(f"the book source {source} is missing")
    shutil.copytree(data_dir, staging / "data")


def build(
    *,
    root: Path,
    out: Path,
    params: dict[str, Any],
    formats: Sequence[str] = ("html", "pdf"),
    jobs: int | None = None,
    log: Callable[[str], None] = print,
) -> BuildReport:
    """Build the book from ``root`` into ``out``; return what was published.

    ``params`` are the book's parameters (defaults already merged and type-checked);
    ``params["data_dir"]`` is the data folder (``None``: the book's own ``data/``).
    Parameters and data are checked before anything is written.

    Raises
    ------
    analysis.params.ParameterError, analysis.data.DataValidationError
        Before anything runs, for a bad parameter or a bad data file.
    BuildError
        When a chapter, Sphinx or LaTeX fails; nothing is published then.
    """
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    data_dir = resolve_data_dir(params["data_dir"])
    own_data = data_dir == default_data_dir()
    log(f"checking the data in {data_dir}")
    summary = validate_package(data_dir, root / "references.bib")
    parameters.check_years(params, summary)
    seconds["check"] = time.perf_counter() - started

    shared = environment_digest(root, Path(__file__).resolve().parents[1])
    epoch = source_date_epoch(root)
    key = _inputs_key(root, data_dir, params, own_data, formats, {**shared, "epoch": epoch or ""})
    paths = published_paths(out, formats)
    if read_manifest(out).get("key") == key and all(p.exists() for p in paths.values()):
        log("nothing changed since the published build: it is up to date")
        seconds["total"] = time.perf_counter() - started
        return BuildReport(paths, up_to_date=True, seconds=seconds)

    with _locked(out), _stoppable():
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
        try:
            stage(root, data_dir, staging / "book")
            notebooks = chapter_notebooks(staging / "book")
            log(f"executing {len(notebooks)} chapters")
            step = time.perf_counter()
            shown = {**params, "data_dir": None if own_data else "(another data folder)"}
            chapters = execute_chapters(
                notebooks, params={**params, "data_dir": str(data_dir)}, shown_params=shown,
                own_data=own_data, data_dir=data_dir, shared=shared,
                cache=ChapterCache(out / ".cache" / "chapters"),
                jobs=jobs or os.cpu_count() or 1, logs=out / "logs", log=log)
            seconds["execute"] = time.perf_counter() - step
            log(f"building {' and '.join(formats)}")
            step = time.perf_counter()
            sphinx = build_formats(staging, formats, out / "logs", epoch)
            seconds["sphinx"] = time.perf_counter() - step
            moves = []
            for fmt in formats:
                built = output_of(staging, fmt)
                if fmt == "pdf":  # publish a folder holding only the PDF
                    folder = staging / "_publish-pdf"
                    folder.mkdir()
                    shutil.copy2(built, folder / "book.pdf")
                    built = folder
                moves.append((built, out / TARGETS[fmt]))
            (out / MANIFEST).unlink(missing_ok=True)
            publish_together(moves)
            write_manifest(out, {"key": key, "formats": sorted(formats),
                                 "end_year": params["end_year"], "own_data": own_data})
        except (ExecutionError, SphinxError) as exc:
            raise BuildError(str(exc)) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    seconds["total"] = time.perf_counter() - started
    return BuildReport(paths, chapters=chapters, sphinx=sphinx, seconds=seconds)
