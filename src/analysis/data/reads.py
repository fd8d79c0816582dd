"""Which files a process read through the Load room, for the build's execution cache.

When the environment variable :data:`READ_LOG_ENV` names a file, every data file, package
descriptor and bibliography that the Load room opens is appended to it (one absolute path
per line). The build sets it for each chapter it executes, so the cache knows exactly which
data files a chapter depends on: editing ``exchanges.csv`` re-runs only the chapters that
loaded it. Nothing is recorded when the variable is unset (notebooks run by hand, tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["READ_LOG_ENV", "paused", "record_read"]

READ_LOG_ENV = "ANALYSIS_READ_LOG"
_paused = False


def record_read(path: Path) -> None:
    """Note that ``path`` was read (a no-op unless :data:`READ_LOG_ENV` is set)."""
    log = os.environ.get(READ_LOG_ENV)
    if log and not _paused:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).resolve()}\n")


@contextmanager
def paused() -> Iterator[None]:
    """Record nothing inside the block (for checks whose result the build has already
    established, such as the years the whole package covers)."""
    global _paused
    previous, _paused = _paused, True
    try:
        yield
    finally:
        _paused = previous
