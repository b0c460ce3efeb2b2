"""Benchmark: how many bytes a visitor downloads per page, on a first visit and on a visit after that.

Builds the real site into a temporary folder, serves it on 127.0.0.1 and opens, in each version,
the same pages the browser tests visit (home, bouwstenen, a waaier, an entry, the catalogue with a
query, search results, the keuzehulp, the toegankelijkheidsverklaring), and the first card page ("waaier
als kaarten") of each version, in headless Chromium.

Reported per page:
- requests: how many files the page loads;
- raw: their size as served (the test server does not compress);
- gzip: the same files each gzipped (level 6, what a web server with compression sends);
- again (gzip): bytes still fetched from the network when the page is opened a second time, with the
  service worker in charge: the page itself is fetched fresh (network first), everything else comes
  from the worker's copies.

Usage: .venv/bin/python benchmarks/paginagrootte.py [--site DIR]   (not a test; numbers vary per machine)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import controles  # noqa: E402  (the page list and visit steps of the browser tests)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _serve(site: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def _measure(browser, base_url: str, spec: controles.PageSpec) -> dict[str, int]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    log = controles.NetworkLog(context)
    bodies: list[bytes] = []

    def on_response(response) -> None:
        if controles.is_local(response.url) and not response.url.startswith(("data:", "blob:")):
            try:
                bodies.append(response.body())
            except Exception:  # redirects and aborted requests have no body
                pass

    page = context.new_page()
    page.on("response", on_response)
    controles.open_page(page, base_url, spec)
    log.settle(page)
    first = {"requests": len(bodies), "raw": sum(map(len, bodies)),
             "gzip": sum(len(gzip.compress(b, compresslevel=6)) for b in bodies)}
    # A second visit, once the service worker is in charge: what still comes from the network?
    again = 0
    if spec.version != "start":
        page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active", timeout=10_000)
        network: list[int] = []

        def from_network(response) -> None:  # includes the service worker's own fetches
            if not response.from_service_worker and response.ok:
                try:
                    network.append(len(gzip.compress(response.body(), compresslevel=6)))
                except Exception:
                    pass

        context.on("response", from_network)
        controles.open_page(page, base_url, spec)
        log.settle(page)
        again = sum(network)
    context.close()
    return {**first, "again": again}


def _card_pages(site: Path) -> list[controles.PageSpec]:
    """Per version the first "waaier als kaarten" page (render/cards.py), measured like the other pages."""
    specs = []
    for version in ("clienten", "professionals", "organisaties"):
        built = sorted((site / version / "waaier").glob("kaarten-*/index.html"))
        if built:
            specs.append(controles.PageSpec(version, "kaarten", f"/{version}/waaier/{built[0].parent.name}/"))
    return specs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built before (default: build one now)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from kompaswaaier.select import published
    from kompaswaaier.validate.catalog import load_catalog

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from kompaswaaier.build import build_site

            site = Path(tmp) / "site"
            build_site(output=site, quiet=True)
        catalog = load_catalog(None)
        slugs = {v: [e.slug for e in published(catalog.entries, v)] for v in ("clienten", "professionals", "organisaties")}
        specs, missing = controles.pages_to_visit(site, slugs)
        specs += _card_pages(site)
        base_url = _serve(site)
        rows = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            for spec in specs:
                rows.append((spec, _measure(browser, base_url, spec)))
            browser.close()

    print(f"{'pagina':<30} {'adres':<54} {'bestanden':>9} {'ruw (B)':>10} {'gzip (B)':>10} {'2e bezoek gzip (B)':>18}")
    for spec, m in rows:
        address = spec.path + (f" ({spec.action})" if spec.action else "")
        again = f"{m['again']:,}" if spec.version != "start" else "-"
        print(f"{spec.id:<30} {address:<54} {m['requests']:>9} {m['raw']:>10,} {m['gzip']:>10,} {again:>18}")
    for version, kinds in missing.items():
        if kinds:
            print(f"niet gemeten in {version} (nog niet in de site): {', '.join(kinds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
