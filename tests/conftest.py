"""Shared fixtures: the repository layout and one offline build of the whole book."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analysis.build.toc import chapter_notebooks, is_draft, toc_files

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))      # the book's Sphinx extensions, as Sphinx sees them
from figure_data import specs_in_html  # noqa: E402, F401  (the one reader of chart specs)

DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The book's pages and chapter notebooks, as _toc.yml lists them.
PAGES = toc_files(ROOT)
CHAPTERS = chapter_notebooks(ROOT)
#: Finished chapters get the full checks; drafts (metadata book.draft) only say so.
FINISHED = [f"chapters/{p.stem}" for p in CHAPTERS if not is_draft(p)]
DRAFTS = [f"chapters/{p.stem}" for p in CHAPTERS if is_draft(p)]


def tree_digest(path: Path) -> dict[str, str]:
    """SHA-256 of every file below ``path`` (to prove a folder did not change)."""
    if not path.exists():
        return {}
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def offline_prefix() -> list[str] | None:
    """A command prefix that runs its command with no network but loopback, or None.

    Root uses a new network namespace (``unshare -n``); other users a user namespace
    mapped to root (``unshare -rn``). Loopback is brought up so that Jupyter kernels,
    which talk to the build over 127.0.0.1, still work.
    """
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return None
    base = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    probe = subprocess.run([*base, "ip", "link", "set", "lo", "up"], capture_output=True)
    if probe.returncode != 0:
        return None
    return [*base, "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]


@dataclass(frozen=True)
class BuiltBook:
    out: Path
    html: Path
    pdf: Path
    offline: bool
    log: str


def build_offline(out: Path, *args: str) -> BuiltBook:
    """``python -m analysis.build --out OUT ARGS…`` with no network but loopback."""
    prefix = offline_prefix() or []
    command = [*prefix, sys.executable, "-m", "analysis.build", "--out", str(out), *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"the book did not build:\n{log}")
    return BuiltBook(out, out / "html", out / "pdf" / "book.pdf", bool(prefix), log)


@pytest.fixture(scope="session")
def built_book() -> BuiltBook:
    """Build the book once per test session with ``python -m analysis.build``, offline.

    The output goes to ``_build/`` (or ``$BOOK_OUT``), where ``make book`` puts it.
    """
    return build_offline(Path(os.environ.get("BOOK_OUT", ROOT / "_build")))


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=BROWSER_ARGS)
        yield instance
        instance.close()


def open_page(browser, url, *, mode: str = "light"):
    """Open ``url`` offline (only 127.0.0.1 is reached) in the theme's ``mode``
    (light or dark, as the reader's colour-mode button would store it)."""
    page = browser.new_page(color_scheme=mode)
    page.add_init_script(f"localStorage.setItem('mode', '{mode}');")
    blocked, errors = [], []

    def route(route):
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    in_flight: set = set()
    page.on("request", lambda r: in_flight.add(r))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: in_flight.discard(r))
    page.in_flight = in_flight  # read by wait_until_quiet
    page.goto(url, wait_until="load")
    return page, blocked, errors


def wait_until_quiet(page, quiet_ms: int = 500, timeout_ms: int = 30_000) -> None:
    """Wait until no request has been in flight for ``quiet_ms``.

    Playwright's own ``networkidle`` load state fires once per navigation and was seen to be
    missed about one time in fifteen on these pages (a 30 s timeout with nothing pending);
    counting our own requests gives the same guarantee without that race.
    """
    quiet = waited = 0
    while quiet < quiet_ms:
        if waited >= timeout_ms:
            raise TimeoutError(f"requests still in flight: {[r.url for r in page.in_flight]}")
        page.wait_for_timeout(50)
        waited += 50
        quiet = quiet + 50 if not page.in_flight else 0


@pytest.fixture(scope="module")
def server(built_book):
    """The offline build served on 127.0.0.1 (for the browser tests)."""
    with serve(built_book.html) as url:
        yield url
