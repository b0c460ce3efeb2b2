"""Maak een nieuw item: een bestand waaiers/<bouwsteen-map>/<slug>.yml met status 'ingediend'.

Zonder opties stelt de opdracht de vragen één voor één (Enter kiest wat tussen [ ]
staat). Met opties gaat alles in één keer, bijvoorbeeld in een script:

  kompaswaaier nieuw --titel "Naam" --bouwsteen 1 --soort instrument \\
      --samenvatting-professionals "Korte beschrijving." --doel "Waarvoor." \\
      --bron "Titel van de bron https://voorbeeld.nl/pagina"

Een aanmelding via het GitHub-formulier 'Nieuw instrument of voorbeeld aandragen'
zet u om met --uit-issue BESTAND (de tekst van het issue, bijvoorbeeld met
'gh issue view 12 --json body -q .body > issue.md'). Opties naast --uit-issue gaan
voor wat in het issue staat.

Wat niet bekend is, wordt 'onbekend'. Een bestaand bestand wordt nooit overschreven.
Na het schrijven volgen dezelfde controles als bij 'kompaswaaier controleer'.
Afsluitcode: 0 geschreven en in orde, 1 geschreven maar met problemen, 2 niet geschreven.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.model import CRITERIA, UNKNOWN, VERSIONS, Catalog
from kompaswaaier.validate.catalog import default_root, load
from kompaswaaier.werkgroep import newentry
from kompaswaaier.werkgroep.newentry import Draft

CONTENT_FLAGS = ("titel", "slug", "bouwsteen", "soort", "samenvatting_clienten", "samenvatting_professionals",
                 "samenvatting_organisaties", "doel", "eigenaar", "link", "kosten", "bron", "criterium", "door",
                 "perspectief", "datum", *newentry.LIST_FIELDS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uit-issue", metavar="BESTAND", type=Path, help="tekst van een issue gemaakt met het aandraagformulier")
    options.add_waaiers(parser)
    options.add_vandaag(parser)
    parser.add_argument("--titel", help="naam van het instrument of voorbeeld")
    parser.add_argument("--slug", help="korte naam voor het bestand (standaard: afgeleid van de titel)")
    parser.add_argument("--bouwsteen", type=int, choices=range(1, 6), metavar="1-5", help="de bouwsteen waar het vooral bij hoort")
    parser.add_argument("--soort", metavar="CODE", help="soort (lijst: vocabulaires/soort.yml)")
    for version, label in VERSIONS.items():
        parser.add_argument(f"--samenvatting-{version}", metavar="TEKST", help=f"korte beschrijving voor {label}")
    parser.add_argument("--doel", metavar="TEKST", help="waarvoor je het gebruikt")
    parser.add_argument("--eigenaar", help="wie het maakte of beheert (standaard: onbekend)")
    parser.add_argument("--link", action="append", metavar="URL", help="webadres waar je het vindt (mag vaker)")
    parser.add_argument("--kosten", metavar="TEKST", help="wat het kost (standaard: onbekend)")
    parser.add_argument("--bron", action="append", metavar="'TITEL URL'", help="waar de informatie vandaan komt (mag vaker)")
    for fld, vocab in newentry.LIST_FIELDS.items():
        parser.add_argument(f"--{fld.replace('_', '-')}", metavar="CODES", help=f"codes met komma's (lijst: vocabulaires/{vocab}.yml)")
    parser.add_argument("--criterium", action="append", metavar="NAAM=OORDEEL[:WAAROM]",
                        help=f"oordeel per criterium, bijvoorbeeld kosteloos=ja:'Gratis te downloaden'; namen: {', '.join(CRITERIA)}")
    parser.add_argument("--door", help="wie het aandraagt (organisatie of groep; standaard: onbekend)")
    parser.add_argument("--perspectief", metavar="CODE", help="perspectief van wie het aandraagt (lijst: vocabulaires/perspectieven.yml)")
    parser.add_argument("--datum", metavar="JJJJ-MM-DD", help="datum van aandragen (standaard: vandaag)")


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag)
    root = (args.waaiers or default_root()).resolve()
    if not (root / "vocabulaires").is_dir():
        raise UsageError(f"geen map met gegevens gevonden: {display_path(root)} (verwacht: vocabulaires/ en de bouwsteenmappen)")
    body = None
    if args.uit_issue is not None:
        try:
            body = args.uit_issue.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"kan {args.uit_issue} niet lezen ({exc})") from None
    catalog = load(root, today=today).catalog
    interactive = args.uit_issue is None and all(getattr(args, f) is None for f in CONTENT_FLAGS)
    if interactive:
        draft = Questions(sys.stdin, sys.stdout, catalog, today).draft()
    else:
        draft = newentry.draft_from_issue(body, catalog) if body is not None else Draft()
        _apply_flags(draft, args, catalog)
        if draft.datum == UNKNOWN and args.datum is None:
            draft.datum = today.isoformat()
    path, result = newentry.write_entry(draft, catalog, today)
    shown = display_path(path)
    print(f"Nieuw item geschreven: {shown} (status: ingediend).")
    for problem in result.problems:
        print(problem.format())
    if result.problems:
        print(f"Let op: controleer vond {len(result.problems)} {'probleem' if len(result.problems) == 1 else 'problemen'}. "
              f"Verbeter het bestand en controleer opnieuw: kompaswaaier controleer {shown}")
        return 1
    waaier = catalog.waaiers[draft.bouwsteen]  # type: ignore[index]
    unknown = _still_unknown(draft)
    print("Gecontroleerd: geen problemen.")
    print("Wat nu?")
    print(f"  1. Vul aan wat nog onbekend is{': ' + ', '.join(unknown) if unknown else ''}. "
          "Noem bij elk oordeel over een criterium de bron.")
    print(f"  2. Controleer opnieuw: kompaswaaier controleer {shown}")
    print(f"  3. Maak een pull request. {waaier.data['werkgroep']} beoordeelt het item; zie CONTRIBUTING.md.")
    return 0


def _still_unknown(draft: Draft) -> list[str]:
    out = [name for name, value in (("eigenaar", draft.eigenaar), ("kosten", draft.kosten), ("aangedragen.door", draft.door),
                                    ("aangedragen.perspectief", draft.perspectief)) if value == UNKNOWN]
    out += [f"criteria.{k}" for k in CRITERIA if draft.criteria.get(k, (UNKNOWN, ""))[0] == UNKNOWN]
    if not draft.links:
        out.append("links")
    return out


def _apply_flags(draft: Draft, args: argparse.Namespace, catalog: Catalog) -> None:
    """Flags override what the issue said."""
    for name in ("titel", "slug", "soort", "doel", "eigenaar", "kosten", "door", "perspectief", "datum"):
        value = getattr(args, name)
        if value is not None:
            setattr(draft, name, newentry.clean(value))
    if args.bouwsteen is not None:
        draft.bouwsteen = args.bouwsteen
    for version in VERSIONS:
        value = getattr(args, f"samenvatting_{version}")
        if value is not None:
            draft.samenvatting[version] = newentry.clean(value)
    if args.link:
        draft.links = [newentry.clean(u) for u in args.link]
    if args.bron:
        draft.bronnen = [newentry.parse_source(b) for b in args.bron]
    for fld in newentry.LIST_FIELDS:
        value = getattr(args, fld)
        if value is not None:
            draft.lists[fld] = [c.strip() for c in value.split(",") if c.strip()]
    for item in args.criterium or []:
        key, sep, rest = item.partition("=")
        if not sep:
            raise UsageError(f"--criterium: schrijf NAAM=OORDEEL[:WAAROM], bijvoorbeeld kosteloos=ja:'Gratis'; niet '{item}'")
        verdict, _, why = rest.partition(":")
        draft.criteria[key.strip()] = (verdict.strip().lower(), newentry.clean(why))


class Questions:
    """Asks for the essentials one by one on a text stream; re-asks after a wrong answer."""

    def __init__(self, inp: TextIO, out: TextIO, catalog: Catalog, today: dt.date):
        self.inp, self.out, self.catalog, self.today = inp, out, catalog, today

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, question: str, default: str = "", *, required: bool = False,
            check: Callable[[str], str | None] | None = None) -> str:
        for _attempt in range(5):
            shown = f" [{default}]" if default else ""
            print(f"{question}{shown}: ", end="", file=self.out, flush=True)
            line = self.inp.readline()
            if not line:
                print(file=self.out)
                raise UsageError("de invoer stopte voordat alle vragen beantwoord waren; er is niets geschreven")
            if not self.inp.isatty():
                print(line.rstrip("\n"), file=self.out)  # show piped answers, so the transcript reads well
            answer = newentry.clean(line) or default
            if required and not answer:
                self.say("  Dit is verplicht.")
                continue
            problem = check(answer) if check and answer else None
            if problem:
                self.say(f"  {problem}")
                continue
            return answer
        raise UsageError("vijf keer een antwoord dat niet past; er is niets geschreven")

    def choose(self, question: str, vocabulary: str, *, many: bool = False, skip: bool = True,
               exclude: tuple[str, ...] = ()) -> list[str]:
        """Pick codes from a vocabulary by number or code."""
        terms = [(code, term.get("label", code)) for code, term in
                 (self.catalog.vocabularies[vocabulary].terms.items() if vocabulary in self.catalog.vocabularies else [])
                 if code not in exclude]
        for n, (code, label) in enumerate(terms, 1):
            self.say(f"  {n:>2}. {label} ({code})")
        codes = [c for c, _ in terms]

        def parse(answer: str) -> tuple[list[str], list[str]]:
            picked: list[str] = []
            wrong: list[str] = []
            for part in [p.strip() for p in answer.split(",") if p.strip()]:
                code = codes[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(codes) else part
                (picked if code in codes else wrong).append(code)
            return picked, wrong

        def check(answer: str) -> str | None:
            picked, wrong = parse(answer)
            if wrong:
                return f"Niet in de lijst: {', '.join(wrong)}. Kies een nummer of code uit de lijst."
            if not many and len(picked) > 1:
                return "Kies er één."
            return None

        hint = "nummers of codes met komma's" if many else "nummer of code"
        hint += "; Enter = overslaan" if skip else ""
        answer = self.ask(f"{question} ({hint})", required=not skip, check=check)
        return parse(answer)[0] if answer else []

    def draft(self) -> Draft:
        c = self.catalog
        d = Draft()
        self.say("Nieuw item voor de waaier. Beantwoord de vragen; Enter kiest wat tussen [ ] staat.")
        self.say("Wat je niet weet, laat je leeg: dat wordt 'onbekend' en vult de werkgroep later aan.")
        self.say()
        d.titel = self.ask("Naam van het instrument of voorbeeld", required=True,
                           check=lambda a: "Hoogstens 200 tekens." if len(a) > 200 else None)
        d.slug = self.ask("Korte naam voor het bestand", newentry.slugify(d.titel), required=True, check=self._check_slug)
        self.say("Bouwstenen:")
        for n, waaier in sorted(c.waaiers.items()):
            self.say(f"  {n}. {waaier.data['titel']}")
        d.bouwsteen = int(self.ask("Bij welke bouwsteen hoort het vooral?", required=True,
                                   check=lambda a: None if a.isdigit() and int(a) in c.waaiers else "Kies een nummer uit de lijst."))
        self.say("Soorten:")
        d.soort = self.choose("Wat voor soort is het?", "soort", skip=False)[0]
        self.say("Lezers: 1. cliënten en naasten  2. professionals  3. organisaties")
        readers = list(VERSIONS)
        pick = self.ask("Voor wie schrijf je de korte beschrijving?", "2",
                        check=lambda a: None if a in ("1", "2", "3") or a in readers else "Kies 1, 2 of 3.")
        version = readers[int(pick) - 1] if pick.isdigit() else pick
        d.samenvatting[version] = self.ask("Korte beschrijving, in een paar zinnen", required=True)
        d.doel = self.ask("Waarvoor gebruik je het?", required=True)
        d.eigenaar = self.ask("Wie heeft het gemaakt of beheert het? (Enter = onbekend)", UNKNOWN)
        link = self.ask("Webadres waar je het vindt (Enter = geen)",
                        check=lambda a: None if newentry.URL.allows(a) else "Een webadres begint met https://.")
        d.links = [link] if link else []
        d.kosten = self.ask("Wat kost het? (Enter = onbekend)", UNKNOWN)
        source = self.ask("Waar komt deze informatie vandaan? (titel van de bron, eventueel met webadres)", required=True)
        d.bronnen = [newentry.parse_source(source)]
        for fld, question in (("voor_wie", "Voor wie is het bedoeld?"), ("setting", "Waar wordt het gebruikt?"),
                              ("themas", "Over welke onderwerpen gaat het?")):
            codes = self.choose(question, newentry.LIST_FIELDS[fld], many=True)
            if codes:
                d.lists[fld] = codes
        self.say()
        self.say("De criteria. Antwoord ja, nee of onbekend, en zeg waarom (noem de bron).")
        for key, question in newentry.CRITERIA_QUESTIONS.items():
            verdict = self.ask(f"{question} (ja/nee/onbekend)", UNKNOWN,
                               check=lambda a: None if a.lower() in newentry.VERDICTS else "Antwoord ja, nee of onbekend.").lower()
            why = self.ask("  Waarom?", newentry.NOT_YET_KNOWN if verdict == UNKNOWN else "", required=True)
            d.criteria[key] = (verdict, why)
        self.say()
        d.door = self.ask("Namens wie draag je het aan? (organisatie of groep; Enter = onbekend)", UNKNOWN)
        self.say("Perspectieven:")
        picked = self.choose("Vanuit welk perspectief draag je het aan?", "perspectieven", exclude=(UNKNOWN,))
        d.perspectief = picked[0] if picked else UNKNOWN
        d.datum = self.ask("Datum van aandragen (JJJJ-MM-DD)", self.today.isoformat(), check=self._check_date)
        self.say()
        return d

    def _check_slug(self, answer: str) -> str | None:
        if not newentry.SLUG.allows(answer):
            return "Alleen kleine letters, cijfers en streepjes (zoals 'drie-goede-vragen')."
        other = newentry.existing_slug(self.catalog.root, answer)
        if other is not None:
            return f"Er bestaat al een item met deze naam: {display_path(other)}. Kies een andere."
        return None

    def _check_date(self, answer: str) -> str | None:
        if answer == UNKNOWN:
            return None
        try:
            if not newentry.DATE.allows(answer):
                raise ValueError(answer)
            date = dt.date.fromisoformat(answer)
        except ValueError:
            return "Schrijf de datum als JJJJ-MM-DD, of 'onbekend'."
        return "Die datum ligt in de toekomst." if date > self.today else None
