"""Citing the book: labels a reader can match, meta tags, version and date, a citation per
chapter, all read from CITATION.cff (the one place that holds them)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess

import bibstyle  # the book's Sphinx extensions: conftest puts _ext/ on the path
import citing
import figure_data
import pytest
import yaml
from conftest import FINISHED, ROOT
from pybtex.database import Entry, Person, parse_string

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


@pytest.mark.parametrize("page", FINISHED)
def test_citation_tooltips_are_short_and_end_with_the_key(built_book, page):
    """Pointing at a citation shows author, title, year and key, not the whole entry
    (notes and URL are on the References page; every citation's tooltip is page weight)."""
    text = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
    titles = [html.unescape(t) for t in re.findall(
        r'<a class="reference internal" href="references\.html#id\d+" title="([^"]*)"', text)]
    assert len(titles) >= 40
    for title in titles:
        assert re.search(r"Key: [\w.:-]+\.$", title), title
        assert "URL:" not in title and "visited on" not in title, title


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



def test_figure_tables_are_the_flat_datasets_largest_first_without_duplicates():
    spec = {"datasets": {"a": [{"x": 1}], "b": [{"x": 1, "y": "p"}, {"x": 2, "y": "q"}],
                         "c": [{"x": 1}], "geo": [{"type": "Feature", "geometry": {}}]}}
    assert figure_data.figure_tables(spec) == [[{"x": 1, "y": "p"}, {"x": 2, "y": "q"}],
                                               [{"x": 1}]]


def test_figure_csv_keeps_data_text_as_data():
    hostile = '=HYPERLINK("x"), "quoted", comma\nnew line <script>'
    table = [{"title": hostile, "n": 1}, {"n": 2, "extra": None}]
    rows = list(csv.DictReader(io.StringIO(figure_data.table_csv(table))))
    assert [r["title"] for r in rows] == [hostile, ""]
    assert list(rows[0]) == ["title", "n", "extra"] and rows[1]["n"] == "2"


def test_figure_source_keys_are_split_and_sorted():
    tables = [[{"source": "b-key; a-key"}, {"source": "a-key"}, {"other": 1}]]
    assert figure_data.source_keys(tables) == ["a-key", "b-key"]


def figures_of(page_html: str) -> dict[str, str]:
    return dict(re.findall(r'<figure class="[^"]*" id="(fig-[a-z0-9-]+)">(.*?)</figure>',
                           page_html, re.S))


@pytest.mark.parametrize("page", FINISHED)
def test_every_figure_has_its_data_files_and_a_citation(built_book, page):
    from analysis.data import read_bibliography

    keys = set(read_bibliography(ROOT / "references.bib").tiers)
    text = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
    figures = figures_of(text)
    assert len(figures) >= 2
    for fid, body in figures.items():
        number = re.search(r'caption-number">Fig\. (\d+\.\d+) ', body).group(1)
        legend = html.unescape(re.sub(r"<[^>]+>", "", body.split("figure-citation", 1)[1]))
        assert "Cite this figure: " in legend and f"“Fig. {number}: " in legend, fid
        assert f"Version {CFF['version']}, {CFF['date-released']}." in legend
        links = re.findall(r'href="\.\./figures/([^"]+)"', body)
        assert f"{fid}.json" in links and any(n.endswith(".csv") for n in links), fid
        record = json.loads((built_book.html / "figures" / f"{fid}.json").read_text("utf-8"))
        assert record["figure"] == number and record["id"] == fid
        assert record["licence"] == "CC-BY-4.0" and record["book"]["version"] == CFF["version"]
        assert record["parameters"]["end_year"] == 2026
        assert record["citation"] in legend
        assert set(record["sources"]) <= keys
        assert [f["name"] for f in record["files"]] == [n for n in links if n.endswith(".csv")]
        for entry in record["files"]:
            with open(built_book.html / "figures" / entry["name"], encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            assert len(rows) == entry["rows"] > 0 and list(rows[0]) == entry["columns"]


def test_the_timeline_figure_data_are_the_events_it_draws(built_book):
    import pandas as pd

    record = json.loads((built_book.html / "figures" / "fig-history-timeline.json")
                        .read_text("utf-8"))
    drawn = pd.read_csv(built_book.html / "figures" / record["files"][0]["name"])
    events = pd.read_csv(ROOT / "data" / "events.csv")
    assert set(drawn["title"]) <= set(events["title"])
    assert len(drawn) == (pd.to_datetime(events["date"]).dt.year <= 2026).sum()
    assert "events.csv" in record["datasets"]


def test_pdf_cites_every_figure(built_book):
    text = subprocess.run(["pdftotext", str(built_book.pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    figures = sorted(p.stem for p in (built_book.html / "figures").glob("*.json"))
    cited = re.findall(r"Cite this figure: .*?“Fig\. (\d+\.\d+):", flat)
    assert len(cited) == len(figures) >= 10 and len(set(cited)) == len(cited)


def cff_errors(data: dict) -> list[str]:
    import jsonschema

    schema = json.loads((ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json")
                        .read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


def test_citation_cff_is_valid_cff_1_2_with_a_preferred_citation_of_type_book():
    data = yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"),
                     Loader=yaml.BaseLoader)  # keep dates as strings, as CFF wants them
    assert cff_errors(data) == []
    assert data["cff-version"] == "1.2.0" and data["preferred-citation"]["type"] == "book"


def test_the_cff_validator_rejects_a_broken_citation_file():
    data = yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    data["preferred-citation"]["type"] = "novel"
    del data["authors"]
    assert len(cff_errors(data)) >= 2


def test_zenodo_metadata_agree_with_citation_cff():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    book = CFF["preferred-citation"]
    assert zenodo["title"] == book["title"] and zenodo["version"] == str(CFF["version"])
    assert zenodo["publication_date"] == CFF["date-released"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in book["authors"]]
    assert zenodo["license"] == book["license"] and zenodo["keywords"] == CFF["keywords"]
    assert zenodo["upload_type"] == "publication" and zenodo["publication_type"] == "book"
