"""Bekijk één versie van de site in de browser, met live herladen bij elke wijziging.

Voorbeeld: kompaswaaier bekijk --versie clienten  (of: make serve VERSIE=clienten)
"""

from __future__ import annotations

import argparse

from kompaswaaier.mkdocs import engine
from kompaswaaier.model import VERSIONS
from kompaswaaier.resources import PACKAGE_DIR, project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--versie", choices=list(VERSIONS), default="professionals", help="welke versie (standaard: professionals)")
    parser.add_argument("--adres", default="127.0.0.1:8000", help="adres en poort (standaard: 127.0.0.1:8000)")
    parser.add_argument("--bouwer", choices=list(engine.ENGINES),
                        help="ProperDocs of MkDocs (standaard: ProperDocs als het geïnstalleerd is)")


def run(args: argparse.Namespace) -> int:
    tool = engine.load(args.bouwer)
    root = project_root()
    tool.serve(config_file=str(root / "versies" / f"{args.versie}.yml"), dev_addr=args.adres,
               watch=[str(root / "waaiers"), str(PACKAGE_DIR / "templates")])
    return 0
