"""The decisions of the werkgroepen, public: one page per bouwsteen in the organisation version.

:func:`pages` is a page provider (one line in ``mkdocs.PROVIDERS``). In the organisation version it adds
``waaier/besluiten.md`` (an overview) and ``waaier/besluiten-N.md`` per bouwsteen: every decision of a
werkgroep, taken from the data (``beoordeling`` and ``eerdere_beoordelingen``), grouped per round.

A round is a calendar year of the decision date: the data do not record evaluation rounds, and the
cycle (``evaluatie.cyclus_jaren``) is counted from each entry's own last judgement, not from a shared
start. Decisions with an unknown date form the last group.

Like the evaluation page (``werkgroep.evaluation``), the page names only what the site may show: an
entry that is published in some version, or that keeps a page saying it left the waaier
(``select.archived``). Rejections (``afgewezen``) are never named, only counted per round, and so are
decisions about entries that are not on the site; the site never shows what a werkgroep has not accepted.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

from kompaswaaier.model import ACCEPTED, PUBLICATIONS, Catalog, Entry, Waaier, date_nl, parse_date
from kompaswaaier.render.pages import environment, external_link, html_page, review_due
from kompaswaaier.select import View, next_review
from kompaswaaier.werkgroep.evaluation import is_public

VERSION = "organisaties"
#: The statuses that are a decision of a werkgroep, and the words the page uses for them.
DECIDED: dict[str, str] = {
    "opgenomen": "Opgenomen",
    "opgenomen-met-ontwikkelopgave": "Opgenomen met ontwikkelopgave",
    "gearchiveerd": "Uit de waaier gehaald",
    "afgewezen": "Afgewezen",
}


@dataclass(frozen=True)
class Row:
    """One named decision."""

    entry: Entry
    status: str
    date: dt.date | None
    werkgroep: str
    #: The entry was accepted before: this is a re-assessment.
    again: bool
    #: Where the decision is recorded (``beoordeling.bron``), for the current decision only.
    record: dict[str, Any] | None
    #: When it is judged again, in words.
    next_review: str
    overdue: bool = False


@dataclass
class Round:
    """The decisions of one year (``year`` None: date unknown)."""

    year: int | None
    rows: list[Row] = field(default_factory=list)
    rejected: int = 0
    unnamed: int = 0

    @property
    def total(self) -> int:
        return len(self.rows) + self.rejected + self.unnamed


def judgements(entry: Entry) -> list[dict[str, Any]]:
    """Every judgement of an entry, oldest first; the last is the current one (``beoordeling`` with the status)."""
    data = entry.data
    out = [dict(j) for j in data.get("eerdere_beoordelingen", [])]
    if "beoordeling" in data:
        out.append({**data["beoordeling"], "status": entry.status, "_current": True})
    return out


def rounds(view: View, number: int) -> list[Round]:
    """The decisions about the entries of bouwsteen ``number`` (their first bouwsteen), per year, newest first."""
    catalog = view.catalog
    waaier = catalog.waaiers.get(number)
    linked = {e.slug for e in (*view.entries, *view.archived)}
    by_year: dict[int | None, Round] = {}
    for entry in catalog.entries:
        if entry.bouwsteen != number:
            continue
        named = is_public(entry) or entry.slug in linked
        history = judgements(entry)
        accepted_before = False
        for i, judgement in enumerate(history):
            status = judgement["status"]
            if status not in DECIDED:
                continue
            date = parse_date(judgement.get("datum"))
            group = by_year.setdefault(date.year if date else None, Round(date.year if date else None))
            if status == "afgewezen":
                group.rejected += 1
            elif not named:
                group.unnamed += 1
            else:
                group.rows.append(_row(catalog, entry, waaier, judgement, history[i + 1:], accepted_before, date))
            accepted_before = accepted_before or status in ACCEPTED
    out = sorted(by_year.values(), key=lambda r: (r.year is None, -(r.year or 0)))
    for group in out:
        group.rows.sort(key=lambda r: r.entry.title.lower())
        group.rows.sort(key=lambda r: r.date or dt.date.min, reverse=True)
    return out


def _row(catalog: Catalog, entry: Entry, waaier: Waaier | None, judgement: dict[str, Any],
         later: list[dict[str, Any]], again: bool, date: dt.date | None) -> Row:
    status = judgement["status"]
    overdue = False
    if status == "gearchiveerd":
        nxt = "niet meer in de waaier"
    elif judgement.get("_current"):
        nxt = review_due(entry, waaier)
        due = next_review(entry, waaier)
        overdue = bool(due and due <= catalog.today)
    else:
        following = parse_date(later[0].get("datum")) if later else None
        nxt = f"opnieuw beoordeeld op {date_nl(following)}" if following else "opnieuw beoordeeld (datum onbekend)"
    record = judgement.get("bron")
    return Row(entry, status, date, " ".join(str(judgement.get("werkgroep", "")).split()), again, record, nxt, overdue)


def _record_html(catalog: Catalog, row: Row) -> str:
    who = html.escape(row.werkgroep) if row.werkgroep else "onbekend"
    bron = row.record
    if not bron:
        return who
    if "url" in bron:
        return f"{who}; {external_link(bron['url'], bron['titel'])}"
    return f"{who}; {html.escape(catalog.label(PUBLICATIONS, bron['publicatie']))}, {html.escape(bron['vindplaats'])}"


def table(catalog: Catalog, rows: list[Row], linked: set[str]) -> str:
    """The named decisions of one round as an HTML table (escaped; filled in after Markdown)."""
    head = ("Item", "Soort", "Besluit", "Datum", "Besloten door en verslag", "Volgende herbeoordeling")
    out = ["<table>", "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>", "<tbody>"]
    for row in rows:
        title = html.escape(" ".join(row.entry.title.split()))
        name = f'<a href="../{html.escape(row.entry.slug)}/">{title}</a>' if row.entry.slug in linked else title
        what = DECIDED[row.status] + (" (opnieuw beoordeeld)" if row.again and row.status in ACCEPTED else "")
        nxt = html.escape(row.next_review) + (" <strong>(verlopen)</strong>" if row.overdue else "")
        cells = (name, html.escape(catalog.label("soort", row.entry.data["soort"])), what,
                 html.escape(date_nl(row.date)) if row.date else "onbekend", _record_html(catalog, row), nxt)
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def pages(view: View) -> dict[str, str]:
    """``waaier/besluiten.md`` and ``waaier/besluiten-N.md`` in the organisation version; nothing elsewhere."""
    if view.version != VERSION:
        return {}
    catalog = view.catalog
    env = environment()
    linked = {e.slug for e in (*view.entries, *view.archived)}
    out: dict[str, str] = {}
    overview = []
    for number, waaier in sorted(catalog.waaiers.items()):
        groups = rounds(view, number)
        tables = {g.year: table(catalog, g.rows, linked) for g in groups if g.rows}
        out[f"waaier/besluiten-{number}.md"] = html_page(
            env, "besluiten.md.j2", w=waaier.data, rondes=groups, tabellen=tables, overzicht=None)
        dated = [r.date for g in groups for r in g.rows if r.date]
        overview.append((waaier.data, sum(len(g.rows) for g in groups), sum(g.rejected for g in groups),
                         sum(g.unnamed for g in groups), max(dated) if dated else None))
    out["waaier/besluiten.md"] = html_page(env, "besluiten.md.j2", w=None, rondes=[], tabellen={}, overzicht=overview)
    return out
