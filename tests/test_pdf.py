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
    captions = re.findall(r"Fig\. (\d+\.\d+):", pdf_text)
    assert len(captions) == len(html_figures) >= 1
    images = sum(len(page.images) for page in PdfReader(built_book.pdf).pages)
    assert images >= len(html_figures)
