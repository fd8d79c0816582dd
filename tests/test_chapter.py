"""The chapter helper glues every figure under the chapter's prefix (and a part, when two
domain modules of one chapter share figure names), with None shown as not available."""

from __future__ import annotations

import myst_nb

from analysis import chapter, params
from analysis.data import DataPackage


def glued_names(monkeypatch, figures, part=None):
    seen = {}
    monkeypatch.setattr(myst_nb, "glue", lambda name, value, display: seen.update({name: value}))
    book = chapter.Chapter("indo", params.defaults(), params.defaults(), DataPackage(None))
    book.glue(figures, part=part)
    return seen


def test_glue_uses_prefix_and_part(monkeypatch):
    assert glued_names(monkeypatch, {"last-fy": 2024}) == {"indo-last-fy": 2024}
    both = glued_names(monkeypatch, {"last-fy": 2024, "peak": None}, part="scr")
    assert set(both) == {"indo-scr-last-fy", "indo-scr-peak"}
    assert "after the data cut-off" in both["indo-scr-peak"]
