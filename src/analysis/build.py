"""Build the book: validate data, run every chapter with papermill, build HTML and PDF.

Usage (what ``make book`` runs)::

    python -m analysis.build [--param KEY=VALUE ...] [--data-dir DIR] [--out _build]

The build works in a staging copy of the book inside the output folder. The last good
``_build/html`` and ``_build/pdf/book.pdf`` are replaced only when every step succeeded,
so a failed build (bad data, a chapter that raises, a Sphinx warning, a LaTeX error)
leaves them as they were. Nothing here reaches the network.

``python -m analysis.build --update-notebooks`` re-executes the committed chapter
notebooks in place with their default parameters (run it after changing data or
helpers, then commit; ``pytest --nbval chapters/`` checks they reproduce).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from analysis import charts
from analysis.data import DataValidationError, load, resource_names
from analysis.geo import layer_names, load_layer

__all__ = [
    "BuildError",
    "BOOK_FILES",
    "build",
    "main",
    "merge_params",
    "parse_param",
    "publish",
]

#: What the staging copy of the book holds (besides the data package).
BOOK_FILES = (
    "_config.yml", "_toc.yml", "references.bib", "chapters", "_static", "_ext", "latex",
)
#: The data folder as the notebooks see it, relative to ``chapters/``.
STAGED_DATA_DIR = "../data"
JB_STRICT = ("-n", "-W", "--keep-going")


class BuildError(RuntimeError):
    """A build step failed; the message says which and where its log is."""


def repo_root() -> Path:
    """The repository root (the package is installed editable from ``src/``)."""
    return Path(__file__).resolve().parents[2]


def parse_param(text: str) -> tuple[str, Any]:
    """Parse ``KEY=VALUE``; the value is read as YAML (``2024`` is an int, ``a`` a str)."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        parsed = yaml.safe_load(value) if value.strip() else ""
    except yaml.YAMLError as exc:
        raise argparse.ArgumentTypeError(f"cannot read the value of {key!r}: {exc}") from exc
    return key, parsed


def merge_params(defaults: dict[str, Any], overrides: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """``params.yml`` values updated by overrides; unknown keys and type changes are errors."""
    merged = dict(defaults)
    for key, value in overrides:
        if key not in defaults:
            raise BuildError(f"unknown parameter {key!r}; params.yml defines {sorted(defaults)}")
        default = defaults[key]
        if isinstance(default, bool) != isinstance(value, bool) or (
            isinstance(default, (int, float)) and not isinstance(value, (int, float))
        ):
            raise BuildError(
                f"parameter {key!r} must be of type {type(default).__name__}, got {value!r}"
            )
        merged[key] = value
    return merged


def read_params(path: Path) -> dict[str, Any]:
    """The default parameters of every chapter (``params.yml``)."""
    params = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(params, dict):
        raise BuildError(f"{path}: must be a mapping of parameter names to values")
    return params


def validate_data(data_dir: Path, bib_path: Path) -> list[str]:
    """Load every table and map layer of the data package; raise on the first bad file."""
    names = resource_names(data_dir)
    for name in names:
        load(name, data_dir, bib_path)
    layers = layer_names(data_dir)
    for name in layers:
        load_layer(name, data_dir, bib_path)
    return names + layers


def chapter_notebooks(book_dir: Path) -> list[Path]:
    """The chapter notebooks of a book folder, in file-name order."""
    return sorted((book_dir / "chapters").glob("*.ipynb"))


def stage(root: Path, data_dir: Path, staging: Path) -> None:
    """Copy the book sources and the data package into ``staging``."""
    for name in BOOK_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(
                source, staging / name, ignore=shutil.ignore_patterns(".ipynb*", "__pycache__")
            )
        elif source.is_file():
            shutil.copy2(source, staging / name)
        else:
            raise BuildError(f"the book source {source} is missing")
    shutil.copytree(data_dir, staging / "data")
    charts.write_vega_bundle(staging / "_static")


def execute_chapters(staging: Path, params: dict[str, Any], log: Callable[[str], None]) -> None:
    """Run every chapter in place with papermill, hiding the injected-parameters cell."""
    import nbformat
    import papermill

    for notebook in chapter_notebooks(staging):
        log(f"executing {notebook.name}")
        try:
            papermill.execute_notebook(
                str(notebook),
                str(notebook),
                parameters=params,
                cwd=str(notebook.parent),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
            )
        except papermill.PapermillExecutionError as exc:
            raise BuildError(f"chapter {notebook.name} failed: {exc.ename}: {exc.evalue}") from exc
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if "injected-parameters" in tags and "remove-cell" not in tags:
                tags.append("remove-cell")
        nbformat.write(nb, notebook)


def run_jupyter_book(staging: Path, builder: str, logs: Path) -> None:
    """``jupyter-book build`` in strict mode; raise with the log's tail on failure."""
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{builder}.log"
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build", str(staging), "--builder", builder, *JB_STRICT,
    ]
    with log_path.open("w", encoding="utf-8") as handle:
        result = subprocess.run(command, stdout=handle, stderr=subprocess.STDOUT, check=False)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if result.returncode != 0 or "WARNING" in text or "ERROR" in text:
        tail = "\n".join(line for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
        raise BuildError(
            f"jupyter-book ({builder}) failed; full log: {log_path}\n"
            + (tail or "\n".join(text.splitlines()[-25:]))
        )


def publish(new: Path, target: Path) -> None:
    """Move ``new`` into place at ``target``, keeping the old one until the move succeeded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = target.with_name(f".{target.name}.previous")
    if backup.exists():
        shutil.rmtree(backup) if backup.is_dir() else backup.unlink()
    if target.exists():
        target.rename(backup)
    try:
        new.rename(target)
    except OSError:
        if backup.exists():
            backup.rename(target)
        raise
    if backup.exists():
        shutil.rmtree(backup) if backup.is_dir() else backup.unlink()


def build(
    *,
    root: Path,
    out: Path,
    data_dir: Path,
    params: dict[str, Any],
    formats: Sequence[str] = ("html", "pdf"),
    log: Callable[[str], None] = print,
) -> dict[str, Path]:
    """Build the book into ``out``; return the published paths by format.

    Data are validated first; then the book is staged, executed and built. Only when
    all requested formats built cleanly are they moved into ``out/html`` and
    ``out/pdf/book.pdf``.
    """
    log(f"validating data in {data_dir}")
    validate_data(data_dir, root / "references.bib")
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        stage(root, data_dir, staging)
        execute_chapters(staging, {**params, "data_dir": STAGED_DATA_DIR}, log)
        builders = {"html": "html", "pdf": "pdflatex"}
        for fmt in formats:
            log(f"building {fmt}")
            run_jupyter_book(staging, builders[fmt], out / "logs")
        published: dict[str, Path] = {}
        if "html" in formats:
            publish(staging / "_build" / "html", out / "html")
            published["html"] = out / "html" / "index.html"
        if "pdf" in formats:
            pdf = staging / "_build" / "latex" / "book.pdf"
            if not pdf.is_file():
                raise BuildError(f"LaTeX produced no PDF; see {staging / '_build' / 'latex'}")
            pdf_dir = staging / "_pdf"
            pdf_dir.mkdir()
            shutil.copy2(pdf, pdf_dir / "book.pdf")
            publish(pdf_dir, out / "pdf")
            published["pdf"] = out / "pdf" / "book.pdf"
        return published
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def update_notebooks(root: Path, log: Callable[[str], None] = print) -> None:
    """Execute the committed chapters in place with their own default parameters."""
    import nbclient
    import nbformat

    for notebook in chapter_notebooks(root):
        log(f"executing {notebook.name} in place")
        nb = nbformat.read(notebook, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=600, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        client.execute()
        for cell in nb.cells:  # no run timestamps: re-running unchanged inputs changes nothing
            cell.metadata.pop("execution", None)
        nbformat.write(nb, notebook)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.build",
        description="Build the book (HTML and PDF) from the data package, offline.",
    )
    parser.add_argument("--param", action="append", type=parse_param, default=[],
                        metavar="KEY=VALUE", help="override a value of params.yml (repeatable)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data package to build from (default: data/)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: _build)")
    parser.add_argument("--params-file", type=Path, default=None,
                        help="default parameters (default: params.yml)")
    parser.add_argument("--formats", default="html,pdf",
                        help="comma-separated subset of html,pdf (default: both)")
    parser.add_argument("--update-notebooks", action="store_true",
                        help="re-execute chapters/*.ipynb in place and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = repo_root()
    if args.update_notebooks:
        update_notebooks(root)
        return 0
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - {"html", "pdf"})
    try:
        if unknown or not formats:
            raise BuildError(f"--formats takes html and/or pdf, got {args.formats!r}")
        params = merge_params(read_params(args.params_file or root / "params.yml"), args.param)
        data_dir = args.data_dir
        if data_dir is None and params["data_dir"] != STAGED_DATA_DIR:
            data_dir = Path(params["data_dir"])  # given as --param data_dir=...
        data_dir = (data_dir or root / "data").resolve()
        started = time.perf_counter()
        published = build(root=root, out=(args.out or root / "_build").resolve(),
                          data_dir=data_dir, params=params, formats=formats)
    except (BuildError, DataValidationError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("the last good build (if any) was left unchanged", file=sys.stderr)
        return 1
    for fmt, path in published.items():
        print(f"{fmt}: {path}")
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
