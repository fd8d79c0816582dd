"""Every bib entry says what kind of source it is; the citations per page are reported by
kind; no data row and no cited sentence rests only on reference-kind sources."""

from __future__ import annotations

import re

import pytest
from conftest import FINISHED, ROOT

from analysis import citations
from analysis.data import TIERS, Bibliography, DataPackage, read_bibliography

BIB = read_bibliography(ROOT / "references.bib")
PAGES = citations.book_pages(ROOT)


def test_every_entry_states_its_kind():
    untyped = sorted(k for k, tier in BIB.tiers.items() if tier not in TIERS)
    assert untyped == []


def test_citation_shares_by_kind_per_page(capsys):
    table = citations.citation_shares(PAGES, BIB)
    with capsys.disabled():
        print("\nCitations per page by kind of source (in-text citations; % of the page's):")
        print(table.to_string())
    for page in FINISHED:
        assert table.loc[page, "total"] > 0, page
        assert table.loc[page, "untyped"] == 0, page


def test_no_data_row_rests_only_on_reference_sources():
    rows = citations.reference_only_rows(DataPackage())
    assert rows == [], "\n".join(f"{f}, row {r}, column '{c}': {k}" for f, r, c, k in rows)


def test_no_cited_claim_rests_only_on_reference_sources():
    found = citations.reference_only_claims(PAGES, BIB)
    assert found == [], "\n".join(f"{c.page}: {c.text[:90]}… {list(c.keys)}" for c in found)


def bib(**tiers):
    return Bibliography(ROOT / "x.bib", tiers)


def test_sentences_are_split_and_judged_by_all_their_citations():
    text = ("The treaty was signed in 1855 {cite}`wiki-a`. It was ratified in 1856 "
            "{cite}`wiki-a,gov-b`.\n\n| Japan | Russia |\n|---|---|\n"
            "| “Inherent” {cite:p}`gov-b` | “Not in doubt” {cite}`blog-c` |\n")
    found = citations.cited_sentences("p", text)
    assert [c.keys for c in found] == [("wiki-a",), ("wiki-a", "gov-b"), ("gov-b",),
                                       ("blog-c",)]
    tiers = bib(**{"wiki-a": "reference", "gov-b": "primary", "blog-c": "reference"})
    only = citations.reference_only_claims({"p": text}, tiers)
    assert [c.text.split(" {")[0] for c in only] == ["The treaty was signed in 1855",
                                                     "“Not in doubt”"]
    shares = citations.citation_shares({"p": text}, tiers)
    assert shares.loc["p", "reference"] == 3 and shares.loc["p", "primary"] == 2
    assert shares.loc["p", "reference_%"] == pytest.approx(60.0)


def test_each_clause_is_judged_by_the_citation_that_closes_it():
    """A sentence of two clauses is two claims: a clause resting only on a reference work
    is found even when the rest of the sentence cites a primary source."""
    text = ("A decree of 1946 annexed the islands {cite}`wiki-a,blog-c`, and from 1947 the "
            "residents were deported {cite}`gov-b`.")
    claims = citations.cited_claims("p", text)
    assert [(c.text, c.keys) for c in claims] == [
        ("A decree of 1946 annexed the islands {cite}`wiki-a,blog-c`", ("wiki-a", "blog-c")),
        ("and from 1947 the residents were deported {cite}`gov-b`", ("gov-b",))]
    tiers = bib(**{"wiki-a": "reference", "gov-b": "primary", "blog-c": "reference"})
    assert [c.keys for c in citations.reference_only_claims({"p": text}, tiers)] == [
        ("wiki-a", "blog-c")]
    # the whole sentence, judged by all its citations, would have passed
    assert not tiers.only_reference(["wiki-a", "blog-c", "gov-b"])


def test_a_row_citing_only_reference_sources_is_found(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    reference_key = next(k for k, t in BIB.tiers.items() if t == "reference")
    text = (data / "exchanges.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    cells = first.split(",")
    cells[-1] = reference_key
    (data / "exchanges.csv").write_text("\n".join([header, ",".join(cells), *text[2:]]) + "\n",
                                        encoding="utf-8")
    rows = citations.reference_only_rows(DataPackage(data))
    assert ("exchanges.csv", 2, "source", [reference_key]) in rows


def test_every_entry_is_used_by_the_data_or_the_text():
    """The bibliography holds the book's sources and nothing else, so that the Data
    sources page (entries the text does not cite) lists exactly the data-only sources."""
    used = citations.cited_keys(PAGES) | citations.data_keys(DataPackage())
    assert sorted(set(BIB.tiers) - used) == []
    assert sorted(used - set(BIB.tiers)) == []


def test_chapters_1_and_2_meet_the_source_targets():
    """Across chapters 1–2, primary and scholarly sources carry at least 60 % of the
    in-text citations and reference-kind ones at most 5 %; the book cites at least 15
    distinct scholarly works."""
    table = citations.citation_shares(PAGES, BIB)
    both = table.loc[["chapters/01-history", "chapters/02-territorial-dispute"]].sum()
    assert (both["primary"] + both["scholarly"]) / both["total"] >= 0.60, both.to_dict()
    assert both["reference"] / both["total"] <= 0.05, both.to_dict()
    scholarly = {k for k in citations.cited_keys(PAGES) if BIB.tiers.get(k) == "scholarly"}
    assert len(scholarly) >= 15, sorted(scholarly)


#: Languages of the sources (biblatex ``langid``) that the bibliography uses.
LANGUAGES = {"english", "japanese", "russian", "chinese", "korean", "french", "spanish",
             "portuguese", "estonian", "bulgarian", "croatian", "german", "ukrainian"}
NON_LATIN = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,}[^\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff]+[A-Za-z]{2,}")


def test_every_entry_records_the_language_of_its_source():
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    wrong = {k: e.fields.get("langid") for k, e in entries.items()
             if e.fields.get("langid") not in LANGUAGES}
    assert wrong == {}


def test_every_title_in_japanese_or_russian_script_has_an_english_gloss():
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    unglossed = [k for k, e in entries.items() if NON_LATIN.search(e.fields.get("title", ""))
                 and not ENGLISH_WORDS.search(e.fields["title"])]
    assert len([k for k, e in entries.items() if NON_LATIN.search(e.fields["title"])]) > 100
    assert unglossed == []


def test_every_japanese_or_russian_source_shows_its_original_title_or_says_why_not():
    """A title in the source's own script (with the English gloss), or a note that the
    stored copy read did not show it, so the English title is ours."""
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    foreign = {k: e for k, e in entries.items()
               if e.fields.get("langid") in ("japanese", "russian")}
    original = [k for k, e in foreign.items() if NON_LATIN.search(e.fields["title"])]
    unexplained = [k for k, e in foreign.items() if k not in original and not re.search(
        r"title (in the original script )?is not (shown|in the stored copy)",
        e.fields.get("note", ""))]
    assert len(original) >= 0.9 * len(foreign) > 300
    assert unexplained == []


def test_every_undated_entry_says_why():
    """An entry is "n.d." only where the page read shows no date, or where it could not be
    read; its note says which."""
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    undated = {k: e for k, e in entries.items() if e.fields.get("year") == "n.d."}
    unexplained = [k for k, e in undated.items() if not re.search(
        r"no date|date is unknown|(year|date)\b.{0,40}not shown",
        e.fields.get("note", ""), re.I)]
    assert len(undated) < 0.1 * len(entries)
    assert unexplained == []
