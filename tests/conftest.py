"""Shared fixtures: run the CLI in-process, and small catalogues in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompaswaaier.cli import main
from kwtest import *  # noqa: F403  (re-exported for tests that import from conftest)
from kwtest import BOUWSTEEN_FOLDERS, REPO, Run, synthetic_waaier


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run ``kompaswaaier ARGS`` in-process and capture exit code and output."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def catalog_root(tmp_path: Path) -> Path:
    """A fresh catalogue in tmp_path: the shipped vocabularies, synthetic waaier.yml files, no entries."""
    root = tmp_path / "waaiers"
    shutil.copytree(REPO / "waaiers" / "vocabulaires", root / "vocabulaires")
    for number, folder in BOUWSTEEN_FOLDERS.items():
        (root / folder).mkdir()
        (root / folder / "waaier.yml").write_text(synthetic_waaier(number), encoding="utf-8")
    return root
