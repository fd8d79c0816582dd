"""Alignments around Japan and Russia: who met or signed with whom, as a membership
matrix, and the counts chapter 3 quotes."""

from __future__ import annotations

import pandas as pd

from analysis.window import up_to

__all__ = ["SIDES", "alignment_description", "key_figures", "membership"]

#: Reader-facing names of the sides.
SIDES = {"us-partners": "United States and partners", "russia-partners": "Russia and partners",
         "other": "Wider groupings"}


def membership(alignments: pd.DataFrame, end_year: int) -> pd.DataFrame:
    """One row per grouping and member state (grouping, member, side, milestones, first,
    last) for milestones up to ``end_year``."""
    shown = up_to(alignments, end_year)
    rows = []
    for grouping, group in shown.groupby(shown["grouping"].astype(str), sort=False):
        members = sorted({m.strip() for cell in group["members"].astype(str)
                          for m in cell.split(";") if m.strip()})
        for member in members:
            holds = group[group["members"].astype(str).str.contains(member, regex=False)]
            rows.append({"grouping": grouping, "member": member,
                         "side": SIDES[str(group["side"].iloc[0])],
                         "milestones": len(holds),
                         "first": int(holds["date"].dt.year.min()),
                         "last": int(holds["date"].dt.year.max())})
    return pd.DataFrame(rows, columns=["grouping", "member", "side", "milestones", "first",
                                       "last"])


def key_figures(alignments: pd.DataFrame, end_year: int) -> dict[str, object]:
    """How many groupings Japan belongs to, and the count of leaders' summits."""
    frame = membership(alignments, end_year)
    shown = up_to(alignments, end_year)
    japan = frame[frame["member"] == "Japan"]
    return {
        "n-groupings-japan": int(japan["grouping"].nunique()) if not frame.empty else 0,
        "n-quad-summits": int(((shown["grouping"].astype(str) == "Quad")
                               & (shown["milestone"].astype(str) == "summit")).sum()),
        "n-milestones": len(shown),
    }


def alignment_description(frame: pd.DataFrame) -> str:
    """Alt text of the membership matrix."""
    if frame.empty:
        return "Matrix of groupings and members: no milestone in this period."
    groupings = list(dict.fromkeys(frame["grouping"]))
    japan = sorted(set(frame.loc[frame["member"] == "Japan", "grouping"]))
    russia = sorted(set(frame.loc[frame["member"] == "Russia", "grouping"]))
    return (f"Matrix of {len(groupings)} groupings (rows) and their member states (columns), "
            f"coloured by side. Japan belongs to {', '.join(japan) or 'none'}; Russia to "
            f"{', '.join(russia) or 'none'}.")
