"""Publish a build: every format at once, or none; the last good build is never lost."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST", "publish", "publish_together", "read_manifest"]

#: What the published build was made from (its inputs' key), next to the outputs.
MANIFEST = ".published.json"


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def publish(new: Path, target: Path) -> None:
    """Move ``new`` into place at ``target``, keeping the old one until the move succeeded."""
    publish_together([(new, target)])


def publish_together(moves: Sequence[tuple[Path, Path]]) -> None:
    """Move each ``new`` to its ``target``; if any move fails, undo those already made so
    that every target is as it was. Old targets are removed only after all moves."""
    done: list[tuple[Path, Path, Path | None]] = []
    try:
        for new, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = target.with_name(f".{target.name}.previous")
            _remove(backup)
            if target.exists():
                target.rename(backup)
                done.append((new, target, backup))
            else:
                done.append((new, target, None))
            new.rename(target)
    except OSError:
        for new, target, backup in reversed(done):
            if target.exists() and not new.exists():
                target.rename(new)  # the new output goes back where it came from
            if backup is not None and backup.exists():
                _remove(target)
                backup.rename(target)
        raise
    for _, _, backup in done:
        if backup is not None:
            _remove(backup)


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the published build in ``out`` (empty if none)."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically (after the outputs were published)."""
    partial = out / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(out / MANIFEST)
