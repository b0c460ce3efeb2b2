"""Open data: catalogus.json (valid against its JSON Schema), catalogus.csv, and `kompaswaaier exporteer`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import BOUWSTEEN_FOLDERS, FIXTURE, REPO, synthetic_entry
from kompaswaaier.publish import export
from kompaswaaier.render import finding
from kompaswaaier.select import published, view
from kompaswaaier.validate.catalog import load

VERSIONS = ("clienten", "professionals", "organisaties")
SCHEMA = json.loads((REPO / "schemas" / "catalogus.schema.json").read_text(encoding="utf-8"))


def _write(root: Path, folder: int, slug: str, text: str) -> None:
    (root / BOUWSTEEN_FOLDERS[folder] / f"{slug}.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def small(catalog_root: Path) -> Path:
    """SYNTHETISCH: one entry in two versions, one only for professionals, one withheld."""
    _write(catalog_root, 1, "twee-versies", synthetic_entry("twee-versies", **{
        "doel: Testen of een volledig item geldig is.": "doel: \"Regel een,\\n\\nregel twee, met \\\"aanhalingstekens\\\".\"",
    }))
    _write(catalog_root, 1, "alleen-professionals", synthetic_entry("alleen-professionals", **{
        "  clienten: Dit is een testvoorbeeld. Het bestaat niet echt.\n": ""}))
    _write(catalog_root, 1, "tegengehouden", synthetic_entry("tegengehouden", **{
        "status: opgenomen": "status: ingediend", "beoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: 2024-09-15\n"
        "  toelichting: Voldoet aan alle criteria.\n": "",
        "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: onbekend, toelichting: Test."}))
    return catalog_root


def test_schema_is_valid_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("version", VERSIONS)
def test_real_catalogue_exports_validate_and_hold_only_published_entries(version: str) -> None:
    catalog = load(FIXTURE).catalog
    data = json.loads(export.to_json(view(catalog, version)))
    assert list(Draft202012Validator(SCHEMA).iter_errors(data)) == []
    expected = [e.slug for e in published(catalog.entries, version)]
    assert {item["niveau"] for item in data["items"]} <= set(data["vocabulaires"]["niveau"])
    assert [item["slug"] for item in data["items"]] == expected and data["aantal"] == len(expected)
    rows = list(csv.DictReader(io.StringIO(export.to_csv(view(catalog, version)), newline="")))
    assert [row["slug"] for row in rows] == expected


def test_json_holds_codes_labels_and_the_version_summary(small: Path) -> None:
    catalog = load(small).catalog
    clients = json.loads(export.to_json(view(catalog, "clienten")))
    assert [i["slug"] for i in clients["items"]] == ["twee-versies"]
    item = clients["items"][0]
    assert item["samenvatting"] == "Dit is een testvoorbeeld. Het bestaat niet echt."
    assert item["setting"] == ["thuis", "wijk"] and clients["vocabulaires"]["setting"]["wijk"] == "In de wijk"
    assert item["pagina"] == "waaier/twee-versies/"
    assert item["doel"] == 'Regel een,\n\nregel twee, met "aanhalingstekens".'
    assert item["niveau"] == "opgenomen" and clients["vocabulaires"]["niveau"]["opgenomen"] == "Opgenomen door de werkgroep"
    assert "aangedragen" not in item and "tegengehouden" not in export.to_json(view(catalog, "professionals"))
    assert clients["schema"] == "catalogus.schema.json" and clients["versie"] == "clienten"


def test_csv_has_documented_columns_labels_and_one_line_cells(small: Path) -> None:
    text = export.to_csv(view(load(small).catalog, "professionals"))
    assert text.startswith("slug,titel,pagina,soort,bouwstenen,samenvatting,niveau,doel,") and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [name for name, _ in export.CSV_COLUMNS]
    row = dict(zip(rows[0], rows[2]))
    assert row["slug"] == "twee-versies"
    assert row["setting"] == "Thuis | In de wijk"
    assert row["zorgvragers"] == "Ouderen | Mensen met dementie"
    assert row["soort"] == "Instrument" and row["bouwstenen"] == "1" and row["niveau"] == "Opgenomen door de werkgroep"
    assert row["doel"] == 'Regel een, regel twee, met "aanhalingstekens".'
    assert row["beoordeeld_op"] == "2024-09-15" and row["beoordeeld_door"] == "Synthetische werkgroep"
    assert len(rows) == 3


def test_exporteer_writes_the_same_files_as_the_site(run_cli, small: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = run_cli("exporteer", "--waaiers", str(small), "--uitvoer", str(out))
    assert result.code == 0, result.err
    assert result.lines == [
        f"{out}/clienten: catalogus.json, catalogus.csv, catalogus.schema.json (1 item)",
        f"{out}/professionals: catalogus.json, catalogus.csv, catalogus.schema.json (2 items)",
        f"{out}/organisaties: catalogus.json, catalogus.csv, catalogus.schema.json (0 items)",
    ]
    catalog = load(small).catalog
    for version in VERSIONS:
        site = finding.pages(view(catalog, version))
        for name in ("catalogus.json", "catalogus.csv", "catalogus.schema.json"):
            assert (out / version / name).read_bytes() == site[name].encode("utf-8"), (version, name)


def test_exporteer_to_stdout(run_cli, small: Path) -> None:
    result = run_cli("exporteer", "--waaiers", str(small), "--versie", "clienten", "--formaat", "csv")
    assert result.code == 0
    assert result.out == export.to_csv(view(load(small).catalog, "clienten"))
    default = run_cli("exporteer", "--waaiers", str(small))
    assert json.loads(default.out)["versie"] == "professionals"


def test_exporteer_wrong_use(run_cli, small: Path, tmp_path: Path) -> None:
    two = run_cli("exporteer", "--waaiers", str(small), "--formaat", "csv", "--formaat", "json")
    assert (two.code, two.err.strip()) == (2, "kompaswaaier: fout: op het scherm past één bestand: kies één --versie en "
                                               "één --formaat, of gebruik --uitvoer MAP")
    a_file = tmp_path / "bestand"
    a_file.write_text("x", encoding="utf-8")
    not_dir = run_cli("exporteer", "--waaiers", str(small), "--uitvoer", str(a_file))
    assert (not_dir.code, not_dir.err.strip()) == (2, f"kompaswaaier: fout: --uitvoer: {a_file} is geen map")
    wrong = run_cli("exporteer", "--formaat", "xml")
    assert wrong.code == 2 and "ongeldige keuze: 'xml' (kies uit 'json', 'csv')" in wrong.err
