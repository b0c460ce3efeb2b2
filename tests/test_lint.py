"""ruff and mypy on src/ are clean (settings in pyproject.toml), so `make test` counts them."""

from __future__ import annotations

import subprocess
import sys

from kwtest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing_in_src():
    result = _run("ruff", "check", "--output-format", "concise", "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "All checks passed!\n"


def test_mypy_finds_nothing_in_src():
    result = _run("mypy")  # files = ["src"] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in ")
