"""The build's command line: ``python -m analysis.build`` (what ``make book`` runs).

Usage::

    python -m analysis.build [--param KEY=VALUE ...] [--data-dir DIR] [--out _build]
                             [--formats html,pdf] [--jobs N]
    python -m analysis.build --update-notebooks

``--data-dir DIR`` is the same as ``--param data_dir=DIR``; a relative path is taken from
the current directory. Bad parameters and bad data stop the build before anything runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from analysis import params as parameters
from analysis.build.book import BuildError, Interrupted, build
from analysis.build.notebooks import update_notebooks
from analysis.data import DataValidationError, repo_root

__all__ = ["main", "parse_param"]


def parse_param(text: str) -> tuple[str, Any]:
    """Parse ``KEY=VALUE``; the value is read as YAML (``2024`` is an int, ``a`` a str,
    ``null`` is None)."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        parsed = yaml.safe_load(value) if value.strip() else ""
    except yaml.YAMLError as exc:
        raise argparse.ArgumentTypeError(f"cannot read the value of {key!r}: {exc}") from exc
    return key, parsed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.build",
        description="Build the book (HTML and PDF) from the data package, offline.",
    )
    parser.add_argument("--param", action="append", type=parse_param, default=[],
                        metavar="KEY=VALUE", help="override a value of params.yml (repeatable)")
    parser.add_argument("--data-dir", default=None,
                        help="data package to build from (default: the book's data/)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: _build)")
    parser.add_argument("--params-file", type=Path, default=None,
                        help="default parameters (default: params.yml)")
    parser.add_argument("--formats", default="html,pdf",
                        help="comma-separated subset of html,pdf (default: both)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="chapters executed at once (default: the number of cores)")
    parser.add_argument("--update-notebooks", action="store_true",
                        help="re-execute the chapters in place (for nbval) and exit")
    return parser


def _failed(reason: str) -> int:
    print(f"build failed: {reason}", file=sys.stderr)
    print("the last good build (if any) was left unchanged", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = repo_root()
    if args.update_notebooks:
        update_notebooks(root)
        return 0
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    overrides = list(args.param)
    if args.data_dir is not None:
        overrides.append(("data_dir", args.data_dir))
    try:
        if not formats or set(formats) - {"html", "pdf"}:
            raise BuildError(f"--formats takes html and/or pdf, got {args.formats!r}")
        chosen = parameters.merge(parameters.defaults(args.params_file), overrides)
        report = build(root=root, out=(args.out or root / "_build").resolve(),
                       params=chosen, formats=formats, jobs=args.jobs)
    except (BuildError, DataValidationError, parameters.ParameterError) as exc:
        return _failed(str(exc))
    except (KeyboardInterrupt, Interrupted):
        return _failed("interrupted")
    except Exception as exc:  # never a traceback: one paragraph that says what failed
        return _failed(f"unexpected {type(exc).__name__}: {exc}")
    for fmt, path in report.published.items():
        print(f"{fmt}: {path}")
    print(f"built in {report.seconds['total']:.1f} s")
    return 0
