"""The balance of perspectives of one waaier: who composes it, who put items forward, whom they serve.

Balance is a property of the whole waaier, never a gate for one item (implementatieplan,
opdracht 3). Three counts per perspectiefcluster of the Kompas:

* the parties that compose the waaier (``waaier.yml`` -> ``samenstelling.partijen``);
* the items put forward from that perspective (``aangedragen.perspectief``);
* the items meant for people of that perspective (``voor_wie``, via :data:`ROLE_CLUSTERS`).

The bouwsteen page in the organisation version and ``kompaswaaier evaluatie`` both show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kompaswaaier.model import UNKNOWN, Entry, Waaier

#: The four perspectiefclusters of the Kompas (codes of vocabulaires/perspectieven.yml).
CLUSTERS = ("mens-met-zorgvraag", "professionals", "organisaties", "financiers")

#: Which perspectiefcluster each role (vocabulaires/rollen.yml) belongs to, for 'voor wie'.
#: No role stands for financiers. A test fails when a role is added without a cluster here.
ROLE_CLUSTERS: dict[str, str] = {
    "mens-met-zorgvraag": "mens-met-zorgvraag",
    "mantelzorger": "mens-met-zorgvraag",
    "naasten": "mens-met-zorgvraag",
    "sociaal-netwerk": "mens-met-zorgvraag",
    "clientenraad": "mens-met-zorgvraag",
    "professional": "professionals",
    "wijkverpleegkundige": "professionals",
    "verpleegkundige": "professionals",
    "verzorgende": "professionals",
    "sociaal-werker": "professionals",
    "specialist-ouderengeneeskunde": "professionals",
    "psycholoog": "professionals",
    "huisarts": "professionals",
    "team": "professionals",
    "var-par": "professionals",
    "organisatie": "organisaties",
    "toezichthouder": "organisaties",
}


@dataclass
class Balance:
    """The three counts per perspectiefcluster of one waaier."""

    parties: dict[str, list[str]] = field(default_factory=dict)  # cluster -> party names ("BPSW (trekker)")
    submitted_from: dict[str, int] = field(default_factory=dict)  # cluster or 'onbekend' -> items
    meant_for: dict[str, int] = field(default_factory=dict)  # cluster -> items
    recorded: bool = False  # does waaier.yml say who composes it?

    @property
    def missing_parties(self) -> list[str]:
        """Perspectiefclusters without a party in the composition (only when it is recorded)."""
        return [c for c in CLUSTERS if self.recorded and not self.parties.get(c)]

    @property
    def missing_from(self) -> list[str]:
        """Perspectiefclusters nothing was put forward from."""
        return [c for c in CLUSTERS if not self.submitted_from.get(c)]

    @property
    def missing_for(self) -> list[str]:
        """Perspectiefclusters (that have roles) nothing is meant for."""
        return [c for c in CLUSTERS if c in ROLE_CLUSTERS.values() and not self.meant_for.get(c)]


def balance(waaier: Waaier, entries: Iterable[Entry]) -> Balance:
    """The balance of ``waaier`` over ``entries`` (the caller chooses which: active, or published)."""
    out = Balance()
    composition = waaier.data.get("samenstelling")
    if composition:
        out.recorded = True
        for party in composition["partijen"]:
            role = " (trekker)" if party["rol"] == "trekker" else ""
            out.parties.setdefault(party["perspectief"], []).append(party["naam"] + role)
    for entry in entries:
        perspective = entry.data["aangedragen"]["perspectief"]
        key = perspective if perspective in CLUSTERS else UNKNOWN
        out.submitted_from[key] = out.submitted_from.get(key, 0) + 1
        for cluster in {ROLE_CLUSTERS[r] for r in entry.data.get("voor_wie", []) if r in ROLE_CLUSTERS}:
            out.meant_for[cluster] = out.meant_for.get(cluster, 0) + 1
    return out
