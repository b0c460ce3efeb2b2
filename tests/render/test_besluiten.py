"""The decisions pages (organisation version): per bouwsteen, per year, generated from the data; rejections counted.

On the frozen fixture catalogue as it is (every judgement there has an unknown date), and on a built copy of
it in which `kompaswaaier beoordeel` recorded decisions of every kind (SYNTHETISCH decisions).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from kompaswaaier.build import build_site
from kompaswaaier.render.decisions import pages, rounds
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load
from kompaswaaier.werkgroep.decision import Request, record
from kwtest import FIXTURE, TODAY

DAY = dt.date.fromisoformat(TODAY)
VERSLAG = "https://example.org/synthetisch/verslag-bouwsteen-2"


class _Tables(HTMLParser):
    """The rows of every table (cell texts), the links inside them, and the text of the article."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.article: list[str] = []
        self._cell: list[str] | None = None
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article += 1
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and self._cell is not None:
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in_article:
            self.article.append(data)


def parsed(html_file: Path) -> _Tables:
    parser = _Tables()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def article_text(p: _Tables) -> str:
    return " ".join("".join(p.article).split())


# --- the fixture catalogue as it is -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_view():
    return view(load(FIXTURE, today=DAY).catalog, "organisaties")


def test_rounds_name_the_accepted_entries_and_count_the_rest(fixture_view) -> None:
    got = {n: [(r.year, [row.entry.slug for row in r.rows], r.rejected, r.unnamed) for r in rounds(fixture_view, n)]
           for n in range(1, 6)}
    assert got == {
        1: [(None, ["clientenversie-generiek-kompas", "doe-boekje-gesprek-over-goede-zorg", "generiek-kompas"], 0, 0)],
        2: [(None, ["mantelzorgondersteuning-in-de-buurt", "venvn-richtlijn-mantelzorg"], 0, 0)],
        3: [(None, [], 0, 1)],  # beroepscode: opgenomen, but published in no version, so counted
        4: [],
        5: [],
    }
    # the five opgenomen entries that are published somewhere are named, each once
    assert sum(len(r.rows) for n in range(1, 6) for r in rounds(fixture_view, n)) == 5


def test_pages_only_in_the_organisation_version(fixture_view) -> None:
    assert sorted(pages(fixture_view)) == ["waaier/besluiten-1.md", "waaier/besluiten-2.md", "waaier/besluiten-3.md",
                                           "waaier/besluiten-4.md", "waaier/besluiten-5.md", "waaier/besluiten.md"]
    catalog = fixture_view.catalog
    assert pages(view(catalog, "professionals")) == {} and pages(view(catalog, "clienten")) == {}


def test_overview_and_empty_pages(fixture_view) -> None:
    made = pages(fixture_view)
    overview = made["waaier/besluiten.md"]
    assert "| [1. Het kennen van wensen en behoeften](besluiten-1.md) | 3 | 0 | 0 | geen met bekende datum |" in overview
    assert "| [3. Het werk organiseren](besluiten-3.md) | 0 | 0 | 1 | geen met bekende datum |" in overview
    assert "De werkgroep heeft nog geen besluiten over items van deze waaier vastgelegd." in made["waaier/besluiten-4.md"]
    three = made["waaier/besluiten-3.md"]
    assert ("Eén besluit gaat over een item dat niet op de site staat (bijvoorbeeld omdat de kosten of de vindplaats nog "
            "onbekend zijn); het wordt alleen geteld.") in three
    assert "Beroepscode" not in three and "beroepscode" not in three


# --- a built copy with decisions of every kind --------------------------------------------------------

DECISIONS = [  # slug, decision, date (bouwsteen 2 unless said otherwise)
    ("ediz", "opgenomen-met-ontwikkelopgave", "2025-05-12"),
    ("mantelzorgondersteuning-in-de-buurt", "opgenomen", "2026-10-01"),
    ("venvn-richtlijn-mantelzorg", "gearchiveerd", "2026-06-01"),
    ("mantelscan", "afgewezen", "2026-03-01"),
    ("csi-caregiver-strain-index", "afgewezen", "2026-03-02"),
    ("generiek-kompas", "opgenomen", "2024-06-01"),  # bouwsteen 1: its next review (2026-06-01) has passed
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("besluiten")
    root = base / "waaiers"
    shutil.copytree(FIXTURE, root)
    for slug, besluit, datum in DECISIONS:
        request = Request(slug=slug, besluit=besluit, datum=datum, werkgroep="Synthetische werkgroep 2",
                          verslag=f"{VERSLAG}/{datum}", toelichting=f"Synthetisch besluit over {slug}.",
                          ontwikkelopgave="Synthetische opgave." if besluit == "opgenomen-met-ontwikkelopgave" else "")
        outcome = record(request, root, DAY)
        assert outcome.written, [p.format() for p in outcome.problems]
    out = base / "site"
    build_site(waaiers=root, output=out, quiet=True, today=DAY)
    return out


def test_decisions_page_per_year_newest_first(built: Path) -> None:
    page = parsed(built / "organisaties" / "waaier" / "besluiten-2" / "index.html")
    head = ["Item", "Soort", "Besluit", "Datum", "Besloten door en verslag", "Volgende herbeoordeling"]
    assert page.rows == [
        head,
        ["Mantelzorgondersteuning in de buurt (MantelzorgNL)", "Werkwijze", "Opgenomen (opnieuw beoordeeld)", "1 oktober 2026",
         "Synthetische werkgroep 2; Verslag van de werkgroep, 1 oktober 2026 (externe website)", "1 oktober 2028"],
        ["V&VN-richtlijn Mantelzorg", "Richtlijn", "Uit de waaier gehaald", "1 juni 2026",
         "Synthetische werkgroep 2; Verslag van de werkgroep, 1 juni 2026 (externe website)", "niet meer in de waaier"],
        head,
        ["EDIZ: Ervaren Druk door Informele Zorg", "Meetinstrument", "Opgenomen met ontwikkelopgave", "12 mei 2025",
         "Synthetische werkgroep 2; Verslag van de werkgroep, 12 mei 2025 (externe website)", "12 mei 2027"],
        head,
        # an earlier judgement keeps its record too (eerdere_beoordelingen[i].bron)
        ["Mantelzorgondersteuning in de buurt (MantelzorgNL)", "Werkwijze", "Opgenomen", "onbekend",
         "Kompaspartijen (gids voor de professional); Samen werken aan kwaliteit van bestaan: een gids voor de toekomstbestendige professional, bouwsteen 2", "opnieuw beoordeeld op 1 oktober 2026"],
        ["V&VN-richtlijn Mantelzorg", "Richtlijn", "Opgenomen", "onbekend",
         "Kompaspartijen (gids voor de professional); Samen werken aan kwaliteit van bestaan: een gids voor de toekomstbestendige professional, bouwsteen 2", "opnieuw beoordeeld op 1 juni 2026"],
    ]
    assert page.links == [
        "../mantelzorgondersteuning-in-de-buurt/", f"{VERSLAG}/2026-10-01",
        "../venvn-richtlijn-mantelzorg/", f"{VERSLAG}/2026-06-01",  # the archived entry keeps its page
        "../ediz/", f"{VERSLAG}/2025-05-12",
        "../mantelzorgondersteuning-in-de-buurt/", "../venvn-richtlijn-mantelzorg/",
    ]
    text = article_text(page)
    assert "2 voorstellen zijn afgewezen in 2026. Afgewezen voorstellen worden alleen geteld." in text
    # rejected entries are counted, never named
    for name in ("MantelScan", "Caregiver Strain", "mantelscan", "csi-caregiver"):
        assert name not in text
        assert name not in (built / "organisaties" / "waaier" / "besluiten-2" / "index.html").read_text(encoding="utf-8")


def test_headings_are_the_years(built: Path) -> None:
    html_text = (built / "organisaties" / "waaier" / "besluiten-2" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h2 id="[^"]+">([^<]+)<', html_text) == ["2026", "2025", "Datum onbekend"]


def test_an_expired_review_is_marked(built: Path) -> None:
    page = parsed(built / "organisaties" / "waaier" / "besluiten-1" / "index.html")
    row = next(r for r in page.rows if r[0].startswith("Generiek Kompas") and r[3] == "1 juni 2024")
    assert row[2:] == ["Opgenomen (opnieuw beoordeeld)", "1 juni 2024",
                       "Synthetische werkgroep 2; Verslag van de werkgroep, 1 juni 2024 (externe website)",
                       "1 juni 2026 (verlopen)"]


def test_bouwsteen_page_and_navigation_link_to_the_decisions(built: Path) -> None:
    bouwsteen = (built / "organisaties" / "waaier" / "bouwsteen-2" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../besluiten-2/">Besluiten van de werkgroep</a>' in bouwsteen
    index = (built / "organisaties" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="waaier/besluiten/"[^>]*>\s*(<[^>]+>\s*)*Besluiten van de werkgroepen', index)
    overview = parsed(built / "organisaties" / "waaier" / "besluiten" / "index.html")
    assert ["2. Het bouwen van netwerken", "5", "2", "0", "1 oktober 2026"] in overview.rows
    for version in ("clienten", "professionals"):
        assert not (built / version / "waaier" / "besluiten-2").exists()


def test_decisions_appear_in_the_feed_and_rejections_do_not(built: Path) -> None:
    feed = feedparser.parse((built / "organisaties" / "waaier" / "nieuw.xml").read_bytes())
    assert feed.bozo == 0
    titles = [(e.title, e.updated[:10]) for e in feed.entries]
    assert titles == [
        ("Opnieuw beoordeeld: Mantelzorgondersteuning in de buurt (MantelzorgNL)", "2026-10-01"),
        ("Niet meer in de waaier: V&VN-richtlijn Mantelzorg", "2026-06-01"),
        ("Opgenomen door de werkgroep: EDIZ: Ervaren Druk door Informele Zorg", "2025-05-12"),
        ("Opnieuw beoordeeld: Generiek Kompas: Samen werken aan kwaliteit van bestaan (volledige tekst)", "2024-06-01"),
    ]
    new_page = (built / "organisaties" / "waaier" / "nieuw" / "index.html").read_text(encoding="utf-8")
    assert "MantelScan" not in new_page and "Caregiver Strain" not in new_page
