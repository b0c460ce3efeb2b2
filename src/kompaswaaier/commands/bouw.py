"""Controleer de gegevens en bouw de site: startpagina plus drie versies.

De site komt in site/ (of --uitvoer): site/index.html met de drie deuren, en
site/clienten/, site/professionals/ en site/organisaties/. Zijn de gegevens niet
in orde, dan verschijnen alle problemen en blijft site/ zoals het was.

De site wordt gebouwd met ProperDocs als dat geïnstalleerd is, anders met MkDocs 1.6
(kies zelf met --bouwer of de omgevingsvariabele KOMPASWAAIER_BOUWER).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kompaswaaier.build import build_site
from kompaswaaier.commands import options
from kompaswaaier.errors import display_path
from kompaswaaier.mkdocs.engine import ENGINES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_waaiers(parser)
    parser.add_argument("--uitvoer", metavar="MAP", type=Path, help="map voor de site (standaard: site/)")
    options.add_vandaag(parser, "bouw alsof het vandaag deze datum is (datumregels, verlopen beoordelingen)")
    parser.add_argument("--bouwer", choices=list(ENGINES),
                        help="bouw met ProperDocs of MkDocs (standaard: ProperDocs als het geïnstalleerd is)")
    parser.add_argument("--stil", action="store_true", help="geen voortgang tonen")


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag) if args.vandaag else None
    report = build_site(waaiers=args.waaiers, output=args.uitvoer, quiet=args.stil, today=today, engine=args.bouwer)
    parts = ", ".join(f"{name} {n}" for name, n in report.pages.items() if name != "start")
    print(f"Site gebouwd in {display_path(report.output)} in {report.seconds:.1f} s met {report.engine} (pagina's: {parts}).")
    return 0
