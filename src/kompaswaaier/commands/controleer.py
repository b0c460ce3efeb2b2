"""Controleer items, waaiers en vaste lijsten en toon wat gepubliceerd wordt.

Zonder PAD wordt heel waaiers/ gecontroleerd. Een PAD mag een bestand of een map
zijn, ook buiten waaiers/. Elk probleem verschijnt als 'pad:regel: veld: melding'.
Daarna volgt een overzicht: hoeveel items gelezen, geldig en gepubliceerd zijn (per
versie en per niveau: opgenomen door de werkgroep, aanbevolen door de Kompaspartijen,
aangedragen), en waarom elk niet-gepubliceerd item wordt tegengehouden.

Afsluitcode: 0 als alles geldig is, 1 bij problemen in de gegevens, 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse

from kompaswaaier.commands import options
from kompaswaaier.errors import display_path
from kompaswaaier.model import LEVELS, VERSIONS
from kompaswaaier.select import decide, withheld_reasons
from kompaswaaier.validate.catalog import check


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paden", nargs="*", metavar="PAD", help="bestand of map (standaard: waaiers/)")
    options.add_vandaag(parser, "doe alsof het vandaag deze datum is (voor datumregels)")
    parser.add_argument("--stil", action="store_true", help="toon alleen problemen, geen overzicht")


def run(args: argparse.Namespace) -> int:
    result = check(args.paden, today=options.parse_today(args.vandaag))
    for problem in sorted(result.problems, key=lambda p: (p.path, p.line or 0, p.field)):
        print(problem.format())
    if args.stil:
        return 0 if result.ok else 1
    entries = result.catalog.entries
    invalid = len({f for f in result.entry_files if f in result.invalid_files})
    if result.problems:
        print()
    print(f"{_items(len(result.entry_files))} gelezen: {len(result.entry_files) - invalid} geldig, {invalid} ongeldig.")
    per_version = {v: sum(decide(e, v).published for e in entries) for v in VERSIONS}
    shown = [e for e in entries if any(decide(e, v).published for v in VERSIONS)]
    withheld = [e for e in entries if e not in shown]
    counts = ", ".join(f"{label} {per_version[v]}" for v, label in VERSIONS.items())
    print(f"Gepubliceerd: {_items(len(shown))} ({counts}).")
    for lvl, label in LEVELS.items():
        at_level = [e for e in shown if decide(e, "professionals").level == lvl]
        per = ", ".join(f"{vlabel} {sum(decide(e, v).published and decide(e, v).level == lvl for e in entries)}"
                        for v, vlabel in VERSIONS.items())
        print(f"  {label}: {_items(len(at_level))} ({per})")
    print(f"Tegengehouden: {_items(len(withheld))}{':' if withheld else '.'}")
    for entry in sorted(withheld, key=lambda e: e.path):
        reasons = withheld_reasons(entry) or ["geen samenvatting voor een versie"]
        print(f"  {display_path(entry.path)}: {'; '.join(reasons)}")
    if result.problems:
        files = len(result.invalid_files)
        print(f"{len(result.problems)} {'probleem' if len(result.problems) == 1 else 'problemen'} in {files} {'bestand' if files == 1 else 'bestanden'}.")
    return 0 if result.ok else 1


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"
