"""`kompaswaaier evaluatie`: the agenda per bouwsteen on a synthetic catalogue with a fixed 'today'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kompaswaaier.balance import ROLE_CLUSTERS
from kompaswaaier.render.agenda import agenda
from kompaswaaier.render.lifecycle import lifecycle_pages
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load
from kompaswaaier.werkgroep.evaluation import evaluate
from kwtest import EXAMPLES, REPO

TODAY = "2026-11-22"
BASE = EXAMPLES / "positief" / "synthetisch-opgenomen.yml"


def entry(slug: str, tail: str, **changes: str) -> str:
    """The synthetic example up to its status, with a new slug, title, and status block (SYNTHETISCH)."""
    head = BASE.read_text(encoding="utf-8").split("status: opgenomen\n")[0]
    head = head.replace("synthetisch-opgenomen", slug).replace("Synthetisch voorbeeld (opgenomen)", f"Synthetisch {slug}")
    for old, new in changes.items():
        head = head.replace(old, new)
    return head + tail


def accepted(date: str) -> str:
    return f"status: opgenomen\nbeoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: {date}\n  toelichting: Voldoet.\n"


ENTRIES = {
    ("1-wensen-en-behoeften", "verlopen"): entry("verlopen", accepted("2024-09-15"), **{
        "  professionals: Testvoorbeeld voor professionals.\n": "  professionals: Testvoorbeeld.\n  organisaties: Testvoorbeeld.\n"}),
    ("1-wensen-en-behoeften", "binnenkort"): entry("binnenkort", accepted("2025-01-10"), **{
        "perspectief: mens-met-zorgvraag": "perspectief: professionals",
        "voor_wie: [mens-met-zorgvraag]": "voor_wie: [wijkverpleegkundige, team]"}),
    ("1-wensen-en-behoeften", "nog-niet"): entry("nog-niet", accepted("2025-06-01"), **{
        "perspectief: mens-met-zorgvraag": "perspectief: professionals"}),
    ("1-wensen-en-behoeften", "datum-onbekend"): entry("datum-onbekend", accepted("onbekend")
                                                       + "  bron:\n    titel: Synthetisch verslag\n    url: https://example.org/verslag\n", **{
        "bronnen:\n  - titel: Testbron\n    url: https://example.org/bron\n": "bronnen:\n  - publicatie: implementatieplan\n    vindplaats: opdracht 3\n"}),
    ("1-wensen-en-behoeften", "voorstel"): entry("voorstel", "status: ingediend\n", **{
        "eigenaar: Synthetische Testorganisatie": "eigenaar: onbekend",
        "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: onbekend, toelichting: Test.",
        "perspectief: mens-met-zorgvraag": "perspectief: onbekend",
        "voor_wie: [mens-met-zorgvraag]": "voor_wie: [organisatie]",
        "datum: 2024-05-01": "datum: 2025-03-01"}),
    ("1-wensen-en-behoeften", "in-behandeling"): entry("in-behandeling", "status: in-beoordeling\n", **{
        "links:\n  - titel: Testpagina\n    url: https://example.org/in-behandeling\n": "links: []\n",
        "door: Synthetische Cliëntenraad": "door: onbekend",
        "datum: 2024-05-01": "datum: onbekend",
        "in_lijn_met_kompas: {oordeel: ja, toelichting: Test.": "in_lijn_met_kompas: {oordeel: onbekend, toelichting: Test."}),
    ("1-wensen-en-behoeften", "afgewezen"): entry("afgewezen", "status: afgewezen\nbeoordeling:\n  werkgroep: Synthetische "
                                                 "werkgroep\n  datum: 2025-02-01\n  toelichting: Niet kosteloos.\n", **{
        "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: nee, toelichting: Test.",
        "perspectief: mens-met-zorgvraag": "perspectief: financiers"}),
    ("2-netwerken", "netwerk"): entry("netwerk", accepted("2026-02-01"), **{
        "bouwstenen: [1]": "bouwstenen: [2]", "perspectief: mens-met-zorgvraag": "perspectief: organisaties"}),
}

EXPECTED_BOUWSTEEN_1 = """\
# Evaluatie van de waaiers

Stand op 22 november 2026. Elke waaier wordt eens per cyclus geëvalueerd (zie per bouwsteen).
Per bouwsteen staat hieronder wat de werkgroep bespreekt: welke items opnieuw beoordeeld
moeten worden, van welke oordelen de datum onbekend is, de balans van perspectieven,
criteria die nog onbekend zijn, items zonder eigenaar of vindplaats, en de open voorstellen.

## Bouwsteen 1: Synthetische tekst titel.

- Werkgroep: Synthetische tekst werkgroep.
- Evaluatie eens in de 2 jaar; volgende evaluatie: najaar 2026.
- 7 items: ingediend 1, in beoordeling 1, opgenomen 4, opgenomen met ontwikkelopgave 0, afgewezen 1, gearchiveerd 0.

### 1. Opnieuw beoordelen

Het laatste oordeel is 2 jaar of langer geleden, of is dat binnen 3 maanden.

- Synthetisch verlopen: beoordeeld op 15 september 2024; opnieuw beoordelen was nodig vóór 15 september 2026 (verlopen).
- Synthetisch binnenkort: beoordeeld op 10 januari 2025; opnieuw beoordelen vóór 10 januari 2027 (binnenkort).

### 2. Datum van het oordeel onbekend

Opgenomen items waarvan niet bekend is wanneer de werkgroep oordeelde. Zoek de datum op in de bron, of beoordeel opnieuw.

- Synthetisch datum-onbekend: oordeel van Synthetische werkgroep; bron: Synthetisch verslag.

### 3. Balans van perspectieven

Geteld over 6 items in de waaier of in behandeling (zonder afgewezen en gearchiveerde items).
"Stelt samen" noemt de partijen die de waaier samenstellen (waaier.yml, samenstelling); "aangedragen vanuit" is het perspectief van wie het item aandroeg; "bedoeld voor" telt de items met minstens één rol uit dat perspectief bij "voor wie".

| Perspectief | Stelt samen | Aangedragen vanuit | Bedoeld voor |
|---|---|---:|---:|
| Mens met een zorgvraag, mantelzorgers, naasten en sociaal netwerk | Synthetische Naastenraad | 3 | 4 |
| Professionals | Synthetische Beroepsvereniging (trekker), Synthetisch Instituut | 2 | 1 |
| Organisaties | niemand | 0 | 1 |
| Financiers | niemand | 0 | geen rol in de lijst |
| Onbekend | | 1 | |

- Geen partij in de samenstelling vanuit: organisaties; financiers.
- Nog niets aangedragen vanuit: organisaties; financiers.
- Van 1 item is niet vastgelegd vanuit welk perspectief het werd aangedragen.

### 4. Criteria nog onbekend

- Synthetisch in-behandeling (in beoordeling): in lijn met het Kompas.
- Synthetisch voorstel (ingediend): kosteloos te gebruiken.

### 5. Eigenaar of vindplaats ontbreekt

- Synthetisch datum-onbekend (opgenomen): geen bron met een webadres.
- Synthetisch in-behandeling (in beoordeling): geen vindplaats (links is leeg).
- Synthetisch voorstel (ingediend): eigenaar onbekend.

### 6. Open voorstellen

Ingediend of in beoordeling, het oudste eerst.

- Synthetisch voorstel (ingediend): aangedragen door Synthetische Cliëntenraad op 1 maart 2025.
- Synthetisch in-behandeling (in beoordeling): indiener onbekend, datum onbekend.
"""


#: SYNTHETISCH: who composes the synthetic waaier of bouwsteen 1 (the other waaiers leave it unrecorded).
COMPOSITION = """\
samenstelling:
  partijen:
    - {naam: Synthetische Beroepsvereniging, perspectief: professionals, rol: trekker}
    - {naam: Synthetische Naastenraad, perspectief: mens-met-zorgvraag, rol: betrokken}
    - {naam: Synthetisch Instituut, perspectief: professionals, rol: betrokken}
  catalogus: Synthetische tekst over het verzamelen.
  bronnen:
    - publicatie: implementatieplan
      vindplaats: opdracht 10
"""


@pytest.fixture
def root(catalog_root: Path) -> Path:
    waaier = catalog_root / "1-wensen-en-behoeften" / "waaier.yml"
    waaier.write_text(waaier.read_text(encoding="utf-8") + COMPOSITION, encoding="utf-8")
    for (folder, slug), text in ENTRIES.items():
        (catalog_root / folder / f"{slug}.yml").write_text(text, encoding="utf-8")
    return catalog_root


def test_every_fixture_entry_is_valid(root: Path) -> None:
    result = load(root, today=dt.date.fromisoformat(TODAY))
    assert result.problems == []
    assert len(result.catalog.entries) == len(ENTRIES)


def test_agenda_for_one_bouwsteen(run_cli, root: Path) -> None:
    result = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root), "--bouwsteen", "1")
    assert result.code == 0, result.err
    assert result.out == EXPECTED_BOUWSTEEN_1


def test_agenda_for_every_bouwsteen(run_cli, root: Path) -> None:
    result = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root))
    assert result.code == 0, result.err
    assert [line for line in result.lines if line.startswith("## ")] == [f"## Bouwsteen {n}: Synthetische tekst titel." for n in range(1, 6)]
    assert result.out.startswith(EXPECTED_BOUWSTEEN_1)
    section2 = result.out.split("## Bouwsteen 2")[1].split("## Bouwsteen 3")[0]
    assert "- Geen." in section2.split("### 2.")[0]  # reviewed in February 2026: not due
    assert "| Organisaties | niet vastgelegd | 1 | 0 |" in section2
    assert "- Niet vastgelegd wie deze waaier samenstelt: vul samenstelling in waaier.yml in." in section2
    assert "Elk perspectief is vertegenwoordigd" not in section2
    assert "- Nog niets aangedragen vanuit: mens met een zorgvraag, mantelzorgers, naasten en sociaal netwerk; professionals; financiers." in section2
    empty = result.out.split("## Bouwsteen 5")[1]
    assert "Geteld over 0 items" in empty
    assert "- Nog niets bedoeld voor: mens met een zorgvraag, mantelzorgers, naasten en sociaal netwerk; professionals; organisaties." in empty


def test_due_dates_move_with_today(run_cli, root: Path) -> None:
    early = run_cli("evaluatie", "--vandaag", "2026-07-01", "--waaiers", str(root), "--bouwsteen", "1")
    due = early.out.split("### 1.")[1].split("### 2.")[0]
    assert "Synthetisch verlopen: beoordeeld op 15 september 2024; opnieuw beoordelen vóór 15 september 2026 (binnenkort)." in due
    assert "binnenkort:" not in due and "Synthetisch binnenkort" not in due


def test_public_agenda_names_only_published_entries(run_cli, root: Path) -> None:
    result = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root), "--bouwsteen", "1", "--openbaar")
    assert result.code == 0
    for slug in ("voorstel", "in-behandeling", "afgewezen"):
        assert f"Synthetisch {slug}" not in result.out
    assert "- 2 voorstellen die nog niet in de waaier staan.\n" in result.out
    assert "- Synthetisch datum-onbekend (opgenomen): geen bron met een webadres.\n- 2 voorstellen die nog niet" in result.out
    assert "- 2 voorstellen; de namen staan in de agenda van de werkgroep (kompaswaaier evaluatie).\n" in result.out


def test_page_in_the_organisation_version_is_the_public_agenda(root: Path) -> None:
    today = dt.date.fromisoformat(TODAY)
    catalog = load(root, today=today).catalog
    pages = lifecycle_pages(view(catalog, "organisaties"), today)
    page = pages["waaier/evaluatie.md"]
    assert page == agenda(evaluate(catalog, today), catalog, markdown=True, public=True)
    assert page.startswith("---\ntitle: Evaluatie van de waaiers\n---\n\n# Evaluatie van de waaiers\n")
    assert "- [Synthetisch verlopen](verlopen.md): beoordeeld op 15 september 2024;" in page
    assert "Synthetisch voorstel" not in page
    for version in ("clienten", "professionals"):
        assert "waaier/evaluatie.md" not in lifecycle_pages(view(catalog, version), today)


def test_markdown_agenda_escapes_contributor_text(run_cli, root: Path) -> None:
    (root / "1-wensen-en-behoeften" / "verlopen.yml").write_text(
        ENTRIES[("1-wensen-en-behoeften", "verlopen")].replace("titel: Synthetisch verlopen", 'titel: "Synthetisch *vet* <b>x</b>"'),
        encoding="utf-8")
    result = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root), "--bouwsteen", "1", "--markdown", "--openbaar")
    assert "[Synthetisch \\*vet\\* &lt;b&gt;x&lt;/b&gt;](verlopen.md)" in result.out
    plain = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root), "--bouwsteen", "1")
    assert "- Synthetisch *vet* <b>x</b>: beoordeeld op" in plain.out


def test_bad_data_stops_with_every_problem(run_cli, root: Path) -> None:
    (root / "1-wensen-en-behoeften" / "kapot.yml").write_text("slug: kapot\n", encoding="utf-8")
    result = run_cli("evaluatie", "--vandaag", TODAY, "--waaiers", str(root))
    assert result.code == 1
    assert result.out == ""
    first = result.err.splitlines()[0]
    assert first.startswith(f"{root}/1-wensen-en-behoeften/kapot.yml:1: ") and first.endswith(": verplicht veld ontbreekt")


def test_every_role_belongs_to_a_perspective() -> None:
    import yaml

    roles = yaml.safe_load((REPO / "waaiers" / "vocabulaires" / "rollen.yml").read_text(encoding="utf-8"))
    clusters = yaml.safe_load((REPO / "waaiers" / "vocabulaires" / "perspectieven.yml").read_text(encoding="utf-8"))
    assert sorted(t["code"] for t in roles["termen"]) == sorted(ROLE_CLUSTERS)
    assert set(ROLE_CLUSTERS.values()) <= {t["code"] for t in clusters["termen"]}


def test_real_catalogue_agenda(run_cli) -> None:
    result = run_cli("evaluatie", "--vandaag", TODAY)
    assert result.code == 0, result.err
    assert result.out.count("### 6. Open voorstellen") == 5


def test_bouwsteen_page_shows_who_composes_the_waaier(root: Path) -> None:
    from kompaswaaier.render.pages import version_pages

    catalog = load(root, today=dt.date.fromisoformat(TODAY)).catalog
    page = version_pages(view(catalog, "organisaties"))["waaier/bouwsteen-1.md"]
    assert "## Wie stelt deze waaier samen?" in page
    assert "<p>Synthetische tekst over het verzamelen.</p>" in page.chunks
    assert ("| Mens met een zorgvraag, mantelzorgers, naasten en sociaal netwerk | Synthetische Naastenraad | 1 | 1 |"
            in page)  # counted over the published items of this version only
    assert "| Professionals | Synthetische Beroepsvereniging (trekker), Synthetisch Instituut |" in page
    assert "Nog geen partij vanuit organisaties en financiers." in page
    other = version_pages(view(catalog, "professionals"))["waaier/bouwsteen-2.md"]
    assert "Nog niet vastgelegd wie deze waaier samenstelt." in other


def test_unknown_perspective_in_the_composition_is_reported(run_cli, root: Path) -> None:
    waaier = root / "1-wensen-en-behoeften" / "waaier.yml"
    text = waaier.read_text(encoding="utf-8")
    waaier.write_text(text.replace("perspectief: mens-met-zorgvraag, rol: betrokken", "perspectief: clienten, rol: betrokken"),
                      encoding="utf-8")
    result = run_cli("controleer", "--vandaag", TODAY, str(root))
    assert result.code == 1
    line = text.splitlines().index("    - {naam: Synthetische Naastenraad, perspectief: mens-met-zorgvraag, rol: betrokken}") + 1
    assert (f"{root}/1-wensen-en-behoeften/waaier.yml:{line}: samenstelling.partijen[2].perspectief: 'clienten' staat niet "
            "in de lijst perspectieven (vocabulaires/perspectieven.yml); kies uit: mens-met-zorgvraag, professionals, "
            "organisaties, financiers, onbekend") in result.lines
