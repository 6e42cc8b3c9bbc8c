"""Shared fixtures: the repository root, and a disposable copy of it for feeding the loader broken data."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkbook import paths

# Sphinx's own fixtures (app, make_app, ...) for the small test books under tests/sphinx/roots.
pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = paths.root()


@pytest.fixture
def book_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ and seeds/ in a temporary root; NKBOOK_ROOT points the package at it."""
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("NKBOOK_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per test run, strictly (-W -n --keep-going), into _build/ (execution is cached)."""
    command = [sys.executable, "-m", "nkbook.build", "build", str(ROOT), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy())
    return {"result": result, "html": ROOT / "_build" / "html"}


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def served(folder: Path):
    """``folder`` served on 127.0.0.1 (a random free port) for the length of the block; yields its address."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # A browser that leaves a page (or prints it) before a file is sent closes the connection:
            # not an error of the book's.
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site(built_book):
    """The built book served on 127.0.0.1 (a random free port) for the length of the test run."""
    html = built_book["html"]
    if not (html / "index.html").is_file():
        pytest.fail("the book did not build; see test_book_build.py")
    with served(html) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Skipped (with how to install) on a reader's machine
    without Chromium; never skipped in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it with apt-get install chromium")
        pytest.skip("Chromium is not installed: run 'sudo apt-get install chromium' to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def recording_page(browser, site: str):
    """A fresh page that records console errors, failed requests and every request that leaves ``site``."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.off_host = []
    page.failed = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    page.on("requestfailed", lambda req: page.failed.append(f"{req.url} ({req.failure})"))

    def route(route_):
        url = route_.request.url
        if url.startswith(site) or url.startswith("data:") or url.startswith("blob:"):
            route_.continue_()
        else:
            page.off_host.append(url)
            route_.abort()

    context.route("**/*", route)
    # Every breach of the pages' Content-Security-Policy, as the browser reports it.
    context.add_init_script(
        "window.__nkbookCSP = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__nkbookCSP.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page


@pytest.fixture
def page(browser, site):
    """A fresh page of the served book (see :func:`recording_page`)."""
    page = recording_page(browser, site)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def serve():
    """:func:`served`, for a test that serves a folder of its own."""
    return served


@pytest.fixture
def new_page(browser):
    """Fresh pages (see :func:`recording_page`) for a site of the test's own, closed at its end."""
    made = []

    def make(site: str):
        made.append(recording_page(browser, site))
        return made[-1]

    yield make
    for page in made:
        page.context.close()


# Tables that both a reading's tests and its chart's tests read (the chart draws what the reading decides).
@pytest.fixture(scope="module")
def context_table():
    from nkbook.data import load

    return load("context_figures")


@pytest.fixture(scope="module")
def yearly_arrivals():
    from nkbook.readings import revisions

    return revisions.latest_per_year()


@pytest.fixture(scope="module")
def events_table():
    from nkbook.data import load

    return load("events")


@pytest.fixture(scope="module")
def placements():
    from nkbook.readings import dates

    return dates.placements().set_index("event_id")
