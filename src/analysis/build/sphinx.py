"""Run ``jupyter-book build`` for HTML and PDF at the same time, strictly, with logs."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BUILDERS", "SphinxError", "SphinxRun", "build_formats", "output_of", "source_date_epoch",
]

#: jupyter-book's builder for each format.
BUILDERS = {"html": "html", "pdf": "pdflatex"}
JB_STRICT = ("-n", "-W", "--keep-going")


class SphinxError(RuntimeError):
    """jupyter-book failed or warned; the message holds the warnings and the log's path."""


@dataclass(frozen=True)
class SphinxRun:
    fmt: str
    seconds: float


def _output_root(staging: Path, fmt: str) -> Path:
    """Each format builds into its own tree beside (not inside) the staged sources, so the
    two runs share no doctree cache and neither reads the other's output as a source."""
    return staging / f"build-{fmt}"


def output_of(staging: Path, fmt: str) -> Path:
    """Where jupyter-book puts ``fmt``: the HTML folder, or the PDF file."""
    root = _output_root(staging, fmt) / "_build"
    return root / "html" if fmt == "html" else root / "latex" / "book.pdf"


def source_date_epoch(root: Path) -> str | None:
    """The time of the book's last commit, for reproducible dates in the outputs (Sphinx
    and XeTeX read ``SOURCE_DATE_EPOCH``), or ``None`` outside a git checkout."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def _failures(staging: Path, fmt: str, code: int, log_path: Path, logs: Path) -> list[str]:
    """What went wrong in one jupyter-book run (strict: any WARNING or ERROR fails it)."""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if code != 0 or "WARNING" in text or "ERROR" in text:
        lines = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
        return [f"jupyter-book ({BUILDERS[fmt]}) failed; full log: {log_path}\n"
                + "\n".join(lines or text.splitlines()[-25:])]
    if not output_of(staging, fmt).exists():
        return [f"jupyter-book ({BUILDERS[fmt]}) produced no {fmt}; see {log_path}"]
    if fmt == "pdf":  # keep the generated LaTeX beside the logs, for inspection
        tex = output_of(staging, fmt).with_suffix(".tex")
        if tex.is_file():
            shutil.copy2(tex, logs / "book.tex")
    return []


def build_formats(staging: Path, formats: Sequence[str], logs: Path,
                  epoch: str | None = None) -> list[SphinxRun]:
    """Build every format of ``formats`` from the book staged in ``staging/book``,
    concurrently.

    Raises :class:`SphinxError` if any run exits non-zero or logs a WARNING or ERROR (strict
    mode), after all runs have finished.
    """
    logs.mkdir(parents=True, exist_ok=True)
    executable = str(Path(sys.executable).with_name("jupyter-book"))
    env = dict(os.environ)
    if epoch:
        env.update(SOURCE_DATE_EPOCH=epoch, FORCE_SOURCE_DATE="1")
    running = []
    for fmt in formats:
        log_path = logs / f"{BUILDERS[fmt]}.log"
        handle = log_path.open("w", encoding="utf-8")
        command = [executable, "build", str(staging / "book"), "--builder", BUILDERS[fmt],
                   "--path-output", str(_output_root(staging, fmt)), *JB_STRICT]
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)  # its own process group
        running.append((fmt, process, handle, log_path, time.perf_counter()))
    runs, failures = [], []
    try:
        for fmt, process, handle, log_path, started in running:
            code = process.wait()
            handle.close()
            runs.append(SphinxRun(fmt, time.perf_counter() - started))
            failures += _failures(staging, fmt, code, log_path, logs)
    except BaseException:  # interrupted: stop the other run before staging is removed
        for _, process, handle, _, _ in running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # jupyter-book, latexmk, xelatex
            process.wait()
            handle.close()
        raise
    if failures:
        raise SphinxError("\n".join(failures))
    return runs
