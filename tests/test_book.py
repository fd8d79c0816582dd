"""The built book: HTML and PDF exist, the build was strict and offline, nothing loads remotely."""

import html
import re

import pytest
from conftest import DRAFTS, FINISHED, PAGES, ROOT

from analysis.charts import VEGA_BUNDLE_NAME

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
            if path.name != VEGA_BUNDLE_NAME and REMOTE_IN_CODE.search(text):
                offenders.append(path.name)
    assert offenders == []
    assert (built_book.html / "_static" / VEGA_BUNDLE_NAME).is_file()


@pytest.mark.parametrize("page", PAGES)
def test_only_pages_with_charts_load_the_chart_bundle_and_pages_stay_light(built_book, page):
    """The 0.9 MB bundle is loaded only where a chart needs it; a text-only page weighs at
    most 80 KB (the data-and-methods page, the longest, is about 55 KB) and a chart page
    at most 300 KB beside the shared bundle. The References page is text whose size is its
    content: it may add at most 700 bytes per entry."""
    path = built_book.html / f"{page}.html"
    html = path.read_text(encoding="utf-8")
    has_chart = 'class="vega-chart"' in html
    assert (VEGA_BUNDLE_NAME in html) == has_chart
    entries = html.count('<div class="citation" id=')
    limit = 300_000 if has_chart else 80_000 + 700 * entries
    assert path.stat().st_size <= limit, (page, path.stat().st_size, entries)


REPORT_CHAPTERS = FINISHED


def chapter_html(built_book, page: str) -> str:
    return (built_book.html / f"{page}.html").read_text(encoding="utf-8")


def test_finished_chapters_are_the_report_chapters():
    assert "chapters/01-history" in FINISHED and "chapters/02-territorial-dispute" in FINISHED
    assert set(FINISHED).isdisjoint(DRAFTS)


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


@pytest.mark.parametrize("page", REPORT_CHAPTERS)
def test_finished_chapter_cites_at_least_25_sources(built_book, page):
    """Distinct bibliography entries linked from the chapter's citations."""
    spans = re.findall(r'<span class="bibtex-citation"[^>]*>.*?</span>',
                       chapter_html(built_book, page), re.S)
    targets = {t for span in spans for t in re.findall(r'href="references\.html#(id\d+)"', span)}
    assert len(targets) >= 25, (page, len(targets))


def test_every_chapter_is_finished_and_none_says_it_is_in_preparation(built_book):
    """All four chapters are written: none is a draft, and no page carries the banner
    that a draft shows (every notebook, the template included, must carry a book.draft
    flag: tests/test_notebooks.py)."""
    assert DRAFTS == [] and len(FINISHED) == 4
    for page in FINISHED:
        assert "Chapter in preparation" not in chapter_html(built_book, page), page


def test_default_build_has_no_parameter_banner(built_book):
    for page in [*FINISHED, *DRAFTS]:
        assert "Built with" not in chapter_html(built_book, page), page


def test_data_and_sources_are_the_repository_ones(built_book):
    html = (built_book.html / "chapters" / "references.html").read_text(encoding="utf-8")
    assert "mofa.go.jp" in html
    assert (ROOT / "references.bib").is_file()


def test_site_root_redirects_to_preface(built_book):
    html = (built_book.html / "index.html").read_text(encoding="utf-8")
    assert 'url=chapters/index.html' in html


def bibliography_labels(html: str) -> list[str]:
    """The labels of a bibliography page's entries, in order."""
    return [re.sub(r"<[^>]+>", "", label) for label in
            re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)'
                       r'<span class="fn-bracket">\]</span></span>', html, re.S)]


def test_every_printed_citation_finds_its_entry_by_the_same_label(built_book):
    """Text and bibliography use one author-year label per entry (a, b where two would
    coincide), sorted by label, so a citation on paper can be matched to its entry."""
    refs = (built_book.html / "chapters" / "references.html").read_text(encoding="utf-8")
    labels = [html.unescape(label) for label in bibliography_labels(refs)]
    assert len(labels) > 400 and len(labels) == len(set(labels))
    bases = [re.sub(r"(?<=\d)[a-z]+$|(?<=n\.d\.)-[a-z]+$", "", label).casefold()
             for label in labels]
    assert bases == sorted(bases)  # sorted by author-year
    assert any(re.search(r" \d{4}[ab]$", label) for label in labels)  # disambiguated
    for page in FINISHED:
        cites = re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>',
                           chapter_html(built_book, page), re.S)
        shown = {html.unescape(label) for c in cites
                 for label in re.findall(r'class="reference internal"[^>]*>([^<]+)</a>', c)}
        assert shown and shown <= set(labels), (page, sorted(shown - set(labels))[:5])


def test_every_source_key_of_the_data_resolves_on_a_page(built_book):
    from analysis import citations
    from analysis.data import DataPackage

    pages = "".join((built_book.html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
                    for name in ("references", "data-sources"))
    missing = sorted(k for k in citations.data_keys(DataPackage()) if f"Key: {k}." not in pages)
    assert missing == []
