"""Misconfiguration: a wrong setting, folder or config file gives one Dutch message and an exit code, never a traceback.

``kompaswaaier bouw`` checks every config before it builds anything (exit 2: usage or config; exit 1:
data). Under plain ``mkdocs build`` / ``properdocs build`` the hook checks its own settings in
``extra`` and stops the build with the same Dutch message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kompaswaaier.errors import UsageError
from kompaswaaier.mkdocs.providers import Settings, settings
from kwtest import REPO, synthetic_entry

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CHOICES = "kies uit: start, clienten, professionals, organisaties"


@pytest.fixture
def project(tmp_path: Path, catalog_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the configs, docs and overrides with a synthetic catalogue in waaiers/; the working directory."""
    for name in ("docs", "overrides", "versies", "hooks", "schemas"):
        shutil.copytree(REPO / name, tmp_path / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails(result, code: int, message: str) -> None:
    assert (result.code, result.err) == (code, f"kompaswaaier: fout: {message}\n")
    assert result.out == ""
    assert not Path("site").exists()


def test_unknown_version_name(project: Path, run_cli) -> None:
    _replace(project / "versies" / "clienten.yml", "versie: clienten", "versie: klienten")
    _fails(run_cli("bouw", "--stil"), 2, f"versies/clienten.yml: extra.versie: onbekende versie 'klienten'; {CHOICES}")


def test_version_config_for_another_version(project: Path, run_cli) -> None:
    _replace(project / "versies" / "clienten.yml", "versie: clienten", "versie: professionals")
    _fails(run_cli("bouw", "--stil"), 2, "versies/clienten.yml: extra.versie is 'professionals', maar dit bestand bouwt 'clienten'")


def test_invalid_date_in_config(project: Path, run_cli) -> None:
    _replace(project / "versies" / "clienten.yml", "versie: clienten", "versie: clienten\n  vandaag: 22-11-2026")
    _fails(run_cli("bouw", "--stil"), 2, "versies/clienten.yml: extra.vandaag: '22-11-2026' is geen datum (JJJJ-MM-DD)")


def test_impossible_date_in_config(project: Path, run_cli) -> None:
    _replace(project / "versies" / "clienten.yml", "versie: clienten", "versie: clienten\n  vandaag: 2026-13-01")
    line = (project / "versies" / "clienten.yml").read_text(encoding="utf-8").splitlines().index("  vandaag: 2026-13-01") + 1
    _fails(run_cli("bouw", "--stil"), 2, f"versies/clienten.yml:{line}: '2026-13-01' is geen bestaande datum")


def test_missing_waaiers_folder(project: Path, run_cli) -> None:
    _fails(run_cli("bouw", "--stil", "--waaiers", "ontbreekt"), 2, "map niet gevonden: ontbreekt")


def test_missing_version_config(project: Path, run_cli) -> None:
    (project / "versies" / "organisaties.yml").unlink()
    _fails(run_cli("bouw", "--stil"), 2, "instellingen niet gevonden: versies/organisaties.yml")


def test_config_that_is_a_folder(project: Path, run_cli) -> None:
    (project / "versies" / "clienten.yml").unlink()
    (project / "versies" / "clienten.yml").mkdir()
    _fails(run_cli("bouw", "--stil"), 2, "versies/clienten.yml: instellingen niet te lezen: is een map, geen bestand")


def test_config_that_is_not_utf8(project: Path, run_cli) -> None:
    _replace(project / "versies" / "professionals.yml", "site_name: Kompaswaaier voor professionals", "site_name: Caf\x00")
    path = project / "versies" / "professionals.yml"
    path.write_bytes(path.read_bytes().replace(b"Caf\x00", b"Caf\xe9"))
    line = path.read_bytes().split(b"\n").index(b"site_name: Caf\xe9") + 1
    _fails(run_cli("bouw", "--stil"), 2,
           f"versies/professionals.yml:{line}: geen geldige UTF-8-tekst (ongeldige byte 0xe9); sla het bestand op als UTF-8")


def test_invalid_yaml_in_config(project: Path, run_cli) -> None:
    _replace(project / "mkdocs.yml", "site_name: Kompaswaaier\n", "site_name: Kompaswaaier\n  strict: true\n")
    line = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("  strict: true") + 1
    result = run_cli("bouw", "--stil")
    assert result.code == 2
    assert result.err.startswith(f"kompaswaaier: fout: mkdocs.yml:{line}: ongeldige YAML")
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_problems_in_the_data_are_exit_1(project: Path, run_cli) -> None:
    (project / "waaiers" / "1-wensen-en-behoeften" / "kapot.yml").write_text(
        synthetic_entry("kapot").replace("titel:", "titel_onbekend:"), encoding="utf-8")
    result = run_cli("bouw", "--stil")
    assert result.code == 1
    assert result.err.startswith("waaiers/1-wensen-en-behoeften/kapot.yml:")
    assert not Path("site").exists()


def test_settings_are_checked() -> None:
    assert settings({}) == Settings("start", None, None)
    assert settings({"versie": "clienten", "vandaag": "2026-11-22"}).today.isoformat() == "2026-11-22"
    cases = {
        "extra.versie: onbekende versie 3 (int); " + CHOICES: {"versie": 3},
        "extra.waaiers: verwacht het pad van de map met gegevens, maar vond ['a'] (list)": {"waaiers": ["a"]},
        "extra.vandaag: '22-11-2026' is geen datum (JJJJ-MM-DD)": {"vandaag": "22-11-2026"},
        "extra.vandaag: True (bool) is geen datum (JJJJ-MM-DD)": {"vandaag": True},
    }
    for message, extra in cases.items():
        with pytest.raises(UsageError) as caught:
            settings(extra)
        assert str(caught.value) == message


@pytest.mark.parametrize(("setting", "message"), [
    ("versie: klienten", f"extra.versie: onbekende versie 'klienten'; {CHOICES}"),
    ("versie: clienten\n  waaiers: ontbreekt", "extra.waaiers: map niet gevonden: ontbreekt"),
    ("versie: clienten\n  vandaag: morgen", "extra.vandaag: 'morgen' is geen datum (JJJJ-MM-DD)"),
])
def test_plain_mkdocs_stops_with_the_dutch_message(project: Path, setting: str, message: str) -> None:
    _replace(project / "versies" / "clienten.yml", "versie: clienten", setting)
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", "versies/clienten.yml", "-d", "uit"],
                            cwd=project, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr == f"ERROR   -  versies/clienten.yml: {message}\n"
    assert result.stdout == "\nAborted with a BuildError!\n"
    assert not (project / "uit").exists()
