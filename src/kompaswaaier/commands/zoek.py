"""Zoek in de waaier, met dezelfde rangorde als het zoekvak en de zoekpagina van de site.

Voorbeelden:
  kompaswaaier zoek "open gesprek dementie"
  kompaswaaier zoek mantelzorger --versie clienten --setting thuis
  kompaswaaier zoek "belasting mantelzorger" --alle    (ook items die nog niet gepubliceerd zijn)

Elk zoekwoord moet in een item voorkomen (het begin van een woord is genoeg); vindt dat niets,
dan volgen items met een deel van de woorden. Filters werken zoals op de site: binnen één filter
is elke gekozen waarde goed, verschillende filters moeten allemaal kloppen. Zonder zoekwoorden
verschijnen alle items, op titel.

Afsluitcode: 0 (ook als er niets gevonden is), 1 bij problemen in de gegevens, 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse
import json

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError
from kompaswaaier.model import LEVELS, STATUS_LABELS, VERSIONS
from kompaswaaier.publish.search import FACETS, Result, Searcher, search_data, summary
from kompaswaaier.select import decide, level, view
from kompaswaaier.validate.catalog import load_catalog

#: CLI option per facet: --bouwsteen, --soort, --setting, --met-wie, --voor-wie, --zorgvragers, --thema, --vorm.
OPTIONS = {code: code.replace("-", "_") for code, _label, _field in FACETS}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("woorden", nargs="*", metavar="ZOEKWOORD", help="zoekwoorden (leeg: alle items)")
    parser.add_argument("--versie", choices=list(VERSIONS), default="professionals",
                        help="in welke versie van de site (standaard: professionals)")
    for code, label, _field in FACETS:
        parser.add_argument(f"--{code}", dest=OPTIONS[code], action="append", default=[], metavar="CODE",
                            help=f"filter '{label.lower()}' (mag vaker)")
    parser.add_argument("--aantal", type=int, default=10, metavar="N", help="toon hoogstens N items (standaard: 10; 0 = alle)")
    parser.add_argument("--alle", action="store_true",
                        help="zoek ook in geldige items die (nog) niet gepubliceerd zijn, met hun status")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON (voor scripts)")
    options.add_waaiers(parser)


def run(args: argparse.Namespace) -> int:
    if args.aantal < 0:
        raise UsageError("--aantal moet 0 of groter zijn")
    catalog = load_catalog(args.waaiers)
    entries = sorted(catalog.entries, key=lambda e: e.title.lower()) if args.alle else None
    data = search_data(view(catalog, args.versie), entries)
    searcher = Searcher(data)
    filters = {code: getattr(args, OPTIONS[code]) for code, _l, _f in FACETS if getattr(args, OPTIONS[code])}
    for facet in data["facetten"]:
        known = [v["code"] for v in facet["waarden"]]
        for value in filters.get(facet["code"], []):
            if value not in known:
                choices = ", ".join(known) if known else "(geen)"
                raise UsageError(f"--{facet['code']}: '{value}' komt niet voor in deze items; kies uit: {choices}")
    text = " ".join(args.woorden)
    result = searcher.search(text, filters)
    by_slug = {e.slug: e for e in (entries if entries is not None else catalog.entries)}
    shown = result.hits if args.aantal == 0 else result.hits[: args.aantal]
    if args.json:
        print(json.dumps({
            "zoekwoorden": text, "versie": args.versie, "termen": result.terms, "gedeeltelijk": result.partial,
            "aantal": len(result.hits),
            "items": [{
                "positie": n, "slug": h.slug, "titel": by_slug[h.slug].title, "score": round(h.score, 6),
                "pagina": f"waaier/{h.slug}/", "status": by_slug[h.slug].status,
                "niveau": decide(by_slug[h.slug], args.versie).level,
                "gepubliceerd": decide(by_slug[h.slug], args.versie).published,
            } for n, h in enumerate(shown, 1)],
        }, ensure_ascii=False, indent=1))
        return 0
    print(_heading(text, result, args, bool(filters)))
    for n, hit in enumerate(shown, 1):
        entry = by_slug[hit.slug]
        kind = catalog.label("soort", entry.data["soort"]).lower()
        if decide(entry, args.versie).published:
            print(f"{n:>2}. {entry.title} ({kind}, bouwsteen {entry.bouwsteen}, {_lower_first(LEVELS[level(entry)])})")
        else:
            print(f"{n:>2}. {entry.title} ({kind}, bouwsteen {entry.bouwsteen}) [niet gepubliceerd: {STATUS_LABELS[entry.status]}]")
        print(f"    {_short(summary(entry, args.versie))}")
        print(f"    waaier/{entry.slug}/")
    if len(shown) < len(result.hits):
        print(f"... en nog {len(result.hits) - len(shown)}; toon meer met --aantal {len(result.hits)}")
    return 0


def _heading(text: str, result: Result, args: argparse.Namespace, filtered: bool) -> str:
    n = len(result.hits)
    items = "1 item" if n == 1 else f"{n} items"
    scope = f"versie {args.versie}" + (", ook niet-gepubliceerde items" if args.alle else "") + (", met filters" if filtered else "")
    if not n:
        return f"Niets gevonden voor '{text}' ({scope})." if result.terms else f"Geen items ({scope})."
    if not result.terms:
        return f"{items}, op niveau en titel ({scope}):"
    if result.partial:
        return f"Geen items met al deze woorden; {items} met een deel van '{text}' ({scope}):"
    return f"{items} gevonden voor '{text}' ({scope}):"


def _short(value: str, limit: int = 110) -> str:
    words = " ".join(value.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]
