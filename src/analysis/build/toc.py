"""The book's chapters as its table of contents lists them."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

__all__ = ["chapter_notebooks", "is_draft", "toc_files"]


def toc_files(root: Path) -> list[str]:
    """Every ``file:`` of ``_toc.yml`` (the root page first), in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return files


def chapter_notebooks(root: Path) -> list[Path]:
    """The notebooks among the files of ``_toc.yml``, in reading order."""
    paths = [root / f"{name}.ipynb" for name in toc_files(root)]
    return [p for p in paths if p.is_file()]


def is_draft(notebook: Path) -> bool:
    """A chapter is a draft (it may be incomplete) when its notebook metadata says
    ``"book": {"draft": true}``; finished chapters get the full checks."""
    metadata = nbformat.read(notebook, as_version=4).metadata
    return bool(metadata.get("book", {}).get("draft", False))
