"""Options that several commands share, defined once: ``--waaiers MAP`` and ``--vandaag JJJJ-MM-DD``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kompaswaaier.errors import UsageError

WAAIERS_HELP = "map met de gegevens (standaard: waaiers/)"
VANDAAG_HELP = "doe alsof het vandaag deze datum is"


def add_waaiers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--waaiers", metavar="MAP", type=Path, help=WAAIERS_HELP)


def add_vandaag(parser: argparse.ArgumentParser, help: str = VANDAAG_HELP) -> None:  # noqa: A002 (argparse's name)
    parser.add_argument("--vandaag", metavar="JJJJ-MM-DD", help=help)


def parse_today(value: str | None) -> dt.date:
    """The date given with --vandaag, or today."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--vandaag: '{value}' is geen datum (JJJJ-MM-DD)") from None
