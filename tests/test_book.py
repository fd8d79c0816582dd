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


REPORT_CHAPTERS = ["chapters/01-history", "chapters/02-territorial-dispute"]


def chapter_html(built_book, page: str) -> str:
    return (built_book.html / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", REPORT_CHAPTERS)
def test_every_figure_has_number_caption_source_alt_and_data(built_book, page):
    html = chapter_html(built_book, page)
    figures = re.findall(r'<figure class="[^"]*" id="(fig-[a-z0-9-]+)">(.*?)</figure>', html, re.S)
    assert len(figures) >= 2, page
    for name, body in figures:
        assert re.search(r'<span class="caption-number">Fig\. \d+\.\d+ </span>', body), name
        assert "Source" in body, f"{name}: no source line"
        assert re.search(r'href="[^"]*\.(csv|geojson)"', body), f"{name}: no data download"
        assert re.search(r'<img [^>]*alt="[^"]{40,}"|aria-label="[^"]{40,}"', body), name
        assert 'class="vega-chart"' in body, f"{name}: not a chart"


@pytest.mark.parametrize("page", REPORT_CHAPTERS)
def test_chapter_reads_as_a_chapter(built_book, page):
    """An abstract, a key-points box and at least 3,000 words of prose."""
    html = chapter_html(built_book, page)
    assert "<strong>Abstract.</strong>" in html
    assert "Key points" in html
    main = html.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
    main = re.sub(r"<script.*?</script>|<figure.*?</figure>", " ", main, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", main).split()
    assert len(words) >= 3000, f"{page}: {len(words)} words"


def test_report_chapters_cite_at_least_25_sources(built_book):
    """Distinct bibliography entries linked from the two chapters' citations."""
    cited = set()
    for page in REPORT_CHAPTERS:
        cited |= set(re.findall(r'<span class="bibtex-citation"[^>]*>.*?</span>',
                                chapter_html(built_book, page), re.S))
    targets = {t for span in cited for t in re.findall(r'href="references\.html#(id\d+)"', span)}
    assert len(targets) >= 25, len(targets)


def test_stub_chapters_say_so(built_book):
    for page in PAGES[3:5]:
        html = (built_book.html / f"{page}.html").read_text(encoding="utf-8")
        assert "Chapter in preparation" in html


def test_data_and_sources_are_the_repository_ones(built_book):
    html = (built_book.html / "chapters" / "references.html").read_text(encoding="utf-8")
    assert "mofa.go.jp" in html
    assert (ROOT / "references.bib").is_file()


def test_site_root_redirects_to_preface(built_book):
    html = (built_book.html / "index.html").read_text(encoding="utf-8")
    assert 'url=chapters/index.html' in html
