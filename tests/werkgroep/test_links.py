"""`kompaswaaier links` against a local HTTP server on 127.0.0.1: each outcome classified, offline handled."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kompaswaaier.werkgroep.linkcheck import Exclusion, Link, check_all, check_url
from kwtest import EXAMPLES

BASE = EXAMPLES / "positief" / "synthetisch-opgenomen.yml"
SLOW = 2.0
TIMEOUT = "0.5"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = {
        "/ok": (200, None),
        "/weg": (404, None),
        "/oud": (301, "/ok"),
        "/tijdelijk": (302, "/ok"),
        "/verhuisd-en-weg": (301, "/weg"),
        "/lus": (302, "/lus"),
    }

    def _answer(self, body: bool) -> None:
        if self.path == "/traag":
            time.sleep(SLOW)
        if self.path == "/alleen-get" and self.command == "HEAD":
            status, location = 405, None
        elif self.path in ("/traag", "/alleen-get"):
            status, location = 200, None
        else:
            status, location = self.routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            try:
                self.wfile.write(b"ok")
            except OSError:
                pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def write_entry(root: Path, slug: str, urls: list[str], source: str) -> Path:
    """A synthetic entry whose links are ``urls`` and whose source is ``source`` (SYNTHETISCH)."""
    text = BASE.read_text(encoding="utf-8").replace("synthetisch-opgenomen", slug)
    text = text.replace(f"  - titel: Testpagina\n    url: https://example.org/{slug}\n",
                        "".join(f"  - titel: Pagina {i}\n    url: {u}\n" for i, u in enumerate(urls, 1)))
    text = text.replace("    url: https://example.org/bron\n", f"    url: {source}\n")
    text = text.replace('url: "https://example.org/bron"', f'url: "{source}"')  # the sources of the criteria
    path = root / "1-wensen-en-behoeften" / f"{slug}.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("path", "outcome", "message"), [
    ("/ok", "ok", "HTTP 200"),
    ("/alleen-get", "ok", "HTTP 200"),
    ("/weg", "kapot", "HTTP 404 (niet gevonden)"),
    ("/oud", "doorverwezen", "verwijst door naar {server}/ok (HTTP 301; pas het adres aan)"),
    ("/tijdelijk", "doorverwezen", "verwijst door naar {server}/ok (HTTP 302; tijdelijke doorverwijzing)"),
    ("/verhuisd-en-weg", "kapot", "HTTP 404 (niet gevonden) na doorverwijzing naar {server}/weg"),
    ("/lus", "kapot", "te veel doorverwijzingen (meer dan 5)"),
    ("/traag", "time-out", "geen antwoord binnen de tijd"),
])
def test_each_outcome(server: str, path: str, outcome: str, message: str) -> None:
    result = check_url(server + path, timeout=float(TIMEOUT))
    assert (result.outcome, result.message) == (outcome, message.format(server=server))
    assert not result.no_network


def test_refused_connection_is_unreachable_but_not_offline(closed_port: int) -> None:
    result = check_url(f"http://127.0.0.1:{closed_port}/", timeout=float(TIMEOUT))
    assert (result.outcome, result.message, result.no_network) == ("onbereikbaar", "verbinding geweigerd", False)


def test_unknown_server_name_means_no_network() -> None:
    result = check_url("http://kompaswaaier-test.invalid/", timeout=float(TIMEOUT))
    assert (result.outcome, result.message, result.no_network) == ("onbereikbaar", "servernaam niet gevonden (DNS)", True)


def test_concurrency_is_bounded_and_order_kept(server: str) -> None:
    links = [Link(f"{server}/traag"), Link(f"{server}/ok"), Link(f"{server}/weg")]
    start = time.perf_counter()
    results = check_all(links, timeout=float(TIMEOUT), workers=3)
    assert [r.outcome for r in results] == ["time-out", "ok", "kapot"]
    assert time.perf_counter() - start < SLOW  # the slow server did not hold up the others


def test_command_classifies_and_writes_the_report(run_cli, server: str, closed_port: int, catalog_root: Path,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_entry(catalog_root, "een", [f"{server}/ok", f"{server}/weg", f"{server}/oud", f"{server}/traag"], f"{server}/ok")
    write_entry(catalog_root, "twee", [f"http://127.0.0.1:{closed_port}/", f"{server}/overslaan/a"], f"{server}/weg")
    exclusions = tmp_path / "uitzonderingen.txt"
    exclusions.write_text(f"# uitleg\n\n{server}/overslaan/*\tweert scripts; gecontroleerd in de browser\n", encoding="utf-8")
    result = run_cli("links", "--waaiers", str(catalog_root), "--uitzonderingen", str(exclusions), "--time-out", TIMEOUT,
                     "--uitvoer", "rapport")
    een, twee = "waaiers/1-wensen-en-behoeften/een.yml", "waaiers/1-wensen-en-behoeften/twee.yml"
    assert result.code == 0, result.err
    assert result.lines == [
        f"{een}:27: links[2].url: kapot: {server}/weg: HTTP 404 (niet gevonden)",
        f"{een}:29: links[3].url: doorverwezen: {server}/oud: verwijst door naar {server}/ok (HTTP 301; pas het adres aan)",
        f"{een}:31: links[4].url: time-out: {server}/traag: geen antwoord binnen de tijd",
        f"{twee}:25: links[1].url: onbereikbaar: http://127.0.0.1:{closed_port}/: verbinding geweigerd",
        f"{twee}:32: bronnen[1].url: kapot: {server}/weg: HTTP 404 (niet gevonden)",
        *(f"{twee}:{line}: criteria.{key}.bronnen[1].url: kapot: {server}/weg: HTTP 404 (niet gevonden)"
          for line, key in ((34, "mens_centraal"), (35, "bestaand_product"), (36, "kosteloos"), (37, "in_lijn_met_kompas"))),
        "5 webadressen gecontroleerd: 1 in orde, 1 doorverwezen, 1 kapot, 1 time-out, 1 onbereikbaar; 1 overgeslagen (uitzonderingen).",
        "Rapport: rapport/links.md en rapport/links.json",
    ]
    data = json.loads((tmp_path / "rapport" / "links.json").read_text(encoding="utf-8"))
    assert data["aantallen"] == {"ok": 1, "doorverwezen": 1, "kapot": 1, "time-out": 1, "onbereikbaar": 1}
    by_url = {a["url"]: a for a in data["adressen"]}
    assert by_url[f"{server}/ok"]["vindplaatsen"][:2] == [
        {"pad": een, "regel": 25, "veld": "links[1].url"}, {"pad": een, "regel": 36, "veld": "bronnen[1].url"}]
    assert len(by_url[f"{server}/ok"]["vindplaatsen"]) == 6  # and the source of each of the four criteria
    assert by_url[f"{server}/oud"]["doel"] == f"{server}/ok"
    assert data["overgeslagen"] == [{"url": f"{server}/overslaan/a", "reden": "weert scripts; gecontroleerd in de browser",
                                     "vindplaatsen": [{"pad": twee, "regel": 27, "veld": "links[2].url"}]}]
    markdown = (tmp_path / "rapport" / "links.md").read_text(encoding="utf-8")
    assert markdown.index("## Kapot (1)") < markdown.index("## Time-out (1)") < markdown.index("## Onbereikbaar (1)")
    assert f"| {server}/weg | HTTP 404 (niet gevonden) | {een}:27 (links[2].url)<br>{twee}:32 (bronnen[1].url)<br>{twee}:34 (criteria.mens_centraal.bronnen[1].url)<br>" in markdown
    strict = run_cli("links", "--waaiers", str(catalog_root), "--uitzonderingen", str(exclusions), "--time-out", TIMEOUT,
                     "--uitvoer", "rapport", "--streng")
    assert strict.code == 1


def test_offline_says_so_and_exits_cleanly(run_cli, catalog_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_entry(catalog_root, "los", ["https://kompaswaaier-test.invalid/a"], "https://kompaswaaier-test.invalid/b")
    result = run_cli("links", "--waaiers", str(catalog_root), "--uitzonderingen", str(tmp_path / "geen.txt"), "--streng")
    assert result.code == 0
    assert result.lines == ["Geen netwerk: geen enkel webadres was bereikbaar (geen servernaam gevonden of geen verbinding). "
                            "Er is niets gecontroleerd en geen rapport gemaakt; probeer het opnieuw met een werkende verbinding."]
    assert not (tmp_path / "linkrapport").exists()


def test_exclusion_line_without_reason_is_refused(run_cli, catalog_root: Path, tmp_path: Path) -> None:
    exclusions = tmp_path / "uitzonderingen.txt"
    exclusions.write_text("# uitleg\nhttps://example.org/ \n", encoding="utf-8")
    result = run_cli("links", "--waaiers", str(catalog_root), "--uitzonderingen", str(exclusions))
    assert result.code == 2
    assert result.err == f"kompaswaaier: fout: {exclusions}:2: geef na het webadres de reden waarom het wordt overgeslagen\n"


@pytest.mark.parametrize(("pattern", "url", "hit"), [
    ("https://a.nl/x", "https://a.nl/x/", True),
    ("https://a.nl/x", "https://a.nl/xy", False),
    ("https://a.nl/x*", "https://a.nl/xy/z", True),
    ("https://a.nl/x*", "http://a.nl/x", False),
])
def test_exclusion_patterns(pattern: str, url: str, hit: bool) -> None:
    assert Exclusion(pattern, "reden", 1).matches(url) is hit


def test_shipped_exclusion_list_is_valid() -> None:
    from kompaswaaier.resources import project_root
    from kompaswaaier.werkgroep.linkcheck import read_exclusions

    read_exclusions(project_root() / "links-uitzonderingen.txt")  # raises on a line without a reason
