"""`kompaswaaier beoordeel`: a werkgroep decision recorded in the entry's file, by flags, questions or issue form.

Every decision kind, the history kept, a file that stays valid (or is not written at all), exit codes,
exact Dutch output, and issue bodies treated as hostile input. All entries are SYNTHETISCH.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import time
from pathlib import Path

import pytest
import yaml

from kompaswaaier.load.document import load_file
from kompaswaaier.werkgroep import decision
from kompaswaaier.werkgroep.decision import ISSUE_DECISIONS, ISSUE_LABELS, ISSUE_REQUIRED, Request, decision_from_issue
from kwtest import EXAMPLES, FIXTURE, REPO, synthetic_entry

TODAY = "2026-11-22"
ISSUE = EXAMPLES / "issues" / "besluit-werkgroep.md"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "besluit-werkgroep.yml"
FOLDER = "1-wensen-en-behoeften"
VERSLAG = "https://example.org/synthetisch/verslag"

#: An entry that meets every criterion but was never judged, with comments that must survive (SYNTHETISCH).
HEAD = synthetic_entry("kandidaat").split("status: opgenomen\n")[0].replace(
    "doel: Testen of een volledig item geldig is.\n",
    "doel: Testen of een volledig item geldig is.\n# Eigen opmerking van de redactie: blijft staan.\n")
INGEDIEND = HEAD + "# De werkgroep beslist in november.\nstatus: ingediend\n"
OPGENOMEN = HEAD + ("status: opgenomen\nbeoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: 2024-09-15\n"
                    "  toelichting: Voldoet aan alle criteria.\n")
MET_OPGAVE = HEAD + ("status: opgenomen-met-ontwikkelopgave\nbeoordeling:\n  werkgroep: Synthetische werkgroep\n"
                     "  datum: 2025-03-01\n  toelichting: Voldoet, met een opgave.\n  bron:\n"
                     "    titel: Synthetisch verslag maart\n    url: https://example.org/synthetisch/maart\n"
                     "ontwikkelopgave: Een versie voor cliënten schrijven.\n"
                     "eerdere_beoordelingen:\n  # de eerste keer\n  - status: opgenomen\n    datum: 2024-09-15\n"
                     "    werkgroep: Synthetische werkgroep\n    toelichting: Voldoet aan alle criteria.\n")


@pytest.fixture
def here(catalog_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in the folder that holds the synthetic catalogue, so paths print as waaiers/..."""
    monkeypatch.chdir(catalog_root.parent)
    return catalog_root


def put(root: Path, text: str, slug: str = "kandidaat") -> Path:
    path = root / FOLDER / f"{slug}.yml"
    path.write_text(text.replace("kandidaat", slug), encoding="utf-8")
    return path


def decide(*extra: str, slug: str = "kandidaat", besluit: str = "opgenomen", datum: str = "2026-11-20") -> list[str]:
    return ["beoordeel", slug, "--vandaag", TODAY, "--besluit", besluit, "--datum", datum, "--verslag", VERSLAG,
            "--toelichting", "Voldoet aan alle vier criteria (synthetisch).", *extra]


def data(path: Path) -> dict:
    doc, problems = load_file(path)
    assert doc is not None and not problems
    return doc.data


def test_accept_an_entry_never_judged(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    result = run_cli(*decide())
    assert result.code == 0, result.out + result.err
    assert result.lines == [
        "Besluit vastgelegd in waaiers/1-wensen-en-behoeften/kandidaat.yml: opgenomen op 20 november 2026 door "
        "Synthetische tekst werkgroep.",
        "Gecontroleerd: geen problemen.",
        "Op de site: in de waaier voor cliënten en naasten en professionals.",
        "Wat nu?",
        "  1. Bekijk de wijziging: git diff waaiers/1-wensen-en-behoeften/kandidaat.yml",
        "  2. Maak een pull request met het besluit en de link naar het verslag. Na het samenvoegen staat het besluit op "
        "de pagina 'Besluiten' van bouwsteen 1 (versie voor organisaties).",
    ]
    # a text edit: everything above the status stays byte for byte, comments included
    assert path.read_text(encoding="utf-8") == HEAD + (
        "# De werkgroep beslist in november.\n"
        "status: opgenomen\n"
        "beoordeling:\n"
        "  werkgroep: Synthetische tekst werkgroep.\n"
        "  datum: 2026-11-20\n"
        "  toelichting: Voldoet aan alle vier criteria (synthetisch).\n"
        "  bron:\n"
        "    titel: Verslag van de werkgroep, 20 november 2026\n"
        "    url: https://example.org/synthetisch/verslag\n")
    check = run_cli("controleer", "--vandaag", TODAY, str(path))
    assert check.code == 0, check.out


def test_development_task_moves_the_previous_judgement_into_the_history(run_cli, here: Path) -> None:
    path = put(here, OPGENOMEN)
    result = run_cli(*decide("--ontwikkelopgave", "Een versie in eenvoudige taal maken.", "--werkgroep", "Werkgroep 1 (synthetisch)",
                             besluit="opgenomen-met-ontwikkelopgave"))
    assert result.code == 0, result.out + result.err
    assert result.lines[:3] == [
        "Besluit vastgelegd in waaiers/1-wensen-en-behoeften/kandidaat.yml: opgenomen met ontwikkelopgave op 20 november 2026 "
        "door Werkgroep 1 (synthetisch).",
        "Het vorige oordeel (opgenomen, 15 september 2024) staat nu in eerdere_beoordelingen.",
        "Gecontroleerd: geen problemen.",
    ]
    assert path.read_text(encoding="utf-8") == HEAD + (
        "status: opgenomen-met-ontwikkelopgave\n"
        "beoordeling:\n"
        "  werkgroep: Werkgroep 1 (synthetisch)\n"
        "  datum: 2026-11-20\n"
        "  toelichting: Voldoet aan alle vier criteria (synthetisch).\n"
        "  bron:\n"
        "    titel: Verslag van de werkgroep, 20 november 2026\n"
        "    url: https://example.org/synthetisch/verslag\n"
        "ontwikkelopgave: Een versie in eenvoudige taal maken.\n"
        "eerdere_beoordelingen:\n"
        "  - status: opgenomen\n"
        "    datum: 2024-09-15\n"
        "    werkgroep: Synthetische werkgroep\n"
        "    toelichting: Voldoet aan alle criteria.\n")


def test_accepting_again_keeps_task_and_record_of_the_previous_judgement(run_cli, here: Path) -> None:
    path = put(here, MET_OPGAVE)
    result = run_cli(*decide(besluit="opgenomen"))
    assert result.code == 0, result.out + result.err
    assert "Het vorige oordeel (opgenomen met ontwikkelopgave, 1 maart 2025) staat nu in eerdere_beoordelingen." in result.lines
    after = data(path)
    assert "ontwikkelopgave" not in after
    assert after["status"] == "opgenomen"
    assert after["eerdere_beoordelingen"] == [
        {"status": "opgenomen", "datum": "2024-09-15", "werkgroep": "Synthetische werkgroep",
         "toelichting": "Voldoet aan alle criteria."},
        {"status": "opgenomen-met-ontwikkelopgave", "datum": "2025-03-01", "werkgroep": "Synthetische werkgroep",
         "toelichting": "Voldoet, met een opgave.",
         "bron": {"titel": "Synthetisch verslag maart", "url": "https://example.org/synthetisch/maart"},
         "ontwikkelopgave": "Een versie voor cliënten schrijven."},
    ]
    # the new item is appended to the list as it stands: its comment stays
    assert "eerdere_beoordelingen:\n  # de eerste keer\n  - status: opgenomen\n" in path.read_text(encoding="utf-8")


def test_reject_with_reasons(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    result = run_cli("beoordeel", "kandidaat", "--vandaag", TODAY, "--besluit", "afgewezen", "--datum", "2026-11-20",
                     "--verslag", VERSLAG, "--toelichting", "Niet kosteloos te gebruiken (synthetisch).")
    assert result.code == 0, result.out + result.err
    assert result.lines[:3] == [
        "Besluit vastgelegd in waaiers/1-wensen-en-behoeften/kandidaat.yml: afgewezen op 20 november 2026 door "
        "Synthetische tekst werkgroep.",
        "Gecontroleerd: geen problemen.",
        "Op de site: niet in de waaier (status is 'afgewezen').",
    ]
    after = data(path)
    assert after["status"] == "afgewezen"
    assert after["beoordeling"]["toelichting"] == "Niet kosteloos te gebruiken (synthetisch)."
    assert "eerdere_beoordelingen" not in after


def test_archive_keeps_the_history_and_the_page(run_cli, here: Path) -> None:
    path = put(here, OPGENOMEN)
    result = run_cli(*decide(besluit="gearchiveerd"))
    assert result.code == 0, result.out + result.err
    assert result.lines[1:4] == [
        "Het vorige oordeel (opgenomen, 15 september 2024) staat nu in eerdere_beoordelingen.",
        "Gecontroleerd: geen problemen.",
        "Op de site: niet meer in de waaier; de pagina blijft bestaan met 'Niet meer in de waaier' "
        "(cliënten en naasten en professionals).",
    ]
    after = data(path)
    assert after["status"] == "gearchiveerd"
    assert [j["status"] for j in after["eerdere_beoordelingen"]] == ["opgenomen"]


def test_archive_an_entry_never_judged_records_its_previous_status(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    result = run_cli(*decide(besluit="gearchiveerd"))
    assert result.code == 0, result.out + result.err
    assert "Het vorige oordeel (ingediend, 1 mei 2024) staat nu in eerdere_beoordelingen." in result.lines
    assert data(path)["eerdere_beoordelingen"] == [{"status": "ingediend", "datum": "2024-05-01"}]


def test_decisions_in_a_row_keep_the_whole_history_oldest_first(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    steps = [("opgenomen", "2025-01-10"), ("opgenomen-met-ontwikkelopgave", "2025-06-01"), ("opgenomen", "2026-02-01"),
             ("gearchiveerd", "2026-11-20")]
    for besluit, datum in steps:
        extra = ("--ontwikkelopgave", "Synthetische opgave.") if besluit == "opgenomen-met-ontwikkelopgave" else ()
        result = run_cli(*decide(*extra, besluit=besluit, datum=datum))
        assert result.code == 0, result.out + result.err
    after = data(path)
    assert [(j["status"], j["datum"]) for j in after["eerdere_beoordelingen"]] == steps[:-1]
    assert (after["status"], after["beoordeling"]["datum"]) == steps[-1]
    assert run_cli("controleer", "--vandaag", TODAY, str(path)).code == 0


def test_a_decision_that_would_make_the_file_invalid_writes_nothing(run_cli, here: Path) -> None:
    text = INGEDIEND.replace("kosteloos: {oordeel: ja, toelichting: Test.", "kosteloos: {oordeel: onbekend, toelichting: Test.")
    path = put(here, text)
    before = path.read_bytes()
    result = run_cli(*decide())
    assert result.code == 1
    assert result.lines == [
        "Niet vastgelegd: met dit besluit zou waaiers/1-wensen-en-behoeften/kandidaat.yml 1 probleem hebben. "
        "Er is niets veranderd.",
        "waaiers/1-wensen-en-behoeften/kandidaat.yml: status: status 'opgenomen' kan alleen als elk criterium 'ja' is; "
        "nog niet: kosteloos te gebruiken (onbekend)",
    ]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["kandidaat.yml", "waaier.yml"]  # no temporary file left


def test_a_file_with_problems_is_not_touched(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND.replace("soort: instrument", "soort: boek"))
    before = path.read_bytes()
    result = run_cli(*decide(besluit="afgewezen"))
    assert result.code == 1
    assert result.lines[0] == ("Niet vastgelegd: waaiers/1-wensen-en-behoeften/kandidaat.yml heeft al problemen. "
                               "Los die eerst op en probeer het dan opnieuw.")
    assert result.lines[1].startswith("waaiers/1-wensen-en-behoeften/kandidaat.yml:5: soort: 'boek' staat niet in de lijst soort")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (("beoordeel", "kandidat", "--besluit", "afgewezen", "--datum", "2026-11-20", "--verslag", VERSLAG, "--toelichting", "x"),
     "kompaswaaier: fout: er is geen item met de naam 'kandidat' in waaiers; bedoelt u kandidaat?\n"),
    (("beoordeel", "kandidaat", "--besluit", "aangenomen"),
     "kompaswaaier: fout: het besluit is niet vastgelegd:\n"
     "  --besluit: 'aangenomen' is geen besluit; kies uit: opgenomen, opgenomen-met-ontwikkelopgave, afgewezen, gearchiveerd\n"
     "  --datum: de datum van het besluit ontbreekt (JJJJ-MM-DD)\n"
     "  --verslag: de link naar het verslag van het besluit ontbreekt (een webadres dat begint met https://)\n"
     "  --toelichting: de toelichting van het besluit ontbreekt\n"),
    (("beoordeel", "../kandidaat", "--besluit", "gearchiveerd", "--datum", "20-11-2026", "--verslag", "www.voorbeeld.nl",
      "--toelichting", "x", "--ontwikkelopgave", "y"),
     "kompaswaaier: fout: het besluit is niet vastgelegd:\n"
     "  SLUG: '../kandidaat' is geen korte naam; alleen kleine letters, cijfers en streepjes\n"
     "  --datum: '20-11-2026' is geen datum (JJJJ-MM-DD)\n"
     "  --verslag: 'www.voorbeeld.nl' is geen webadres; het moet beginnen met https:// (of http://), zonder spaties, "
     "hoogstens 500 tekens\n"
     "  --ontwikkelopgave: hoort alleen bij het besluit opgenomen-met-ontwikkelopgave\n"),
    (("beoordeel", "kandidaat", "--besluit", "opgenomen-met-ontwikkelopgave", "--datum", "2026-12-01", "--verslag", VERSLAG,
      "--toelichting", "x"),
     "kompaswaaier: fout: het besluit is niet vastgelegd:\n  --ontwikkelopgave: zeg wat er nog moet verbeteren\n"),
    (("beoordeel", "kandidaat", "--besluit", "afgewezen", "--datum", "2026-12-01", "--verslag", VERSLAG, "--toelichting", "x"),
     "kompaswaaier: fout: het besluit is niet vastgelegd:\n  --datum: 2026-12-01 ligt in de toekomst (vandaag is 2026-11-22)\n"),
    (("beoordeel", "kandidaat", "--besluit", "afgewezen", "--datum", "2024-01-01", "--verslag", VERSLAG, "--toelichting", "x"),
     "kompaswaaier: fout: het besluit is niet vastgelegd:\n"
     "  --datum: 2024-01-01 ligt vóór het vorige oordeel (2024-09-15); een besluit komt na het vorige. Is dit een ouder "
     "besluit, zet het dan met de hand in eerdere_beoordelingen\n"
     "  --datum: 2024-01-01 ligt vóór de datum van aandragen (2024-05-01)\n"),
    (("beoordeel", "kandidaat", "--besluit", "afgewezen", "--waaiers", "bestaat/niet"),
     "kompaswaaier: fout: geen map met gegevens gevonden: bestaat/niet (verwacht: vocabulaires/ en de bouwsteenmappen)\n"),
    (("beoordeel", "--uit-issue", "bestaat/niet.md"), None),
])
def test_wrong_use_exits_2_and_writes_nothing(run_cli, here: Path, args: tuple[str, ...], message: str | None) -> None:
    path = put(here, OPGENOMEN)
    before = path.read_bytes()
    result = run_cli(*args, "--vandaag", TODAY)
    assert result.code == 2
    if message:
        assert result.err == message
    else:
        assert result.err.startswith("kompaswaaier: fout: kan bestaat/niet.md niet lezen (")
    assert path.read_bytes() == before


def test_questions_on_stdin(run_cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(here, OPGENOMEN)
    answers = ["kandidat", "kandidaat", "5", "2", "2027-01-01", "2026-11-20", "", "geen adres", VERSLAG,
               "Opgenomen, met een opgave (synthetisch).", "Een versie in eenvoudige taal."]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    result = run_cli("beoordeel", "--vandaag", TODAY)
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[:16] == [
        "Besluit van de werkgroep. Beantwoord de vragen; Enter kiest wat tussen [ ] staat.",
        "",
        "Korte naam van het item (de bestandsnaam zonder .yml): kandidat",
        "  Geen item met die naam; bedoelt u kandidaat?",
        "Korte naam van het item (de bestandsnaam zonder .yml): kandidaat",
        "Item: Synthetisch kandidaat (nu: opgenomen).",
        "Besluiten:",
        "  1. opgenomen (opgenomen)",
        "  2. opgenomen met ontwikkelopgave (opgenomen-met-ontwikkelopgave)",
        "  3. afgewezen (afgewezen)",
        "  4. gearchiveerd (uit de waaier gehaald) (gearchiveerd)",
        "Wat besloot de werkgroep? (nummer of code): 5",
        "  Kies een nummer of code uit de lijst.",
        "Wat besloot de werkgroep? (nummer of code): 2",
        "Datum van het besluit (JJJJ-MM-DD) [2026-11-22]: 2027-01-01",
        "  Die datum ligt in de toekomst.",
    ]
    assert "Welke werkgroep besloot? [Synthetische tekst werkgroep.]: " in result.out
    assert "  Een webadres begint met https://." in result.lines
    after = data(path)
    assert after["status"] == "opgenomen-met-ontwikkelopgave"
    assert after["beoordeling"]["werkgroep"] == "Synthetische tekst werkgroep."
    assert after["ontwikkelopgave"] == "Een versie in eenvoudige taal."


def test_questions_that_stop_write_nothing(run_cli, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = put(here, OPGENOMEN)
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("kandidaat\n3\n"))
    result = run_cli("beoordeel", "--vandaag", TODAY)
    assert result.code == 2
    assert result.err == "kompaswaaier: fout: de invoer stopte voordat alle vragen beantwoord waren; er is niets geschreven\n"
    assert path.read_bytes() == before


def test_trial_shows_the_change_and_writes_nothing(run_cli, here: Path) -> None:
    path = put(here, OPGENOMEN)
    before = path.read_bytes()
    result = run_cli(*decide("--proef", besluit="afgewezen"))
    assert result.code == 0, result.out + result.err
    assert result.lines == [
        "--- a/waaiers/1-wensen-en-behoeften/kandidaat.yml",
        "+++ b/waaiers/1-wensen-en-behoeften/kandidaat.yml",
        "@@ -39,8 +39,16 @@",
        "   door: Synthetische Cliëntenraad",
        "   perspectief: mens-met-zorgvraag",
        "   datum: 2024-05-01",
        "-status: opgenomen",
        "+status: afgewezen",
        " beoordeling:",
        "-  werkgroep: Synthetische werkgroep",
        "-  datum: 2024-09-15",
        "-  toelichting: Voldoet aan alle criteria.",
        "+  werkgroep: Synthetische tekst werkgroep.",
        "+  datum: 2026-11-20",
        "+  toelichting: Voldoet aan alle vier criteria (synthetisch).",
        "+  bron:",
        "+    titel: Verslag van de werkgroep, 20 november 2026",
        "+    url: https://example.org/synthetisch/verslag",
        "+eerdere_beoordelingen:",
        "+  - status: opgenomen",
        "+    datum: 2024-09-15",
        "+    werkgroep: Synthetische werkgroep",
        "+    toelichting: Voldoet aan alle criteria.",
        "Proef: het besluit (afgewezen, 20 november 2026) zou waaiers/1-wensen-en-behoeften/kandidaat.yml geldig laten. "
        "Er is niets geschreven.",
    ]
    assert path.read_bytes() == before


# --- the issue form ------------------------------------------------------------------------------


def test_from_the_issue_form(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    result = run_cli("beoordeel", "--uit-issue", str(ISSUE), "--vandaag", TODAY)
    assert result.code == 0, result.out + result.err
    assert result.lines[0] == ("Besluit vastgelegd in waaiers/1-wensen-en-behoeften/kandidaat.yml: opgenomen met "
                               "ontwikkelopgave op 20 november 2026 door Synthetische tekst werkgroep.")
    after = data(path)
    assert after["beoordeling"] == {
        "werkgroep": "Synthetische tekst werkgroep.", "datum": "2026-11-20",
        "toelichting": "SYNTHETISCH testbesluit. Voldoet aan alle vier criteria.\n\n"
                       "De werkgroep besprak het in het overleg van november.",
        "bron": {"titel": "Verslag van de werkgroep, 20 november 2026",
                 "url": "https://example.org/synthetisch/verslag-werkgroep-2026-11-20"}}
    assert after["ontwikkelopgave"] == "Een versie in eenvoudige taal maken (synthetisch)."


def test_the_issue_and_its_argv_give_the_same_file(run_cli, here: Path, tmp_path: Path) -> None:
    request, problems = decision_from_issue(ISSUE.read_text(encoding="utf-8"))
    assert problems == [] and request is not None
    assert request.argv() == [
        "beoordeel", "kandidaat", "--besluit=opgenomen-met-ontwikkelopgave", "--datum=2026-11-20",
        "--verslag=https://example.org/synthetisch/verslag-werkgroep-2026-11-20",
        "--toelichting=SYNTHETISCH testbesluit. Voldoet aan alle vier criteria.\n\n"
        "De werkgroep besprak het in het overleg van november.",
        "--ontwikkelopgave=Een versie in eenvoudige taal maken (synthetisch)."]
    path = put(here, INGEDIEND)
    assert run_cli("beoordeel", "--uit-issue", str(ISSUE), "--vandaag", TODAY).code == 0
    by_issue = path.read_bytes()
    put(here, INGEDIEND)
    assert run_cli(*request.argv(), "--vandaag", TODAY).code == 0
    assert path.read_bytes() == by_issue


def test_flags_override_the_issue(run_cli, here: Path) -> None:
    path = put(here, INGEDIEND)
    result = run_cli("beoordeel", "--uit-issue", str(ISSUE), "--vandaag", TODAY, "--besluit", "afgewezen",
                     "--ontwikkelopgave", "", "--werkgroep", "Andere werkgroep (synthetisch)")
    assert result.code == 0, result.out + result.err
    after = data(path)
    assert (after["status"], after["beoordeling"]["werkgroep"]) == ("afgewezen", "Andere werkgroep (synthetisch)")


def test_form_and_parser_agree() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = {f["attributes"]["label"]: f for f in form["body"] if f["type"] != "markdown"}
    assert list(fields) == list(ISSUE_LABELS.values())
    required = {label for label, f in fields.items() if f.get("validations", {}).get("required")}
    assert required == {ISSUE_LABELS[k] for k in ISSUE_REQUIRED}
    assert fields[ISSUE_LABELS["besluit"]]["attributes"]["options"] == list(ISSUE_DECISIONS)
    assert form["labels"] == ["besluit"]


def body(**answers: str) -> str:
    """An issue body as GitHub renders the form: '### label', a blank line, the answer."""
    given = {"slug": "kandidaat", "besluit": "Afgewezen", "datum": "2026-11-20", "werkgroep": "_No response_",
             "verslag": VERSLAG, "toelichting": "Synthetische reden.", "ontwikkelopgave": "_No response_", **answers}
    return "\n\n".join(f"### {ISSUE_LABELS[k]}\n\n{v}" for k, v in given.items()) + "\n"


@pytest.mark.parametrize(("answers", "problems"), [
    ({"slug": "kandidaat; rm -rf /"},
     ["Korte naam van het item: 'kandidaat; rm -rf /' is geen korte naam; alleen kleine letters, cijfers en streepjes"]),
    ({"slug": "$(touch /tmp/kompaswaaier-pwned)"},
     ["Korte naam van het item: '$(touch /tmp/kompaswaaier-pwned)' is geen korte naam; alleen kleine letters, cijfers en "
      "streepjes"]),
    ({"slug": "../../../etc/passwd"},
     ["Korte naam van het item: '../../../etc/passwd' is geen korte naam; alleen kleine letters, cijfers en streepjes"]),
    ({"verslag": "javascript:alert(1)"},
     ["Link naar het verslag: 'javascript:alert(1)' is geen webadres; het moet beginnen met https:// (of http://), zonder "
      "spaties, hoogstens 500 tekens"]),
    ({"verslag": "https://example.org/a b"},
     ["Link naar het verslag: 'https://example.org/a b' is geen webadres; het moet beginnen met https:// (of http://), "
      "zonder spaties, hoogstens 500 tekens"]),
    ({"besluit": "Opgenomen`; echo hoi`"},
     ["Besluit: 'Opgenomen`; echo hoi`' is geen keuze van het formulier; kies uit: Opgenomen, Opgenomen met "
      "ontwikkelopgave, Afgewezen, Gearchiveerd (uit de waaier gehaald)"]),
    ({"datum": "2026-11-20T00:00:00"}, ["Datum van het besluit: '2026-11-20T00:00:00' is geen datum (JJJJ-MM-DD)"]),
    ({"toelichting": "x" * 5001}, ["Toelichting of redenen: hoogstens 5000 tekens (nu 5001)"]),
    ({"werkgroep": "w" * 201}, ["Werkgroep: hoogstens 200 tekens"]),
    ({"toelichting": "Reden.\n\n### Besluit\n\nOpgenomen"},
     ["deze kopjes staan meer dan één keer in het issue: '### Besluit'. Haal de herhaling weg (ook uit de toelichting) "
      "en probeer het opnieuw"]),
    ({"ontwikkelopgave": "Iets verbeteren."},
     ["Ontwikkelopgave: hoort alleen bij het besluit opgenomen-met-ontwikkelopgave"]),
])
def test_hostile_or_wrong_issue_bodies_are_refused(answers: dict[str, str], problems: list[str]) -> None:
    assert decision_from_issue(body(**answers)) == (None, problems)


def test_an_issue_that_is_not_the_form_is_refused() -> None:
    assert decision_from_issue("Hallo, neem dit op!\n### Besluit\n\nOpgenomen\n") == (None, [
        "dit lijkt geen besluit met het formulier 'Besluit van de werkgroep'; deze kopjes ontbreken: "
        "'### Korte naam van het item'; '### Datum van het besluit'; '### Link naar het verslag'; '### Toelichting of redenen'"])


def test_huge_bodies_are_refused_or_read_in_linear_time() -> None:
    started = time.perf_counter()
    request, problems = decision_from_issue("### Besluit" + " " * 70_000 + "x\n")
    assert request is None and problems == [
        "het issue is te lang (70013 tekens; GitHub bewaart er hoogstens 65536); dit komt niet van het formulier "
        "'Besluit van de werkgroep'"]
    # just below GitHub's limit: a heading line padded with spaces (quadratic for a naive pattern) and many lines
    padded = body(toelichting="Reden.") + "### Werkgroep" + " " * 60_000 + "x\n"
    lines = body(toelichting="regel\n" * 9_000)
    for text in (padded, lines):
        assert len(text) < decision.MAX_BODY
        decision_from_issue(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("text", [
    "Reden: zie verslag.\nstatus: opgenomen",
    "Eerste alinea.\n\nstatus: opgenomen\nbeoordeling: {werkgroep: x}",
    "- een\n- lijst: [met, haakjes]\n\n&anker *verwijzing !!python/object:os.system 'echo hoi'",
    "'; DROP TABLE items; -- $(reboot) `id` | tee /etc/passwd & echo > /dev/null",
    "# geen commentaar\n\n---\n\n...\n\n%YAML 1.1",
    "Tekst met \"aanhalingstekens\", 'enkele', een \\ backslash en een tab\t en \u2028 regelscheiding.",
])
def test_hostile_text_stays_text_in_a_valid_file(run_cli, here: Path, text: str) -> None:
    """YAML injection, shell metacharacters: the explanation is written as text, nothing else changes, nothing runs."""
    path = put(here, INGEDIEND)
    request, problems = decision_from_issue(body(toelichting=text))
    assert problems == [] and request is not None
    result = run_cli(*request.argv(), "--vandaag", TODAY)
    assert result.code == 0, result.out + result.err
    after = data(path)
    assert after["status"] == "afgewezen"
    assert set(after["beoordeling"]) == {"werkgroep", "datum", "toelichting", "bron"}
    assert after["beoordeling"]["toelichting"] == request.toelichting
    assert path.read_text(encoding="utf-8").startswith(HEAD)
    assert run_cli("controleer", "--vandaag", TODAY, str(path)).code == 0
    assert not Path("/tmp/kompaswaaier-pwned").exists()


def test_every_entry_of_the_fixture_catalogue_can_take_a_decision(tmp_path: Path) -> None:
    """The text edit copes with every file layout in the frozen catalogue, and leaves all other fields alone."""
    root = tmp_path / "waaiers"
    shutil.copytree(FIXTURE, root)
    today = dt.date.fromisoformat(TODAY)
    for path in sorted(root.glob("[1-5]-*/*.yml")):
        if path.name == "waaier.yml":
            continue
        request = Request(slug=path.stem, besluit="afgewezen", datum=TODAY, verslag=VERSLAG, toelichting="Synthetisch.")
        outcome = decision.record(request, root, today, write=False)
        assert outcome.problems == [], path.name
        before_doc, _ = load_file(path)
        assert before_doc is not None
        kept = {k: v for k, v in before_doc.data.items() if k not in ("status", "beoordeling", "ontwikkelopgave",
                                                                      "eerdere_beoordelingen")}
        assert outcome.entry is not None
        assert {k: v for k, v in outcome.entry.data.items() if k in kept} == kept, path.name
        edited = set(outcome.before.splitlines()) - set(outcome.after.splitlines())
        assert all(not line.startswith(tuple(kept)) for line in edited), path.name


def test_the_workflow_makes_the_same_file_as_the_command(run_cli, here: Path) -> None:
    """`kompaswaaier verwerk-issue --formulier besluit` (decision.intake) and `beoordeel --uit-issue` agree."""
    from kompaswaaier.werkgroep.intake import Issue

    path = put(here, INGEDIEND)
    made = decision.intake(Issue(31, ISSUE.read_text(encoding="utf-8"), dt.date(2026, 11, 21), "MEMBER"), here,
                           dt.date.fromisoformat(TODAY))
    assert path.read_text(encoding="utf-8") == INGEDIEND  # the workflow decides; it writes nothing itself
    assert made.pr_title == "Besluit: Synthetisch kandidaat: opgenomen met ontwikkelopgave"
    assert made.reply.splitlines()[0] == "Dank je wel. Het besluit over `Synthetisch kandidaat` is klaar om te worden nagekeken."
    assert run_cli("beoordeel", "--uit-issue", str(ISSUE), "--vandaag", TODAY).code == 0
    assert made.files == {"waaiers/1-wensen-en-behoeften/kandidaat.yml": path.read_text(encoding="utf-8")}
    refused = decision.intake(Issue(32, body(slug="kandidaat`; @iedereen"), dt.date(2026, 11, 21), "MEMBER"), here,
                              dt.date.fromisoformat(TODAY))
    assert refused.files == {}
    assert refused.reply.splitlines() == [
        "Dank je wel. Ik kon het besluit helaas niet goed lezen:", "",
        "```text",
        "Korte naam van het item: 'kandidaat`; @iedereen' is geen korte naam; alleen kleine letters, cijfers en streepjes",
        "```", "",
        "Ik heb daarom geen bestand gemaakt of bijgewerkt.",
        "Wil je iets veranderen? Pas dit issue aan: klik op de drie puntjes rechtsboven je bericht en dan op **Edit**. "
        "Het voorstel en dit bericht worden dan vanzelf bijgewerkt.",
    ]
