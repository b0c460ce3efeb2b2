"""Install from a wheel: the package carries its schemas, templates and assets, and works outside the repository.

One module-scoped fixture builds the wheel from a clean copy of the sources, installs it into a fresh venv
in tmp (outside the repository) and copies the project files (``waaiers/``, ``docs/``, the configs) into
another tmp folder. No network and no long install: the wheel goes in with ``--no-deps``, and the venv
sees its dependencies through a ``.pth`` line pointing at the site-packages of the venv running the tests.
Such a line adds that folder to ``sys.path`` after the venv's own site-packages, without running the
``.pth`` files in it, so the editable install of the checkout stays out and ``kompaswaaier`` comes from
the wheel (a test checks that).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from kwtest import REPO

PROJECT_FILES = ("waaiers", "docs", "versies", "overrides", "hooks", "mkdocs.yml")


def _run(args: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv, project): a wheel built from a clean copy, a venv with it installed, a copy of the project."""
    base = tmp_path_factory.mktemp("wiel")
    source = base / "bron"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "schemas", source / "schemas")
    shutil.copytree(REPO / "src", source / "src", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                  "--disable-pip-version-check", "-w", base / "dist", source], cwd=base)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("kompaswaaier-*.whl")

    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "kompaswaaier-afhankelijkheden.pth").write_text("".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    install = _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", wheel], cwd=base)
    assert install.returncode == 0, install.stderr

    project = base / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, project / name)
    return wheel, venv, project


def test_the_package_symlinks_the_top_level_schemas():
    link = REPO / "src" / "kompaswaaier" / "schemas"
    assert link.is_symlink() and os.readlink(link) == "../../schemas"


def test_the_wheel_carries_exactly_the_top_level_schemas(installed):
    wheel, _, _ = installed
    with zipfile.ZipFile(wheel) as zf:
        packaged = {Path(n).name: zf.read(n) for n in zf.namelist() if n.startswith("kompaswaaier/schemas/")}
        names = set(zf.namelist())
    assert packaged == {p.name: p.read_bytes() for p in (REPO / "schemas").iterdir()}
    for folder in ("templates", "assets", "assets/zoeken"):
        shipped = {p.name for p in (REPO / "src" / "kompaswaaier" / folder).iterdir() if p.is_file()}
        assert shipped and {f"kompaswaaier/{folder}/{n}" for n in shipped} <= names, folder


def test_the_venv_uses_the_wheel_not_the_checkout(installed):
    _, venv, project = installed
    found = _run([venv / "bin" / "python", "-c", "import kompaswaaier.resources as p; print(p.PACKAGE_DIR); print(p.CHECKOUT)"],
                 cwd=project)
    package_dir, checkout = found.stdout.splitlines()
    assert Path(package_dir).is_relative_to(venv) and checkout == "None"


def test_controleer_and_bouw_from_the_wheel(installed):
    _, venv, project = installed
    kompaswaaier = venv / "bin" / "kompaswaaier"
    checked = _run([kompaswaaier, "controleer", "--stil"], cwd=project)
    assert (checked.returncode, checked.stderr) == (0, "")
    built = _run([kompaswaaier, "bouw"], cwd=project)
    assert built.returncode == 0, built.stderr
    assert "interne fout" not in built.stderr
    for version in ("clienten", "professionals", "organisaties"):
        assert (project / "site" / version / "waaier" / "index.html").is_file(), version
    assert (project / "site" / "index.html").is_file()
    assert not (REPO / "build").exists()  # the wheel was built from the copy, not in the repository
