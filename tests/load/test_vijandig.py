"""Hostile input for `kompaswaaier controleer`: every shape, size, encoding or link gets a Dutch message.

Small shapes are example files in ``tests/voorbeelden/negatief/`` (their messages are in
``test_controleer.EXPECTED``); big ones are generated here in tmp_path. The limits that keep
each file's work bounded are in ``kompaswaaier.load.document`` (MAX_BYTES, MAX_NODES, MAX_DEPTH, ...).
All test data is SYNTHETISCH.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from kompaswaaier.load import document as loader
from kwtest import BOUWSTEEN_FOLDERS, REPO, TODAY, synthetic_entry

DEEP = "te diep genest (meer dan 20 niveaus van lijsten en velden in elkaar)"
SYMLINK = ("is een symbolische koppeling (symlink) en wordt niet gevolgd, want die kan naar een bestand "
           "buiten de waaier wijzen; zet het bestand zelf hier neer")
NUMBER = "schrijf een gewoon getal, of zet tekst tussen aanhalingstekens"


def only_problem(run_cli, path: Path) -> list[str]:
    result = run_cli("controleer", "--stil", str(path))
    assert result.code == 1, result.out + result.err
    assert result.err == ""
    return result.lines


# --- the crash: deep flow nesting overflowed the C stack of libyaml's composer (exit 139) ---

@pytest.mark.parametrize("closed", [True, False], ids=["gesloten", "open"])
def test_100_kb_of_nested_brackets_is_a_message_not_a_segfault(tmp_path: Path, closed: bool) -> None:
    bad = tmp_path / "haken.yml"
    bad.write_text("slug: haken\ndoel: " + "[" * 50_000 + ("]" * 50_000 if closed else "") + "\n", encoding="utf-8")
    proc = subprocess.run([str(REPO / ".venv" / "bin" / "kompaswaaier"), "controleer", "--stil", str(bad)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == f"{bad}:2: doel{'[1]' * 19}: {DEEP}\n"


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("a: " + "{b: " * 3000 + "1" + "}" * 3000 + "\n", 1, "a" + ".b" * 19),
        ("".join(" " * i + f"k{i}:\n" for i in range(1000)) + " " * 1000 + "v: 1\n", 21, ".".join(f"k{i}" for i in range(20))),
        ("a:\n" + "".join(" " * (i + 1) + "-\n" for i in range(1000)) + " " * 1001 + "x\n", 21, "a" + "[1]" * 19),
    ],
    ids=["velden-tussen-accolades", "ingesprongen-velden", "ingesprongen-lijsten"],
)
def test_deep_nesting_that_used_to_hit_the_recursion_limit(run_cli, tmp_path: Path, text: str, line: int, field: str) -> None:
    bad = tmp_path / "diep.yml"
    bad.write_text(text, encoding="utf-8")
    assert only_problem(run_cli, bad) == [f"{bad}:{line}: {field}: {DEEP}"]


def test_twenty_levels_are_allowed_twenty_one_are_not() -> None:
    def nested(levels: int) -> bytes:  # the file itself is level 1
        return ("a: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n").encode()

    doc, problems = loader.load_bytes(nested(20), "x.yml")
    assert problems == [] and doc is not None
    _, problems = loader.load_bytes(nested(21), "x.yml")
    assert [p.format() for p in problems] == [f"x.yml:1: a{'[1]' * 19}: {DEEP}"]


# --- size: long lines and values, many values, long field names, big numbers ---

@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('slug: x\ndoel: "' + "a" * 30_000 + '"\n', ":2: doel: waarde is te lang (30000 tekens; hoogstens 20000)"),
        ("slug: x\ndoel: " + "a" * 900_000 + "\n", ":2: doel: waarde is te lang (900000 tekens; hoogstens 20000)"),
        ("slug: x\ndoel: |\n" + "  regel\n" * 100_000, ":2: doel: waarde is te lang (600000 tekens; hoogstens 20000)"),
        ("? " + "k" * 5000 + "\n: waarde\n", ":1: veldnaam is te lang (5000 tekens; hoogstens 100)"),
        ("k" * 2000 + ": waarde\n", ":1: ongeldige YAML: dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens"),
        ("".join(f"k{i}: 1\n" for i in range(1, 60_001)), ":5000: k5000: bestand bevat te veel waarden (meer dan 10000)"),
        ("bronnen: [" + "1," * 400_000 + "1]\n", ":1: bronnen[9998]: bestand bevat te veel waarden (meer dan 10000)"),
        ("bouwsteen: " + "9" * 5001 + "\n", f":1: bouwsteen: getal is te lang (meer dan 30 tekens); {NUMBER}"),
        ("bouwsteen: 0x" + "f" * 5000 + "\n", f":1: bouwsteen: getal is te lang (meer dan 30 tekens); {NUMBER}"),
        ("bouwsteen: .nan\n", f":1: bouwsteen: '.nan' is geen bruikbaar getal (oneindig of onbepaald); {NUMBER}"),
        ("bouwsteen: -.inf\n", f":1: bouwsteen: '-.inf' is geen bruikbaar getal (oneindig of onbepaald); {NUMBER}"),
        ("a: 1\n" + "---\n" * 200_000, ":3: bestand bevat meer dan één YAML-document (---); zet elk item in een eigen bestand"),
        ("a: !" + "x" * 500_000 + " b\n", ":1: a: label '!" + "x" * 58 + "…' is niet toegestaan; alleen gewone tekst, getallen, lijsten en velden"),
        ("\n" * 999_000 + "a: [\n", ":999002: ongeldige YAML: hier ontbreekt een waarde, of er staat een teken waarmee geen waarde kan beginnen (zoals ] of })"),
    ],
    ids=["lange-tekst", "lange-regel", "lang-tekstblok", "lange-veldnaam", "te-lange-sleutel", "veel-velden",
         "lange-lijst", "getal-5001-cijfers", "hex-getal", "nan", "min-oneindig", "veel-documenten", "lang-label",
         "veel-regels"],
)
def test_big_shapes(run_cli, tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "groot.yml"
    bad.write_text(text, encoding="utf-8")
    assert only_problem(run_cli, bad) == [f"{bad}{message}"]


def test_a_file_far_over_the_limit_is_not_read_whole(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "reus.yml"
    with bad.open("wb") as f:
        f.truncate(5_000_000_000)  # sparse: 5 GB on paper, nothing on disk
    assert only_problem(run_cli, bad) == [f"{bad}: bestand is te groot (5000000 kB); een item mag hoogstens 1 MB zijn"]


# --- encodings ---

@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("slug: x\n".encode("utf-16"), ": bestand is opgeslagen als UTF-16; sla het op als UTF-8"),
        ("slug: x\ndoel: y\n".encode("utf-16-be"), ": bestand is opgeslagen als UTF-16; sla het op als UTF-8"),
        ("slug: x\n".encode("utf-32"), ": bestand is opgeslagen als UTF-32; sla het op als UTF-8"),
        (b"slug: x\ndoel: a\x00b\n", ":2: bestand is geen tekst (het bevat binaire gegevens)"),
        (b"slug: x\r\ndoel: \x1b[31m\r\n", ":2: bestand bevat een teken dat niet in tekst hoort (U+001B); haal het weg"),
        (b"slug: x\r\ndoel: \"open\r\n", ":2: ongeldige YAML: aanhalingsteken niet gesloten"),
    ],
    ids=["utf16-bom", "utf16-zonder-bom", "utf32", "nul-byte", "escape-teken-crlf", "crlf-open-aanhalingsteken"],
)
def test_encodings(run_cli, tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "codering.yml"
    bad.write_bytes(content)
    assert only_problem(run_cli, bad) == [f"{bad}{message}"]


def test_bom_and_crlf_are_fine(run_cli, catalog_root: Path) -> None:
    path = catalog_root / BOUWSTEEN_FOLDERS[1] / "windows.yml"
    path.write_bytes(b"\xef\xbb\xbf" + synthetic_entry("windows").replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(path))
    assert (result.code, result.out, result.err) == (0, "", "")


# --- links, folders, special files ---

def test_symlink_given_explicitly_is_refused(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "elders.yml"
    target.write_text(synthetic_entry("link"), encoding="utf-8")
    link = tmp_path / "link.yml"
    link.symlink_to(target)
    dangling = tmp_path / "weg.yml"
    dangling.symlink_to(tmp_path / "bestaat-niet.yml")
    result = run_cli("controleer", str(link), str(dangling))
    assert result.code == 1
    assert result.lines[:3] == [f"{link}: {SYMLINK}", f"{dangling}: {SYMLINK}", ""]
    assert result.lines[3] == "2 items gelezen: 0 geldig, 2 ongeldig."


def test_symlinks_inside_the_catalogue_are_refused(run_cli, tmp_path: Path, catalog_root: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.yml").write_text(synthetic_entry("geheim"), encoding="utf-8")
    folder = catalog_root / BOUWSTEEN_FOLDERS[1]
    (folder / "geheim.yml").symlink_to(outside / "geheim.yml")
    (folder / "submap").symlink_to(outside)
    (catalog_root / "6-extra").symlink_to(outside, target_is_directory=True)
    result = run_cli("controleer", "--stil", str(catalog_root))
    assert result.code == 1
    assert result.lines == [f"{folder}/geheim.yml: {SYMLINK}",
                            f"{folder}/submap: {SYMLINK}",
                            f"{catalog_root}/6-extra: {SYMLINK}"]
    # the link itself, given explicitly inside the catalogue
    result = run_cli("controleer", "--stil", str(folder / "geheim.yml"))
    assert (result.code, result.lines) == (1, [f"{folder}/geheim.yml: {SYMLINK}"])


@pytest.mark.parametrize("content", [None, "notities.txt", ".verborgen.yml"], ids=["leeg", "alleen-txt", "alleen-verborgen"])
def test_folder_without_yaml_is_a_usage_error(run_cli, tmp_path: Path, content: str | None) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    if content:
        (folder / content).write_text("slug: x\n", encoding="utf-8")
    result = run_cli("controleer", str(folder))
    assert (result.code, result.out, result.err) == (2, "", f"kompaswaaier: fout: geen .yml-bestanden gevonden in {folder}\n")


def test_a_folder_named_like_a_file_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "x.yml"
    folder.mkdir()
    result = run_cli("controleer", str(folder))
    assert (result.code, result.err) == (2, f"kompaswaaier: fout: geen .yml-bestanden gevonden in {folder}\n")


def test_a_file_that_is_not_yaml_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    text = tmp_path / "notities.txt"
    text.write_text("slug: x\n", encoding="utf-8")
    result = run_cli("controleer", str(text))
    assert (result.code, result.err) == (2, f"kompaswaaier: fout: geen .yml-bestand: {text} (alleen .yml-bestanden worden gecontroleerd)\n")
    device = run_cli("controleer", "/dev/null")
    assert (device.code, device.err) == (2, "kompaswaaier: fout: geen .yml-bestand: /dev/null (alleen .yml-bestanden worden gecontroleerd)\n")


def test_a_hidden_file_given_explicitly_is_not_silently_skipped(run_cli, catalog_root: Path) -> None:
    hidden = catalog_root / BOUWSTEEN_FOLDERS[1] / ".kladje.yml"
    hidden.write_text(synthetic_entry("kladje"), encoding="utf-8")
    result = run_cli("controleer", "--stil", str(hidden))
    assert (result.code, result.lines) == (1, [
        f"{hidden}: wordt overgeslagen, want de naam van het bestand of van een map erboven begint met een punt"])


def test_fifo_never_blocks(run_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.yml"
    os.mkfifo(fifo)
    message = f"{fifo}: is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp); alleen gewone tekstbestanden worden gelezen"
    assert only_problem(run_cli, fifo) == [message]
    assert only_problem(run_cli, tmp_path) == [message]  # found while walking a folder


def test_unreadable_file(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, for whom chmod 000 changes nothing; so the refusal is simulated.
    bad = tmp_path / "geheim.yml"
    bad.write_text("slug: x\n", encoding="utf-8")
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if os.fspath(path) == str(bad):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert only_problem(run_cli, bad) == [f"{bad}: geen toestemming om het bestand te lezen"]


def test_unexpected_os_error_is_named_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "kapot.yml"
    bad.write_text("slug: x\n", encoding="utf-8")

    real_fstat = os.fstat

    def broken(fd: int):
        if os.readlink(f"/proc/self/fd/{fd}") == str(bad):
            raise OSError(errno.EIO, "Input/output error")
        return real_fstat(fd)

    monkeypatch.setattr(os, "fstat", broken)
    assert [p.format() for p in loader.load_file(bad)[1]] == [f"{bad}: kan het bestand niet lezen (systeemfout EIO)"]


def test_file_names_outside_ascii(run_cli, tmp_path: Path, catalog_root: Path) -> None:
    cafe = catalog_root / BOUWSTEEN_FOLDERS[1] / "café.yml"
    cafe.write_text(synthetic_entry("cafe"), encoding="utf-8")
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(cafe))
    assert (result.code, result.lines) == (1, [f"{cafe}:3: slug: slug 'cafe' moet gelijk zijn aan de bestandsnaam 'café'"])
    latin1 = tmp_path / os.fsdecode(b"caf\xe9.yml")  # not valid UTF-8
    latin1.write_text("slug: x\n", encoding="utf-8")
    proc = subprocess.run([str(REPO / ".venv" / "bin" / "kompaswaaier"), "controleer", "--stil", os.fsencode(latin1)],
                          capture_output=True, timeout=120, cwd=REPO)
    assert proc.returncode == 1
    assert proc.stderr == b""
    assert proc.stdout.decode("utf-8").splitlines()[0].startswith(f"{tmp_path}/caf\ufffd.yml:1: ")


# --- YAML mistakes that used to fall through to an English libyaml message ---

@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: @x\n", ":1: ongeldige YAML: teken waarmee geen waarde kan beginnen (zoals @ of `); zet de tekst tussen aanhalingstekens"),
        ("a: &\n", ":1: ongeldige YAML: na & of * hoort een naam; zet tekst die met & of * begint tussen aanhalingstekens"),
        ("%YAML 1.1\na: b\n", ":2: ongeldige YAML: regel die met % begint, of tekst na het einde van het document (...); haal die weg"),
        ("a: |0\n  x\n", ":1: ongeldige YAML: ongeldig tekstblok (| of >); controleer het teken na | of > en het inspringen"),
    ],
    ids=["apenstaartje", "leeg-anker", "directief", "tekstblok"],
)
def test_yaml_mistakes_in_dutch(run_cli, tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "fout.yml"
    bad.write_text(text, encoding="utf-8")
    assert only_problem(run_cli, bad) == [f"{bad}{message}"]
