"""The one place that decides whether an entry is published, in which version, and at which level.

The site, the search index, the exports and ``kompaswaaier controleer`` all ask
:func:`decide`; nothing else filters entries. :func:`view` selects one version once: every page
provider, the search index, the exports and the feed take that :class:`View`.

Levels (``model.LEVELS``), highest first, say honestly who vouches for a published entry:

* ``opgenomen`` / ``opgenomen-met-ontwikkelopgave``: a werkgroep decided (status, with ``beoordeling``);
* ``aanbevolen``: a Kompas publication names it (``aanbevolen_in``); no werkgroep has judged it yet;
* ``aangedragen``: it meets the four criteria on public evidence; no werkgroep has judged it yet.

Every level needs all four criteria 'ja' (each with a source), known costs and a link. 'afgewezen' and
'gearchiveerd' are never published. The client version shows the first two levels only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from kompaswaaier.model import (
    ACCEPTED,
    CLIENT_LEVELS,
    CRITERIA,
    LEVELS,
    STATUS_LABELS,
    UNKNOWN,
    VERSIONS,
    Catalog,
    Entry,
    Waaier,
)


@dataclass(frozen=True)
class Decision:
    """Whether an entry is published in a version, and if not, why not (in Dutch)."""

    published: bool
    reasons: tuple[str, ...] = field(default=())
    #: The entry's level (a key of ``model.LEVELS``) when it meets the criteria, else None.
    level: str | None = None


def level(entry: Entry) -> str:
    """The level an entry would have if published: who vouches for it (see the module docstring)."""
    if entry.status in ACCEPTED:
        return entry.status
    if entry.data.get("aanbevolen_in"):
        return "aanbevolen"
    return "aangedragen"


#: Sort key: higher levels first (0 = opgenomen).
LEVEL_RANK: dict[str, int] = {code: i for i, code in enumerate(LEVELS)}


def withheld_reasons(entry: Entry) -> list[str]:
    """Why the entry may not be published in any version; empty when it may."""
    data = entry.data
    reasons = []
    if entry.status in ("afgewezen", "gearchiveerd"):
        reasons.append(f"status is '{STATUS_LABELS[entry.status]}'")
    for key, label in CRITERIA.items():
        verdict = data["criteria"][key]["oordeel"]
        if verdict != "ja":
            reasons.append(f"criterium '{label}' is '{verdict}'")
    if data.get("kosten") == UNKNOWN:
        reasons.append("de kosten zijn onbekend")
    if not data.get("links"):
        reasons.append("er is geen vindplaats (links is leeg)")
    return reasons


def decide(entry: Entry, version: str) -> Decision:
    """Is ``entry`` published in ``version``, and at which level? See the module docstring."""
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie: {version}")
    reasons = withheld_reasons(entry)
    lvl = None if reasons else level(entry)
    if version not in entry.versions:
        reasons.append(f"geen samenvatting voor de versie {VERSIONS[version]}")
    if lvl is not None and version == "clienten" and lvl not in CLIENT_LEVELS:
        reasons.append(f"niveau '{LEVELS[lvl]}': de versie voor cliënten toont alleen wat de werkgroep opnam "
                       "of de Kompaspartijen aanbevelen")
    return Decision(not reasons, tuple(reasons), lvl)


def published(entries: list[Entry], version: str) -> list[Entry]:
    """The entries published in ``version``, sorted by title (lists group or mark them by level)."""
    return sorted((e for e in entries if decide(e, version).published), key=lambda e: e.title.lower())


def archived(entry: Entry, version: str) -> bool:
    """Does ``entry`` keep a page in ``version`` that says it is no longer in the waaier?

    Only for an entry with status 'gearchiveerd' that was once accepted (its
    eerdere_beoordelingen hold an accepted status) and was written for ``version``:
    its old address keeps working instead of giving a 404. Such a page is never
    published in the sense of :func:`decide`: it is left out of every list, the
    navigation, the catalogue and the search index.
    """
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie: {version}")
    history = entry.data.get("eerdere_beoordelingen", [])
    return (entry.status == "gearchiveerd" and version in entry.versions
            and any(earlier["status"] in ACCEPTED for earlier in history))


def ordered(entries: list[Entry]) -> list[Entry]:
    """Entries in the order the catalogue ranks them and breaks ties: higher level first, then title."""
    return sorted(entries, key=lambda e: (LEVEL_RANK[level(e)], e.title.lower()))


@dataclass(frozen=True)
class View:
    """One version of the catalogue, selected once per build.

    ``entries`` are the entries published in ``version`` by title (lists that group or mark them by
    level); ``ranked`` the same entries higher level first (search, keuzehulp, open data);
    ``archived`` the entries that keep a page saying they left the waaier.
    """

    catalog: Catalog
    version: str
    entries: tuple[Entry, ...]
    ranked: tuple[Entry, ...]
    archived: tuple[Entry, ...]

    @property
    def today(self) -> dt.date:
        return self.catalog.today


def view(catalog: Catalog, version: str) -> View:
    """Select ``version`` of ``catalog``: the one pass over the publication rule per version."""
    shown = published(catalog.entries, version)
    return View(catalog, version, tuple(shown), tuple(ordered(shown)),
                tuple(e for e in catalog.entries if archived(e, version)))


def next_review(entry: Entry, waaier: Waaier | None) -> dt.date | None:
    """The date by which an accepted entry must be judged again: one cycle of its waaier (default two
    years) after the last judgement; None while that date is unknown. 29 February moves to the 28th."""
    last = entry.last_reviewed
    if not last:
        return None
    return last + relativedelta(years=waaier.data["evaluatie"]["cyclus_jaren"] if waaier else 2)
