"""Leg een besluit van de werkgroep over een item vast: opgenomen, met ontwikkelopgave, afgewezen of gearchiveerd.

Het besluit komt in het bestand van het item: status, beoordeling (werkgroep, datum,
toelichting en de link naar het verslag als bron) en bij een ontwikkelopgave het veld
ontwikkelopgave. Het vorige oordeel schuift door naar eerdere_beoordelingen, zodat de
geschiedenis blijft. De rest van het bestand (ook opmerkingen) blijft zoals het was.

Zonder opties stelt de opdracht de vragen één voor één (Enter kiest wat tussen [ ] staat).
Met opties gaat alles in één keer, bijvoorbeeld:

  kompaswaaier beoordeel mantelzorgwijzer --besluit opgenomen --datum 2026-11-20 \\
      --verslag https://voorbeeld.nl/verslag-werkgroep-2 \\
      --toelichting "Voldoet aan alle vier criteria."

Een besluit via het GitHub-formulier 'Besluit van de werkgroep' zet u om met
--uit-issue BESTAND (de tekst van het issue). Opties naast --uit-issue gaan voor wat
in het issue staat.

Het bestand wordt pas geschreven als het met het besluit door dezelfde controles komt
als bij 'kompaswaaier controleer'; anders verandert er niets. Met --proef toont de
opdracht de wijziging zonder te schrijven.
Afsluitcode: 0 vastgelegd (of met --proef: zou in orde zijn), 1 niet vastgelegd omdat het
bestand dan (of al) problemen heeft, 2 verkeerd gebruik (er is niets geschreven).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from kompaswaaier.commands import options
from kompaswaaier.commands.nieuw import Questions
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.model import Entry, date_nl
from kompaswaaier.validate.catalog import default_root, load
from kompaswaaier.werkgroep import decision
from kompaswaaier.werkgroep.decision import DECISIONS, Request
from kompaswaaier.werkgroep.newentry import URL, clean

CONTENT_FLAGS = ("besluit", "datum", "werkgroep", "verslag", "verslag_titel", "toelichting", "ontwikkelopgave")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", nargs="?", metavar="SLUG", help="korte naam van het item (de bestandsnaam zonder .yml)")
    parser.add_argument("--besluit", metavar="BESLUIT", help=f"het besluit: {', '.join(DECISIONS)}")
    parser.add_argument("--datum", metavar="JJJJ-MM-DD", help="datum van het besluit")
    parser.add_argument("--werkgroep", help="wie besloot (standaard: de werkgroep uit waaier.yml van de bouwsteen)")
    parser.add_argument("--verslag", metavar="URL", help="webadres van het verslag waarin het besluit staat")
    parser.add_argument("--verslag-titel", metavar="TEKST", help="titel van het verslag (standaard: 'Verslag van de werkgroep, DATUM')")
    parser.add_argument("--toelichting", metavar="TEKST", help="waarom dit besluit; bij afwijzen of archiveren de reden")
    parser.add_argument("--ontwikkelopgave", metavar="TEKST", help="wat er nog moet verbeteren (alleen bij opgenomen-met-ontwikkelopgave)")
    parser.add_argument("--uit-issue", metavar="BESTAND", type=Path, help="tekst van een issue gemaakt met het formulier 'Besluit van de werkgroep'")
    parser.add_argument("--proef", action="store_true", help="toon de wijziging en controleer haar, maar schrijf niets")
    options.add_waaiers(parser)
    options.add_vandaag(parser)


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag)
    root = (args.waaiers or default_root()).resolve()
    if not (root / "vocabulaires").is_dir():
        raise UsageError(f"geen map met gegevens gevonden: {display_path(root)} (verwacht: vocabulaires/ en de bouwsteenmappen)")
    interactive = args.uit_issue is None and all(getattr(args, f) is None for f in CONTENT_FLAGS)
    if interactive:
        catalog = load(root, today=today).catalog
        request = Asker(sys.stdin, sys.stdout, catalog, today).request(args.slug or "")
    else:
        request = Request()
        if args.uit_issue is not None:
            request = _from_issue(args.uit_issue)
        _apply_flags(request, args)
    outcome = decision.record(request, root, today, write=not args.proef)
    shown = display_path(outcome.path)
    if outcome.existing:
        print(f"Niet vastgelegd: {shown} heeft al problemen. Los die eerst op en probeer het dan opnieuw.")
        for problem in outcome.problems:
            print(problem.format())
        return 1
    if args.proef:
        print("".join(difflib.unified_diff(outcome.before.splitlines(keepends=True), outcome.after.splitlines(keepends=True),
                                           f"a/{shown}", f"b/{shown}")), end="")
    if outcome.problems:
        count = len(outcome.problems)
        print(f"Niet vastgelegd: met dit besluit zou {shown} {count} {'probleem' if count == 1 else 'problemen'} hebben. "
              "Er is niets veranderd.")
        for problem in outcome.problems:
            print(problem.format())
        return 1
    label = DECISIONS[request.besluit].split(" (")[0]
    assert outcome.entry is not None
    werkgroep = outcome.entry.data["beoordeling"]["werkgroep"]
    if args.proef:
        print(f"Proef: het besluit ({label}, {date_nl(request.datum)}) zou {shown} geldig laten. Er is niets geschreven.")
        return 0
    print(f"Besluit vastgelegd in {shown}: {label} op {date_nl(request.datum)} door {werkgroep.rstrip('.')}.")
    if outcome.moved is not None:
        moved = outcome.moved
        when = date_nl(moved["datum"]) if moved["datum"] != "onbekend" else "datum onbekend"
        print(f"Het vorige oordeel ({decision_word(moved['status'])}, {when}) staat nu in eerdere_beoordelingen.")
    print("Gecontroleerd: geen problemen.")
    print(f"Op de site: {decision.on_site(outcome.entry)}")
    print("Wat nu?")
    print(f"  1. Bekijk de wijziging: git diff {shown}")
    print(f"  2. Maak een pull request met het besluit en de link naar het verslag. Na het samenvoegen staat het besluit op "
          f"de pagina 'Besluiten' van bouwsteen {outcome.entry.bouwsteen} (versie voor organisaties).")
    return 0


def decision_word(status: str) -> str:
    """A status in the words of a decision."""
    return DECISIONS.get(status, status.replace("-", " ")).split(" (")[0]


def _from_issue(path: Path) -> Request:
    try:
        body = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"kan {path} niet lezen ({exc})") from None
    request, found = decision.decision_from_issue(body)
    if request is None:
        raise UsageError("het besluit is niet vastgelegd; het issue heeft problemen:\n  " + "\n  ".join(found))
    return request


def _apply_flags(request: Request, args: argparse.Namespace) -> None:
    """Flags override what the issue said."""
    if args.slug is not None:
        request.slug = args.slug.strip()
    for name in CONTENT_FLAGS:
        value = getattr(args, name)
        if value is not None:
            setattr(request, name, clean(value))


class Asker(Questions):
    """The questions of ``kompaswaaier beoordeel``, with the prompt machinery of ``kompaswaaier nieuw``."""

    def request(self, slug: str) -> Request:
        c = self.catalog
        r = Request(slug=slug)
        self.say("Besluit van de werkgroep. Beantwoord de vragen; Enter kiest wat tussen [ ] staat.")
        self.say()
        known = {e.slug: e for e in c.entries}
        r.slug = self.ask("Korte naam van het item (de bestandsnaam zonder .yml)", slug, required=True,
                          check=lambda a: None if a in known else _unknown(a, known))
        entry = known[r.slug]
        self.say(f"Item: {' '.join(entry.title.split())} (nu: {decision_word(entry.status)}).")
        self.say("Besluiten:")
        codes = list(DECISIONS)
        for n, (code, words) in enumerate(DECISIONS.items(), 1):
            self.say(f"  {n}. {words} ({code})")
        pick = self.ask("Wat besloot de werkgroep? (nummer of code)", required=True,
                        check=lambda a: None if a in codes or (a.isdigit() and 1 <= int(a) <= len(codes)) else "Kies een nummer of code uit de lijst.")
        r.besluit = codes[int(pick) - 1] if pick.isdigit() else pick
        r.datum = self.ask("Datum van het besluit (JJJJ-MM-DD)", self.today.isoformat(), check=self._check_decision_date)
        r.werkgroep = self.ask("Welke werkgroep besloot?", decision.default_werkgroep(c, entry), required=True,
                               check=lambda a: f"Hoogstens {decision.SHORT} tekens." if len(a) > decision.SHORT else None)
        r.verslag = self.ask("Webadres van het verslag met het besluit", required=True,
                             check=lambda a: None if URL.allows(a) else "Een webadres begint met https://.")
        why = "Waarom is het afgewezen?" if r.besluit == "afgewezen" else \
            "Waarom gaat het uit de waaier?" if r.besluit == "gearchiveerd" else "Toelichting bij het besluit"
        r.toelichting = self.ask(why, required=True)
        if r.besluit == "opgenomen-met-ontwikkelopgave":
            r.ontwikkelopgave = self.ask("Wat moet er nog verbeteren? (de ontwikkelopgave)", required=True)
        self.say()
        return r

    def _check_decision_date(self, answer: str) -> str | None:
        if answer == "onbekend":
            return "Een besluit dat u nu vastlegt, heeft een datum."
        return self._check_date(answer)


def _unknown(slug: str, known: dict[str, Entry]) -> str:
    close = difflib.get_close_matches(slug, list(known), n=3)
    return f"Geen item met die naam{'; bedoelt u ' + ' of '.join(close) + '?' if close else '.'}"
