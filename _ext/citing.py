"""Sphinx extension of this book: citing the book and its chapters.

From ``CITATION.cff`` (the one place that holds the title, authors, version and release
date) it puts on every HTML page the citation meta tags that Google Scholar and Zotero read
(Highwire ``citation_*``) and Open Graph tags, the version and date in the footer, the
version and date on the PDF's title page, and at the end of each report chapter a section
"How to cite this chapter" with a formatted reference and a BibTeX entry.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

__all__ = ["chapter_bibtex", "chapter_reference", "read_citation", "setup"]

#: The report's chapters (documents whose name starts with a chapter number).
CHAPTER_PREFIX = ("chapters/0",)
PDF_NAME = "book.pdf"


def read_citation(srcdir: str | Path) -> dict[str, Any]:
    """The citation metadata of ``CITATION.cff`` (title, authors, version, date, url)."""
    data = yaml.safe_load((Path(srcdir) / "CITATION.cff").read_text(encoding="utf-8"))
    book = data.get("preferred-citation", data)
    return {
        "title": book.get("title", data["title"]),
        "authors": [a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}"
                    for a in book.get("authors", data.get("authors", []))],
        "version": str(data.get("version", "")),
        "date": str(data.get("date-released", "")),
        "url": str(data.get("url", "")),
        "publisher": (book.get("publisher") or {}).get("name", ""),
    }


def chapter_reference(meta: dict[str, Any], chapter: str) -> str:
    """The formatted reference of one chapter (plain text)."""
    authors = "; ".join(meta["authors"])
    year = meta["date"][:4]
    return (f"{authors} ({year}). “{chapter}”. In: {meta['title']}. Version {meta['version']}, "
            f"{meta['date']}.")


def chapter_bibtex(meta: dict[str, Any], chapter: str, docname: str) -> str:
    """A BibTeX entry for one chapter."""
    key = "russia-japan-report-" + docname.rsplit("/", 1)[-1]
    authors = " and ".join("{" + a + "}" for a in meta["authors"])
    return (f"@incollection{{{key},\n  author    = {{{authors}}},\n"
            f"  title     = {{{chapter}}},\n  booktitle = {{{meta['title']}}},\n"
            f"  year      = {{{meta['date'][:4]}}},\n  edition   = {{{meta['version']}}},\n"
            f"  note      = {{Version {meta['version']}, released {meta['date']}}},\n}}")


def _config_inited(app: Sphinx, config: Config) -> None:
    meta = read_citation(app.srcdir)
    config.version = config.release = meta["version"]
    config.today = meta["date"]
    options = dict(config.html_theme_options or {})
    stamp = f"Version {meta['version']}, {meta['date']}."
    footer = options.get("extra_footer", "")
    options["extra_footer"] = f"{footer} {html.escape(stamp)}".strip()
    config.html_theme_options = options


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    meta = read_citation(app.srcdir)
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))
    title = re.sub(r"^\d+(\.\d+)*\.\s*", "", title).strip()  # no section number
    is_chapter = pagename.startswith(CHAPTER_PREFIX)
    tags = [("citation_title", title if is_chapter else meta["title"])]
    if is_chapter:
        tags.append(("citation_inbook_title", meta["title"]))
    tags += [("citation_author", a) for a in meta["authors"]]
    tags += [("citation_publication_date", meta["date"].replace("-", "/")),
             ("citation_online_date", meta["date"].replace("-", "/")),
             ("citation_language", "en")]
    if meta["url"]:  # Highwire wants absolute addresses; without a home there is none
        tags.append(("citation_pdf_url", f"{meta['url'].rstrip('/')}/pdf/{PDF_NAME}"))
    metas = [f'<meta name="{name}" content="{html.escape(value, quote=True)}" />'
             for name, value in tags]
    metas += [f'<meta property="{name}" content="{html.escape(value, quote=True)}" />'
              for name, value in (("og:title", title), ("og:type", "book"),
                                  ("og:site_name", meta["title"]))]
    context["metatags"] = context.get("metatags", "") + "\n".join(metas)


def _chapter_citation(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if not docname.startswith(CHAPTER_PREFIX):
        return
    meta = read_citation(app.srcdir)
    titles = list(doctree.findall(nodes.title))
    chapter = titles[0].astext() if titles else docname
    section = nodes.section(ids=["how-to-cite-this-chapter"], names=["how to cite this chapter"])
    section += nodes.title(text="How to cite this chapter")
    section += nodes.paragraph(text=chapter_reference(meta, chapter))
    section += nodes.literal_block(text=chapter_bibtex(meta, chapter, docname),
                                   language="bibtex")
    top = doctree.next_node(nodes.section)
    (top or doctree).append(section)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    # before the table-of-contents collector, so that the section is numbered with the rest
    app.connect("doctree-read", _chapter_citation, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
