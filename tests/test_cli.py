"""Every CLI verb has Dutch help and is documented in the README."""

from __future__ import annotations

import pytest

from kompaswaaier.commands import COMMANDS
from kwtest import REPO


@pytest.mark.parametrize("verb", sorted(COMMANDS))
def test_verb_has_help_and_docs(run_cli, verb: str) -> None:
    assert (COMMANDS[verb].__doc__ or "").strip(), f"{verb}: module docstring (help text) ontbreekt"
    result = run_cli(verb, "--help")
    assert result.code == 0
    assert result.out.startswith(f"gebruik: kompaswaaier {verb}")
    assert "opties:" in result.out and "options:" not in result.out
    assert f"kompaswaaier {verb}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_top_level_help_lists_every_verb(run_cli) -> None:
    result = run_cli("--help")
    assert result.code == 0
    for verb in COMMANDS:
        assert f"\n    {verb}" in result.out


def test_no_verb_is_a_usage_error(run_cli) -> None:
    assert run_cli().code == 2



def test_a_reader_that_stops_early_gets_no_internal_error(tmp_path) -> None:
    """`kompaswaaier zoek … | head -1`: the pipe closes early; the tool stops quietly (exit 141, like SIGPIPE)."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: the first write fails with EPIPE
    script = "import signal, sys; signal.signal(signal.SIGPIPE, signal.SIG_IGN); from kompaswaaier.cli import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", script, "controleer"], cwd=REPO, stdout=write_end,
                            stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141
