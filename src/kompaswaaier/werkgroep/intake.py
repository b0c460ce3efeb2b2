"""From a GitHub issue made with one of our forms to a branch, a pull request and a reply in plain Dutch.

The workflow ``.github/workflows/aandragen.yml`` runs ``kompaswaaier verwerk-issue`` on every issue that
is opened or edited with the label of a form. :func:`process` is the whole decision: it takes the text of
the issue (hostile input: it is only ever parsed, never executed or put in a command) and returns an
:class:`Intake`: the files to write, the branch, the title and text of the pull request, the commit
message and the reply for the issue. The workflow then only does git and ``gh``.

Two forms go through here (:data:`FORMS`, label -> handler):

* ``aanmelding`` (``nieuw-item.yml``): the same code as ``kompaswaaier nieuw --uit-issue``
  (:mod:`kompaswaaier.werkgroep.newentry`), checked with the same checks as ``kompaswaaier controleer``
  in a copy of the catalogue, with the level the entry would reach (:mod:`kompaswaaier.select`).
* ``besluit`` ("Besluit van de werkgroep"): :mod:`kompaswaaier.werkgroep.decision`; only for members of
  the repository (author association OWNER, MEMBER or COLLABORATOR).

Everything the submitter wrote that comes back in the reply stands in a code span or code block, so it
cannot mention people, link, or add HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kompaswaaier.errors import Problem, UsageError
from kompaswaaier.load.document import load_bytes
from kompaswaaier.model import UNKNOWN, VERSIONS, Catalog, Entry, level_label
from kompaswaaier.select import decide, level, withheld_reasons
from kompaswaaier.validate.catalog import check_new_entry, load
from kompaswaaier.werkgroep import decision as decisions
from kompaswaaier.werkgroep import newentry
from kompaswaaier.werkgroep.markdown import block, code

#: GitHub stores at most 65,536 characters in an issue body; anything longer did not come from GitHub.
MAX_BODY = 65_536
#: GitHub refuses comments longer than 65,536 characters; the reply stays well below that.
MAX_REPLY = 60_000
#: Author associations (GitHub's ``author_association``) that may record a werkgroep decision.
MEMBERS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
#: The hidden marker by which the workflow finds its own reply on the issue to edit it in place.
REPLY_MARKER = "kompaswaaier:verwerk-issue"
BRANCH_PREFIX = "kompaswaaier/issue-"


def branch_name(number: int) -> str:
    """The one branch per issue that the workflow force-pushes: ``kompaswaaier/issue-12``."""
    return f"{BRANCH_PREFIX}{number}"


@dataclass(frozen=True)
class Intake:
    """What to do with one issue. No files means: no branch and no pull request, only the reply."""

    form: str
    number: int
    reply: str
    files: dict[str, str] = field(default_factory=dict)
    pr_title: str = ""
    pr_body: str = ""
    commit_message: str = ""

    @property
    def branch(self) -> str:
        return branch_name(self.number)

    @property
    def makes_pull_request(self) -> bool:
        return bool(self.files)


@dataclass(frozen=True)
class Issue:
    """An issue as the workflow passes it on."""

    number: int
    body: str
    #: The day the issue was filed (the date of submission); today when unknown.
    filed: dt.date
    #: GitHub's author_association of whoever filed the issue.
    association: str = "NONE"
    #: The branch exists and holds commits that the workflow did not make: leave it alone.
    branch_edited: bool = False


def _truncate(reply: str) -> str:
    if len(reply) <= MAX_REPLY:
        return reply
    return reply[:MAX_REPLY].rsplit("\n", 1)[0] + "\n\n(Dit bericht is ingekort: het was te lang voor GitHub.)\n"


# --- the form 'Nieuw instrument of voorbeeld aandragen' --------------------------------------

#: Flags of ``kompaswaaier nieuw`` (as ``newentry.validate`` names them) -> the question on the form.
FLAG_QUESTIONS: dict[str, str] = {
    "--titel": newentry.ISSUE_LABELS["titel"],
    "--slug": newentry.ISSUE_LABELS["titel"],
    "--bouwsteen": newentry.ISSUE_LABELS["bouwsteen"],
    "--soort": newentry.ISSUE_LABELS["soort"],
    "--samenvatting-professionals (of -organisaties, -clienten)": newentry.ISSUE_LABELS["samenvatting"],
    "--doel": newentry.ISSUE_LABELS["doel"],
    "--link": newentry.ISSUE_LABELS["link"],
    "--bron": newentry.ISSUE_LABELS["bronnen"],
    "--voor-wie": newentry.ISSUE_LABELS["voor_wie"],
    "--setting": newentry.ISSUE_LABELS["setting"],
    "--themas": newentry.ISSUE_LABELS["themas"],
    "--perspectief": newentry.ISSUE_LABELS["perspectief"],
}
#: Facts that do not hold publication back but help the werkgroep, in the submitter's words.
OTHER_UNKNOWNS: dict[str, str] = {
    "eigenaar": "wie het gemaakt heeft of beheert",
    "door": "namens wie je het aandraagt",
    "perspectief": "vanuit welk perspectief je het aandraagt",
}
NOT_READ = "Ik heb daarom geen bestand gemaakt of bijgewerkt."
CHANGE_HINT = ("Wil je iets veranderen? Pas dit issue aan: klik op de drie puntjes rechtsboven je bericht en dan op "
               "**Edit**. Het voorstel en dit bericht worden dan vanzelf bijgewerkt.")


def _form_problem(message: str) -> str:
    """``'--doel: waarvoor je het gebruikt ontbreekt'`` -> ``'Waarvoor gebruik je het?: ...'``."""
    flag, sep, rest = message.partition(": ")
    if sep and flag in FLAG_QUESTIONS:
        return f"{FLAG_QUESTIONS[flag]}: {rest}"
    if sep and flag.startswith("--criterium"):
        return f"criteria: {rest}"
    return message


#: Top-level fields of an entry -> the key of the question on the form that fills it (for messages).
FIELD_QUESTIONS: dict[str, str] = {
    "titel": "titel", "slug": "titel", "soort": "soort", "bouwstenen": "bouwsteen", "samenvatting": "samenvatting",
    "doel": "doel", "eigenaar": "eigenaar", "links": "link", "kosten": "kosten", "bronnen": "bronnen",
    "voor_wie": "voor_wie", "setting": "setting", "themas": "themas", "ontwikkeld_met": "ontwikkeld_met",
    "toetsing": "door", "aangedragen": "door",
}


def _check_problem(problem: Problem) -> str:
    """A problem of the rendered file, named by the question on the form: ``Wat kost het? (kosten): ...``."""
    top = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    key = "perspectief" if problem.field == "aangedragen.perspectief" else FIELD_QUESTIONS.get(top)
    if key:
        return f"{newentry.ISSUE_LABELS[key]} ({problem.field}): {problem.message}"
    if top == "criteria":
        crit = problem.field.split(".")[1] if "." in problem.field else ""
        question = newentry.CRITERIA_QUESTIONS.get(crit)
        if question:
            return f"{question} ({problem.field}): {problem.message}"
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def _versions(codes: list[str]) -> str:
    names = [f"de versie voor {VERSIONS[v]}" for v in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _site_section(entry: Entry | None) -> list[str]:
    """Would the entry be published, at which level, and if not, what holds it back."""
    out = ["### Komt het op de site?"]
    if entry is None:
        out.append("Nog niet: eerst moeten de problemen hierboven worden opgelost.")
        return out
    shown = [v for v in VERSIONS if decide(entry, v).published]
    lvl = level(entry)
    reasons = withheld_reasons(entry)
    others = [v for v in entry.versions if v != "clienten"]
    if shown:
        out.append(f"Ja. Als de werkgroep het voorstel goedkeurt, staat het in {_versions(shown)} met het niveau "
                   f"**{level_label(lvl, shown[0])}**.")
    elif reasons:
        out += ["Nog niet. Dit houdt het nog tegen:", *[f"- {reason}" for reason in reasons], ""]
        if others:
            out.append(f"Is dat opgelost, dan komt het in {_versions(others)} met het niveau "
                       f"**{level_label(lvl, others[0])}**.")
    else:
        out.append("Nog niet: de versie voor cliënten en naasten toont alleen wat de werkgroep opnam of de "
                   "Kompaspartijen aanbevelen, en er is nog geen beschrijving voor professionals of organisaties.")
    out.append("Neemt de werkgroep het op, dan wordt het niveau **Opgenomen door de werkgroep**; "
               "dan komt het ook in de versie voor cliënten en naasten, als er een beschrijving voor hen is.")
    return out


def _other_unknowns(draft: newentry.Draft) -> list[str]:
    out = [text for key, text in OTHER_UNKNOWNS.items() if getattr(draft, key) == UNKNOWN]
    out += [f"het webadres van de bron {code(s['titel'])}" for s in draft.bronnen if not s.get("url")]
    return out


def new_entry(issue: Issue, root: Path, today: dt.date) -> Intake:
    """The form 'Nieuw instrument of voorbeeld aandragen': one new entry file with status 'ingediend'."""
    form = "aanmelding"
    catalog: Catalog = load(root, today=today).catalog
    try:
        draft = newentry.draft_from_issue(issue.body, catalog)
    except UsageError as exc:
        return Intake(form, issue.number, "\n".join([
            "Dank je wel voor je aanmelding. Ik kon het formulier helaas niet goed lezen:", "",
            block(str(exc).splitlines()), "", NOT_READ,
            "Klopt er iets niet in het formulier? Pas dit issue aan; dan probeer ik het opnieuw.", ""]))
    draft.datum = issue.filed.isoformat()
    thanks = f"Dank je wel voor je aanmelding van {code(draft.titel)}." if draft.titel else "Dank je wel voor je aanmelding."
    missing = [_form_problem(p) for p in newentry.validate(draft, catalog)]
    if missing:
        return Intake(form, issue.number, "\n".join([
            thanks, "", "### Wat nog ontbreekt",
            "Zonder deze antwoorden kan ik er nog geen bestand van maken:", "",
            block(missing), "", NOT_READ, CHANGE_HINT, ""]))
    existing = newentry.existing_slug(root, draft.file_slug)
    if existing is not None:
        shown = f"{root.name}/{existing.relative_to(root).as_posix()}"
        return Intake(form, issue.number, "\n".join([
            thanks, "", "### Dit item bestaat al",
            f"Er staat al een item met de naam {code(draft.file_slug)} in de waaier: {code(shown)}. {NOT_READ}",
            "Klopt er iets niet aan het bestaande item? Meld het met het formulier **Een item klopt niet of is verouderd**. "
            "Gaat het om iets anders met bijna dezelfde naam? Pas dan de naam in dit issue aan.", ""]))
    assert draft.bouwsteen is not None
    waaier = catalog.waaiers[draft.bouwsteen]
    shown = f"{root.name}/{waaier.folder}/{draft.file_slug}.yml"
    text = newentry.render_entry(draft)
    found = check_new_entry(root, root / waaier.folder / f"{draft.file_slug}.yml", text, today)
    if found:
        return Intake(form, issue.number, "\n".join([
            thanks, "", "### Wat niet klopt",
            f"De controle van de waaier vond {len(found)} {'probleem' if len(found) == 1 else 'problemen'} in wat het "
            "bestand zou worden:", "", block([_check_problem(p) for p in sorted(found)]), "", NOT_READ, CHANGE_HINT, ""]))
    doc, _ = load_bytes(text.encode("utf-8"), shown)
    entry = Entry(doc) if doc is not None else None

    checked = ["### Wat de controle vond", "Geen problemen: het bestand voldoet aan alle regels van de waaier."]
    unknown = _other_unknowns(draft)
    later = ["### Wat verder nog onbekend is",
             "Dit houdt publicatie niet tegen, maar helpt de werkgroep. Weet je het, vul het dan aan in dit issue:", "",
             *[f"- {u}" for u in unknown]] if unknown else []
    steps = ["### Wat er nu gebeurt",
             f"{waaier.data['werkgroep']} bekijkt het voorstel. Vragen stelt de werkgroep hier of in de pull request; "
             "je krijgt daarvan een e-mail van GitHub.", CHANGE_HINT]
    made = ["### Wat ik heb gemaakt", *_made(issue, f"Het bestand {code(shown)}, met status *ingediend*.")]
    sections = [made, checked, _site_section(entry), later, steps]
    reply = "\n".join([thanks, ""] + [line for s in sections if s for line in [*s, ""]])
    pr_body = "\n".join([
        f"Aanmelding met het formulier in #{issue.number}, omgezet door de workflow *Aanmelding of besluit via een issue* "
        "(`kompaswaaier verwerk-issue`, dezelfde code als `kompaswaaier nieuw --uit-issue`).", "",
        f"Closes #{issue.number} (GitHub sluit het issue als deze pull request wordt samengevoegd.)", "",
        f"- Nieuw bestand: {code(shown)} (status *ingediend*)",
        f"- Bouwsteen {draft.bouwsteen}: {waaier.data['werkgroep']}", "",
        *checked, "", *_site_section(entry), "",
        "De werkgroep vult aan wat nog `onbekend` is en beoordeelt het item; zie CONTRIBUTING.md.", ""])
    title = " ".join(draft.titel.split())
    return _finish(form, issue, reply, {shown: text}, f"Aanmelding: {title}", pr_body,
                   f"Add entry {draft.file_slug} from issue #{issue.number}\n\n"
                   "Submitted with the issue form; converted by kompaswaaier verwerk-issue.\n")


def _made(issue: Issue, what: str) -> list[str]:
    """What the workflow made, or why it leaves a branch alone that someone else changed."""
    if issue.branch_edited:
        return [f"Niets nieuws. Iemand van de werkgroep heeft het voorstel (de tak {code(branch_name(issue.number))}) "
                "al zelf aangepast. Om dat werk niet te overschrijven, verander ik het voorstel niet meer. Wil je nog "
                "iets veranderen? Zet het dan als reactie in de pull request."]
    return [f"{what} Het staat in een voorstel voor de werkgroep (een pull request); dat zie je rechts bij "
            "**Development**. Deze pull request maakt het issue dicht als hij wordt samengevoegd."]


def _finish(form: str, issue: Issue, reply: str, files: dict[str, str], title: str, body: str, commit: str) -> Intake:
    """The intake with its pull request, unless someone else changed the branch (then the reply only)."""
    if issue.branch_edited:
        return Intake(form, issue.number, _truncate(reply))
    return Intake(form, issue.number, _truncate(reply), files=files, pr_title=title[:256], pr_body=_truncate(body),
                  commit_message=commit)


# --- the form 'Besluit van de werkgroep' -----------------------------------------------------

def decision(issue: Issue, root: Path, today: dt.date) -> Intake:
    """The form 'Besluit van de werkgroep': members only; the rest is :func:`kompaswaaier.werkgroep.decision.intake`
    (the same code as ``kompaswaaier beoordeel``)."""
    if issue.association not in MEMBERS:
        return Intake("besluit", issue.number, "\n".join([
            "Dank je wel. Een besluit van de werkgroep kan alleen worden vastgelegd door leden van de werkgroep "
            "(mensen met schrijfrechten in deze repository). " + NOT_READ,
            "Wil je iets zeggen over een item? Zet het als reactie bij dit issue, of gebruik het formulier "
            "**Een item klopt niet of is verouderd**.", ""]))
    result: Intake = decisions.intake(issue, root, today)
    return result


#: Label of the issue form -> what to do with it. The workflow runs only for these labels.
FORMS: dict[str, Callable[[Issue, Path, dt.date], Intake]] = {
    "aanmelding": new_entry,
    "besluit": decision,
}


def process(form: str, issue: Issue, root: Path, today: dt.date) -> Intake:
    """Everything the workflow does with one issue, decided without touching the working tree."""
    if form not in FORMS:
        raise UsageError(f"onbekend formulier '{form}'; kies uit: {', '.join(FORMS)}")
    if len(issue.body) > MAX_BODY:
        return Intake(form, issue.number, f"Dit issue is te lang om te verwerken (meer dan {MAX_BODY:,} tekens; "
                      f"zoveel bewaart GitHub niet). {NOT_READ}\n".replace(",", "."))
    return FORMS[form](issue, root, today)
