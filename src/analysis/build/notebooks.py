"""Re-execute the committed chapter notebooks in place (``make notebooks``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbclient
import nbformat

from analysis.build.execute import IpcKernelManager
from analysis.build.toc import chapter_notebooks

__all__ = ["update_notebooks"]


def update_notebooks(root: Path, log: Callable[[str], None] = print) -> None:
    """Execute the committed chapters in place with their own default parameters, with no
    run timestamps (re-running unchanged inputs changes nothing; nbval checks that the
    committed outputs reproduce)."""
    for notebook in chapter_notebooks(root):
        log(f"executing {notebook.name} in place")
        nb = nbformat.read(notebook, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=600, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": str(notebook.parent)}},
            kernel_manager_class=IpcKernelManager,
        )
        client.execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, notebook)
