"""Verwerk een issue gemaakt met een formulier: bestand, tak, pull request en antwoord.

Dit doet de workflow .github/workflows/aandragen.yml bij elk issue met het label van
een formulier ('aanmelding': Nieuw instrument of voorbeeld aandragen; 'besluit':
Besluit van de werkgroep), en u kunt het zelf draaien om te zien wat de workflow zou
doen. De tekst van het issue wordt alleen gelezen, nooit uitgevoerd.

  kompaswaaier verwerk-issue --formulier aanmelding --nummer 12 --tekst issue.md --uitvoer uit/

In de map --uitvoer komen:
  antwoord.md    het antwoord voor het issue (altijd)
  tak.txt        de tak voor de pull request, bijvoorbeeld kompaswaaier/issue-12
  pr-titel.txt, pr-tekst.md, commit.txt, bestanden.txt
                 titel en tekst van de pull request, de commit en de geschreven bestanden
                 (alleen als er een bestand gemaakt is)
Het bestand zelf (nieuw, of bij een besluit het aangepaste item) komt in waaiers/ (of
--waaiers MAP), zoals bij 'kompaswaaier nieuw' en 'kompaswaaier beoordeel'.

Afsluitcode: 0 als het antwoord geschreven is (ook als de aanmelding nog onvolledig is: dat
staat in het antwoord), 2 bij verkeerd gebruik.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kompaswaaier.commands import options
from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.validate.catalog import default_root
from kompaswaaier.werkgroep import intake


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--formulier", required=True, choices=list(intake.FORMS), help="het label van het formulier")
    parser.add_argument("--nummer", required=True, type=int, metavar="N", help="het nummer van het issue")
    parser.add_argument("--tekst", required=True, type=Path, metavar="BESTAND", help="de tekst van het issue")
    parser.add_argument("--uitvoer", required=True, type=Path, metavar="MAP", help="map voor het antwoord en de pull request")
    parser.add_argument("--datum", metavar="JJJJ-MM-DD", help="de dag waarop het issue gemaakt is (ook een tijdstip zoals "
                                                             "GitHub het geeft, 2026-11-20T09:30:00Z); standaard: vandaag")
    parser.add_argument("--rol", default="NONE", metavar="ROL",
                        help="author_association van wie het issue maakte (OWNER, MEMBER, COLLABORATOR, ...)")
    parser.add_argument("--tak-bewerkt", action="store_true",
                        help="de tak bestaat al en heeft commits van anderen: laat hem met rust")
    options.add_waaiers(parser)
    options.add_vandaag(parser)


def filed_date(value: str | None, today: dt.date) -> dt.date:
    """A date, or a GitHub timestamp as the day in the Netherlands; today when not given."""
    if not value:
        return today
    try:
        if "T" not in value:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--datum: '{value}' is geen datum (JJJJ-MM-DD) of tijdstip") from None
    if moment.tzinfo is None:
        return moment.date()
    try:
        return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # no time zone data on this machine: the day in UTC
        return moment.date()


def run(args: argparse.Namespace) -> int:
    today = options.parse_today(args.vandaag)
    if args.nummer < 1:
        raise UsageError(f"--nummer: {args.nummer} is geen nummer van een issue")
    root = (args.waaiers or default_root()).resolve()
    if not (root / "vocabulaires").is_dir():
        raise UsageError(f"geen map met gegevens gevonden: {display_path(root)} (verwacht: vocabulaires/ en de bouwsteenmappen)")
    try:
        body = args.tekst.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"kan {args.tekst} niet lezen ({exc.strerror or exc})") from None
    issue = intake.Issue(args.nummer, body, filed_date(args.datum, today), args.rol.strip().upper(), args.tak_bewerkt)
    result = intake.process(args.formulier, issue, root, today)

    out: Path = args.uitvoer
    out.mkdir(parents=True, exist_ok=True)
    (out / "antwoord.md").write_text(result.reply, encoding="utf-8")
    print(f"Antwoord geschreven: {display_path(out / 'antwoord.md')}")
    if not result.makes_pull_request:
        print("Geen bestand gemaakt, dus geen pull request.")
        return 0
    home = root.parent.resolve()
    written = []
    for relative, text in result.files.items():
        path = (home / relative).resolve()
        if not path.is_relative_to(root):  # defence in depth: intake only ever names files in the catalogue
            raise UsageError(f"weigert te schrijven buiten {display_path(root)}: {relative}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(relative)
        print(f"Bestand geschreven: {display_path(path)}")
    (out / "tak.txt").write_text(result.branch + "\n", encoding="utf-8")
    (out / "pr-titel.txt").write_text(result.pr_title, encoding="utf-8")  # no newline: it is the title as is
    (out / "pr-tekst.md").write_text(result.pr_body, encoding="utf-8")
    (out / "commit.txt").write_text(result.commit_message, encoding="utf-8")
    (out / "bestanden.txt").write_text("".join(f"{w}\n" for w in written), encoding="utf-8")
    print(f"Pull request klaargezet voor de tak {result.branch}.")
    return 0
