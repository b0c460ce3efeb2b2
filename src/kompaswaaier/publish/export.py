"""Open data: the published catalogue of one version as JSON (codes, documented by a JSON Schema) and CSV (labels).

The site serves the same bytes as ``kompaswaaier exporteer`` writes: ``catalogus.json``,
``catalogus.csv`` and ``catalogus.schema.json`` in the root of each version. Only entries that
:func:`selection.published` lets through appear; the output depends only on the data (no dates or
times of the build), so the same data gives the same files.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kompaswaaier.model import LEVELS, PUBLICATIONS, VERSIONS, VOCABULARY_FIELDS, Catalog, Entry
from kompaswaaier.resources import SCHEMA_DIR
from kompaswaaier.select import View, level

SCHEMA_NAME = "catalogus.schema.json"
JSON_NAME = "catalogus.json"
CSV_NAME = "catalogus.csv"

#: Fields copied as they are in the entry (when present), in this order.
_TEXT_FIELDS = ("doel", "aanpak", "tijdsduur", "eigenaar", "ontwikkelaars", "ontwikkeld_met", "links", "licentie", "kosten",
                "bronnen", "criteria", "toetsing", "aanbevolen_in", "status", "beoordeling", "ontwikkelopgave")

#: CSV columns: (header, description). The description also documents the column on the site.
CSV_COLUMNS: list[tuple[str, str]] = [
    ("slug", "korte naam van het item"),
    ("titel", "naam van het item"),
    ("pagina", "adres van de pagina van het item, vanaf de map van deze versie"),
    ("soort", "wat voor item het is"),
    ("bouwstenen", "nummers van de bouwstenen"),
    ("samenvatting", "samenvatting voor deze versie"),
    ("niveau", "wie instaat voor het item: opgenomen door de werkgroep, aanbevolen door de Kompaspartijen of aangedragen"),
    ("doel", "waarvoor je het gebruikt"),
    ("voor_wie", "voor wie het bedoeld is"),
    ("met_wie", "wie meedoen bij het gebruik"),
    ("setting", "waar het gebruikt wordt"),
    ("zorgvragers", "voor welke mensen met een zorgvraag"),
    ("themas", "thema's"),
    ("vorm", "de vorm"),
    ("tijdsduur", "hoeveel tijd het kost"),
    ("eigenaar", "wie het heeft ontwikkeld of beheert"),
    ("ontwikkeld_met", "wie meewerkte aan het maken (informatie, geen criterium)"),
    ("links", "webadressen waar je het vindt"),
    ("kosten", "wat het kost, volgens de bron"),
    ("licentie", "voorwaarden voor gebruik"),
    ("status", "status in de beoordeling"),
    ("beoordeeld_op", "datum van het laatste oordeel van de werkgroep"),
    ("beoordeeld_door", "werkgroep die het laatste oordeel gaf"),
]
#: Separator between several values in one CSV cell.
CSV_SEPARATOR = " | "


def page_path(entry: Entry) -> str:
    """Where the entry's page is, relative to the root of a version."""
    return f"waaier/{entry.slug}/"


def vocabularies(catalog: Catalog) -> dict[str, dict[str, str]]:
    """Code -> label for every field with codes, and for the bouwstenen."""
    out: dict[str, dict[str, str]] = {
        "bouwstenen": {str(n): w.data["titel"] for n, w in sorted(catalog.waaiers.items())},
    }
    for field_name, vocab_name in VOCABULARY_FIELDS.items():
        vocab = catalog.vocabularies.get(vocab_name)
        out[field_name] = {code: term.get("label", code) for code, term in vocab.terms.items()} if vocab else {}
    out["niveau"] = dict(LEVELS)
    vocab = catalog.vocabularies.get(PUBLICATIONS)
    out["publicaties"] = {code: term.get("label", code) for code, term in vocab.terms.items()} if vocab else {}
    return out


def item(entry: Entry, version: str) -> dict[str, Any]:
    """One entry as it appears in ``catalogus.json`` for ``version``."""
    data = entry.data
    out: dict[str, Any] = {
        "slug": entry.slug,
        "titel": entry.title,
        "pagina": page_path(entry),
        "soort": data["soort"],
        "bouwstenen": list(data["bouwstenen"]),
        "samenvatting": data["samenvatting"][version],
        "niveau": level(entry),
    }
    for field_name in VOCABULARY_FIELDS:
        if field_name == "soort":
            continue
        value = data.get(field_name, [])
        out[field_name] = list(value)
    for field_name in _TEXT_FIELDS:
        if field_name in data:
            out[field_name] = data[field_name]
    return out


def catalog_data(view: View) -> dict[str, Any]:
    """The whole open-data document of a version (validates against ``catalogus.schema.json``)."""
    catalog, version, entries = view.catalog, view.version, view.entries
    return {
        "schema": SCHEMA_NAME,
        "titel": f"Kompaswaaier: gepubliceerde items voor {VERSIONS[version]}",
        "versie": version,
        "aantal": len(entries),
        "vocabulaires": vocabularies(catalog),
        "items": [item(e, version) for e in entries],
    }


def to_json(view: View) -> str:
    """``catalogus.json`` of ``version`` as text (UTF-8, ends with a newline).

    The head is indented; every item is one line, so a change to an item is a one-line diff, and
    the items go through the C encoder (``indent`` would make ``json`` fall back to pure Python).
    """
    data = catalog_data(view)
    items = data.pop("items")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # without the closing "\n}"
    if not items:
        return head + ',\n "items": []\n}\n'
    lines = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in items)
    return head + ',\n "items": [\n  ' + lines + "\n ]\n}\n"


def to_csv(view: View) -> str:
    """``catalogus.csv`` of a version: one row per entry, labels instead of codes, RFC 4180."""
    labels = vocabularies(view.catalog)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for entry in view.entries:
        data = entry.data

        def names(field_name: str) -> str:
            codes = entry.codes(field_name)  # noqa: B023 (called within this iteration only)
            return CSV_SEPARATOR.join(labels[field_name].get(str(c), str(c)) for c in codes)

        review = data.get("beoordeling", {})
        row = {
            "slug": entry.slug,
            "titel": entry.title,
            "pagina": page_path(entry),
            "soort": names("soort"),
            "bouwstenen": CSV_SEPARATOR.join(str(n) for n in data["bouwstenen"]),
            "samenvatting": data["samenvatting"][view.version],
            "niveau": LEVELS[level(entry)],
            "doel": data.get("doel", ""),
            "voor_wie": names("voor_wie"),
            "met_wie": names("met_wie"),
            "setting": names("setting"),
            "zorgvragers": names("zorgvragers"),
            "themas": names("themas"),
            "vorm": names("vorm"),
            "tijdsduur": data.get("tijdsduur", ""),
            "eigenaar": data.get("eigenaar", ""),
            "ontwikkeld_met": data.get("ontwikkeld_met", ""),
            "links": CSV_SEPARATOR.join(link["url"] for link in data.get("links", [])),
            "kosten": data.get("kosten", ""),
            "licentie": data.get("licentie", ""),
            "status": data["status"],
            "beoordeeld_op": review.get("datum", ""),
            "beoordeeld_door": review.get("werkgroep", ""),
        }
        writer.writerow([" ".join(str(row[name]).split()) for name, _ in CSV_COLUMNS])
    return buffer.getvalue()


def schema_text() -> str:
    """The JSON Schema that documents ``catalogus.json`` (the repository's ``schemas/catalogus.schema.json``)."""
    return (SCHEMA_DIR / SCHEMA_NAME).read_text(encoding="utf-8")
