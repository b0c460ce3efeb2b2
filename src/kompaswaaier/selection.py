"""The one place that decides whether an entry is published, and in which version.

The site, the search index, the exports and ``kompaswaaier controleer`` all ask
:func:`decide`; nothing else filters entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ACCEPTED, CRITERIA, STATUS_LABELS, UNKNOWN, VERSIONS, Entry


@dataclass(frozen=True)
class Decision:
    """Whether an entry is published in a version, and if not, why not (in Dutch)."""

    published: bool
    reasons: tuple[str, ...] = field(default=())


def withheld_reasons(entry: Entry) -> list[str]:
    """Why the entry may not be published in any version; empty when it may."""
    data = entry.data
    reasons = []
    if entry.status not in ACCEPTED:
        reasons.append(f"status is '{STATUS_LABELS[entry.status]}', niet opgenomen door de werkgroep")
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
    """Is ``entry`` published in ``version``? Accepted, every criterion 'ja', and written for that version."""
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie: {version}")
    reasons = withheld_reasons(entry)
    if version not in entry.versions:
        reasons.append(f"geen samenvatting voor de versie {VERSIONS[version]}")
    return Decision(not reasons, tuple(reasons))


def published(entries: list[Entry], version: str) -> list[Entry]:
    """The entries published in ``version``, sorted by title."""
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
