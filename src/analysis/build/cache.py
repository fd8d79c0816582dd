"""Content hashes of a build's inputs, and the cache of executed chapters.

A chapter's result is reused only when every input it has is unchanged:

* its **key** hashes the notebook file, the parameters (``end_year``; whether the data
  folder is the book's own, which changes the page's banner), the code of
  ``src/analysis``, ``references.bib``, ``requirements.lock`` and the Python version;
* its **reads** are the data files the chapter actually loaded when it was executed (the
  Load room records them, see :mod:`analysis.data.reads`), each with its hash: editing
  ``exchanges.csv`` invalidates only the chapters that loaded it.

We hash the inputs ourselves rather than use jupyter-cache, which keys a notebook on its
code cells only and would serve a stale result after a data file or a helper changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ChapterCache", "file_digest", "tree_digest", "digest"]

#: How many cached results of one chapter are kept (e.g. for several ``end_year`` values).
KEEP_PER_CHAPTER = 12


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (``"missing"`` if it does not exist)."""
    if not path.is_file():
        return "missing"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(path: Path, patterns: Iterable[str] = ("*",)) -> str:
    """One SHA-256 over the relative names and bytes of the files below ``path``."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in patterns for p in path.rglob(pattern) if p.is_file()
                    and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts})
    for file in files:
        digest.update(str(file.relative_to(path)).encode("utf-8") + b"\0")
        digest.update(file_digest(file).encode("ascii") + b"\0")
    return digest.hexdigest()


def digest(value: Any) -> str:
    """SHA-256 of a JSON-serialisable value (keys sorted)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def environment_digest(root: Path, code_dir: Path) -> dict[str, str]:
    """The inputs every chapter shares: code, bibliography, locked packages, Python."""
    return {
        "code": tree_digest(code_dir, ("*.py",)),
        "bib": file_digest(root / "references.bib"),
        "lock": file_digest(root / "requirements.lock"),
        "python": sys.version,
    }


@dataclass(frozen=True)
class ChapterCache:
    """Executed chapters under ``folder``: ``<chapter>/<key>-<reads>/notebook.ipynb`` with
    ``reads.json`` (the data files read, relative to the data folder, with their hashes).
    One key may have several entries, one per version of the data it read."""

    folder: Path

    def lookup(self, chapter: str, key: str, data_dir: Path) -> Path | None:
        """A cached notebook for ``key`` whose data files all still have the recorded
        hashes, or ``None``."""
        folder = self.folder / chapter
        entries = sorted(folder.glob(f"{key}-*")) if folder.is_dir() else []
        for entry in (e for e in entries if not e.name.endswith(".partial")):
            notebook, reads = entry / "notebook.ipynb", entry / "reads.json"
            if not (notebook.is_file() and reads.is_file()):
                continue
            recorded = json.loads(reads.read_text(encoding="utf-8"))
            if all(file_digest(Path(name) if Path(name).is_absolute() else data_dir / name)
                   == expected for name, expected in recorded.items()):
                notebook.touch()  # most recently used
                return notebook
        return None

    def store(self, chapter: str, key: str, notebook: Path, read_paths: Iterable[Path],
              data_dir: Path) -> None:
        """Keep an executed notebook with the hashes of the files it read."""
        reads = {}
        for path in sorted(set(read_paths)):
            try:
                name = str(path.relative_to(data_dir))
            except ValueError:
                name = str(path)
            reads[name] = file_digest(path)
        entry = self.folder / chapter / f"{key}-{digest(reads)[:16]}"
        partial = entry.with_name(entry.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        shutil.copy2(notebook, partial / "notebook.ipynb")
        (partial / "reads.json").write_text(json.dumps(reads, indent=1), encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        partial.rename(entry)
        self._prune(chapter)

    def _prune(self, chapter: str) -> None:
        entries = [p for p in (self.folder / chapter).iterdir()
                   if (p / "notebook.ipynb").is_file()]
        entries.sort(key=lambda p: (p / "notebook.ipynb").stat().st_mtime, reverse=True)
        for old in entries[KEEP_PER_CHAPTER:]:
            shutil.rmtree(old, ignore_errors=True)
