"""Bekijk één versie van de site in de browser, met live herladen bij elke wijziging.

Voorbeeld: kompaswaaier bekijk --versie clienten  (of: make serve VERSIE=clienten)
"""

from __future__ import annotations

import argparse

from ..model import VERSIONS
from ..paths import project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--versie", choices=list(VERSIONS), default="professionals", help="welke versie (standaard: professionals)")
    parser.add_argument("--adres", default="127.0.0.1:8000", help="adres en poort (standaard: 127.0.0.1:8000)")


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    root = project_root()
    serve(config_file=str(root / "versies" / f"{args.versie}.yml"), dev_addr=args.adres,
          watch=[str(root / "waaiers"), str(root / "src" / "kompaswaaier" / "templates")])
    return 0
