"""Rules within one entry that a JSON Schema cannot say clearly: evidence and the lifecycle of a judgement."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from kompaswaaier.errors import Problem
from kompaswaaier.load.document import field_name
from kompaswaaier.model import ACCEPTED, CRITERIA, STATUS_LABELS, UNKNOWN, Entry, parse_date

#: Titles and addresses that are never a source: the product brief, the issues and this repository.
_NOT_A_SOURCE_TITLE = re.compile(r"productbrief|\bbrief\.md\b|\bbronnen\.md\b|\bissue\b", re.IGNORECASE)
_NOT_A_SOURCE_URL = re.compile(r"/kompaswaaier(/|$|\.git)|kompaswaaier\.example", re.IGNORECASE)
#: A werkgroep may record its decision in a pull request, issue or discussion of this repository: that
#: link is the record of the decision (``beoordeling.bron``), never evidence for a criterion.
_DECISION_RECORD_URL = re.compile(r"^https://[^/]+/[^/]+/kompaswaaier/(pull|issues|discussions)/\d+/?$", re.IGNORECASE)


def sources(data: dict[str, Any]) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """Every source of an entry with its data path: bronnen, the sources of each criterion, and the record of
    each decision (beoordeling.bron, eerdere_beoordelingen[i].bron)."""
    for i, bron in enumerate(data.get("bronnen", [])):
        yield ("bronnen", i), bron
    for key, criterion in data.get("criteria", {}).items():
        for i, bron in enumerate(criterion.get("bronnen", [])):
            yield ("criteria", key, "bronnen", i), bron
    if "bron" in data.get("beoordeling", {}):
        yield ("beoordeling", "bron"), data["beoordeling"]["bron"]
    for i, earlier in enumerate(data.get("eerdere_beoordelingen", [])):
        if "bron" in earlier:
            yield ("eerdere_beoordelingen", i, "bron"), earlier["bron"]


def evidence_problems(entry: Entry) -> list[Problem]:
    """Every 'ja' or 'nee' has a source; nothing cites the product brief, the issues or this repository."""
    doc = entry.doc
    out: list[Problem] = []
    for key, criterion in entry.data["criteria"].items():
        if criterion["oordeel"] in ("ja", "nee") and not criterion.get("bronnen"):
            path = ("criteria", key, "oordeel")
            out.append(Problem(doc.path, doc.line(path), field_name(("criteria", key, "bronnen")),
                               f"een oordeel '{criterion['oordeel']}' vraagt om minstens één bron die het feit laat zien "
                               "(titel en url, of publicatie en vindplaats); weet je het niet, schrijf dan 'onbekend'"))
    for path, bron in sources(entry.data):
        if path[-1] == "bron" and _DECISION_RECORD_URL.match(bron.get("url", "")):  # a decision's record
            continue
        if _NOT_A_SOURCE_TITLE.search(bron.get("titel", "")) or _NOT_A_SOURCE_URL.search(bron.get("url", "")):
            out.append(Problem(doc.path, doc.line(path), field_name(path),
                               "de productbrief, de issues en deze repository zijn geen bron; "
                               "noem een openbaar document (titel en url) of een Kompas-publicatie"))
    return out


def lifecycle_problems(entry: Entry, today: dt.date) -> list[Problem]:
    """Problems with the status, the judgement and the dates of one schema-valid entry."""
    data, doc = entry.data, entry.doc
    out: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        out.append(Problem(doc.path, doc.line(path), field_name(path), message))

    status = entry.status
    label = STATUS_LABELS[status]
    review = data.get("beoordeling")
    if status in ACCEPTED or status in ("afgewezen", "gearchiveerd"):
        if review is None:
            reason = " (werkgroep, datum, toelichting)" if status in ACCEPTED else " met de reden"
            add(("status",), f"status '{label}' vraagt om een beoordeling{reason}; vul het veld beoordeling in")
    if status == "gearchiveerd" and not data.get("eerdere_beoordelingen"):
        add(("status",), "status 'gearchiveerd' bewaart de geschiedenis: zet het oordeel van vóór het archiveren "
                         "in eerdere_beoordelingen")
    if status in ACCEPTED:
        not_yes = [f"{CRITERIA[k]} ({v['oordeel']})" for k, v in data["criteria"].items() if v["oordeel"] != "ja"]
        if not_yes:
            add(("status",), f"status '{label}' kan alleen als elk criterium 'ja' is; nog niet: {'; '.join(not_yes)}")
    if status == "opgenomen-met-ontwikkelopgave" and "ontwikkelopgave" not in data:
        add(("status",), "status 'opgenomen met ontwikkelopgave' vraagt om het veld ontwikkelopgave: wat moet er nog verbeteren?")
    if "ontwikkelopgave" in data and status != "opgenomen-met-ontwikkelopgave":
        add(("ontwikkelopgave",), "een ontwikkelopgave hoort alleen bij status 'opgenomen-met-ontwikkelopgave'")
    if review is not None and review.get("datum") == UNKNOWN and "bron" not in review:
        add(("beoordeling", "datum"), "datum is onbekend; noem dan in beoordeling.bron waar het oordeel staat")

    dated: list[tuple[str | int, ...]] = [("aangedragen", "datum"), ("beoordeling", "datum")]
    dated += [("eerdere_beoordelingen", i, "datum") for i in range(len(data.get("eerdere_beoordelingen", [])))]
    for path in dated:
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else value[part] if isinstance(value, list) and isinstance(part, int) else None
            if value is None:
                break
        date = parse_date(value)
        if date and date > today:
            add(path, f"datum {date.isoformat()} ligt in de toekomst (vandaag is {today.isoformat()})")
    submitted, reviewed = entry.submitted, entry.last_reviewed
    if submitted and reviewed and reviewed < submitted:
        add(("beoordeling", "datum"), f"beoordeling ({reviewed.isoformat()}) ligt vóór de datum van aandragen ({submitted.isoformat()})")
    latest: dt.date | None = None
    for i, earlier in enumerate(data.get("eerdere_beoordelingen", [])):
        date = parse_date(earlier["datum"])
        if date and latest and date < latest:
            add(("eerdere_beoordelingen", i, "datum"), f"datum {date.isoformat()} ligt vóór het oordeel erboven "
                f"({latest.isoformat()}); zet eerdere beoordelingen op volgorde, oudste eerst")
        if date and (latest is None or date > latest):
            latest = date
    if latest and reviewed and reviewed < latest:
        add(("beoordeling", "datum"), f"beoordeling ({reviewed.isoformat()}) ligt vóór een eerdere beoordeling "
            f"({latest.isoformat()}); het nieuwste oordeel hoort in beoordeling, oudere in eerdere_beoordelingen")
    return out
