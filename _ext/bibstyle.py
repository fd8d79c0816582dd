"""Sphinx extension of this book: bibliography labels a reader can match on paper.

Each entry's label is its author–year ("Goldstein 1992", "Smith and McClean 2022",
"Halterman et al. 2023", an institution as written), with a, b, … added where two entries
would share a label (and "n.d.-a", "n.d.-b" for undated ones). The bibliography is sorted
by these labels and shows them; the text cites with the same label (the ``label``
reference style of sphinxcontrib-bibtex), so a printed citation finds its entry. Each
entry also ends with its key, so that a key shown in a data file or a chart's tooltip can
be found on the References page or, for sources the data use but the text does not cite,
on the Data sources page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from string import ascii_lowercase
from typing import Any

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinx.application import Sphinx

__all__ = ["LABELS", "base_label", "global_labels", "labels_for", "setup"]


def _plain(text: str) -> str:
    """LaTeX-ish BibTeX text (braces, escapes) as plain text."""
    try:
        return Text.from_latex(text).render_as("text")
    except Exception:  # a field the book's own test checks; keep the raw text if odd
        return text.replace("{", "").replace("}", "")


def _surname(person: Any) -> str:
    return _plain(" ".join([*person.prelast_names, *person.last_names]))


def base_label(entry: Entry) -> str:
    """Author–year without disambiguation: one, two, or first author et al."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        who = _plain(entry.fields.get("title", "Anonymous"))[:40]
    elif len(people) == 1:
        who = _surname(people[0])
    elif len(people) == 2:
        who = f"{_surname(people[0])} and {_surname(people[1])}"
    else:
        who = f"{_surname(people[0])} et al."
    year = _plain(entry.fields.get("year", "")).strip() or "n.d."
    return f"{who} {year}"


def labels_for(entries: Iterable[Entry]) -> Iterator[str]:
    """The labels of ``entries`` (already sorted), with a, b, … where labels collide."""
    entries = list(entries)
    bases = [base_label(e) for e in entries]
    counts = Counter(bases)
    seen: Counter[str] = Counter()
    for base in bases:
        if counts[base] == 1:
            yield base
            continue
        letter = ascii_lowercase[seen[base] % 26] * (1 + seen[base] // 26)
        seen[base] += 1
        yield f"{base}-{letter}" if base.endswith("n.d.") else f"{base}{letter}"


#: Labels of every entry of the book's bibliography (key → label), made once over the
#: whole file so that a label is unique across the References and Data sources pages.
LABELS: dict[str, str] = {}


def _sorting_key(entry: Entry) -> tuple[str, str]:
    return (base_label(entry).casefold(), _plain(entry.fields.get("title", "")).casefold())


def global_labels(entries: Iterable[Entry]) -> dict[str, str]:
    """key → label for all ``entries``, disambiguated over all of them."""
    ordered = sorted(entries, key=_sorting_key)
    return dict(zip((e.key for e in ordered), labels_for(ordered), strict=True))


class AuthorYearLabels(BaseLabelStyle):
    """Label style: the book-wide label of each entry (:data:`LABELS`), or, outside a
    Sphinx build, :func:`labels_for` over the entries given."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        if LABELS and all(e.key in LABELS for e in entries):
            return iter([LABELS[e.key] for e in entries])
        return labels_for(entries)


class ByAuthorYear(BaseSortingStyle):
    """Sorting style: by author–year label, then title (case-insensitive)."""

    def sorting_key(self, entry: Entry) -> tuple[str, str]:
        return _sorting_key(entry)


class BookStyle(PlainStyle):
    """pybtex's plain formatting with author–year labels and author–year order; each
    entry ends with its key, the name the data files and chart tooltips use for it."""

    default_label_style = AuthorYearLabels
    default_sorting_style = ByAuthorYear

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        return FormattedEntry(formatted.key, Text(formatted.text, " Key: ", entry.key, "."),
                              formatted.label)


class TooltipStyle(BookStyle):
    """The short form shown when a reader points at a citation in the text: author, title,
    year and key, without notes, URL or access date (the References page has them all);
    every page carries one such tooltip per citation, so its length is page weight."""

    DROPPED = frozenset({"note", "url", "urldate", "doi", "howpublished"})

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        short = Entry(entry.type, persons=entry.persons,
                      fields={k: v for k, v in entry.fields.items()
                              if k.lower() not in self.DROPPED})
        short.key = entry.key
        return super().format_entry(label, short, bib_data=bib_data)


def _builder_inited(app: Sphinx) -> None:
    from pathlib import Path

    from pybtex.database import parse_file

    LABELS.clear()
    for name in app.config.bibtex_bibfiles:
        LABELS.update(global_labels(parse_file(str(Path(app.srcdir) / name)).entries.values()))


def setup(app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", "bookstyle", BookStyle)
    register_plugin("pybtex.style.formatting", "booktooltip", TooltipStyle)
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
