"""The bibliography side of provenance: source keys, and what kind of source each entry is.

Every row of every dataset names its sources as keys of ``references.bib``. Each entry
states its kind in a ``tier`` field (:data:`TIERS`): a *primary* text (government,
parliament, treaty collection, archive), a *scholarly* work, *news* (a newspaper's or
agency's own publication), or a *reference* work (encyclopaedias, wikis and their mirrors,
blogs, aggregators, propaganda outlets, copies on hosts that do not vouch for them), which
may help find a source but must never stand alone behind a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import parse_file

from analysis.data.reads import record_read

__all__ = [
    "SOURCE_SEPARATOR",
    "TIERS",
    "Bibliography",
    "bib_keys",
    "read_bibliography",
    "source_columns",
    "split_sources",
]

#: Separator between several bibliography keys in one ``source`` cell.
SOURCE_SEPARATOR = ";"
#: The kinds of source, strongest first.
TIERS = ("primary", "scholarly", "news", "reference")


@dataclass(frozen=True)
class Bibliography:
    """The entries of ``references.bib`` that provenance checks need: key → tier."""

    path: Path
    tiers: dict[str, str | None]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.tiers)

    def only_reference(self, keys: list[str]) -> bool:
        """True when ``keys`` is non-empty and every one of them is reference-kind."""
        return bool(keys) and all(self.tiers.get(k) == "reference" for k in keys)


def read_bibliography(path: str | Path) -> Bibliography:
    """Parse a BibTeX file once (with pybtex) into a :class:`Bibliography`."""
    path = Path(path)
    record_read(path)
    entries = parse_file(str(path), bib_format="bibtex").entries
    return Bibliography(path, {key: entry.fields.get("tier") for key, entry in entries.items()})


def bib_keys(path: str | Path) -> frozenset[str]:
    """All entry keys of a BibTeX file."""
    return read_bibliography(path).keys


def split_sources(cell: object) -> list[str]:
    """Split a ``source`` cell such as ``"mofa-1956; kremlin-2001"`` into its keys."""
    return [key.strip() for key in str(cell).split(SOURCE_SEPARATOR) if key.strip()]


def source_columns(columns: list[str]) -> list[str]:
    """The provenance columns of a table: ``source`` and every ``*_source`` column."""
    return [c for c in columns if c == "source" or c.endswith("_source")]
