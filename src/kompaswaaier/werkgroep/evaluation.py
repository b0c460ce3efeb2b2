"""The evaluation of the waaiers: what each werkgroep should discuss, per bouwsteen.

Every waaier is evaluated once per cycle (``waaier.yml`` -> ``evaluatie.cyclus_jaren``).
:func:`evaluate` collects, per bouwsteen, the entries due for a new judgement, the
judgements without a known date, the balance of perspectives, criteria still
``onbekend``, entries without owner or source, and the open submissions.
:func:`agenda` writes that as an agenda: plain text for ``kompaswaaier evaluatie``,
Markdown for the page in the organisation version. Both come from one template.

The public page names only entries that are published in some version; entries that
are not (yet) in the waaier are counted there, never named, because the site never
shows what a werkgroep has not accepted.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kompaswaaier.balance import CLUSTERS, ROLE_CLUSTERS, Balance, balance
from kompaswaaier.model import ACCEPTED, CRITERIA, STATUS_LABELS, UNKNOWN, VERSIONS, Catalog, Entry, Waaier
from kompaswaaier.render.pages import date_nl, environment, next_review
from kompaswaaier.select import decide

#: Statuses that take part in the evaluation: in the waaier, or on their way in.
ACTIVE = frozenset(STATUS_LABELS) - {"afgewezen", "gearchiveerd"}
OPEN = ("ingediend", "in-beoordeling")
SOON_MONTHS = 3


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus whole months; the day is clipped to the end of a shorter month."""
    month0 = date.month - 1 + months
    year, month = date.year + month0 // 12, month0 % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))


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
    soon = add_months(today, SOON_MONTHS)
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


def agenda(report: Report, catalog: Catalog, *, markdown: bool = False, public: bool = False,
           version: str = "organisaties") -> str:
    """The agenda as text (``markdown=False``) or as the Markdown page of ``version``.

    With ``public=True`` entries that are not published anywhere are counted, not named.
    """
    env = environment()

    def name(entry: Entry) -> str:
        title = env.filters["inline"](entry.title) if markdown else entry.title
        if markdown and decide(entry, version).published:
            return f"[{title}]({entry.slug}.md)"
        return title

    def text(value: Any) -> str:
        return env.filters["inline"](value) if markdown else " ".join(str(value).split())

    def shown(items: list[Any]) -> tuple[list[Any], int]:
        """(the items the page may name, how many it may not)."""
        if not public:
            return items, 0
        keep = [i for i in items if is_public(i if isinstance(i, Entry) else i[0])]
        return keep, len(items) - len(keep)

    perspectives = catalog.vocabularies.get("perspectieven")
    cluster_labels = {c: perspectives.label(c) if perspectives else c for c in CLUSTERS}
    cluster_labels[UNKNOWN] = "Onbekend"
    return env.get_template("evaluatie.md.j2").render(
        r=report, markdown=markdown, public=public, name=name, t=text, shown=shown, datum=date_nl,
        STATUS=STATUS_LABELS, CLUSTERS=CLUSTERS, clusters=cluster_labels, ROLE_CLUSTERS=ROLE_CLUSTERS,
        SOON_MONTHS=SOON_MONTHS, UNKNOWN=UNKNOWN,
    )
