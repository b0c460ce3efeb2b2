"""Controleer alle webadressen in de items en waaiers: werken ze nog?

Elk adres wordt één keer opgevraagd, een paar tegelijk en met een tijdslimiet.
Uitkomst per adres: in orde, doorverwezen (werkt, maar op een ander adres),
kapot (bijvoorbeeld 404 niet gevonden), time-out of onbereikbaar. Elk adres dat
aandacht vraagt, verschijnt als 'pad:regel: veld: melding'; het volledige rapport
komt in --uitvoer als links.md en links.json.

Adressen die niet gecontroleerd moeten worden (bijvoorbeeld omdat de site
scripts weert), staan in links-uitzonderingen.txt: per regel het adres (of het
begin ervan met * aan het eind), een spatie en de reden.

Zonder netwerk zegt de opdracht dat en stopt ze netjes (afsluitcode 0). Een kapotte
link laat een pull request nooit mislukken: deze controle draait wekelijks apart.
Afsluitcode: 0, ook als er kapotte links zijn; met --streng 1 als er een adres kapot,
traag of onbereikbaar is. 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.resources import project_root
from kompaswaaier.validate.catalog import default_root
from kompaswaaier.werkgroep.linkcheck import (
    EXCLUSIONS_FILE,
    PROBLEMS,
    read_exclusions,
    run_check,
    summary,
    write_reports,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_waaiers(parser)
    parser.add_argument("--uitzonderingen", metavar="BESTAND", type=Path,
                        help=f"lijst van adressen die worden overgeslagen (standaard: {EXCLUSIONS_FILE})")
    parser.add_argument("--uitvoer", metavar="MAP", type=Path, default=Path("linkrapport"),
                        help="map voor het rapport (standaard: linkrapport/)")
    parser.add_argument("--time-out", metavar="SECONDEN", type=float, default=10.0, help="wachttijd per adres (standaard: 10)")
    parser.add_argument("--gelijktijdig", metavar="N", type=int, default=8, help="hoeveel adressen tegelijk (standaard: 8)")
    parser.add_argument("--streng", action="store_true", help="afsluitcode 1 als een adres kapot, traag of onbereikbaar is")


def run(args: argparse.Namespace) -> int:
    if args.time_out <= 0 or args.gelijktijdig < 1:
        raise UsageError("--time-out moet groter dan 0 zijn en --gelijktijdig minstens 1")
    root = (args.waaiers or default_root()).resolve()
    if not root.is_dir():
        raise UsageError(f"map niet gevonden: {display_path(root)}")
    exclusions = read_exclusions(args.uitzonderingen or project_root() / EXCLUSIONS_FILE)
    report = run_check(root, exclusions, timeout=args.time_out, workers=args.gelijktijdig)
    if report.offline:
        print("Geen netwerk: geen enkel webadres was bereikbaar (geen servernaam gevonden of geen verbinding). "
              "Er is niets gecontroleerd en geen rapport gemaakt; probeer het opnieuw met een werkende verbinding.")
        return 0
    found = [(place, result) for result in report.results if result.outcome != "ok" for place in result.places]
    for place, result in sorted(found, key=lambda pr: (pr[0].path, pr[0].line or 0, pr[0].field)):
        print(f"{place.format()}: {place.field}: {result.outcome}: {result.url}: {result.message}")
    for name in report.unreadable:
        print(f"{name}: niet gelezen; draai eerst kompaswaaier controleer")
    print(summary(report))
    md, js = write_reports(report, args.uitvoer)
    print(f"Rapport: {display_path(md)} en {display_path(js)}")
    broken = sum(report.counts()[o] for o in PROBLEMS)
    return 1 if args.streng and broken else 0
