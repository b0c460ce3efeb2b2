"""`kompaswaaier verschil`: what a change does to the published waaier, between two commits of a real git repository.

The repository is made in tmp_path from entries of the frozen fixture catalogue (SYNTHETISCH): a first commit,
then a second one that records a decision, changes a criterion, withholds an entry, removes one and adds two.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kwtest import FIXTURE, REPO

TODAY = "2026-11-22"
FOLDERS = ["1-wensen-en-behoeften", "2-netwerken", "3-werk-organiseren", "4-leren-en-ontwikkelen", "5-inzicht-in-kwaliteit"]
FIRST = ["2-netwerken/ediz.yml", "2-netwerken/mantelscan.yml", "2-netwerken/mantelzorgondersteuning-in-de-buurt.yml",
         "2-netwerken/csi-caregiver-strain-index.yml"]
DECISION = """\
status: opgenomen
beoordeling:
  werkgroep: Synthetische werkgroep
  datum: 2026-11-20
  toelichting: SYNTHETISCH besluit.
"""


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits; the working tree is at the second. The commands run from the repository's root."""
    root = tmp_path / "repo"
    waaiers = root / "waaiers"
    shutil.copytree(FIXTURE / "vocabulaires", waaiers / "vocabulaires")
    for folder in FOLDERS:
        (waaiers / folder).mkdir()
        shutil.copyfile(FIXTURE / folder / "waaier.yml", waaiers / folder / "waaier.yml")
    for name in FIRST:
        shutil.copyfile(FIXTURE / name, waaiers / name)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Eerste versie")
    git(root, "tag", "eerste")
    # A werkgroep accepts EDIZ (a level changes in every version).
    edit(waaiers / "2-netwerken" / "ediz.yml", "status: in-beoordeling\n", DECISION)
    # A criterion changes; the entry stays withheld (costs and link unknown).
    edit(waaiers / "2-netwerken" / "mantelscan.yml",
         "    oordeel: onbekend\n    toelichting: Te downloaden, maar de bronnen zeggen niet of het gebruik kosteloos is.\n",
         "    oordeel: ja\n    toelichting: Gratis (synthetisch).\n    bronnen:\n"
         "      - titel: 'SYNTHETISCH: testbron'\n        url: https://example.org/synthetisch\n")
    # The costs turn out to be unknown: withheld from now on.
    path = waaiers / "2-netwerken" / "mantelzorgondersteuning-in-de-buurt.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("kosten: >-\n")
    path.write_text(text[:start] + "kosten: onbekend\n" + text[text.index("bronnen:\n", start):], encoding="utf-8")
    # One removed, one published and one withheld added.
    git(root, "rm", "--quiet", "waaiers/2-netwerken/csi-caregiver-strain-index.yml")
    shutil.copyfile(FIXTURE / "2-netwerken" / "venvn-richtlijn-mantelzorg.yml", waaiers / "2-netwerken" / "venvn-richtlijn-mantelzorg.yml")
    shutil.copyfile(FIXTURE / "1-wensen-en-behoeften" / "drie-goede-vragen.yml", waaiers / "1-wensen-en-behoeften" / "drie-goede-vragen.yml")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Tweede versie")
    monkeypatch.chdir(root)
    return root


EXPECTED = """\
Verschil in de waaier: eerste ({base}) → HEAD ({head})
Gepubliceerde items per versie: cliënten en naasten 3 → 1, professionals 3 → 2, organisaties 3 → 2.
Versie voor cliënten en naasten:
  eraf: CSI: Caregiver Strain Index (csi-caregiver-strain-index): het bestand is weg
  eraf: Mantelzorgondersteuning in de buurt (MantelzorgNL) (mantelzorgondersteuning-in-de-buurt): de kosten zijn onbekend
  ander niveau: EDIZ: Ervaren Druk door Informele Zorg (ediz): Tip van de makers van het Kompas → Gekozen door de werkgroep
Versie voor professionals:
  erbij: V&VN-richtlijn Mantelzorg (venvn-richtlijn-mantelzorg): Opgenomen door de werkgroep
  eraf: CSI: Caregiver Strain Index (csi-caregiver-strain-index): het bestand is weg
  eraf: Mantelzorgondersteuning in de buurt (MantelzorgNL) (mantelzorgondersteuning-in-de-buurt): de kosten zijn onbekend
  ander niveau: EDIZ: Ervaren Druk door Informele Zorg (ediz): Aanbevolen door de Kompaspartijen → Opgenomen door de werkgroep
Versie voor organisaties:
  erbij: V&VN-richtlijn Mantelzorg (venvn-richtlijn-mantelzorg): Opgenomen door de werkgroep
  eraf: CSI: Caregiver Strain Index (csi-caregiver-strain-index): het bestand is weg
  eraf: Mantelzorgondersteuning in de buurt (MantelzorgNL) (mantelzorgondersteuning-in-de-buurt): de kosten zijn onbekend
  ander niveau: EDIZ: Ervaren Druk door Informele Zorg (ediz): Aanbevolen door de Kompaspartijen → Opgenomen door de werkgroep
Items in de gegevens:
  nieuw: 3 goede vragen (drie-goede-vragen): status ingediend; niet op de site: criterium 'kosteloos te gebruiken' is 'onbekend'; criterium 'in lijn met het Kompas' is 'onbekend'; de kosten zijn onbekend; er is geen vindplaats (links is leeg)
  nieuw: V&VN-richtlijn Mantelzorg (venvn-richtlijn-mantelzorg): status opgenomen; op de site voor professionals, organisaties
  weg: CSI: Caregiver Strain Index (csi-caregiver-strain-index): het bestand is verwijderd
  status: EDIZ: Ervaren Druk door Informele Zorg (ediz): in beoordeling → opgenomen
Oordelen over de criteria:
  MantelScan (mantelscan): kosteloos te gebruiken: onbekend → ja
"""


def shas(repo: Path) -> dict[str, str]:
    return {"base": git(repo, "rev-parse", "--short=7", "eerste").strip(), "head": git(repo, "rev-parse", "--short=7", "HEAD").strip()}


def test_two_commits_compared(run_cli, repo: Path) -> None:
    status, index = git(repo, "status", "--porcelain"), (repo / ".git" / "index").read_bytes()
    result = run_cli("verschil", "eerste", "HEAD", "--vandaag", TODAY)
    assert (result.code, result.err) == (0, "")
    assert result.out == EXPECTED.format(**shas(repo))
    assert git(repo, "status", "--porcelain") == status and (repo / ".git" / "index").read_bytes() == index


def test_a_commit_given_by_its_hash_is_named_once(run_cli, repo: Path) -> None:
    ids = shas(repo)
    result = run_cli("verschil", ids["base"], "HEAD", "--vandaag", TODAY)
    assert result.lines[0] == "Verschil in de waaier: {base} → HEAD ({head})".format(**ids)


def test_markdown_for_github(run_cli, repo: Path) -> None:
    result = run_cli("verschil", "--markdown", "eerste", "HEAD", "--vandaag", TODAY)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:9] == [
        "### Verschil in de waaier: eerste ({base}) → HEAD ({head})".format(**shas(repo)),
        "",
        "Gepubliceerde items per versie: cliënten en naasten 3 → 1, professionals 3 → 2, organisaties 3 → 2.",
        "",
        "**Versie voor cliënten en naasten:**",
        "",
        "- eraf: `CSI: Caregiver Strain Index` (csi-caregiver-strain-index): het bestand is weg",
        "- eraf: `Mantelzorgondersteuning in de buurt (MantelzorgNL)` (mantelzorgondersteuning-in-de-buurt): "
        "de kosten zijn onbekend",
        "- ander niveau: `EDIZ: Ervaren Druk door Informele Zorg` (ediz): Tip van de makers van het Kompas → "
        "Gekozen door de werkgroep",
    ]
    assert lines[-3:] == ["**Oordelen over de criteria:**", "", "- `MantelScan` (mantelscan): kosteloos te gebruiken: onbekend → ja"]


def test_without_a_target_the_working_tree_counts(run_cli, repo: Path) -> None:
    """Uncommitted work is compared too; HEAD~1 is a revision like any other."""
    edit(repo / "waaiers" / "2-netwerken" / "venvn-richtlijn-mantelzorg.yml", "titel: V&VN-richtlijn Mantelzorg",
         "titel: V&VN-richtlijn Mantelzorg (nieuwe titel)")
    result = run_cli("verschil", "HEAD", "--vandaag", TODAY)
    assert result.code == 0
    assert result.out == (
        "Verschil in de waaier: HEAD ({head}) → de werkmap\n"
        "Gepubliceerde items per versie: cliënten en naasten 1 → 1, professionals 2 → 2, organisaties 2 → 2.\n"
        "Versie voor cliënten en naasten: geen verandering.\n"
        "Versie voor professionals: geen verandering.\n"
        "Versie voor organisaties: geen verandering.\n"
        "Items in de gegevens: geen verandering.\n"
        "Oordelen over de criteria: geen verandering.\n").format(**shas(repo))
    before = run_cli("verschil", "HEAD~1", "--vandaag", TODAY)
    assert before.out.splitlines()[0] == "Verschil in de waaier: HEAD~1 ({base}) → de werkmap".format(**shas(repo))
    assert "  erbij: V&VN-richtlijn Mantelzorg (nieuwe titel) (venvn-richtlijn-mantelzorg): Opgenomen door de werkgroep" \
        in before.lines


def test_invalid_data_in_the_target_are_listed_and_exit_1(run_cli, repo: Path) -> None:
    edit(repo / "waaiers" / "2-netwerken" / "ediz.yml", "kosten: Zorg voor Beter", "kosten: [Zorg voor Beter")
    git(repo, "commit", "--quiet", "-am", "Kapot")
    result = run_cli("verschil", "HEAD~1", "HEAD", "--vandaag", TODAY)
    assert result.code == 1
    head = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert result.lines[1].startswith(f"HEAD ({head}) heeft 1 probleem in de gegevens; items met problemen tellen niet mee:")
    assert result.lines[2].startswith("  waaiers/2-netwerken/ediz.yml:")
    assert "  eraf: EDIZ: Ervaren Druk door Informele Zorg (ediz): het bestand heeft problemen (zie boven)" in result.lines
    assert "  weg: EDIZ: Ervaren Druk door Informele Zorg (ediz): het bestand heeft problemen (zie boven)" in result.lines
    # The other way round the problems are in the base: a note, and exit 0.
    back = run_cli("verschil", "HEAD", "HEAD~1", "--vandaag", TODAY)
    assert back.code == 0
    assert back.lines[1] == f"Let op: in HEAD ({head}) heeft 1 bestand problemen; die items tellen daar niet mee."


def test_a_base_without_a_catalogue_adds_everything(run_cli, repo: Path) -> None:
    git(repo, "checkout", "--quiet", "--orphan", "leeg")
    git(repo, "rm", "-r", "--quiet", "--cached", ".")
    (repo / "LEESMIJ").write_text("leeg\n", encoding="utf-8")
    git(repo, "add", "LEESMIJ")
    git(repo, "commit", "--quiet", "-m", "Leeg")
    git(repo, "checkout", "--quiet", "--force", "main")
    result = run_cli("verschil", "leeg", "main", "--vandaag", TODAY)
    assert result.code == 0
    assert result.lines[1] == "Gepubliceerde items per versie: cliënten en naasten 0 → 1, professionals 0 → 2, organisaties 0 → 2."


@pytest.mark.parametrize(("args", "message"), [
    (("bestaat-niet",), "kompaswaaier: fout: onbekende revisie 'bestaat-niet': geen tak, tag of commit in {repo}\n"),
    (("eerste", "HEAD~9"), "kompaswaaier: fout: onbekende revisie 'HEAD~9': geen tak, tag of commit in {repo}\n"),
    (("--", "--output=/tmp/x"), "kompaswaaier: fout: onbekende revisie '--output=/tmp/x': geen tak, tag of commit in {repo}\n"),
    (("eerste", "--vandaag", "morgen"), "kompaswaaier: fout: --vandaag: 'morgen' is geen datum (JJJJ-MM-DD)\n"),
])
def test_wrong_use_exits_2(run_cli, repo: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("verschil", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err == message.format(repo=repo.resolve())


def test_outside_a_git_repository_exits_2(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURE, tmp_path / "los" / "waaiers")
    monkeypatch.chdir(tmp_path / "los")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run_cli("verschil", "main")
    assert (result.code, result.err) == (2, "kompaswaaier: fout: waaiers staat niet in een git-repository\n")


def test_every_pull_request_gets_the_difference_as_summary_and_comment() -> None:
    def workflow(name: str) -> dict:
        data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
        data["on"] = data.pop(True)
        return data

    job = workflow("controle.yml")["jobs"]["verschil"]
    assert job["if"] == "github.event_name == 'pull_request'"
    step = next(s for s in job["steps"] if "kompaswaaier verschil" in s.get("run", ""))
    assert 'kompaswaaier verschil --markdown -- "$BASIS" HEAD > verschil/verschil.md' in step["run"]
    assert 'cat verschil/verschil.md >> "$GITHUB_STEP_SUMMARY"' in step["run"]
    assert step["env"] == {"BASIS": "origin/${{ github.base_ref }}", "NUMMER": "${{ github.event.pull_request.number }}"}
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["name"] == "verschil"
    comment = workflow("verschil-reactie.yml")
    assert comment["on"] == {"workflow_run": {"workflows": ["Controle en publicatie"], "types": ["completed"]}}
    assert workflow("controle.yml")["name"] == "Controle en publicatie"
    reply = comment["jobs"]["reactie"]
    assert reply["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    run = next(s for s in reply["steps"] if "reactie.sh" in s.get("run", ""))["run"]
    assert '.github/scripts/reactie.sh "$nummer" kompaswaaier:verschil "$map/verschil.md"' in run
    assert 'if [ "$kop" != "$COMMIT" ]' in run  # the number from the artifact must belong to exactly this commit
