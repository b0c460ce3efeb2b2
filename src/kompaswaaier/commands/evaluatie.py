"""Toon de agenda voor de evaluatie van de waaiers, per bouwsteen.

Per bouwsteen: items waarvan het laatste oordeel ouder is dan de cyclus (waaier.yml,
evaluatie.cyclus_jaren) of dat binnen drie maanden wordt; oordelen zonder bekende
datum; de balans van perspectieven (wie droeg aan, voor wie is het bedoeld) tegen de
vier perspectieven van het Kompas; criteria die nog onbekend zijn; items zonder
eigenaar of vindplaats; en de open voorstellen (ingediend of in beoordeling).

Met --openbaar toont de opdracht alleen wat ook op de pagina 'Evaluatie' van de
versie voor organisaties staat: voorstellen die nog niet zijn opgenomen, worden
dan alleen geteld. Met --markdown komt de tekst precies zoals op die pagina.

Afsluitcode: 0 in orde, 1 als de gegevens problemen hebben, 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.render.agenda import agenda
from kompaswaaier.validate.catalog import load_catalog
from kompaswaaier.werkgroep.evaluation import evaluate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_vandaag(parser)
    parser.add_argument("--bouwsteen", type=int, choices=range(1, 6), metavar="1-5", help="alleen deze bouwsteen")
    options.add_waaiers(parser)
    parser.add_argument("--openbaar", action="store_true", help="alleen wat de openbare pagina toont")
    parser.add_argument("--markdown", action="store_true", help="als Markdown, zoals op de pagina")


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag)
    if args.waaiers is not None and not (args.waaiers / "vocabulaires").is_dir():
        raise UsageError(f"geen map met gegevens gevonden: {display_path(args.waaiers)} (verwacht: vocabulaires/ en de bouwsteenmappen)")
    catalog = load_catalog(args.waaiers)
    report = evaluate(catalog, today, args.bouwsteen)
    print(agenda(report, catalog, markdown=args.markdown, public=args.openbaar), end="")
    return 0
