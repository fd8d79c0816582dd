"""Citing the book: labels a reader can match, meta tags, version and date, a citation per
chapter, all read from CITATION.cff (the one place that holds them)."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
import yaml
from conftest import FINISHED, ROOT
from pybtex.database import Entry, Person, parse_string

sys.path.insert(0, str(ROOT / "_ext"))
import bibstyle  # noqa: E402
import citing  # noqa: E402

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def entry(key: str, authors: list[str], year: str, title: str = "T") -> Entry:
    made = Entry("misc", fields={"title": title, "year": year})
    made.key = key
    if authors:
        made.persons["author"] = [Person(a) for a in authors]
    return made


def test_labels_are_author_year_with_letters_only_where_they_would_collide():
    entries = [entry("a", ["Goldstein, Joshua"], "1992"),
               entry("b", ["Smith, Ann", "McClean, Bo"], "2022"),
               entry("c", ["Halterman, A", "B, C", "D, E"], "2023"),
               entry("d", ["{Ministry of Foreign Affairs of Japan}"], "2023", "Bluebook"),
               entry("e", ["{Ministry of Foreign Affairs of Japan}"], "2023", "Another"),
               entry("f", ["{Kremlin}"], ""), entry("g", ["{Kremlin}"], "", "U")]
    labels = bibstyle.global_labels(entries)
    assert labels["a"] == "Goldstein 1992"
    assert labels["b"] == "Smith and McClean 2022"
    assert labels["c"] == "Halterman et al. 2023"
    # sorted by label then title: "Another" before "Bluebook"
    assert (labels["e"], labels["d"]) == ("Ministry of Foreign Affairs of Japan 2023a",
                                          "Ministry of Foreign Affairs of Japan 2023b")
    assert sorted([labels["f"], labels["g"]]) == ["Kremlin n.d.-a", "Kremlin n.d.-b"]
    assert len(set(labels.values())) == len(labels)


def test_the_books_bibliography_gets_one_label_per_entry():
    from pybtex.database import parse_file

    entries = parse_file(str(ROOT / "references.bib")).entries
    labels = bibstyle.global_labels(entries.values())
    assert set(labels) == set(entries) and len(set(labels.values())) == len(entries)
    assert not [label for label in labels.values() if "{" in label or "\\" in label]


def test_citation_metadata_comes_from_citation_cff():
    meta = citing.read_citation(ROOT)
    assert meta["version"] == str(CFF["version"]) and meta["date"] == CFF["date-released"]
    assert meta["title"] == CFF["preferred-citation"]["title"]
    assert meta["authors"] == [a["name"] for a in CFF["preferred-citation"]["authors"]]


def test_chapter_bibtex_parses_and_carries_the_version():
    meta = citing.read_citation(ROOT)
    text = citing.chapter_bibtex(meta, "Outlook: what to watch", "chapters/04-outlook")
    parsed = parse_string(text, "bibtex").entries["russia-japan-report-04-outlook"]
    assert parsed.type == "incollection"
    assert parsed.fields["title"] == "Outlook: what to watch"
    assert parsed.fields["booktitle"] == meta["title"]
    assert parsed.fields["edition"] == meta["version"] and parsed.fields["year"] == meta["date"][:4]


def test_project_metadata_agree_on_the_version():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert str(CFF["version"]) == version == CFF["preferred-citation"]["edition"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {version} — {CFF['date-released']}" in changelog


def metas(page_html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in re.findall(r'<meta (?:name|property)="((?:citation_|og:)[a-z_:]+)" '
                                  r'content="([^"]*)"', page_html):
        found.setdefault(name, []).append(html.unescape(value))
    return found


@pytest.mark.parametrize("page", FINISHED)
def test_chapter_pages_carry_citation_meta_tags(built_book, page):
    text = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
    tags = metas(text)
    heading = next(h for h in re.findall(r"<h1[^>]*>(.*?)</h1>", text, re.S) if "headerlink" in h)
    heading = heading[:heading.index('<a class="headerlink"')]
    heading = re.sub(r"^\d+\.\s*", "", html.unescape(re.sub(r"<[^>]+>", "", heading))).strip()
    assert tags["citation_title"] == [heading] == tags["og:title"]
    assert tags["citation_inbook_title"] == [CFF["title"]]
    assert tags["citation_author"] == [a["name"] for a in CFF["preferred-citation"]["authors"]]
    assert tags["citation_publication_date"] == [CFF["date-released"].replace("-", "/")]
    # no home address in CITATION.cff, so no (necessarily absolute) PDF address is claimed
    assert ("citation_pdf_url" in tags) == bool(CFF.get("url"))


@pytest.mark.parametrize("page", FINISHED)
def test_chapter_ends_with_how_to_cite_it(built_book, page):
    text = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
    section = text[text.index('id="how-to-cite-this-chapter"'):]
    assert f"Version {CFF['version']}, {CFF['date-released']}." in html.unescape(section)
    bibtex = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<pre[^>]*>(.*?)</pre>",
                                                            section, re.S).group(1)))
    key = "russia-japan-report-" + page.rsplit("/", 1)[-1]
    assert parse_string(bibtex, "bibtex").entries[key].fields["edition"] == str(CFF["version"])


def test_every_page_shows_version_and_date_in_the_footer(built_book):
    stamp = f"Version {CFF['version']}, {CFF['date-released']}."
    pages = [p for p in built_book.html.rglob("*.html") if "_static" not in p.parts
             and "http-equiv=\"refresh\"" not in p.read_text("utf-8").lower()]
    missing = [p.name for p in pages if stamp not in p.read_text("utf-8")]
    assert len(pages) > 5 and missing == []


def test_pdf_title_page_shows_version_and_date(built_book):
    first = subprocess.run(["pdftotext", "-l", "2", str(built_book.pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert str(CFF["version"]) in first
    assert CFF["date-released"] in first
