"""Browser tests: the real site, built once, served on 127.0.0.1, visited with headless Chromium.

Chromium comes from Debian (``/usr/bin/chromium``, installed by ``make test``); Playwright
drives it without downloading a browser of its own.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kwtest import *  # noqa: F403  (so `from conftest import ...` works whichever conftest is loaded)

from kompaswaaier.build import build_site

CHROMIUM = os.environ.get("KOMPASWAAIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (real docs, real waaiers/), built once per test session."""
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(output=out, quiet=True)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """URL of a static file server on 127.0.0.1 serving the built site."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright. Fails (never skips) when Chromium is missing."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), (
        f"Chromium ontbreekt ({CHROMIUM}); 'make test' installeert het met apt-get")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (phone-sized viewport is opt-in per test)."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
