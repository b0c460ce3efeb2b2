"""'Nieuw in de waaier', its Atom feed and the pages of archived entries, in a real build of a synthetic catalogue."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import feedparser
import pytest

from kompaswaaier.build import build_site
from kompaswaaier.publish.feed import atom, events
from kompaswaaier.render.finding import read_kern
from kompaswaaier.select import archived, decide, view
from kompaswaaier.validate.catalog import load
from kwtest import EXAMPLES, REPO

TODAY = dt.date(2026, 11, 22)
FOLDERS = ["1-wensen-en-behoeften", "2-netwerken", "3-werk-organiseren", "4-leren-en-ontwikkelen", "5-inzicht-in-kwaliteit"]


def entry(slug: str, tail: str, **changes: str) -> str:
    """The synthetic example up to its status, with a new slug and title and its own status block (SYNTHETISCH)."""
    head = (EXAMPLES / "positief" / "synthetisch-opgenomen.yml").read_text(encoding="utf-8").split("status: opgenomen\n")[0]
    head = head.replace("synthetisch-opgenomen", slug).replace("Synthetisch voorbeeld (opgenomen)", f"Synthetisch {slug}")
    head = head.replace("  datum: 2024-05-01\n", "  datum: onbekend\n")  # no 'toegevoegd' events: see test_added_and_recommended_events
    for old, new in changes.items():
        head = head.replace(old, new)
    return head + tail


def judged(status: str, date: str, why: str = "Voldoet aan alle criteria.") -> str:
    return f"status: {status}\nbeoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: {date}\n  toelichting: {why}\n"


ENTRIES = {
    "oud": entry("oud", judged("opgenomen", "2025-03-01"), **{
        "  professionals: Testvoorbeeld voor professionals.\n": "  professionals: Testvoorbeeld voor professionals.\n"
                                                                "  organisaties: Testvoorbeeld voor organisaties.\n"}),
    "ander": entry("ander", judged("opgenomen", "2025-03-01")),
    "herzien": entry("herzien", judged("opgenomen", "2026-10-01", "Opnieuw beoordeeld, voldoet nog.")
                     + "eerdere_beoordelingen:\n  - status: opgenomen\n    datum: 2024-06-01\n    werkgroep: Eerste werkgroep\n"),
    "zonder-datum": entry("zonder-datum", judged("opgenomen", "onbekend") + "  bron:\n    titel: Synthetisch verslag\n    url: https://example.org/verslag\n"),
    "weg": entry("weg", judged("gearchiveerd", "2026-05-01", "Niet meer kosteloos (synthetisch).")
                 + "eerdere_beoordelingen:\n  - status: opgenomen\n    datum: 2024-09-15\n    werkgroep: Synthetische werkgroep\n"
                 "    toelichting: Voldeed toen aan alle criteria.\n", **{
                     "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: nee, toelichting: Test."}),
    "nooit-opgenomen": entry("nooit-opgenomen", judged("gearchiveerd", "2026-04-01", "Ingetrokken.")
                             + "eerdere_beoordelingen:\n  - status: ingediend\n    datum: 2025-01-01\n"),
    "aanmelding-zonder-oordeel": entry("aanmelding-zonder-oordeel", "status: ingediend\n", **{
        "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: onbekend, toelichting: Test."}),
}
#: Newest first; on the same day by title.
ORDER = [
    ("Opnieuw beoordeeld: Synthetisch herzien", "2026-10-01", "herzien/"),
    ("Niet meer in de waaier: Synthetisch weg", "2026-05-01", "weg/"),
    ("Opgenomen door de werkgroep: Synthetisch ander", "2025-03-01", "ander/"),
    ("Opgenomen door de werkgroep: Synthetisch oud", "2025-03-01", "oud/"),
    ("Opgenomen door de werkgroep: Synthetisch herzien", "2024-06-01", "herzien/"),
]


def make_root(base: Path) -> Path:
    root = base / "waaiers"
    shutil.copytree(REPO / "waaiers" / "vocabulaires", root / "vocabulaires")
    for n, folder in enumerate(FOLDERS, 1):
        (root / folder).mkdir()
        (root / folder / "waaier.yml").write_text(_waaier(n), encoding="utf-8")
    for slug, text in ENTRIES.items():
        (root / FOLDERS[0] / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


def _waaier(number: int) -> str:
    fields = "\n".join(f"{k}: Synthetische tekst {k}." for k in (
        "titel", "ondertitel", "opdracht", "uitleg", "voor_wie", "totstandkoming", "werkgroep", "leidraad", "doorontwikkeling"))
    return (f"# SYNTHETISCH testbestand\nbouwsteen: {number}\nsoort: waaier\n{fields}\n"
            "trekkers: [Synthetische trekker]\nevaluatie: {cyclus_jaren: 2, volgende: najaar 2026}\n"
            "bronnen:\n  - publicatie: implementatieplan\n    vindplaats: opdracht 3\n")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_root(tmp_path_factory.mktemp("feed"))


@pytest.fixture(scope="module")
def built(root: Path) -> Path:
    out = root.parent / "site"
    build_site(waaiers=root, output=out, quiet=True)
    return out


def test_events_are_dated_from_the_data_newest_first(root: Path) -> None:
    catalog = load(root, today=TODAY).catalog
    got = [(e.kind, e.entry.slug, e.date.isoformat()) for e in events(view(catalog, "professionals"))]
    assert got == [
        ("opnieuw-beoordeeld", "herzien", "2026-10-01"),
        ("gearchiveerd", "weg", "2026-05-01"),
        ("opgenomen", "ander", "2025-03-01"),
        ("opgenomen", "oud", "2025-03-01"),
        ("opgenomen", "herzien", "2024-06-01"),
    ]
    # touching the files changes nothing: dates come from the data, never from the file system
    for path in root.rglob("*.yml"):
        path.touch()
    assert [e.entry.slug for e in events(view(load(root, today=TODAY).catalog, "professionals"))] == [s for _, s, _ in got]


def test_feed_parses_and_lists_entries_newest_first(built: Path) -> None:
    raw = (built / "professionals" / "waaier" / "nieuw.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Nieuw in de waaier: Kompaswaaier voor professionals"
    assert feed.feed.updated == "2026-10-01T00:00:00Z"
    assert [(e.title, e.updated[:10], e.link) for e in feed.entries] == list(ORDER)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert feed.entries[0].author == "Synthetische werkgroep"
    assert feed.entries[0].summary == "Testvoorbeeld voor professionals."
    assert feed.entries[1].summary == "Dit item staat niet meer in de waaier."
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_feed_per_version_holds_only_that_version(built: Path) -> None:
    feed = feedparser.parse((built / "organisaties" / "waaier" / "nieuw.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Opgenomen door de werkgroep: Synthetisch oud"]  # the only one written for organisations
    assert feed.entries[0].summary == "Testvoorbeeld voor organisaties."
    clients = feedparser.parse((built / "clienten" / "waaier" / "nieuw.xml").read_bytes())
    assert clients.entries[0].summary == "Dit is een testvoorbeeld. Het bestaat niet echt."


def test_feed_is_byte_for_byte_reproducible(root: Path) -> None:
    catalog = load(root, today=TODAY).catalog
    empty = feedparser.parse(atom(view(catalog, "organisaties"), [], today=TODAY))
    assert empty.bozo == 0 and empty.entries == []
    assert empty.feed.updated == "2026-11-22T00:00:00Z"  # no events: the day of the build
    first = atom(view(catalog, "professionals"), events(view(catalog, "professionals")), today=TODAY)
    again = atom(view(catalog, "professionals"), events(view(catalog, "professionals")), today=dt.date(2030, 1, 1))
    assert first == again  # with events, 'updated' is the newest event, not the build date
    assert first.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">")


def test_new_page_lists_the_same_order_and_links_the_feed(built: Path) -> None:
    html = (built / "professionals" / "waaier" / "nieuw" / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'href="../{link}"') for _, _, link in ORDER if link != "herzien/"]
    assert positions == sorted(positions)
    assert html.index("1 oktober 2026") < html.index("1 mei 2026") < html.index("1 maart 2025") < html.index("1 juni 2024")
    assert 'href="../nieuw.xml"' in html
    assert "In de waaier sinds een onbekende datum" in html and 'href="../zonder-datum/"' in html
    client = (built / "clienten" / "waaier" / "nieuw" / "index.html").read_text(encoding="utf-8")
    assert "De werkgroep heeft dit gekozen." in client and "Dit hulpmiddel staat niet meer in de lijst." in client


def test_new_page_is_in_the_navigation(built: Path) -> None:
    for version, label in (("clienten", "Nieuw"), ("professionals", "Nieuw in de waaier"), ("organisaties", "Nieuw in de waaier")):
        home = (built / version / "index.html").read_text(encoding="utf-8")
        assert 'href="waaier/nieuw/"' in home, version
        assert label in home
    org = (built / "organisaties" / "index.html").read_text(encoding="utf-8")
    assert 'href="waaier/evaluatie/"' in org
    assert (built / "organisaties" / "waaier" / "evaluatie" / "index.html").is_file()
    assert not (built / "professionals" / "waaier" / "evaluatie").exists()


def test_archived_entry_keeps_its_page_with_a_notice(built: Path) -> None:
    for version in ("clienten", "professionals"):
        page = built / version / "waaier" / "weg" / "index.html"
        assert page.is_file(), version
    prof = (built / "professionals" / "waaier" / "weg" / "index.html").read_text(encoding="utf-8")
    assert "Niet meer in de waaier" in prof
    assert "Synthetische werkgroep heeft dit item op 1 mei 2026 uit de waaier gehaald." in prof
    assert "Niet meer kosteloos (synthetisch)." in prof and "Voldeed toen aan alle criteria." in prof
    assert "<title>Synthetisch weg (niet meer in de waaier)" in prof
    assert "https://example.org/weg" not in prof  # the old link is not offered any more
    client = (built / "clienten" / "waaier" / "weg" / "index.html").read_text(encoding="utf-8")
    assert "Dit hulpmiddel staat niet meer in de lijst." in client
    assert not (built / "organisaties" / "waaier" / "weg").exists()  # it never had a page there


def test_archived_entry_is_in_no_list_search_or_navigation(built: Path) -> None:
    for version in ("clienten", "professionals"):
        found = [item[0] for _start, shown in read_kern((built / version / "zoekindex" / "kern.js").read_text(
            encoding="utf-8"))["items"]["weergave"] for item in shown]  # a small catalogue: the titles are in the core
        assert found and "weg" not in found
        assert "Synthetisch weg" not in (built / version / "waaier" / "index.html").read_text(encoding="utf-8")
        assert 'href="waaier/weg/"' not in (built / version / "index.html").read_text(encoding="utf-8")
    assert "Synthetisch weg" not in (built / "professionals" / "waaier" / "bouwsteen-1" / "index.html").read_text(encoding="utf-8")


def test_entries_that_were_never_in_the_waaier_appear_nowhere(built: Path) -> None:
    for slug in ("nooit-opgenomen", "aanmelding-zonder-oordeel"):
        hits = [str(p) for p in built.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")
                and (slug in p.read_text(encoding="utf-8", errors="replace") or slug in str(p))]
        assert hits == [], slug


def test_archived_is_decided_next_to_decide(root: Path) -> None:
    catalog = load(root, today=TODAY).catalog
    by_slug = {e.slug: e for e in catalog.entries}
    assert archived(by_slug["weg"], "professionals") and not decide(by_slug["weg"], "professionals").published
    assert not archived(by_slug["weg"], "organisaties")
    assert not archived(by_slug["nooit-opgenomen"], "professionals")
    assert not archived(by_slug["oud"], "professionals")


def test_added_and_recommended_entries_are_dated_events(tmp_path: Path) -> None:
    """Entries no werkgroep judged yet still appear: on the day they were added, and on the date of the
    Kompas publication that recommends them (from vocabulaires/publicaties.yml)."""
    root = make_root(tmp_path)
    for path in (root / FOLDERS[0]).glob("*.yml"):
        if path.name != "waaier.yml":
            path.unlink()
    added = entry("toegevoegd", "status: ingediend\n").replace("  datum: onbekend\n", "  datum: 2026-11-01\n", 1)
    recommended = entry("aanbevolen", "status: ingediend\n").replace(
        "toetsing:", "aanbevolen_in:\n  - {publicatie: implementatieplan, vindplaats: opdracht 3}\ntoetsing:")
    (root / FOLDERS[0] / "toegevoegd.yml").write_text(added, encoding="utf-8")
    (root / FOLDERS[0] / "aanbevolen.yml").write_text(recommended, encoding="utf-8")
    vocab = root / "vocabulaires" / "publicaties.yml"
    terms = vocab.read_text(encoding="utf-8")
    if "    datum: 2024-06-12\n" not in terms:  # the date on the plan's title page
        terms = terms.replace("  - code: implementatieplan\n", "  - code: implementatieplan\n    datum: 2024-06-12\n")
    vocab.write_text(terms, encoding="utf-8")
    catalog = load(root, today=TODAY).catalog
    assert not [p for p in load(root, today=TODAY).problems]
    got = [(e.kind, e.entry.slug, e.date.isoformat(), e.werkgroep) for e in events(view(catalog, "professionals"))]
    assert got == [
        ("aangedragen", "toegevoegd", "2026-11-01", "Synthetische Cliëntenraad"),
        ("aanbevolen", "aanbevolen", "2024-06-12", "Kompaspartijen"),
    ]
    feed = feedparser.parse(atom(view(catalog, "professionals"), events(view(catalog, "professionals")), today=TODAY))
    assert [e.title for e in feed.entries] == ["Toegevoegd: Synthetisch toegevoegd",
                                               "Aanbevolen door de Kompaspartijen: Synthetisch aanbevolen"]
