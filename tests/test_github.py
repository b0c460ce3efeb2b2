"""The GitHub side: workflows and issue forms valid against their published schemas, and in step with the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kompaswaaier.model import CRITERIA, VERSIONS
from kompaswaaier.validate.catalog import load
from kompaswaaier.werkgroep.newentry import ISSUE_LABELS, draft_from_issue, validate

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
NEW_ITEM_FORM = GITHUB / "ISSUE_TEMPLATE" / "nieuw-item.yml"


def _check_jsonschema(builtin: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_there_are_workflows_and_forms() -> None:
    assert [p.name for p in WORKFLOWS] == ["aandragen.yml", "controle.yml", "links.yml", "verschil-reactie.yml"]
    assert [p.name for p in FORMS] == ["besluit-werkgroep.yml", "item-klopt-niet.yml", "nieuw-item.yml"]


def test_workflows_match_the_published_schema() -> None:
    proc = _check_jsonschema("vendor.github-workflows", WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_issue_forms_match_the_published_schema() -> None:
    proc = _check_jsonschema("vendor.github-issue-forms", FORMS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.yml"
    broken.write_text("name: Kapot\ndescription: x\nbody:\n  - type: dropdown\n    attributes:\n      label: Kies\n", encoding="utf-8")
    proc = _check_jsonschema("vendor.github-issue-forms", [broken])  # a dropdown without options
    assert proc.returncode == 1 and "options" in proc.stdout


def _workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key 'on' as true
    return data


def _runs(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]] + [step.get("uses", "") for step in job["steps"]]


def test_pull_requests_are_checked_and_the_site_is_kept() -> None:
    data = _workflow("controle.yml")
    assert "pull_request" in data["on"] and data["on"]["push"]["branches"] == ["main"]
    check = data["jobs"]["controle"]
    steps = _runs(check)
    assert ["make controleer", "make test", "make site"] == [s for s in steps if s.startswith("make ")]
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    deploy = data["jobs"]["publiceren"]
    assert deploy["needs"] == "controle"
    assert deploy["if"] == "(github.event_name == 'push' || github.event_name == 'schedule') && github.ref == 'refs/heads/main'"
    assert len(data["on"]["schedule"]) == 1  # weekly rebuild: expired reviews show without a new commit
    assert {"pages": "write", "id-token": "write"}.items() <= deploy["permissions"].items()
    used = _runs(deploy)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in used)
    assert any(u.startswith("actions/deploy-pages@") for u in used)


def test_link_check_is_weekly_and_never_blocks_a_pull_request() -> None:
    data = _workflow("links.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert len(data["on"]["schedule"]) == 1
    job = data["jobs"]["links"]
    assert job["continue-on-error"] is True
    step = next(s for s in job["steps"] if "kompaswaaier links" in s.get("run", ""))
    assert step["continue-on-error"] is True
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "linkrapport/"


def _form() -> dict:
    return yaml.safe_load(NEW_ITEM_FORM.read_text(encoding="utf-8"))


def _fields(form: dict) -> dict[str, dict]:
    return {item["attributes"]["label"]: item for item in form["body"] if item["type"] != "markdown"}


def test_new_item_form_has_every_heading_the_parser_reads() -> None:
    fields = _fields(_form())
    missing = [label for label in ISSUE_LABELS.values() if label not in fields]
    assert missing == []


def _vocabulary_labels(name: str, skip: tuple[str, ...] = ()) -> list[str]:
    data = yaml.safe_load((REPO / "waaiers" / "vocabulaires" / f"{name}.yml").read_text(encoding="utf-8"))
    return [t["label"] for t in data["termen"] if t["code"] not in skip]


@pytest.mark.parametrize(("key", "vocabulary"), [("soort", "soort"), ("voor_wie", "rollen"), ("setting", "setting"), ("themas", "themas")])
def test_form_choices_are_the_vocabulary(key: str, vocabulary: str) -> None:
    field = _fields(_form())[ISSUE_LABELS[key]]
    assert field["attributes"]["options"] == _vocabulary_labels(vocabulary)


def test_form_choices_for_bouwsteen_perspective_and_readers() -> None:
    fields = _fields(_form())
    titles = [yaml.safe_load(p.read_text(encoding="utf-8"))["titel"] for p in sorted((REPO / "waaiers").glob("[1-5]-*/waaier.yml"))]
    assert fields[ISSUE_LABELS["bouwsteen"]]["attributes"]["options"] == [f"{n}. {t}" for n, t in enumerate(titles, 1)]
    assert fields[ISSUE_LABELS["perspectief"]]["attributes"]["options"] == _vocabulary_labels("perspectieven", ("onbekend",)) + ["Weet ik niet"]
    assert sorted(o.lower() for o in fields[ISSUE_LABELS["lezers"]]["attributes"]["options"]) == sorted(VERSIONS.values())
    for key in CRITERIA:
        assert fields[ISSUE_LABELS[f"criterium:{key}"]]["attributes"]["options"] == ["Ja", "Nee", "Weet ik niet"]


def test_every_choice_in_the_form_is_understood() -> None:
    """Fill the form the way GitHub renders it, with every option of every list ticked, and read it back."""
    catalog = load(REPO / "waaiers").catalog
    fields = _fields(_form())
    body = []
    for label, item in fields.items():
        options = item["attributes"].get("options", [])
        if item["type"] == "dropdown":
            answer = ", ".join(options) if item["attributes"].get("multiple") else options[0]
        elif item["type"] == "checkboxes":
            answer = "\n".join(f"- [X] {o['label']}" for o in options)
        else:
            answer = "https://example.org/synthetisch" if "Webadres" in label else "Synthetische tekst (SYNTHETISCH)."
        body.append(f"### {label}\n\n{answer}\n")
    draft = draft_from_issue("\n".join(body), catalog)
    assert draft.lists["voor_wie"] == list(catalog.vocabularies["rollen"].terms)
    assert draft.lists["themas"] == list(catalog.vocabularies["themas"].terms)
    assert draft.perspectief == "mens-met-zorgvraag" and draft.bouwsteen == 1

    assert validate(draft, catalog) == []


def test_pull_request_template_lists_every_criterion() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").lower()
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, flags=re.M)
    for label in CRITERIA.values():
        assert any(label.lower() in box for box in boxes), label
    assert "eerdere_beoordelingen" in text and "balans van perspectieven" in text


def test_codeowners_routes_every_bouwsteen_folder_to_its_werkgroep() -> None:
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    rules = dict(line.split() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    for folder in sorted((REPO / "waaiers").glob("[1-5]-*")):
        number = folder.name.split("-")[0]
        assert rules[f"/waaiers/{folder.name}/"] == f"@kompaswaaier/werkgroep-bouwsteen-{number}"
    assert "VOORLOPIG (placeholders)" in text


def test_pre_commit_hook_runs_controleer_on_changed_entries(run_cli, tmp_path: Path) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    files = re.compile(hook["files"])
    assert files.search("waaiers/2-netwerken/ediz.yml") and files.search("waaiers/2-netwerken/x.yaml")
    assert not files.search("docs/index.md") and not files.search("tests/voorbeelden/negatief/leeg.yml")
    program, *args = hook["entry"].split()
    assert program == ".venv/bin/kompaswaaier" and (REPO / program).exists()
    good = run_cli(*args, str(REPO / "waaiers" / "2-netwerken" / "ediz.yml"))
    assert (good.code, good.out) == (0, "")
    bad = run_cli(*args, str(REPO / "tests" / "voorbeelden" / "negatief" / "leeg.yml"))
    assert bad.code == 1 and bad.out.endswith(": bestand is leeg\n")
