"""`kompaswaaier controleer`: exit codes and the exact Dutch messages, driven by example folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kwtest import BOUWSTEEN_FOLDERS, EXAMPLES, REPO, TODAY, synthetic_entry

NEGATIVE = EXAMPLES / "negatief"

# One example per rule; every line the CLI must print for it ({pad} is the file).
EXPECTED = {
    'backslash.yml': [
        '{pad}:3: ongeldige YAML: onbekende code na een backslash (\\) in tekst tussen dubbele aanhalingstekens; schrijf \\\\ of gebruik enkele aanhalingstekens',
    ],
    'diep-genest-gemengd.yml': [
        '{pad}:3: doel.a[1].a[1].a[1].a[1].a[1].a[1].a[1].a[1].a[1].a: te diep genest (meer dan 20 niveaus van lijsten en velden in elkaar)',
    ],
    'diep-genest-lijst.yml': [
        '{pad}:3: doel[1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1]: te diep genest (meer dan 20 niveaus van lijsten en velden in elkaar)',
    ],
    'diep-genest-velden.yml': [
        '{pad}:23: doel.niveau2.niveau3.niveau4.niveau5.niveau6.niveau7.niveau8.niveau9.niveau10.niveau11.niveau12.niveau13.niveau14.niveau15.niveau16.niveau17.niveau18.niveau19.niveau20: te diep genest (meer dan 20 niveaus van lijsten en velden in elkaar)',
    ],
    'getal-oneindig.yml': [
        "{pad}:3: bouwstenen[1]: '1.0e+999999' is geen bruikbaar getal (oneindig of onbepaald); schrijf een gewoon getal, of zet tekst tussen aanhalingstekens",
    ],
    'getal-te-lang.yml': [
        '{pad}:4: bouwstenen[1]: getal is te lang (meer dan 30 tekens); schrijf een gewoon getal, of zet tekst tussen aanhalingstekens',
    ],
    'stuurteken.yml': [
        '{pad}:3: bestand bevat een teken dat niet in tekst hoort (U+0007); haal het weg',
    ],
    'utf16.yml': [
        '{pad}: bestand is opgeslagen als UTF-16; sla het op als UTF-8',
    ],
    'veldnaam-te-lang.yml': [
        '{pad}:3: veldnaam is te lang (120 tekens; hoogstens 100)',
    ],
    'afgewezen-zonder-beoordeling.yml': [
        "{pad}:41: status: status 'afgewezen' vraagt om een beoordeling met de reden; vul het veld beoordeling in",
    ],
    'alias-bom.yml': [
        '{pad}:3: b[1]: verwijzingen (*alias) zijn niet toegestaan; schrijf de waarde uit',
    ],
    'beoordeling-voor-aangedragen.yml': [
        '{pad}:44: beoordeling.datum: beoordeling (2024-04-01) ligt vóór de datum van aandragen (2024-05-01)',
    ],
    'beoordeling-voor-eerdere.yml': [
        '{pad}:44: beoordeling.datum: beoordeling (2024-06-01) ligt vóór een eerdere beoordeling (2024-08-01); het nieuwste oordeel hoort in beoordeling, oudere in eerdere_beoordelingen',
    ],
    'datum-in-toekomst.yml': [
        '{pad}:44: beoordeling.datum: datum 2031-01-01 ligt in de toekomst (vandaag is 2026-11-22)',
    ],
    'datum-onbekend-zonder-bron.yml': [
        '{pad}:44: beoordeling.datum: datum is onbekend; noem dan in beoordeling.bron waar het oordeel staat',
    ],
    'dubbele-sleutel.yml': [
        '{pad}:11: doel: veld staat twee keer in het bestand (ook op regel 10); de tweede waarde zou de eerste wissen',
    ],
    'eerdere-beoordelingen-volgorde.yml': [
        '{pad}:50: eerdere_beoordelingen[2].datum: datum 2024-06-01 ligt vóór het oordeel erboven (2024-09-01); zet eerdere beoordelingen op volgorde, oudste eerst',
    ],
    'gearchiveerd-zonder-beoordeling.yml': [
        "{pad}:41: status: status 'gearchiveerd' vraagt om een beoordeling met de reden; vul het veld beoordeling in",
    ],
    'gearchiveerd-zonder-geschiedenis.yml': [
        "{pad}:41: status: status 'gearchiveerd' bewaart de geschiedenis: zet het oordeel van vóór het archiveren in eerdere_beoordelingen",
    ],
    'ja-nee-als-boolean.yml': [
        "{pad}:34: criteria.kosteloos.oordeel: de tekst 'no' is geen toegestane waarde; kies uit: ja, nee, onbekend (let op: schrijf ja, nee of onbekend voluit)",
    ],
    'leeg.yml': [
        '{pad}: bestand is leeg',
    ],
    'lijst-bovenaan.yml': [
        '{pad}:3: het bestand moet uit velden bestaan (veld: waarde), niet uit een lijst of losse tekst',
    ],
    'meerdere-documenten.yml': [
        '{pad}:5: bestand bevat meer dan één YAML-document (---); zet elk item in een eigen bestand',
    ],
    'onbekend-veld.yml': [
        '{pad}:3: samenvatting: verplicht veld ontbreekt',
        "{pad}:7: samenvating: onbekend veld; bedoel je 'samenvatting'?",
    ],
    'onbekende-vocabulaire.yml': [
        "{pad}:17: setting[2]: 'ziekenhuis' staat niet in de lijst setting (vocabulaires/setting.yml); kies uit: thuis, wijk, verpleeghuis, kleinschalig-wonen, dagbesteding, organisatie",
    ],
    'ongeldige-datum.yml': [
        "{pad}:40: aangedragen.datum: verwacht een datum (JJJJ-MM-DD) of 'onbekend', maar vond de tekst '2024-02-30'",
    ],
    'ongeldige-yaml.yml': [
        '{pad}:4: ongeldige YAML: aanhalingsteken niet gesloten',
    ],
    'ontbrekend-veld.yml': [
        '{pad}:3: doel: verplicht veld ontbreekt',
    ],
    'ontwikkelopgave-ontbreekt.yml': [
        "{pad}:41: status: status 'opgenomen met ontwikkelopgave' vraagt om het veld ontwikkelopgave: wat moet er nog verbeteren?",
    ],
    'ontwikkelopgave-bij-andere-status.yml': [
        "{pad}:46: ontwikkelopgave: een ontwikkelopgave hoort alleen bij status 'opgenomen-met-ontwikkelopgave'",
    ],
    'onveilige-link.yml': [
        "{pad}:25: links[1].url: verwacht een webadres dat begint met http:// of https://, maar vond de tekst 'javascript:alert(1)'",
    ],
    'opgenomen-criterium-onbekend.yml': [
        "{pad}:41: status: status 'opgenomen' kan alleen als elk criterium 'ja' is; nog niet: kosteloos te gebruiken (onbekend)",
    ],
    'opgenomen-zonder-beoordeling.yml': [
        "{pad}:41: status: status 'opgenomen' vraagt om een beoordeling (werkgroep, datum, toelichting); vul het veld beoordeling in",
    ],
    'python-tag.yml': [
        "{pad}:10: doel: label '!!python/object/apply:os.system' is niet toegestaan; alleen gewone tekst, getallen, lijsten en velden",
    ],
    'samenvoegen.yml': [
        '{pad}:33: criteria: samenvoegen met << is niet toegestaan; schrijf de velden uit',
    ],
    'slug-bestandsnaam.yml': [
        "{pad}:3: slug: slug 'slug-other' moet gelijk zijn aan de bestandsnaam 'slug-bestandsnaam'",
    ],
    'tabs.yml': [
        '{pad}:5: tab gebruikt om in te springen; gebruik spaties',
    ],
    'verkeerd-type.yml': [
        '{pad}:4: titel: verwacht tekst, maar vond een lijst',
    ],
    'verkeerde-extensie.yaml': [
        '{pad}: gebruik de extensie .yml (niet .yaml)',
    ],
    'criterium-zonder-bron.yml': [
        "{pad}:34: criteria.kosteloos.bronnen: een oordeel 'ja' vraagt om minstens één bron die het feit laat zien (titel en url, of publicatie en vindplaats); weet je het niet, schrijf dan 'onbekend'",
    ],
    'productbrief-als-bron.yml': [
        '{pad}:29: bronnen[1]: de productbrief, de issues en deze repository zijn geen bron; noem een openbaar document (titel en url) of een Kompas-publicatie',
    ],
    'onbekende-publicatie.yml': [
        "{pad}:42: aanbevolen_in[1].publicatie: 'kwaliteitskader-verpleeghuiszorg' staat niet in de lijst publicaties (vocabulaires/publicaties.yml); kies uit: generiek-kompas, gids-professional, handreiking-inzicht-in-kwaliteit, implementatieplan, rode-draden",
    ],
    'bron-zonder-vindplaats.yml': [
        '{pad}:29: bronnen[1]: verwacht een openbaar document (titel en url) of een Kompas-publicatie (publicatie en vindplaats), maar vond velden (veld: waarde)',
    ],
    'gebruikers-betrokken-als-criterium.yml': [
        '{pad}:36: criteria.gebruikers_betrokken: onbekend veld; toegestaan zijn: bestaand_product, in_lijn_met_kompas, kosteloos, mens_centraal',
    ],
    'waar-onwaar.yml': [
        '{pad}:33: criteria.bestaand_product.oordeel: true (een YAML-waar/onwaar) is geen toegestane waarde; kies uit: ja, nee, onbekend (let op: schrijf ja, nee of onbekend voluit)',
    ],
}


def test_every_negative_example_has_expectations() -> None:
    assert sorted(p.name for p in NEGATIVE.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_negative_example(run_cli, name: str) -> None:
    path = NEGATIVE / name
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(path))
    shown = path.relative_to(REPO).as_posix()
    assert result.code == 1
    assert result.lines == [line.format(pad=shown) for line in EXPECTED[name]]


def test_positive_examples_are_valid(run_cli) -> None:
    result = run_cli("controleer", "--vandaag", TODAY, str(EXAMPLES / "positief"))
    assert result.code == 0, result.out
    assert result.lines[0] == "2 items gelezen: 2 geldig, 0 ongeldig."
    assert result.lines[1:8] == [
        "Gepubliceerd: 1 item (cliënten en naasten 1, professionals 1, organisaties 0).",
        "  Opgenomen door de werkgroep: 1 item (cliënten en naasten 1, professionals 1, organisaties 0)",
        "  Opgenomen door de werkgroep, met ontwikkelopgave: 0 items (cliënten en naasten 0, professionals 0, organisaties 0)",
        "  Aanbevolen door de Kompaspartijen: 0 items (cliënten en naasten 0, professionals 0, organisaties 0)",
        "  Aangedragen, nog niet beoordeeld: 0 items (cliënten en naasten 0, professionals 0, organisaties 0)",
        "Tegengehouden: 1 item:",
        "  tests/voorbeelden/positief/synthetisch-ingediend.yml: criterium 'kosteloos te gebruiken' is 'onbekend'; "
        "criterium 'in lijn met het Kompas' is 'nee'; de kosten zijn onbekend; er is geen vindplaats (links is leeg)",
    ]


def test_all_negative_examples_at_once_report_every_problem(run_cli) -> None:
    result = run_cli("controleer", "--vandaag", TODAY, str(NEGATIVE))
    assert result.code == 1
    expected_count = sum(len(v) for v in EXPECTED.values())
    assert sum(1 for line in result.lines if line.startswith("tests/voorbeelden/negatief/")) == expected_count
    assert result.lines[-1] == f"{expected_count} problemen in {len(EXPECTED)} bestanden."


def test_python_tag_is_never_executed(run_cli, tmp_path: Path) -> None:
    marker = tmp_path / "gehackt"
    bad = tmp_path / "aanval.yml"
    bad.write_text(f'slug: aanval\ndoel: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = run_cli("controleer", "--stil", str(bad))
    assert result.code == 1
    assert not marker.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"slug: x\ntitel: caf\xe9\n", ":2: bestand is geen geldige UTF-8-tekst (ongeldige byte 0xe9); sla het op als UTF-8"),
        (b"slug: x\n\x00\x01\x02binair", ":2: bestand is geen tekst (het bevat binaire gegevens)"),
        (b"slug: x\ndoel: " + b"a" * 1_100_000 + b"\n", ": bestand is te groot (1100 kB); een item mag hoogstens 1 MB zijn"),
    ],
    ids=["niet-utf8", "binair", "te-groot"],
)
def test_bad_bytes(run_cli, tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "slecht.yml"
    bad.write_bytes(content)
    result = run_cli("controleer", "--stil", str(bad))
    assert result.code == 1
    assert result.lines == [str(bad) + message]


def test_unquoted_date_is_accepted_and_yes_stays_text(run_cli, tmp_path: Path, catalog_root: Path) -> None:
    entry = synthetic_entry("datum", **{"tijdsduur: ongeveer een uur": "tijdsduur: yes"})
    path = catalog_root / BOUWSTEEN_FOLDERS[1] / "datum.yml"
    path.write_text(entry, encoding="utf-8")
    assert "datum: 2024-05-01" in entry  # unquoted: YAML would make this a date object
    result = run_cli("controleer", "--vandaag", TODAY, str(path))
    assert result.code == 0, result.out


def test_cross_file_rules(run_cli, catalog_root: Path) -> None:
    folder1 = catalog_root / BOUWSTEEN_FOLDERS[1]
    (folder1 / "eerste.yml").write_text(synthetic_entry("eerste"), encoding="utf-8")
    (folder1 / "tweede.yml").write_text(
        synthetic_entry("tweede", **{"Synthetisch tweede": "Synthetisch eerste", "example.org/tweede": "example.org/eerste/"}),
        encoding="utf-8",
    )
    (catalog_root / BOUWSTEEN_FOLDERS[2] / "verkeerde-map.yml").write_text(synthetic_entry("verkeerde-map"), encoding="utf-8")
    (catalog_root / "los.yml").write_text("slug: los\n", encoding="utf-8")
    (catalog_root / BOUWSTEEN_FOLDERS[3] / "waaier.yml").write_text(
        (catalog_root / BOUWSTEEN_FOLDERS[4] / "waaier.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(catalog_root))
    root = str(catalog_root)
    assert result.code == 1
    assert result.lines == [
        f"{root}/1-wensen-en-behoeften/tweede.yml:4: titel: staat ook in {root}/1-wensen-en-behoeften/eerste.yml; elk item mag maar één keer in de waaier staan",
        f"{root}/1-wensen-en-behoeften/tweede.yml:25: links[1].url: staat ook in {root}/1-wensen-en-behoeften/eerste.yml; elk item mag maar één keer in de waaier staan",
        f"{root}/2-netwerken/verkeerde-map.yml:6: bouwstenen: het bestand staat in de map van bouwsteen 2, maar de eerste bouwsteen is 1; "
        "verplaats het naar de map 1-wensen-en-behoeften/ of zet 2 voorop",
        f"{root}/3-werk-organiseren/waaier.yml:2: bouwsteen: bouwsteen 4 past niet bij de map '3-werk-organiseren' (bouwsteen 3)",
        f"{root}/los.yml: bestand staat in de verkeerde map: items horen in een bouwsteenmap (1-… tot en met 5-…), vaste lijsten in vocabulaires/",
    ]


def test_vocabulary_problems(run_cli, catalog_root: Path) -> None:
    vocab = catalog_root / "vocabulaires" / "vorm.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("naam: vorm", "naam: vormen")
                     + "  - code: video\n    label: Nog eens video\n", encoding="utf-8")
    result = run_cli("controleer", "--stil", str(catalog_root))
    assert result.code == 1
    assert result.lines[0] == f"{vocab}:2: naam: naam 'vormen' moet gelijk zijn aan de bestandsnaam 'vorm'"
    assert result.lines[1].startswith(f"{vocab}:") and result.lines[1].endswith("code 'video' staat twee keer in de lijst")


def test_usage_errors_exit_2(run_cli) -> None:
    missing = run_cli("controleer", "bestaat/niet.yml")
    assert (missing.code, missing.err) == (2, "kompaswaaier: fout: pad bestaat niet: bestaat/niet.yml\n")
    bad_flag = run_cli("controleer", "--onzin")
    assert bad_flag.code == 2
    assert "kompaswaaier: fout: onbekende argumenten: --onzin" in bad_flag.err
    bad_date = run_cli("controleer", "--vandaag", "morgen")
    assert (bad_date.code, bad_date.err) == (2, "kompaswaaier: fout: --vandaag: 'morgen' is geen datum (JJJJ-MM-DD)\n")


def test_shipped_catalogue_is_valid(run_cli) -> None:
    result = run_cli("controleer")
    assert result.code == 0, result.out
    read = result.lines[0]
    assert read.endswith("geldig, 0 ongeldig.")
    assert int(read.split()[0]) >= 20
    assert result.lines[1].startswith("Gepubliceerd: ")
    assert [line.split(":")[0] for line in result.lines[2:6]] == [
        "  Opgenomen door de werkgroep", "  Opgenomen door de werkgroep, met ontwikkelopgave",
        "  Aanbevolen door de Kompaspartijen", "  Aangedragen, nog niet beoordeeld"]
    assert result.lines[6].startswith("Tegengehouden: ")


def test_real_command_never_prints_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yml"
    bad.write_bytes(b"\xff\xfe: [\n\t- {")
    proc = subprocess.run([sys.executable, "-m", "kompaswaaier", "controleer", str(bad)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{bad}:1: ")


RECORD = "https://github.com/synthetisch/kompaswaaier/pull/12"


def test_a_pull_request_may_record_a_decision_but_never_prove_a_criterion(run_cli, catalog_root: Path) -> None:
    """SYNTHETISCH: the werkgroep's decision may point at the pull request where it was taken (its record);
    the same link as evidence for a criterion is refused, like every link into this repository."""
    record = synthetic_entry("besluit-in-pr", **{
        "  toelichting: Voldoet aan alle criteria.\n":
        f"  toelichting: Voldoet aan alle criteria.\n  bron: {{titel: Besluit in pull request 12, url: '{RECORD}'}}\n"})
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "besluit-in-pr.yml").write_text(record, encoding="utf-8")
    assert run_cli("controleer", "--vandaag", TODAY, str(catalog_root)).code == 0
    evidence = record.replace(f"url: '{RECORD}'", "url: 'https://example.org/synthetisch'").replace(
        "bronnen:\n", f"bronnen:\n  - titel: Besluit in pull request 12\n    url: '{RECORD}'\n", 1)
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "besluit-in-pr.yml").write_text(evidence, encoding="utf-8")
    result = run_cli("controleer", "--vandaag", TODAY, str(catalog_root))
    assert result.code == 1
    assert any(line.endswith("bronnen[1]: de productbrief, de issues en deze repository zijn geen bron; "
                             "noem een openbaar document (titel en url) of een Kompas-publicatie")
               for line in result.lines), result.out
