"""Browser tests: the real site, built once, served on 127.0.0.1, visited with headless Chromium.

Chromium comes from Debian (``/usr/bin/chromium``, installed by ``make test``); Playwright
drives it without downloading a browser of its own.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kompaswaaier.build import build_site
from kwtest import *  # noqa: F403  (so `from conftest import ...` works whichever conftest is loaded)

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

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser navigated away mid-download: normal, not an error


@contextlib.contextmanager
def _serve(directory: Path) -> Iterator[str]:
    """A static file server on 127.0.0.1 (a free port) serving ``directory``; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """URL of a static file server on 127.0.0.1 serving the built site."""
    with _serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def serve_directory():
    """The server behind ``base_url``, for a module that serves a site of its own:
    ``with serve_directory(path) as url: ...``."""
    return _serve


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


# --- Toegankelijkheid, privacy, geldige HTML en eenvoudige taal (issue 6) -------------------------
# Every page a person meets is visited once per session and measured; the tests assert on the
# findings, and at the end of a complete run the findings go to rapporten/toegankelijkheid.json,
# from which the next build renders the toegankelijkheidsverklaring of each version.

import datetime as _dt  # noqa: E402
import json as _json  # noqa: E402
import re as _re  # noqa: E402
import time as _time  # noqa: E402
from dataclasses import dataclass as _dataclass  # noqa: E402
from dataclasses import field as _field  # noqa: E402

import controles  # noqa: E402  (tests/browser/controles.py: the checks themselves)

KAPOT = controles.KAPOT
VERSIONS_AND_START = ("start", "clienten", "professionals", "organisaties")


@pytest.fixture(scope="session")
def published_slugs() -> dict[str, list[str]]:
    """Per version the slugs of the entries the site publishes (from the real catalogue)."""
    from kompaswaaier.select import published
    from kompaswaaier.validate.catalog import load_catalog

    catalog = load_catalog(None)
    return {v: [e.slug for e in published(catalog.entries, v)] for v in VERSIONS_AND_START[1:]}


@pytest.fixture(scope="session")
def te_bezoeken(site_dir: Path, published_slugs) -> tuple[list[controles.PageSpec], dict[str, list[str]]]:
    """The pages to visit (per version: home, bouwstenen, waaier, an entry, catalogue, search, keuzehulp,
    toegankelijkheid) and per version the kinds the built site does not have (yet)."""
    return controles.pages_to_visit(site_dir, published_slugs)


@pytest.fixture
def netwerk(page) -> controles.NetworkLog:
    """Records every request of the ``page`` fixture's context; requests to other hosts are refused."""
    return controles.NetworkLog(page.context)


@_dataclass
class Bezoek:
    """What one visit to one page found (desktop, 1280 x 800)."""

    spec: controles.PageSpec
    requests: list[str] = _field(default_factory=list)
    cookies: list[str] = _field(default_factory=list)
    axe: dict[str, list[dict]] = _field(default_factory=dict)  # per colour scheme

    @property
    def third_party(self) -> list[str]:
        return controles.third_party(self.requests)

    @property
    def violations(self) -> list[dict]:
        return [v for found in self.axe.values() for v in found]


def _schemes(page) -> list[str]:
    """The colour schemes the page offers (mkdocs-material palette toggle), the current one first."""
    return page.evaluate("""() => {
        const current = document.body.getAttribute('data-md-color-scheme') || 'default';
        const offered = [...document.querySelectorAll('[data-md-component="palette"] input[data-md-color-scheme]')]
            .map(i => i.getAttribute('data-md-color-scheme'));
        return [current, ...offered.filter(s => s !== current)];
    }""")


@pytest.fixture(scope="session")
def bezoeken(browser, base_url: str, te_bezoeken, rapport) -> dict[str, Bezoek]:
    """Every page visited once on a desktop screen: its requests, cookies and axe violations (each colour
    scheme); then the same page narrowed to 360 px and to 640 px (200 % zoom) for horizontal overflow."""
    specs, _missing = te_bezoeken
    out: dict[str, Bezoek] = {}
    layout: dict[tuple[str, str], dict | None] = {}
    for version in VERSIONS_AND_START:
        context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
        log = controles.NetworkLog(context)
        page = context.new_page()
        for spec in (s for s in specs if s.version == version):
            mark = log.mark()
            controles.open_page(page, base_url, spec)
            log.settle(page)
            visit = Bezoek(spec, requests=log.since(mark), cookies=controles.cookies(page))
            schemes = _schemes(page)
            for scheme in schemes:
                if scheme != schemes[0]:
                    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
                visit.axe[scheme] = controles.axe(page)
            out[spec.id] = visit
            rapport.schemes.setdefault(version, set()).update(schemes)
            # The same page on a phone 360 px wide, and at 200 % zoom: a 1280 x 800 window shows 640 x 400 CSS px.
            for mode, size in LAYOUTS.items():
                page.set_viewport_size(size)
                layout[(mode, spec.id)] = controles.settled_overflow(page)
            page.set_viewport_size(DESKTOP)
        context.close()
    rapport.bezoeken = out
    rapport.weergave = layout
    return out


DESKTOP = {"width": 1280, "height": 800}
LAYOUTS = {"smal_360": {"width": 360, "height": 740}, "zoom_200": {"width": 640, "height": 400}}


@pytest.fixture(scope="session")
def weergave(bezoeken, rapport) -> dict[tuple[str, str], dict | None]:
    """Horizontal overflow of every visited page at 360 px wide and at 200 % zoom (None: it fits)."""
    return rapport.weergave


@pytest.fixture(scope="session")
def alle_paginas(site_dir: Path) -> list[controles.BuiltPage]:
    """Every HTML page of the built site (found by walking it, so new items are in at once)."""
    return controles.built_pages(site_dir)


@_dataclass
class Doorloop:
    """axe-core and the layout checks on every built page at one screen width."""

    breedte: int
    axe: dict[str, list[dict]] = _field(default_factory=dict)  # URL path -> violations
    te_breed: dict[str, dict] = _field(default_factory=dict)  # URL path -> overflow, for pages that scroll sideways
    tabellen: dict[str, list[dict]] = _field(default_factory=dict)  # URL path -> table frames that scroll sideways
    seconden: float = 0.0


#: The screens every page is checked on: a small phone and an ordinary laptop.
SCHERMEN = {"smal_360": {"width": 360, "height": 740}, "breed_1280": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def doorloop(browser, base_url: str, alle_paginas, rapport) -> dict[str, Doorloop]:
    """Every built page, one after the other in one page object per screen width, with axe-core (in the
    page before its own scripts run, so the check starts as soon as the page has loaded)."""
    out: dict[str, Doorloop] = {}
    for mode, size in SCHERMEN.items():
        context = browser.new_context(locale="nl-NL", viewport=size, service_workers="block")
        context.add_init_script(script=controles.axe_source())
        page = context.new_page()
        run = Doorloop(size["width"])
        start = _time.perf_counter()
        try:
            for built in alle_paginas:
                page.goto(base_url + built.path)
                run.axe[built.path] = controles.axe(page)
                overflow = controles.settled_overflow(page)
                if overflow is not None:
                    run.te_breed[built.path] = overflow
                tables = controles.scrolling_tables(page)
                if tables:
                    run.tabellen[built.path] = tables
        finally:
            context.close()
        run.seconden = _time.perf_counter() - start
        out[mode] = run
    rapport.doorloop = out
    return out


@pytest.fixture(scope="session")
def html_overal(site_dir: Path, rapport) -> tuple[dict[Path, list[dict]], set[Path]]:
    """Nu Html Checker messages for every built page and the broken fixture page, in one JVM, and the
    files the checker says it checked."""
    start = _time.perf_counter()
    found = controles.vnu_tree([site_dir.resolve(), KAPOT.resolve()])
    rapport.duur["html"] = _time.perf_counter() - start
    return found


@pytest.fixture(scope="session")
def html_controle(site_dir: Path, te_bezoeken, alle_paginas, html_overal, rapport) -> dict[str, list[dict]]:
    """Nu Html Checker messages per visited page (plus the broken fixture page under '__kapot__')."""
    specs, _missing = te_bezoeken
    messages, _checked = html_overal
    files = {spec.id: spec.html_file(site_dir).resolve() for spec in specs}
    out = {page_id: messages.get(path, []) for page_id, path in files.items()}
    rapport.html_alle = {p.path: messages.get(p.file.resolve(), []) for p in alle_paginas}
    out["__kapot__"] = messages.get(KAPOT.resolve(), [])
    rapport.html = out
    return out


@pytest.fixture(scope="session")
def leesbaarheid_site(site_dir: Path) -> dict[str, dict[str, object]]:
    """Per version and built page (URL path) the readability of the article's running text."""
    import readability

    out: dict[str, dict[str, object]] = {}
    for version in VERSIONS_AND_START[1:]:
        pages = {}
        for html in sorted((site_dir / version).rglob("index.html")):
            text = readability.prose_from_html(html.read_text(encoding="utf-8"))
            rel = "/" + html.parent.relative_to(site_dir).as_posix() + "/"
            pages[rel] = readability.measure(text)
        out[version] = pages
    return out


class Rapport:
    """Findings of this session; written to rapporten/toegankelijkheid.json when the run was complete."""

    def __init__(self) -> None:
        self.bezoeken: dict[str, Bezoek] | None = None
        self.weergave: dict | None = None
        self.html: dict | None = None
        self.leesbaarheid: dict | None = None
        self.toetsenbord: dict[str, list[str]] = {}
        self.offline: dict[str, bool] = {}
        self.schemes: dict[str, set[str]] = {}
        self.doorloop: dict[str, Doorloop] | None = None  # every page, per screen width
        self.html_alle: dict[str, list[dict]] | None = None  # every page: Nu Html Checker messages
        self.duur: dict[str, float] = {}

    def complete(self) -> bool:
        return None not in (self.bezoeken, self.weergave, self.html, self.leesbaarheid, self.doorloop, self.html_alle)


def _tool_versions(browser) -> dict[str, str]:
    from importlib.metadata import version

    def npm(name: str) -> str:
        path = controles.REPO / "node_modules" / name / "package.json"
        return _json.loads(path.read_text(encoding="utf-8"))["version"]

    return {
        "axe-core": npm("axe-core"),
        "Nu Html Checker (vnu-jar)": npm("vnu-jar"),
        "Chromium": browser.version,
        "Playwright": version("playwright"),
        "pyphen": version("pyphen"),
        "mkdocs-material": version("mkdocs-material"),
    }


_SCHEME_NAMES = {"default": "licht", "slate": "donker"}


def build_results(rapport: Rapport, site_dir: Path, specs, missing, tools: dict[str, str]) -> dict:
    """The results file's content: per version and page what every check found."""
    import readability

    source = _re.search(r"kompaswaaier-bron: ([0-9a-f]+)",
                        (site_dir / "clienten" / "toegankelijkheid" / "index.html").read_text(encoding="utf-8"))
    versions: dict[str, dict] = {}
    for version in VERSIONS_AND_START:
        pages, problems = [], []
        for spec in (s for s in specs if s.version == version):
            visit = rapport.bezoeken[spec.id]
            html = rapport.html.get(spec.id, [])
            errors, warnings = controles.vnu_errors(html), controles.vnu_warnings(html)
            keyboard = rapport.toetsenbord.get(spec.id)
            pages.append({
                "pagina": spec.kind,
                "adres": spec.path,
                "axe": sum(len(v["nodes"]) for v in visit.violations),
                "axe_regels": sorted({v["id"] for v in visit.violations}),
                "verzoeken_derden": len(visit.third_party),
                "cookies": len(visit.cookies),
                "html_fouten": len(errors),
                "html_waarschuwingen": len(warnings),
                "smal_360": rapport.weergave.get(("smal_360", spec.id)) is None,
                "zoom_200": rapport.weergave.get(("zoom_200", spec.id)) is None,
                "toetsenbord": None if keyboard is None else not keyboard,
                "offline": rapport.offline.get(spec.id),
            })
            where = f"{spec.path}"
            problems += [f"{where}: WCAG-regel {v['id']} ({v['impact']}): {v['help']}" for v in visit.violations]
            problems += [f"{where}: verzoek naar {u}" for u in visit.third_party]
            problems += [f"{where}: cookie {c}" for c in visit.cookies]
            problems += [f"{where}: HTML-fout regel {m.get('lastLine', '?')}: {m['message']}" for m in errors]
            problems += [f"{where}: {p}" for p in keyboard or []]
            for mode, text in (("smal_360", "past niet op 360 pixels breed"), ("zoom_200", "past niet bij 200 % zoom")):
                if rapport.weergave.get((mode, spec.id)) is not None:
                    problems.append(f"{where}: {text}")
            if rapport.offline.get(spec.id) is False:
                problems.append(f"{where}: opent niet zonder netwerk na een eerste bezoek")
        every, found = _every_page(rapport, version)
        problems = list(dict.fromkeys(problems + found))  # a sample page is also one of all pages
        entry: dict[str, object] = {"paginas": pages, "alle_paginas": every, "niet_getest": missing.get(version, []),
                                    "problemen": problems,
                                    "kleurenschemas": [_SCHEME_NAMES.get(s, s) for s in sorted(rapport.schemes.get(version, []))]}
        if version in rapport.leesbaarheid:
            measured = list(rapport.leesbaarheid[version].values())
            total = readability.Measurement()
            for m in measured:
                total = total.add(m)
            figures = total.figures()
            figures["paginas"] = len(measured)
            if version == "clienten":
                limits = readability.B1
                figures["norm_woorden_per_zin"] = limits.max_words_per_sentence
                figures["pagina_boven_norm"] = sum(1 for m in measured if readability.problems(m, limits))
            entry["leesbaarheid"] = figures
        versions[version] = entry
    duration = {f"axe_{run.breedte}": round(run.seconden, 1) for run in rapport.doorloop.values()}
    duration.update({name: round(seconds, 1) for name, seconds in rapport.duur.items()})
    return {
        "datum": _dt.date.today().isoformat(),
        "vingerafdruk": source.group(1) if source else None,
        "gereedschap": tools,
        "duur_seconden": duration,
        "versies": versions,
    }


def _every_page(rapport: Rapport, version: str) -> tuple[dict[str, object], list[str]]:
    """Figures of the checks on every built page of ``version``, and a line per problem found."""
    paths = [path for path in rapport.html_alle if _version_of(path) == version]
    problems: list[str] = []
    axe_nodes, rules = 0, set()
    for run in rapport.doorloop.values():
        for path in paths:
            for v in run.axe.get(path, []):
                axe_nodes += len(v["nodes"])
                rules.add(v["id"])
                problems.append(f"{path} ({run.breedte} px breed): WCAG-regel {v['id']} ({v['impact']}): {v['help']}")
    errors = warnings = 0
    for path in paths:
        messages = rapport.html_alle[path]
        errors += len(controles.vnu_errors(messages))
        warnings += len(controles.vnu_warnings(messages))
        problems += [f"{path}: HTML-fout regel {m.get('lastLine', '?')}: {m['message']}"
                     for m in controles.vnu_errors(messages)]
    narrow = rapport.doorloop["smal_360"]
    too_wide = [path for path in paths if path in narrow.te_breed]
    problems += [f"{path}: past niet op 360 pixels breed" for path in too_wide]
    return {
        "paginas": len(paths),
        "breedtes": [run.breedte for run in rapport.doorloop.values()],
        "axe": axe_nodes,
        "axe_regels": sorted(rules),
        "html_fouten": errors,
        "html_waarschuwingen": warnings,
        "te_breed_360": len(too_wide),
        "tabellen_opzij_360": sum(len(narrow.tabellen.get(path, [])) for path in paths),
    }, problems


def _version_of(path: str) -> str:
    first = path.strip("/").split("/", 1)[0]
    return first if first in controles.SITE_VERSIONS else "start"


@pytest.fixture(scope="session")
def rapport(request, site_dir: Path, browser, te_bezoeken, leesbaarheid_site):
    """Collects the findings; after a complete run writes rapporten/toegankelijkheid.json."""

    found = Rapport()
    found.leesbaarheid = leesbaarheid_site
    yield found
    if not found.complete():
        return  # a partial run (-k, one file) must not overwrite the results of a full one
    specs, missing = te_bezoeken
    results = build_results(found, site_dir, specs, missing, _tool_versions(browser))
    controles.write_results(results, controles.REPO)
    request.config._kompaswaaier_rapport = results


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    results = getattr(config, "_kompaswaaier_rapport", None)
    if not results:
        return
    tr = terminalreporter
    tr.section("toegankelijkheid, privacy, HTML en leesbaarheid (rapporten/toegankelijkheid.json)")
    tr.write_line("duur in seconden: " + ", ".join(f"{k} {v:g}" for k, v in results.get("duur_seconden", {}).items()))
    for version, data in results["versies"].items():
        pages = data["paginas"]
        line = (f"{version}: {len(pages)} pagina's, axe {sum(p['axe'] for p in pages)}, "
                f"derden {sum(p['verzoeken_derden'] for p in pages)}, cookies {sum(p['cookies'] for p in pages)}, "
                f"HTML-fouten {sum(p['html_fouten'] for p in pages)}, "
                f"HTML-waarschuwingen {sum(p['html_waarschuwingen'] for p in pages)}")
        tr.write_line(line)
        every = data.get("alle_paginas")
        if every:
            tr.write_line(f"    alle {every['paginas']} pagina's op {' en '.join(map(str, every['breedtes']))} px: "
                          f"axe {every['axe']}, HTML-fouten {every['html_fouten']}, "
                          f"HTML-waarschuwingen {every['html_waarschuwingen']}, te breed op 360 px {every['te_breed_360']}, "
                          f"tabellen die opzij scrollen op 360 px {every['tabellen_opzij_360']}")
        if data.get("leesbaarheid"):
            tr.write_line(f"    leesbaarheid: {data['leesbaarheid']}")
        if data["niet_getest"]:
            tr.write_line(f"    NIET BEZOCHT (nog niet in de site): {', '.join(data['niet_getest'])}")
