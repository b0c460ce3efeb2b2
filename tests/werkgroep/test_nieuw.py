"""`kompaswaaier nieuw`: by flags, by questions on stdin and from a GitHub issue form; never overwrites."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kompaswaaier.load.document import load_bytes, load_file
from kompaswaaier.werkgroep.newentry import Draft, render_entry, slugify
from kwtest import EXAMPLES, REPO

TODAY = "2026-11-22"
ISSUE = EXAMPLES / "issues" / "nieuw-item.md"

FLAGS = [
    "nieuw", "--vandaag", TODAY,
    "--titel", "Synthetisch gesprekskaartje",
    "--bouwsteen", "2",
    "--soort", "instrument",
    "--samenvatting-professionals", "SYNTHETISCH testitem: kaartjes die een gesprek met de mantelzorger op gang "
                                    "brengen, zodat je samen ziet wat nodig is.",
    "--doel", "Het gesprek met de mantelzorger beginnen.",
    "--bron", "Synthetische bron https://example.org/synthetisch/bron",
    "--link", "https://example.org/synthetisch/kaartje",
    "--voor-wie", "mantelzorger,naasten",
    "--criterium", "kosteloos=ja:Gratis te downloaden (synthetische bron).",
    "--door", "Synthetische werkgroep",
    "--perspectief", "professionals",
]

EXPECTED_FILE = """\
# yaml-language-server: $schema=../../schemas/entry.schema.json
# Gemaakt met 'kompaswaaier nieuw'. Vul aan wat nog 'onbekend' is; zie CONTRIBUTING.md.
slug: synthetisch-gesprekskaartje
titel: Synthetisch gesprekskaartje
soort: instrument
bouwstenen: [2]
samenvatting:
  professionals: >-
    SYNTHETISCH testitem: kaartjes die een gesprek met de mantelzorger op gang brengen,
    zodat je samen ziet wat nodig is.
doel: Het gesprek met de mantelzorger beginnen.
voor_wie: [mantelzorger, naasten]
tijdsduur: onbekend
eigenaar: onbekend
ontwikkeld_met: onbekend
links:
  - titel: Pagina op example.org
    url: https://example.org/synthetisch/kaartje
licentie: onbekend
kosten: onbekend
bronnen:
  - titel: Synthetische bron
    url: https://example.org/synthetisch/bron
criteria:
  mens_centraal:
    oordeel: onbekend
    toelichting: Nog niet onderzocht.
  bestaand_product:
    oordeel: onbekend
    toelichting: Nog niet onderzocht.
  kosteloos:
    oordeel: ja
    toelichting: Gratis te downloaden (synthetische bron).
    bronnen:
      - {titel: Synthetische bron, url: https://example.org/synthetisch/bron}
  in_lijn_met_kompas:
    oordeel: onbekend
    toelichting: Nog niet onderzocht.
toetsing:
  door: Synthetische werkgroep
  datum: 2026-11-22
aangedragen:
  door: Synthetische werkgroep
  perspectief: professionals
  datum: 2026-11-22
status: ingediend
"""


@pytest.fixture
def here(catalog_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in the folder that holds the synthetic catalogue, so paths print as waaiers/..."""
    monkeypatch.chdir(catalog_root.parent)
    return catalog_root


def test_flags_write_a_file_that_controleer_accepts(run_cli, here: Path) -> None:
    result = run_cli(*FLAGS)
    path = here / "2-netwerken" / "synthetisch-gesprekskaartje.yml"
    assert result.code == 0, result.err
    assert result.lines == [
        "Nieuw item geschreven: waaiers/2-netwerken/synthetisch-gesprekskaartje.yml (status: ingediend).",
        "Gecontroleerd: geen problemen.",
        "Wat nu?",
        "  1. Vul aan wat nog onbekend is: eigenaar, kosten, criteria.mens_centraal, criteria.bestaand_product, "
        "criteria.in_lijn_met_kompas. Noem bij elk oordeel over een criterium de bron.",
        "  2. Controleer opnieuw: kompaswaaier controleer waaiers/2-netwerken/synthetisch-gesprekskaartje.yml",
        "  3. Maak een pull request. Synthetische tekst werkgroep. beoordeelt het item; zie CONTRIBUTING.md.",
    ]
    assert path.read_text(encoding="utf-8") == EXPECTED_FILE
    check = run_cli("controleer", "--vandaag", TODAY, str(path))
    assert check.code == 0, check.out
    assert check.lines[0] == "1 item gelezen: 1 geldig, 0 ongeldig."


def test_never_overwrites(run_cli, here: Path) -> None:
    assert run_cli(*FLAGS).code == 0
    path = here / "2-netwerken" / "synthetisch-gesprekskaartje.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# eigen aanvulling\n", encoding="utf-8")
    before = path.read_bytes()
    again = run_cli(*FLAGS)
    assert again.code == 2
    assert again.err == ("kompaswaaier: fout: er bestaat al een item met de naam 'synthetisch-gesprekskaartje': "
                         "waaiers/2-netwerken/synthetisch-gesprekskaartje.yml. Er is niets overschreven; "
                         "kies een andere naam met --slug\n")
    assert path.read_bytes() == before
    # the same slug in another bouwsteen folder is refused too
    other = run_cli(*[a if a != "2" else "3" for a in FLAGS])
    assert other.code == 2
    assert not (here / "3-werk-organiseren" / "synthetisch-gesprekskaartje.yml").exists()


def test_wrong_flags_are_all_reported_and_nothing_is_written(run_cli, here: Path) -> None:
    """First what the form lacks, with what the check already finds; the vocabulary and date rules of the
    check follow once the file is complete enough for them (as in ``controleer``). Nothing is written."""
    result = run_cli("nieuw", "--vandaag", TODAY, "--titel", "Synthetisch fout", "--soort", "boek", "--link", "www.voorbeeld.nl",
                     "--voor-wie", "iedereen", "--criterium", "gratis=ja", "--datum", "2027-01-01")
    assert result.code == 2
    assert result.err.splitlines() == [
        "kompaswaaier: fout: het item is niet geschreven:",
        "  --bouwsteen: kies de bouwsteen (1 tot en met 5)",
        "  --samenvatting-professionals (of -organisaties, -clienten): een korte beschrijving ontbreekt",
        "  --doel: waarvoor je het gebruikt ontbreekt",
        "  --bron: noem minstens één bron: waar komt deze informatie vandaan?",
        "  --criterium: onbekend criterium 'gratis'; kies uit: mens_centraal, bestaand_product, kosteloos, "
        "in_lijn_met_kompas",
        "  --link: links[1].url: verwacht een webadres dat begint met http:// of https://, maar vond de tekst "
        "'www.voorbeeld.nl'",
    ]
    complete = run_cli("nieuw", "--vandaag", TODAY, "--titel", "Synthetisch fout", "--soort", "boek", "--link",
                       "https://example.org/synthetisch", "--voor-wie", "iedereen", "--datum", "2027-01-01",
                       "--bouwsteen", "2", "--samenvatting-professionals", "Synthetisch.", "--doel", "Synthetisch doel.",
                       "--bron", "Synthetische bron https://example.org/bron")
    assert complete.code == 2
    assert complete.err.splitlines() == [
        "kompaswaaier: fout: het item is niet geschreven:",
        "  --soort: soort: 'boek' staat niet in de lijst soort (vocabulaires/soort.yml); kies uit: instrument, "
        "methodiek, werkwijze, goed-voorbeeld, handreiking, richtlijn, informatie, meetinstrument",
        "  --voor-wie: voor_wie[1]: 'iedereen' staat niet in de lijst rollen (vocabulaires/rollen.yml); kies uit: "
        "mens-met-zorgvraag, mantelzorger, naasten, sociaal-netwerk, professional, wijkverpleegkundige, verpleegkundige, "
        "verzorgende, sociaal-werker, specialist-ouderengeneeskunde, psycholoog, huisarts, team, organisatie, "
        "clientenraad, var-par, toezichthouder",
        f"  --datum: aangedragen.datum: datum 2027-01-01 ligt in de toekomst (vandaag is {TODAY})",
    ]
    assert not list(here.glob("*/synthetisch-fout.yml"))


# Answers in the order the questions come; '' is Enter (take the default).
ANSWERS = [
    "Synthetisch Praatplaatje",      # naam
    "",                              # bestandsnaam: default from the title
    "7",                             # bouwsteen: wrong, asked again
    "1",                             # bouwsteen
    "goed-voorbeeld",                # soort by code
    "1",                             # lezers: cliënten en naasten
    "Een plaat om samen over te praten. SYNTHETISCH.",
    "Praten over wat u belangrijk vindt.",
    "",                              # eigenaar: onbekend
    "www.zonder-https.nl",           # wrong, asked again
    "https://example.org/synthetisch/praatplaat",
    "Gratis",
    "Synthetische folder",
    "1, mantelzorger",               # voor wie: number and code
    "",                              # setting: skip
    "open-gesprek",                  # themas
    "ja", "Het gaat om wat de persoon wil.",
    "", "",                          # bestaand product: onbekend, default explanation
    "ja", "De folder zegt: gratis.",
    "onbekend", "",
    "Synthetische Naastenraad",
    "1",                             # perspectief
    "20261120",                      # datum without dashes: Python reads it, the schema does not; asked again
    "",                              # datum: today
]


def test_interactive_questions_on_stdin(run_cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(ANSWERS) + "\n"))
    result = run_cli("nieuw", "--vandaag", TODAY)
    assert result.code == 0, result.err
    assert "Bij welke bouwsteen hoort het vooral?: 7" in result.lines
    assert "  Kies een nummer uit de lijst." in result.lines
    assert "  Een webadres begint met https://." in result.lines
    assert "  Schrijf de datum als JJJJ-MM-DD, of 'onbekend'." in result.lines
    assert "Nieuw item geschreven: waaiers/1-wensen-en-behoeften/synthetisch-praatplaatje.yml (status: ingediend)." in result.lines
    assert "Gecontroleerd: geen problemen." in result.lines
    doc, problems = load_file(here / "1-wensen-en-behoeften" / "synthetisch-praatplaatje.yml")
    assert problems == [] and doc is not None
    data = doc.data
    assert data["slug"] == "synthetisch-praatplaatje"
    assert data["soort"] == "goed-voorbeeld"
    assert data["samenvatting"] == {"clienten": "Een plaat om samen over te praten. SYNTHETISCH."}
    assert data["eigenaar"] == "onbekend"
    assert data["kosten"] == "Gratis"
    assert data["links"] == [{"titel": "Pagina op example.org", "url": "https://example.org/synthetisch/praatplaat"}]
    # a source without an address is kept as a comment; the page where it is found becomes the source
    assert data["bronnen"] == [{"titel": "Pagina op example.org", "url": "https://example.org/synthetisch/praatplaat"}]
    assert data["voor_wie"] == ["mens-met-zorgvraag", "mantelzorger"]
    assert data["themas"] == ["open-gesprek"] and "setting" not in data
    assert {k: v["oordeel"] for k, v in data["criteria"].items()} == {
        "mens_centraal": "ja", "bestaand_product": "onbekend", "kosteloos": "ja", "in_lijn_met_kompas": "onbekend"}
    assert data["criteria"]["bestaand_product"]["toelichting"] == "Nog niet onderzocht."
    assert data["aangedragen"] == {"door": "Synthetische Naastenraad", "perspectief": "mens-met-zorgvraag", "datum": TODAY}
    assert data["status"] == "ingediend"


def test_interactive_input_that_stops_writes_nothing(run_cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Synthetisch half\n\n"))
    result = run_cli("nieuw", "--vandaag", TODAY)
    assert result.code == 2
    assert result.err == "kompaswaaier: fout: de invoer stopte voordat alle vragen beantwoord waren; er is niets geschreven\n"
    assert not list(here.glob("*/synthetisch-half.yml"))


def test_from_issue_form(run_cli, here: Path) -> None:
    result = run_cli("nieuw", "--vandaag", TODAY, "--uit-issue", str(ISSUE), "--datum", "2026-11-20")
    assert result.code == 0, result.err
    path = here / "1-wensen-en-behoeften" / "synthetisch-gesprekspakket-wat-vindt-u-belangrijk.yml"
    assert result.lines[0] == f"Nieuw item geschreven: {path.relative_to(here.parent)} (status: ingediend)."
    doc, problems = load_file(path)
    assert problems == [] and doc is not None
    data = doc.data
    assert data["titel"] == 'Synthetisch gesprekspakket: "Wat vindt u belangrijk?"'
    assert data["soort"] == "methodiek"
    assert list(data["samenvatting"]) == ["organisaties"]
    paragraphs = [" ".join(p.split()) for p in data["samenvatting"]["organisaties"].split("\n\n")]
    assert paragraphs == [
        "SYNTHETISCH testvoorbeeld. Een set kaarten om samen te ontdekken wat iemand belangrijk vindt.",
        "Een tweede alinea: de kaarten werken ook met naasten erbij.",
    ]
    assert data["eigenaar"] == "Synthetische Stichting" and data["kosten"] == "onbekend"
    assert data["voor_wie"] == ["mens-met-zorgvraag", "naasten", "wijkverpleegkundige"]
    assert data["setting"] == ["thuis", "wijk"] and "themas" not in data
    assert data["bronnen"] == [{"titel": "Website van de maker", "url": "https://example.org/synthetisch/over"}]
    assert "# bron zonder webadres, nog op te zoeken: Folder van de Synthetische Stichting (2025)" in path.read_text(encoding="utf-8")
    assert {k: (v["oordeel"], v["toelichting"]) for k, v in data["criteria"].items()} == {
        "mens_centraal": ("ja", "De kaarten gaan uit van wat de persoon zelf belangrijk vindt."),
        "bestaand_product": ("ja", "De indiener gaf geen toelichting."),
        "kosteloos": ("onbekend", "Nog niet onderzocht."),
        "in_lijn_met_kompas": ("onbekend", "Nog niet onderzocht."),
    }
    assert data["aangedragen"] == {"door": "Synthetische Cliëntenraad", "perspectief": "mens-met-zorgvraag", "datum": "2026-11-20"}
    assert run_cli("controleer", "--vandaag", TODAY, str(path)).code == 0


def test_issue_without_the_form_is_refused(run_cli, here: Path, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text("Ik ken een goed instrument: kijk op example.org.\n", encoding="utf-8")
    result = run_cli("nieuw", "--uit-issue", str(body))
    assert result.code == 2
    assert result.err.startswith("kompaswaaier: fout: dit lijkt geen aanmelding met het formulier "
                                 "'Nieuw instrument of voorbeeld aandragen'; deze kopjes ontbreken: "
                                 "'### Naam van het instrument of voorbeeld'; ")


def test_flags_override_the_issue(run_cli, here: Path) -> None:
    result = run_cli("nieuw", "--vandaag", TODAY, "--uit-issue", str(ISSUE), "--slug", "synthetisch-pakket", "--bouwsteen", "2")
    assert result.code == 0, result.err
    assert (here / "2-netwerken" / "synthetisch-pakket.yml").is_file()


@pytest.mark.parametrize("title", [
    "Gewoon", "yes", "no", "null", "123", "2024-01-01 en verder", "a: b", "met # hekje", "#begin", "*ster", "&anker",
    "'quote", '"dubbel"', "[lijst]", "{map}", "- streep", "? vraag", "% procent", "@at", "`tick`", "einde:", "| pijp",
    "> groter", "tab\tin tekst", "ëmoji ✓ café",
])
def test_any_text_survives_the_round_trip(title: str) -> None:
    draft = Draft(titel=title, bouwsteen=1, soort="instrument", samenvatting={"professionals": f"{title} " * 30},
                  doel=title, slug="synthetisch", bronnen=[{"titel": title, "url": "https://example.org/bron"}], eigenaar=title,
                  kosten=title, door=title)
    doc, problems = load_bytes(render_entry(draft).encode("utf-8"), "test.yml")
    assert problems == [] and doc is not None
    assert doc.data["titel"] == title
    assert doc.data["eigenaar"] == title and doc.data["kosten"] == title and doc.data["bronnen"] == [{"titel": title, "url": "https://example.org/bron"}]
    assert " ".join(doc.data["samenvatting"]["professionals"].split()) == " ".join((f"{title} " * 30).split())


@pytest.mark.parametrize(("title", "slug"), [
    ("Drie goede vragen (3GV)", "drie-goede-vragen-3gv"),
    ("Cliëntenversie van het Generiek Kompas", "clientenversie-van-het-generiek-kompas"),
    ("  V&VN-richtlijn: Mantelzorg  ", "v-vn-richtlijn-mantelzorg"),
    ("!!!", ""),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


TEMPLATE = REPO / ".github" / "sjabloon-item.yml"


def test_template_for_the_web_editor(run_cli, here: Path) -> None:
    """An unfilled copy of the template fails on every empty field; filled in, it passes."""
    path = here / "2-netwerken" / "mijn-instrument.yml"
    path.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    empty = run_cli("controleer", "--stil", "--vandaag", TODAY, str(path))
    shown = "waaiers/2-netwerken/mijn-instrument.yml"
    assert empty.code == 1
    assert empty.lines == [
        f"{shown}:8: slug: verwacht kleine letters, cijfers en streepjes, gelijk aan de bestandsnaam (zoals 'ediz'), maar vond een lege waarde",
        f"{shown}:9: titel: verwacht tekst, maar vond een lege waarde",
        f"{shown}:10: soort: verwacht een code in kleine letters, cijfers en streepjes (zoals 'open-gesprek'), maar vond een lege waarde",
        f"{shown}:11: bouwstenen: moet minstens 1 waarde bevatten",
        f"{shown}:13: samenvatting.professionals: verwacht tekst, maar vond een lege waarde",
        f"{shown}:14: doel: verwacht tekst, maar vond een lege waarde",
        f"{shown}:21: bronnen[1].titel: verwacht tekst, maar vond een lege waarde",
        f"{shown}:22: bronnen[1].url: verwacht een webadres dat begint met http:// of https://, maar vond een lege waarde",
    ]
    text = TEMPLATE.read_text(encoding="utf-8")
    for old, new in {
        "slug:           #": "slug: mijn-instrument  #",
        "titel:          #": "titel: Synthetisch instrument uit het sjabloon  #",
        "soort:          #": "soort: instrument  #",
        "bouwstenen: []  #": "bouwstenen: [2]  #",
        "  professionals:  #": "  professionals: Een SYNTHETISCH voorbeeld.  #",
        "doel:           #": "doel: Testen of het sjabloon werkt.  #",
        "  - titel:      #": "  - titel: Synthetische bron  #",
        "    url:        #": "    url: https://example.org/synthetische-bron  #",
    }.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    filled = run_cli("controleer", "--vandaag", TODAY, str(path))
    assert filled.code == 0, filled.out


@pytest.mark.parametrize("verb", ["nieuw", "evaluatie", "links"])
def test_werkgroep_verbs_have_dutch_help_and_docs(run_cli, verb: str) -> None:
    helped = run_cli(verb, "--help")
    assert helped.code == 0
    assert helped.out.startswith(f"gebruik: kompaswaaier {verb} ")
    assert "opties:" in helped.out
    root = REPO
    for doc in ("CONTRIBUTING.md", "ONTWIKKELING.md"):
        assert f"kompaswaaier {verb}" in (root / doc).read_text(encoding="utf-8"), doc


@pytest.mark.parametrize(("args", "message"), [
    (("evaluatie", "--vandaag", "morgen"), "kompaswaaier: fout: --vandaag: 'morgen' is geen datum (JJJJ-MM-DD)\n"),
    (("links", "--time-out", "0"), "kompaswaaier: fout: --time-out moet groter dan 0 zijn en --gelijktijdig minstens 1\n"),
    (("evaluatie", "--waaiers", "bestaat/niet"), "kompaswaaier: fout: geen map met gegevens gevonden: bestaat/niet "
                                                 "(verwacht: vocabulaires/ en de bouwsteenmappen)\n"),
    (("nieuw", "--uit-issue", "bestaat/niet.md"), None),
])
def test_wrong_use_exits_2(run_cli, args: tuple[str, ...], message: str | None) -> None:
    result = run_cli(*args)
    assert result.code == 2
    if message:
        assert result.err == message
    else:
        assert result.err.startswith("kompaswaaier: fout: kan bestaat/niet.md niet lezen (")
