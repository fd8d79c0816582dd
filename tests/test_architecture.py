"""Imports point one way: data → domain → charts → chapter → build (see CONTRIBUTING.md).

The build imports the Load room and the parameters, never a domain module or the charts;
domain modules never import the charts, the chapter helper or the build; chart builders
take frames and import no domain module; the Load room imports nothing else of ours.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "analysis"
DOMAIN = {"events", "negotiations", "islands", "exchanges", "geo", "window", "text", "defence",
          "milex", "scrambles", "exercises", "alignments", "sanctions", "trade", "opinion",
          "index", "signposts"}
#: For each room: the rooms (first part of ``analysis.<room>``) it may import.
ALLOWED = {
    "data": {"data"},
    **{name: DOMAIN | {"data"} for name in DOMAIN},
    "charts": {"charts"},
    "params": {"data"},
    "chapter": {"charts", "params", "text", "data"},
    "citations": {"data", "build"},
    "edition": {"data"},
    "build": {"build", "data", "params"},
}


def room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imported_rooms(path: Path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "analysis" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"
                 or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    own = room(path)
    assert own in ALLOWED, f"{path}: a new room? add it to ALLOWED and to CONTRIBUTING.md"
    illegal = imported_rooms(path) - ALLOWED[own] - {own}
    assert not illegal, f"{path.relative_to(PACKAGE)} imports {sorted(illegal)}"


def test_the_rule_catches_a_violation(tmp_path):
    bad = PACKAGE / "build" / "book.py"
    text = bad.read_text(encoding="utf-8") + "\nfrom analysis import events\n"
    probe = tmp_path / "book.py"
    probe.write_text(text, encoding="utf-8")
    assert "events" in imported_rooms(probe)
