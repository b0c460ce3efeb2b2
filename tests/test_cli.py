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

