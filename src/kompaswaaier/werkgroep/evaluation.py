"""The evaluation of the waaiers: what each werkgroep should discuss, per bouwsteen.

Every waaier is evaluated once per cycle (``waaier.yml`` -> ``evaluatie.cyclus_jaren``).
:func:`evaluate` collects, per bouwsteen, the entries due for a new judgement, the
judgements without a known date, the balance of perspectives, criteria still
``onbekend``, entries without owner or source, and the open submissions.
:func:`kompaswaaier.render.agenda.agenda` writes that as an agenda: plain text for
``kompaswaaier evaluatie``, Markdown for the page in the organisation version (one template).

The public page names only entries that are published in some version; entries that
are not (yet) in the waaier are counted there, never named, because the site never
shows what a werkgroep has not accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from kompaswaaier.balance import Balance, balance
from kompaswaaier.model import ACCEPTED, CRITERIA, STATUS_LABELS, UNKNOWN, VERSIONS, Catalog, Entry, Waaier
from kompaswaaier.select import decide, next_review

#: Statuses that take part in the evaluation: in the waaier, or on their way in.
ACTIVE = frozenset(STATUS_LABELS) - {"afgewezen", "gearchiveerd"}
OPEN = ("ingediend", "in-beoordeling")
SOON_MONTHS = 3


@dataclass
class Due:
    """An accepted entry whose judgement expires (or expired) on ``due``."""

    entry: Entry
    last: dt.date
    due: dt.date
    overdue: bool


@dataclass
class BouwsteenReport:
    """The agenda items of one bouwsteen."""

    waaier: Waaier
    entries: list[Entry]
    status_counts: dict[str, int]
    due: list[Due] = field(default_factory=list)
    date_unknown: list[Entry] = field(default_factory=list)
    balance: Balance = field(default_factory=Balance)
    active: int = 0
    criteria_unknown: list[tuple[Entry, list[str]]] = field(default_factory=list)
    missing: list[tuple[Entry, list[str]]] = field(default_factory=list)
    open: list[Entry] = field(default_factory=list)

    @property
    def cycle(self) -> int:
        return int(self.waaier.data["evaluatie"]["cyclus_jaren"])



@dataclass
class Report:
    today: dt.date
    bouwstenen: list[BouwsteenReport]


def evaluate(catalog: Catalog, today: dt.date, bouwsteen: int | None = None) -> Report:
    """The evaluation agenda of every bouwsteen (or of one), as it stands on ``today``."""
    soon = today + relativedelta(months=SOON_MONTHS)  # the day is clipped to a shorter month's end
    reports = []
    for number, waaier in sorted(catalog.waaiers.items()):
        if bouwsteen is not None and number != bouwsteen:
            continue
        entries = sorted((e for e in catalog.entries if e.bouwsteen == number), key=lambda e: e.title.lower())
        rep = BouwsteenReport(waaier, entries, {s: sum(e.status == s for e in entries) for s in STATUS_LABELS})
        for entry in entries:
            if entry.status in ACCEPTED:
                due = next_review(entry, waaier)  # the same date the item page shows
                if due is None:
                    rep.date_unknown.append(entry)
                elif due <= soon:
                    assert entry.last_reviewed is not None  # next_review() needs it
                    rep.due.append(Due(entry, entry.last_reviewed, due, due <= today))
            if entry.status not in ACTIVE:
                continue
            rep.active += 1
            unknown = [label for key, label in CRITERIA.items() if entry.data["criteria"][key]["oordeel"] == UNKNOWN]
            if unknown:
                rep.criteria_unknown.append((entry, unknown))
            missing = []
            if entry.data["eigenaar"] == UNKNOWN:
                missing.append("eigenaar onbekend")
            if not entry.data.get("links"):
                missing.append("geen vindplaats (links is leeg)")
            if not any(b.get("url") for b in entry.data["bronnen"]):
                missing.append("geen bron met een webadres")
            if missing:
                rep.missing.append((entry, missing))
            if entry.status in OPEN:
                rep.open.append(entry)
        rep.balance = balance(waaier, (e for e in entries if e.status in ACTIVE))
        rep.due.sort(key=lambda d: (d.due, d.entry.title.lower()))
        rep.open.sort(key=lambda e: (e.submitted or dt.date.max, e.title.lower()))
        reports.append(rep)
    return Report(today, reports)


def is_public(entry: Entry) -> bool:
    """May the public page name this entry? Only when it is published in some version."""
    return any(decide(entry, v).published for v in VERSIONS)
