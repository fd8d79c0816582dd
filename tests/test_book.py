"""The built book: HTML and PDF exist, the build was strict and offline, nothing loads remotely."""

import re

import pytest
from conftest import ROOT

PAGES = ["chapters/index", "chapters/01-history", "chapters/02-territorial-dispute",
         "chapters/03-indo-pacific", "chapters/04-outlook", "chapters/data-and-methods",
         "chapters/glossary", "chapters/references"]
# Attributes that make a browser fetch something (links in <a href> are not fetched).
FETCHING = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=[\"']([^\"']+)"
    r"|<link\b[^>]*\bhref=[\"']([^\"']+)",
    re.IGNORECASE,
)
REMOTE_IN_CODE = re.compile(r"""(?:url\(|import\s*\(|fetch\(|src\s*=\s*)["']?(https?:)?//""")


def test_build_ran_offline_and_produced_both_formats(built_book):
    if not built_book.offline:
        pytest.skip("no network namespace available (unshare); built with network")
    assert (built_book.html / "index.html").is_file()
    assert built_book.pdf.is_file() and built_book.pdf.read_bytes().startswith(b"%PDF")
    assert "built in" in built_book.log


def test_build_logs_have_no_warnings(built_book):
    for name in ("html.log", "pdflatex.log"):
        log = (built_book.out / "logs" / name).read_text(encoding="utf-8", errors="replace")
        assert "WARNING" not in log, name
        assert "build succeeded" in log, name


@pytest.mark.parametrize("page", PAGES)
def test_page_exists_and_loads_nothing_remote(built_book, page):
    html = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
    remote = [u for m in FETCHING.finditer(html) for u in m.groups()
              if u and re.match(r"(https?:)?//", u)]
    assert remote == [], f"{page} loads remote resources"


def test_static_assets_reference_no_remote_code(built_book):
    offenders = []
    for path in (built_book.html / "_static").rglob("*"):
        if path.suffix in {".js", ".css"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.name != "vega-bundle.js" and REMOTE_IN_CODE.search(text):
                offenders.append(path.name)
    assert offenders == []
    assert (built_book.html / "_static" / "vega-bundle.js").is_file()


def test_history_chapter_has_figure_caption_and_download(built_book):
    html = (built_book.html / "chapters" / "01-history.html").read_text(encoding="utf-8")
    assert 'id="fig-history-timeline"' in html
    assert "Source: " in html
    assert re.search(r'href="[^"]*events\.csv"', html), "data download link"
    assert 'class="vega-chart"' in html and "aria-label=" in html


def test_stub_chapters_say_so(built_book):
    for page in PAGES[2:5]:
        html = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
        assert "Chapter in preparation" in html


def test_data_and_sources_are_the_repository_ones(built_book):
    html = (built_book.html / "chapters" / "references.html").read_text(encoding="utf-8")
    assert "mofa.go.jp" in html
    assert (ROOT / "references.bib").is_file()


def test_site_root_redirects_to_preface(built_book):
    html = (built_book.html / "index.html").read_text(encoding="utf-8")
    assert 'url=chapters/index.html' in html
