"""The PDF: chapter titles, names in three scripts, embedded fonts, every figure present."""

import re
import subprocess

import pytest
from pypdf import PdfReader

TITLES = ["History", "The territorial dispute", "The Indo-Pacific realignment", "Outlook",
          "Data and methods", "Glossary and naming policy"]
NAMES = ["Etorofu", "Kunashiri", "Shikotan", "Habomai",
         "択捉島", "国後島", "色丹島", "歯舞群島",
         "Итуруп", "Кунашир", "Шикотан"]


@pytest.fixture(scope="module")
def pdf_text(built_book) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(built_book.pdf), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_chapter_titles(pdf_text):
    flat = " ".join(pdf_text.split()).lower()
    for title in TITLES:
        assert title.lower() in flat, title


def test_names_in_three_scripts(pdf_text):
    missing = [name for name in NAMES if name not in pdf_text]
    assert missing == []


def test_all_fonts_embedded(built_book):
    result = subprocess.run(["pdffonts", str(built_book.pdf)], capture_output=True, text=True,
                            check=True)
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not_embedded == []
    assert any("NotoSerifCJK" in r or "NotoSansCJK" in r for r in rows)


def test_every_figure_is_in_the_pdf(built_book, pdf_text):
    html_figures = set()
    for page in (built_book.html / "chapters").glob("*.html"):
        html_figures |= set(re.findall(r'id="(fig-[a-z0-9-]+)"', page.read_text("utf-8")))
    captions = re.findall(r"(?<!“)Fig\. (\d+\.\d+):", pdf_text)  # not the citations
    assert len(captions) == len(html_figures) >= 1
    images = sum(len(page.images) for page in PdfReader(built_book.pdf).pages)
    assert images >= len(html_figures)


def chapter_pages(pdf_path, title: str) -> tuple[int, int]:
    """First and last page (1-based) of the chapter whose outline title (after its number)
    starts with ``title``; chapters are the entries one level below the book's parts."""
    reader = PdfReader(pdf_path)
    entries: list[tuple[int, str, int]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    chapters = [(name, page) for depth, name, page in entries if depth == 1]
    ends = [page - 1 for _, page in chapters[1:]] + [len(reader.pages)]
    for (name, first), last in zip(chapters, ends, strict=True):
        if re.sub(r"^[\d.]+\s*", "", name).lower().startswith(title.lower()):
            return first, last
    raise AssertionError(f"no chapter {title!r} in the PDF outline: {chapters}")


@pytest.mark.parametrize("title", ["History", "The territorial dispute"])
def test_report_chapter_names_the_islands_in_three_scripts(built_book, title):
    """Each report chapter, on its own pages, names every island group in English, Japanese
    and Russian exactly as the islands dataset spells them."""
    from analysis.data import load

    first, last = chapter_pages(built_book.pdf, title)
    text = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(built_book.pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    # a line may break inside a Japanese word; the break is not a space in the text
    flat = re.sub(r"(?<=[\u3040-\u9fff])\s+(?=[\u3040-\u9fff])", "", flat)
    islands = load("islands")
    for row in islands.itertuples():
        for name in (row.name_en.split()[0], row.name_ja, *row.name_ru.split()):
            assert name in flat, (title, name)
    assert re.search(r"Fig\. \d+\.\d+:", flat), f"{title}: no numbered figure"


def test_pdf_lists_its_figures_and_tables(pdf_text):
    flat = " ".join(pdf_text.split())
    lists = flat.split("LIST OF FIGURES", 1)[1].split("LIST OF TABLES", 1)
    figures = re.findall(r"(\d+\.\d+) [A-Z]", lists[0].split("CHAPTER", 1)[0])
    assert len(figures) >= 15
    assert "Rules of the cooperation" in lists[1].split("CHAPTER", 1)[0]


#: An overfull line wider than this (in points) shows as text running into the margin or
#: the next table column; smaller ones are invisible.
OVERFULL_LIMIT_PT = 3.0


def test_no_line_of_the_pdf_runs_over(built_book):
    log = (built_book.out / "logs" / "pdflatex.log").read_text(encoding="utf-8", errors="replace")
    assert "Output written on" in log or "Latexmk" in log or "LaTeX" in log
    wide = [(float(pt), lines) for pt, lines in
            re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) in (?:paragraph|alignment) at "
                       r"lines (\d+--\d+)", log) if float(pt) > OVERFULL_LIMIT_PT]
    assert wide == [], f"overfull lines in book.tex: {sorted(set(wide))}"
