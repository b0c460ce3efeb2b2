"""Check every external web address in the catalogue and report what is broken.

:func:`collect` finds each ``url`` in the entries and the ``waaier.yml`` files (with
file, line and field); :func:`check_all` asks each address once, a few at a time
(a bounded thread pool, at most :data:`PER_HOST` requests per server at once), with a
timeout, and without following redirects blindly: every hop is seen, so a moved page
is reported as moved. Addresses on the exclusion list (one per line, each with its
reason) are skipped. :func:`markdown_report` and :func:`json_report` write the report.

Outcomes: ``ok``, ``doorverwezen`` (works, but at another address), ``kapot`` (the
server answers with an error such as 404), ``time-out`` and ``onbereikbaar`` (no
connection: unknown server name, refused, certificate problem). When not one address
could be reached for lack of a network, :attr:`LinkReport.offline` is true and the
command says so instead of reporting every link as broken.
"""

from __future__ import annotations

import datetime as dt
import errno
import http.client
import json
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from kompaswaaier import __version__
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.load.document import field_name, load_file
from kompaswaaier.validate.catalog import BOUWSTEEN_FOLDER

OUTCOMES: dict[str, str] = {
    "ok": "in orde",
    "doorverwezen": "doorverwezen",
    "kapot": "kapot",
    "time-out": "time-out",
    "onbereikbaar": "onbereikbaar",
}
#: Outcomes that mean 'look at this'.
PROBLEMS = ("kapot", "time-out", "onbereikbaar")
EXCLUSIONS_FILE = "links-uitzonderingen.txt"
MAX_REDIRECTS = 5
PER_HOST = 2
USER_AGENT = f"kompaswaaier-links/{__version__} (controle van webadressen in de Kompaswaaier)"

HTTP_REASONS = {
    400: "ongeldige aanvraag", 401: "inloggen nodig", 403: "geen toegang", 404: "niet gevonden", 405: "methode niet toegestaan",
    410: "verwijderd", 429: "te veel aanvragen", 500: "fout bij de server", 502: "server niet bereikbaar via tussenstation",
    503: "server tijdelijk niet beschikbaar", 504: "server antwoordde niet op tijd",
}
PERMANENT = (301, 308)


@dataclass(frozen=True)
class Place:
    """Where an address is written: file, line and field."""

    path: str
    line: int | None
    field: str

    def format(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Link:
    url: str
    places: list[Place] = field(default_factory=list)


@dataclass
class Result:
    """What happened when one address was asked for."""

    url: str
    outcome: str
    message: str
    status: int | None = None
    target: str | None = None
    no_network: bool = False
    places: list[Place] = field(default_factory=list)


@dataclass(frozen=True)
class Exclusion:
    """One line of the exclusion list: an address (or its beginning, ending in ``*``) and why it is skipped."""

    pattern: str
    reason: str
    line: int

    def matches(self, url: str) -> bool:
        if self.pattern.endswith("*"):
            return url.startswith(self.pattern[:-1])
        return url.rstrip("/") == self.pattern.rstrip("/")


@dataclass
class LinkReport:
    checked_at: dt.datetime
    results: list[Result]
    skipped: list[tuple[Link, Exclusion]]
    unreadable: list[str]

    @property
    def offline(self) -> bool:
        """True when nothing was reached and every failure says 'no network' (no name resolution, no route)."""
        return bool(self.results) and all(r.no_network for r in self.results)

    def counts(self) -> dict[str, int]:
        return {o: sum(r.outcome == o for r in self.results) for o in OUTCOMES}


# --- collecting -------------------------------------------------------------------------------

def _urls(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "url" and isinstance(value, str) and value.startswith(("http://", "https://")):
                yield path + (key,), value
            else:
                yield from _urls(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _urls(value, path + (i,))


def collect(root: Path) -> tuple[list[Link], list[str]]:
    """Every external address in the entries and waaier files under ``root``, and the files that could not be read."""
    links: dict[str, Link] = {}
    unreadable: list[str] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and BOUWSTEEN_FOLDER.match(p.name)):
        for path in sorted(folder.glob("*.yml")):
            shown = display_path(path)
            doc, problems = load_file(path, shown)
            if doc is None:
                unreadable.append(shown)
                continue
            for key, url in _urls(doc.data):
                links.setdefault(url, Link(url)).places.append(Place(shown, doc.line(key), field_name(key)))
    return list(links.values()), unreadable


def read_exclusions(path: Path) -> list[Exclusion]:
    """The exclusion list: ``address reason`` per line; ``#`` starts a comment. A line without a reason is an error."""
    if not path.exists():
        return []
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, reason = (line.split(None, 1) + [""])[:2]
        if not pattern.startswith(("http://", "https://")):
            raise UsageError(f"{display_path(path)}:{n}: begin de regel met het webadres (https://...), dan een spatie en de reden")
        if not reason.strip():
            raise UsageError(f"{display_path(path)}:{n}: geef na het webadres de reden waarom het wordt overgeslagen")
        out.append(Exclusion(pattern, reason.strip(), n))
    return out


# --- checking ---------------------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let every 3xx surface as an HTTPError, so each hop is seen."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """(status, Location header) of one request; raises on network errors."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if exc.headers else None
        exc.close()
        return exc.code, location


def _status(url: str, timeout: float) -> tuple[int, str | None]:
    """HEAD first; some servers refuse HEAD or answer it wrongly, so an error is asked again with GET."""
    status, location = _ask(url, "HEAD", timeout)
    if status >= 400:
        status, location = _ask(url, "GET", timeout)
    return status, location


def _network_error(exc: BaseException) -> tuple[str, str, bool]:
    """(outcome, Dutch message, is it 'no network at all') for an exception raised while asking."""
    reason: Any = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "time-out", "geen antwoord binnen de tijd", False
    if isinstance(reason, socket.gaierror):
        return "onbereikbaar", "servernaam niet gevonden (DNS)", True
    if isinstance(reason, ConnectionRefusedError):
        return "onbereikbaar", "verbinding geweigerd", False
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return "onbereikbaar", "beveiligde verbinding mislukt (certificaat)", False
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "onbereikbaar", "geen netwerkverbinding met de server", True
    if isinstance(reason, (http.client.HTTPException, ConnectionError)):
        return "onbereikbaar", f"verbinding verbroken ({type(reason).__name__})", False
    return "onbereikbaar", f"mislukt ({reason})", False


def check_url(url: str, timeout: float = 10.0) -> Result:
    """Ask for ``url``, follow up to :data:`MAX_REDIRECTS` hops, and say what happened."""
    current, first_redirect = url, None
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            status, location = _status(current, timeout)
            if 300 <= status < 400 and location:
                first_redirect = first_redirect or status
                current = urljoin(current, location)
                continue
            if status >= 400:
                where = f" na doorverwijzing naar {current}" if current != url else ""
                return Result(url, "kapot", f"HTTP {status} ({HTTP_REASONS.get(status, 'fout')}){where}", status, current if current != url else None)
            if current != url:
                kind = "pas het adres aan" if first_redirect in PERMANENT else "tijdelijke doorverwijzing"
                return Result(url, "doorverwezen", f"verwijst door naar {current} (HTTP {first_redirect}; {kind})", status, current)
            return Result(url, "ok", f"HTTP {status}", status)
        return Result(url, "kapot", f"te veel doorverwijzingen (meer dan {MAX_REDIRECTS})", None, current)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        outcome, message, no_network = _network_error(exc)
        return Result(url, outcome, message, no_network=no_network)


def check_all(links: list[Link], *, timeout: float = 10.0, workers: int = 8) -> list[Result]:
    """Check every link, at most ``workers`` at once and :data:`PER_HOST` per server; results in the order given."""
    locks: dict[str, threading.BoundedSemaphore] = {}
    guard = threading.Lock()

    def one(link: Link) -> Result:
        host = (urlsplit(link.url).hostname or "").lower()
        with guard:
            lock = locks.setdefault(host, threading.BoundedSemaphore(PER_HOST))
        with lock:
            result = check_url(link.url, timeout)
        result.places = link.places
        return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, links))


def run_check(root: Path, exclusions: list[Exclusion], *, timeout: float = 10.0, workers: int = 8) -> LinkReport:
    """Collect, skip the excluded, check the rest."""
    links, unreadable = collect(root)
    skipped, todo = [], []
    for link in links:
        rule = next((e for e in exclusions if e.matches(link.url)), None)
        if rule:
            skipped.append((link, rule))
        else:
            todo.append(link)
    results = check_all(todo, timeout=timeout, workers=workers)
    return LinkReport(dt.datetime.now(dt.UTC).replace(microsecond=0), results, skipped, unreadable)


# --- reporting --------------------------------------------------------------------------------

def summary(report: LinkReport) -> str:
    counts = report.counts()
    parts = ", ".join(f"{n} {OUTCOMES[o]}" for o, n in counts.items())
    n = len(report.results)
    line = f"{n} {'webadres' if n == 1 else 'webadressen'} gecontroleerd: {parts}"
    if report.skipped:
        line += f"; {len(report.skipped)} overgeslagen (uitzonderingen)"
    return line + "."


def json_report(report: LinkReport) -> dict[str, Any]:
    def places(ps: list[Place]) -> list[dict[str, Any]]:
        return [{"pad": p.path, "regel": p.line, "veld": p.field} for p in ps]

    return {
        "gecontroleerd_op": report.checked_at.isoformat(),
        "aantallen": report.counts(),
        "overgeslagen_aantal": len(report.skipped),
        "adressen": [{"url": r.url, "uitkomst": r.outcome, "status": r.status, "melding": r.message, "doel": r.target,
                      "vindplaatsen": places(r.places)} for r in report.results],
        "overgeslagen": [{"url": link.url, "reden": rule.reason, "vindplaatsen": places(link.places)} for link, rule in report.skipped],
        "niet_gelezen": report.unreadable,
    }


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown_report(report: LinkReport) -> str:
    lines = ["# Controle van webadressen", "",
             f"Gecontroleerd op {report.checked_at.strftime('%Y-%m-%d %H:%M')} UTC. {summary(report)}", ""]
    if report.unreadable:
        lines += [f"Niet gelezen (eerst `kompaswaaier controleer`): {', '.join(report.unreadable)}.", ""]
    for outcome in ("kapot", "time-out", "onbereikbaar", "doorverwezen", "ok"):
        rows = [r for r in report.results if r.outcome == outcome]
        if not rows:
            continue
        lines += [f"## {OUTCOMES[outcome].capitalize()} ({len(rows)})", "", "| Webadres | Melding | Waar |", "|---|---|---|"]
        for r in sorted(rows, key=lambda r: r.url):
            where = "<br>".join(_cell(f"{p.format()} ({p.field})") for p in r.places)
            lines.append(f"| {_cell(r.url)} | {_cell(r.message)} | {where} |")
        lines.append("")
    if report.skipped:
        lines += [f"## Overgeslagen ({len(report.skipped)})", "", "| Webadres | Reden |", "|---|---|"]
        lines += [f"| {_cell(link.url)} | {_cell(rule.reason)} |" for link, rule in report.skipped]
        lines.append("")
    return "\n".join(lines)


def write_reports(report: LinkReport, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / "links.md", folder / "links.json"
    md.write_text(markdown_report(report), encoding="utf-8")
    js.write_text(json.dumps(json_report(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return md, js
