"""The Build stage: ``python -m analysis.build`` (what ``make book`` runs).

``validate_package`` → stage → papermill per chapter (cached on all its inputs, in
parallel) → jupyter-book HTML and PDF (execution off, concurrently) → both published
together, only when both succeeded. Modules: ``cli`` (the command line), ``book`` (the
build), ``toc`` (the chapters of ``_toc.yml``), ``execute`` and ``cache`` (chapter
execution and its cache), ``sphinx`` (jupyter-book runs), ``publishing`` (safe publishing),
``notebooks`` (``make notebooks``). The build imports the Load room and the parameters,
never a domain module or the charts.
"""

from analysis.build.book import BOOK_FILES, BuildError, BuildReport, build
from analysis.build.cli import main, parse_param
from analysis.build.publishing import publish, publish_together
from analysis.build.toc import chapter_notebooks, is_draft, toc_files

__all__ = [
    "BOOK_FILES",
    "BuildError",
    "BuildReport",
    "build",
    "chapter_notebooks",
    "is_draft",
    "main",
    "parse_param",
    "publish",
    "publish_together",
    "toc_files",
]
