"""Set-up on a fresh machine: ``.ci/systeem.sh`` asks apt-get for exactly the missing pieces, and the Makefile calls it.

The script runs with a PATH that holds only fake tools: a fake ``apt-get`` (and ``sudo``) records its
arguments instead of installing anything, a fake ``id`` says whether we are root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kwtest import REPO

SCRIPT = REPO / ".ci" / "systeem.sh"
ALL = ("python", "chromium", "java", "node")
INSTALL = "apt-get install -y -qq"


def _tool(folder: Path, name: str, body: str = "exit 0") -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def run_systeem(tmp_path: Path, present: set[str], *, root: bool = True, apt: bool = True,
                sudo: bool = False, venv: bool = True, pieces: tuple[str, ...] = ALL):
    """Run the script with only ``present`` (chromium, java, node, npm, python3) on PATH; return (result, apt calls)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for name in present:
        _tool(bin_dir, name, "exit 0" if name != "python3" or venv else "exit 1")
    _tool(bin_dir, "id", f"echo {0 if root else 1000}")
    if apt:
        _tool(bin_dir, "apt-get", f'echo "apt-get $*" >> "{log}"')
    if sudo:
        _tool(bin_dir, "sudo", f'echo "sudo $*" >> "{log}"')
    os.symlink(shutil.which("env"), bin_dir / "env")
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    result = subprocess.run(["/bin/sh", str(SCRIPT), *pieces], env=env, capture_output=True, text=True, timeout=30)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls


EVERYTHING = {"chromium", "java", "node", "npm", "python3"}


def test_nothing_missing_asks_apt_for_nothing(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING)
    assert (result.returncode, result.stdout, result.stderr, calls) == (0, "", "", [])


@pytest.mark.parametrize(("absent", "packages"), [
    ({"chromium"}, "chromium chromium-driver"),
    ({"java"}, "default-jre-headless"),
    ({"node", "npm"}, "nodejs npm"),
    ({"python3"}, "python3 python3-venv"),
    ({"chromium", "java", "node", "npm", "python3"},
     "python3 python3-venv chromium chromium-driver default-jre-headless nodejs npm"),
])
def test_each_missing_piece_alone(tmp_path, absent, packages):
    result, calls = run_systeem(tmp_path, EVERYTHING - absent)
    assert result.returncode == 0, result.stderr
    assert calls == ["apt-get update -qq", f"{INSTALL} {packages}"]
    assert f"Installeren met apt-get: {packages}" in result.stdout


def test_node_from_elsewhere_is_left_alone(tmp_path):
    """NodeSource's nodejs bundles npm; Debian's npm would conflict, so neither is requested."""
    result, calls = run_systeem(tmp_path, {"node", "npm", "python3"})
    assert result.returncode == 0, result.stderr
    assert calls == ["apt-get update -qq", f"{INSTALL} chromium chromium-driver default-jre-headless"]


def test_python_without_venv_gets_python3_venv(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING, venv=False)
    assert calls == ["apt-get update -qq", f"{INSTALL} python3-venv"]
    assert result.stdout == "Ontbreekt: venv (bij python3). Installeren met apt-get: python3-venv\n"


def test_only_the_pieces_asked_for_are_checked(tmp_path):
    result, calls = run_systeem(tmp_path, set(), pieces=("java",))
    assert calls == ["apt-get update -qq", f"{INSTALL} default-jre-headless"]


def test_node_without_npm_is_a_clear_message(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING - {"npm"})
    assert result.returncode == 1
    assert calls == []
    assert result.stderr.startswith("Node.js is geïnstalleerd (node), maar npm ontbreekt. Installeer npm bij dezelfde bron als\n")
    assert "het\nDebian-pakket npm botst met Node.js van een andere bron" in result.stderr


def test_without_apt_get(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING - {"java"}, apt=False)
    assert result.returncode == 1
    assert result.stderr == ("apt-get is niet beschikbaar (geen Debian of Ubuntu?). Installeer zelf: default-jre-headless\n"
                             "en draai de opdracht daarna opnieuw.\n")


def test_not_root_without_sudo(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING - {"chromium"}, root=False)
    assert result.returncode == 1
    assert calls == []
    assert result.stderr == ("Installeren met apt-get kan alleen als root, en sudo ontbreekt. Voer als root uit:\n"
                             "  apt-get update && apt-get install -y chromium chromium-driver\n"
                             "en draai de opdracht daarna opnieuw.\n")


def test_not_root_with_sudo(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING - {"chromium"}, root=False, sudo=True)
    assert result.returncode == 0
    assert calls == ["sudo apt-get update -qq",
                     "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver"]


def test_unknown_piece_is_a_usage_error(tmp_path):
    result, calls = run_systeem(tmp_path, EVERYTHING, pieces=("chrome",))
    assert result.returncode == 2
    assert result.stderr == "systeem.sh: onbekend onderdeel 'chrome' (kies uit: python, chromium, java, node)\n"


# --- the Makefile (dry runs: make -n prints the commands without running them) ---------------------

@pytest.fixture
def fresh_clone(tmp_path):
    """The files the Makefile's rules depend on, in a folder without .venv and without node_modules."""
    for name in ("Makefile", "pyproject.toml", "constraints.txt", "package.json", "package-lock.json"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def make_n(folder: Path, target: str) -> list[str]:
    # Under `make test` this runs inside another make: drop what it passes down (MAKELEVEL makes the inner
    # make print "Entering directory"; MAKEFLAGS could carry -n, -k or -j) so the dry run reads the same.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    result = subprocess.run(["make", "--no-print-directory", "-n", target], cwd=folder, capture_output=True,
                            text=True, timeout=30, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_test_on_a_fresh_clone(fresh_clone):
    lines = make_n(fresh_clone, "test")
    assert lines[0] == "PYTHON=python3 sh .ci/systeem.sh chromium java node python"
    assert lines[1] == ("test -x .venv/bin/python || { PYTHON=python3 sh .ci/systeem.sh python && "
                        "python3 -m venv .venv; }")
    assert any("-c constraints.txt -e '.[test]'" in line for line in lines)
    npm = next(i for i, line in enumerate(lines) if line.startswith("npm ci "))
    assert npm > 0 and lines[-1] == ".venv/bin/python -m pytest"
    assert not any("apt-get" in line for line in lines)  # only through .ci/systeem.sh


def test_make_test_with_a_venv_does_not_check_python(fresh_clone):
    (fresh_clone / ".venv" / "bin").mkdir(parents=True)
    _tool(fresh_clone / ".venv" / "bin", "python")
    assert make_n(fresh_clone, "test")[0] == "PYTHON=python3 sh .ci/systeem.sh chromium java node"


def test_make_site_installs_no_test_tools(fresh_clone):
    lines = make_n(fresh_clone, "site")
    assert not any("chromium" in line or "npm" in line for line in lines)
    assert lines[-1] == ".venv/bin/kompaswaaier bouw"


def test_ci_runs_make_test():
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[-1] == "make test"
