"""Our schema errors agree with check-jsonschema: a file is schema-valid for one exactly when it is for the other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kompaswaaier.load.document import load_file
from kompaswaaier.validate import schema
from kwtest import EXAMPLES, REPO

BASE = (EXAMPLES / "positief" / "synthetisch-opgenomen.yml").read_text(encoding="utf-8")

MUTATIONS: dict[str, tuple[str, str]] = {
    "onbekend-veld-boven": ("status: opgenomen", "status: opgenomen\nextra: x"),
    "onbekend-veld-criteria": ("criteria:\n", "criteria:\n  extra: {oordeel: ja, toelichting: x}\n"),
    "onbekend-veld-aanpak": ("aanpak:\n", "aanpak:\n  daarna: x\n"),
    "titel-getal": ("titel: Synthetisch voorbeeld (opgenomen)", "titel: 5"),
    "titel-leeg": ("titel: Synthetisch voorbeeld (opgenomen)", "titel: ''"),
    "titel-on": ("titel: Synthetisch voorbeeld (opgenomen)", "titel: on"),
    "tijdsduur-yes": ("tijdsduur: ongeveer een uur", "tijdsduur: yes"),
    "doel-null": ("doel: Testen of een volledig item geldig is.", "doel:"),
    "bouwstenen-getal": ("bouwstenen: [1]", "bouwstenen: 1"),
    "bouwstenen-nul": ("bouwstenen: [1]", "bouwstenen: [0]"),
    "bouwstenen-zes": ("bouwstenen: [1]", "bouwstenen: [6]"),
    "bouwstenen-dubbel": ("bouwstenen: [1]", "bouwstenen: [1, 1]"),
    "bouwstenen-leeg": ("bouwstenen: [1]", "bouwstenen: []"),
    "samenvatting-leeg": ("samenvatting:\n  clienten: Dit is een testvoorbeeld. Het bestaat niet echt.\n  professionals: Testvoorbeeld voor professionals.\n", "samenvatting: {}\n"),
    "links-tekst": ("links:\n  - titel: Testpagina\n    url: https://example.org/synthetisch-opgenomen\n", "links: x\n"),
    "url-ftp": ("url: https://example.org/synthetisch-opgenomen", "url: ftp://example.org/x"),
    "status-onbekend": ("status: opgenomen", "status: klaar"),
    "oordeel-misschien": ("kosteloos: {oordeel: ja", "kosteloos: {oordeel: misschien"),
    "oordeel-true": ("kosteloos: {oordeel: ja", "kosteloos: {oordeel: true"),
    "oordeel-no": ("kosteloos: {oordeel: ja", "kosteloos: {oordeel: no"),
    "soort-hoofdletters": ("soort: instrument", "soort: Met Hoofdletters"),
    "datum-maand-13": ("datum: 2024-05-01", "datum: 2024-13-01"),
    "datum-zonder-streepjes": ("datum: 2024-05-01", "datum: 20240501"),
    "datum-onbekend": ("datum: 2024-05-01", "datum: onbekend"),
    "datum-tussen-aanhalingstekens": ("datum: 2024-05-01", "datum: '2024-05-01'"),
    "datum-met-tijd": ("datum: 2024-05-01", "datum: 2024-05-01 10:00:00"),
    "setting-tekst": ("setting: [thuis, wijk]", "setting: thuis"),
    "beoordeling-zonder-werkgroep": ("  werkgroep: Synthetische werkgroep\n", ""),
    "bron-zonder-titel": ("  - titel: Testbron\n    url: https://example.org/bron\n", "  - url: https://example.org/bron\n"),
}
REQUIRED = json.loads((REPO / "schemas" / "entry.schema.json").read_text(encoding="utf-8"))["required"]


def _drop_field(text: str, name: str) -> str:
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith(f"{name}:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("-")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def _corpus(tmp_path: Path) -> list[tuple[Path, str]]:
    files: list[tuple[Path, str]] = []
    folder = tmp_path / "varianten"
    folder.mkdir()
    for name, (old, new) in MUTATIONS.items():
        assert old in BASE, name
        p = folder / f"{name}.yml"
        p.write_text(BASE.replace(old, new, 1), encoding="utf-8")
        files.append((p, "entry"))
    for name in REQUIRED:
        p = folder / f"zonder-{name}.yml"
        p.write_text(_drop_field(BASE, name), encoding="utf-8")
        files.append((p, "entry"))
    files += [(p, "entry") for p in sorted((EXAMPLES / "positief").glob("*.yml"))]
    files += [(p, "entry") for p in sorted((EXAMPLES / "negatief").glob("*.yml"))]
    files += [(p, "entry") for p in sorted((REPO / "waaiers").glob("[1-5]-*/*.yml")) if p.name != "waaier.yml"]
    files += [(p, "waaier") for p in sorted((REPO / "waaiers").glob("[1-5]-*/waaier.yml"))]
    files += [(p, "vocabulaire") for p in sorted((REPO / "waaiers" / "vocabulaires").glob("*.yml"))]
    return files


def _check_jsonschema(kind: str, paths: list[Path]) -> tuple[set[str], set[str]]:
    """(files with schema errors, files it could not parse) according to check-jsonschema."""
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(REPO / "schemas" / schema.SCHEMA_FILES[kind]),
         "-o", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(proc.stdout)
    return {e["filename"] for e in report["errors"]}, {e["filename"] for e in report.get("parse_errors", [])}


def test_schemas_are_valid_2020_12() -> None:
    for name in schema.SCHEMA_FILES.values():
        contents = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert contents["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(contents)


@pytest.mark.parametrize("kind", ["entry", "waaier", "vocabulaire"])
def test_schema_verdicts_agree_with_check_jsonschema(tmp_path: Path, kind: str) -> None:
    # Files our loader refuses (duplicate keys, aliases, tags...) have no schema verdict to compare;
    # they are also kept from check-jsonschema, which would expand the alias bomb for minutes.
    docs = {p: load_file(p)[0] for p, k in _corpus(tmp_path) if k == kind}
    files = [p for p, doc in docs.items() if doc is not None]
    assert files
    theirs_invalid, theirs_unparsed = _check_jsonschema(kind, files)
    compared = 0
    disagreements = []
    for p in files:
        doc = docs[p]
        if str(p) in theirs_unparsed:
            continue
        compared += 1
        ours_invalid = bool(schema.validate(doc, kind))
        if ours_invalid != (str(p) in theirs_invalid):
            disagreements.append(f"{p.name}: wij {'ongeldig' if ours_invalid else 'geldig'}")
    assert disagreements == []
    if kind == "entry":
        assert compared >= len(MUTATIONS) + len(REQUIRED)


@pytest.mark.parametrize("kind", ["entry", "waaier", "vocabulaire"])
def test_fast_verdict_agrees_with_python_jsonschema(tmp_path: Path, kind: str) -> None:
    """jsonschema-rs only decides 'valid' quickly; it must never pass what python-jsonschema refuses."""
    docs = [load_file(p)[0] for p, k in _corpus(tmp_path) if k == kind]
    data = [doc.data for doc in docs if doc is not None]
    data += [None, 5, "tekst", [], {}, {"slug": "a\n"}, {"datum": "2024-02-30"}]
    verdicts = [(schema.fast_validator(kind).is_valid(d), schema.validator(kind).is_valid(d)) for d in data]
    assert [i for i, (fast, full) in enumerate(verdicts) if fast != full] == []
    assert any(full for _fast, full in verdicts) and not all(full for _fast, full in verdicts)


def test_per_answer_checks_use_the_schemas_own_rules() -> None:
    """`nieuw` and `beoordeel` check a slug, web address or date as it is typed; they take the rule from the
    schema (schema.text_rule), so a change to the schema changes them too."""
    from kompaswaaier.werkgroep import decision, newentry

    entry = json.loads((REPO / "schemas" / "entry.schema.json").read_text(encoding="utf-8"))
    assert newentry.SLUG.pattern.pattern == entry["properties"]["slug"]["pattern"]
    assert newentry.SLUG.max_length == entry["properties"]["slug"]["maxLength"] == 80
    assert newentry.SLUG.allows("drie-goede-vragen") and not newentry.SLUG.allows("Drie") and not newentry.SLUG.allows("a" * 81)
    assert newentry.URL.allows("https://example.org/a") and not newentry.URL.allows("www.example.org")
    assert not newentry.URL.allows("https://example.org/" + "a" * 500)
    assert newentry.DATE.allows("2026-12-07") and not newentry.DATE.allows("20261207")
    assert (decision.SHORT, decision.LONG, decision.URL_MAX) == (
        entry["$defs"]["korte_tekst"]["maxLength"], entry["$defs"]["tekst"]["maxLength"], 500)
