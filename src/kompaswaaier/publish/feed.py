"""What is new in the waaier of one version: entries added, recommended, taken up, re-assessed or taken out, newest first.

Every date comes from the data (``aangedragen.datum``, the date of a recommending Kompas publication in
``vocabulaires/publicaties.yml``, ``beoordeling.datum`` and ``eerdere_beoordelingen``),
never from a file's timestamp, so the list is the same on every machine and after
every clone. Judgements without a known date are not events; :func:`undated` lists
the published entries that have no dated judgement at all.

:func:`atom` writes the events as an Atom feed (RFC 4287). Links in it are relative
to the feed (``waaier/nieuw.xml``), so the feed works wherever the site is hosted.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kompaswaaier.model import ACCEPTED, PUBLICATIONS, VERSIONS, Entry, parse_date
from kompaswaaier.select import View

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: What happened, in words, per kind of event.
KINDS: dict[str, str] = {
    "aangedragen": "Toegevoegd",
    "aanbevolen": "Aanbevolen door de Kompaspartijen",
    "opgenomen": "Opgenomen door de werkgroep",
    "opnieuw-beoordeeld": "Opnieuw beoordeeld",
    "gearchiveerd": "Niet meer in de waaier",
}


@dataclass(frozen=True)
class Event:
    """One dated judgement that changed what the waaier of a version holds or says."""

    entry: Entry
    date: dt.date
    kind: str
    werkgroep: str
    toelichting: str


def events(view: View) -> list[Event]:
    """The events of a version, newest first (same day: by title)."""
    catalog = view.catalog
    out: list[Event] = []
    published = {e.slug for e in view.entries}
    for entry in (*view.entries, *view.archived):
        data = entry.data
        if entry.slug in published:
            submitted = entry.submitted
            if submitted:
                out.append(Event(entry, submitted, "aangedragen", data["aangedragen"]["door"],
                                 data["aangedragen"].get("toelichting", "")))
            for rec in data.get("aanbevolen_in", []):
                term = catalog.vocabularies[PUBLICATIONS].terms.get(rec["publicatie"], {}) if PUBLICATIONS in catalog.vocabularies else {}
                published_on = parse_date(term.get("datum"))
                if published_on:
                    out.append(Event(entry, published_on, "aanbevolen", "Kompaspartijen",
                                     f"Genoemd in {term.get('label', rec['publicatie'])} ({rec['vindplaats']})."))
        if entry.slug in published and "beoordeling" in data:
            history = [*data.get("eerdere_beoordelingen", []), {**data["beoordeling"], "status": entry.status}]
            accepted_before = False
            for judgement in history:
                if judgement["status"] not in ACCEPTED:
                    continue
                date = parse_date(judgement["datum"])
                kind = "opnieuw-beoordeeld" if accepted_before else "opgenomen"
                accepted_before = True
                if date:
                    out.append(Event(entry, date, kind, judgement.get("werkgroep", ""), judgement.get("toelichting", "")))
        elif entry.slug not in published and entry.last_reviewed:
            review = data["beoordeling"]
            out.append(Event(entry, entry.last_reviewed, "gearchiveerd", review["werkgroep"], review["toelichting"]))
    out.sort(key=lambda e: e.entry.title.lower())
    out.sort(key=lambda e: e.date, reverse=True)
    return out


def undated(view: View, dated: list[Event]) -> list[Entry]:
    """Published entries of a version without any dated event: in the waaier since an unknown date."""
    seen = {e.entry.slug for e in dated}
    return [e for e in view.entries if e.slug not in seen]


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'kompaswaaier:' + ':'.join(parts))}"


def atom(view: View, items: list[Event], *, today: dt.date) -> bytes:
    """The Atom feed of a version. Its 'updated' is the newest event's date, or ``today`` when there is none."""
    catalog, version = view.catalog, view.version
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "nl"})
    sub(feed, "id", _id(version, "nieuw"))
    sub(feed, "title", f"Nieuw in de waaier: Kompaswaaier voor {VERSIONS[version]}")
    sub(feed, "subtitle", "Items die aan de waaier zijn toegevoegd, door de Kompaspartijen zijn aanbevolen, of die een "
                          "werkgroep heeft opgenomen, opnieuw beoordeeld of uit de waaier gehaald.")
    sub(feed, "updated", _stamp(items[0].date if items else today))
    sub(sub(feed, "author"), "name", "Kompaswaaier")
    sub(feed, "link", rel="self", type="application/atom+xml", href="nieuw.xml")
    sub(feed, "link", rel="alternate", type="text/html", href="nieuw/")
    for event in items:
        entry = event.entry
        item = sub(feed, "entry")
        sub(item, "id", _id(version, entry.slug, event.kind, event.date.isoformat()))
        sub(item, "title", f"{KINDS[event.kind]}: {' '.join(entry.title.split())}")
        sub(item, "updated", _stamp(event.date))
        sub(item, "published", _stamp(event.date))
        sub(item, "link", rel="alternate", type="text/html", href=f"{entry.slug}/")
        if event.werkgroep:
            sub(sub(item, "author"), "name", event.werkgroep)
        waaier = catalog.waaiers.get(entry.bouwsteen)
        sub(item, "category", term=f"bouwsteen-{entry.bouwsteen}",
            label=f"Bouwsteen {entry.bouwsteen}" + (f": {waaier.data['titel']}" if waaier else ""))
        if event.kind == "gearchiveerd":
            summary = "Dit item staat niet meer in de waaier."
        else:
            summary = entry.data["samenvatting"][version]
        sub(item, "summary", " ".join(summary.split()), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
