"""Domain objects: entries, waaiers and vocabularies, read-only views over validated data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date

from kompaswaaier.load.document import Document

#: The three versions of the site, in the order they are shown.
VERSIONS: dict[str, str] = {
    "clienten": "cliënten en naasten",
    "professionals": "professionals",
    "organisaties": "organisaties",
}


def version_url(site_url: str, version: str) -> str:
    """Where a version lives: ``kompaswaaier bouw`` puts each version under ``<site_url>/<versie>/``."""
    return site_url.rstrip("/") + f"/{version}/"


#: The four inclusion criteria per entry (implementatieplan, opdracht 3), in the order of the schema.
#: Balance of perspectives and the involvement of users are properties of the whole waaier (waaier.yml).
CRITERIA: dict[str, str] = {
    "mens_centraal": "de mens met een zorgvraag staat centraal",
    "bestaand_product": "bestaand product",
    "kosteloos": "kosteloos te gebruiken",
    "in_lijn_met_kompas": "in lijn met het Kompas",
}

#: Publication levels, highest first: who vouches for a published entry (see selection.level).
LEVELS: dict[str, str] = {
    "opgenomen": "Opgenomen door de werkgroep",
    "opgenomen-met-ontwikkelopgave": "Opgenomen door de werkgroep, met ontwikkelopgave",
    "aanbevolen": "Aanbevolen door de Kompaspartijen",
    "aangedragen": "Aangedragen, nog niet beoordeeld",
}
#: The same levels in the words of the client version (B1): short words, no jargon.
CLIENT_LEVEL_LABELS: dict[str, str] = {
    "opgenomen": "Gekozen door de werkgroep",
    "opgenomen-met-ontwikkelopgave": "Gekozen door de werkgroep",
    "aanbevolen": "Tip van de makers van het Kompas",
}


def level_label(code: str, version: str) -> str:
    """The level in plain words for ``version``."""
    return CLIENT_LEVEL_LABELS.get(code, LEVELS[code]) if version == "clienten" else LEVELS[code]


#: Levels the client version shows: only what a werkgroep accepted or the Kompas parties recommend.
CLIENT_LEVELS = frozenset({"opgenomen", "opgenomen-met-ontwikkelopgave", "aanbevolen"})

STATUS_LABELS: dict[str, str] = {
    "ingediend": "ingediend",
    "in-beoordeling": "in beoordeling",
    "opgenomen": "opgenomen",
    "opgenomen-met-ontwikkelopgave": "opgenomen met ontwikkelopgave",
    "afgewezen": "afgewezen",
    "gearchiveerd": "gearchiveerd",
}
ACCEPTED = frozenset({"opgenomen", "opgenomen-met-ontwikkelopgave"})

#: Entry fields whose values come from a vocabulary file: field -> vocabulary name.
VOCABULARY_FIELDS: dict[str, str] = {
    "soort": "soort",
    "voor_wie": "rollen",
    "met_wie": "rollen",
    "setting": "setting",
    "zorgvragers": "zorgvragers",
    "themas": "themas",
    "vorm": "vorm",
}

#: Vocabulary of the Kompas publications that sources and recommendations refer to.
PUBLICATIONS = "publicaties"

UNKNOWN = "onbekend"


def date_nl(date: dt.date | str | None) -> str:
    """A date as Dutch readers write it (``2025-03-31`` -> ``31 maart 2025``); 'onbekend' for None, other text as is."""
    if date is None:
        return UNKNOWN
    if isinstance(date, str):
        day = parse_date(date)
        return date if day is None else _date_nl(day)
    return _date_nl(date)


@lru_cache(maxsize=4096)
def _date_nl(day: dt.date) -> str:
    return format_date(day, "d MMMM y", locale="nl")  # ~30 µs; a catalogue has few distinct dates


def parse_date(value: Any) -> dt.date | None:
    """A date from the data, or None for 'onbekend' or anything unreadable."""
    if isinstance(value, str) and value != UNKNOWN:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Entry:
    """One item of a waaier (one YAML file)."""

    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def path(self) -> str:
        return self.doc.path

    def codes(self, field_name: str) -> list[str]:
        """The codes of a vocabulary field as a list (``soort`` holds one code, the others a list)."""
        value = self.data.get(field_name)
        return [value] if isinstance(value, str) else list(value or [])

    @property
    def slug(self) -> str:
        return self.data["slug"]

    @property
    def title(self) -> str:
        return self.data["titel"]

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def bouwsteen(self) -> int:
        """The main bouwsteen: the first one listed, which decides the folder."""
        return self.data["bouwstenen"][0]

    @property
    def versions(self) -> list[str]:
        """The site versions this entry is written for (those with a samenvatting)."""
        return [v for v in VERSIONS if v in self.data.get("samenvatting", {})]

    @property
    def last_reviewed(self) -> dt.date | None:
        """Date of the latest judgement, or None when unknown or never judged."""
        return parse_date(self.data.get("beoordeling", {}).get("datum"))

    @property
    def submitted(self) -> dt.date | None:
        return parse_date(self.data.get("aangedragen", {}).get("datum"))


@dataclass
class Waaier:
    """The waaier or handreiking of one bouwsteen (``waaier.yml``)."""

    doc: Document
    folder: str

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def number(self) -> int:
        return self.data["bouwsteen"]


@dataclass
class Vocabulary:
    """A controlled list of codes with labels."""

    name: str
    terms: dict[str, dict[str, Any]]

    def label(self, code: str) -> str:
        return self.terms.get(code, {}).get("label", code)


@dataclass
class Catalog:
    """Everything under one ``waaiers/`` root that loaded and validated."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    waaiers: dict[int, Waaier] = field(default_factory=dict)
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    #: The day the catalogue was checked for; pages that depend on the date (overdue reviews) use it too.
    today: dt.date = field(default_factory=dt.date.today)

    def label(self, vocabulary: str, code: str) -> str:
        vocab = self.vocabularies.get(vocabulary)
        return vocab.label(code) if vocab else code
