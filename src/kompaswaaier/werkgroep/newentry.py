"""A new entry file, from answers to questions, from command-line flags or from a GitHub issue form.

The three ways in end in one :class:`Draft`. :func:`validate` lists every problem with
it in Dutch, :func:`render_entry` writes it as YAML in the house style (schema header,
status ``ingediend``, ``onbekend`` for what is not known) and :func:`write_entry`
refuses to overwrite and checks the result with the same checks as
``kompaswaaier controleer``.

:func:`draft_from_issue` reads the body GitHub makes from the issue form
``.github/ISSUE_TEMPLATE/nieuw-item.yml``: a ``### label`` heading per field, the
answer below it, ``_No response_`` when a field was left empty.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from kompaswaaier.errors import Problem, UsageError, display_path
from kompaswaaier.model import CRITERIA, UNKNOWN, VERSIONS, VOCABULARY_FIELDS, Catalog
from kompaswaaier.validate.catalog import BOUWSTEEN_FOLDER, CheckResult, check, check_new_entry
from kompaswaaier.validate.schema import text_rule

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schemas/entry.schema.json"
#: The schema's own rules for a slug, a web address and a date (questions are checked as they are answered).
SLUG = text_rule("entry", "/properties/slug")
URL = text_rule("entry", "/$defs/link/properties/url")
DATE = text_rule("entry", "/$defs/datum/anyOf/0")
VERDICTS = ("ja", "nee", UNKNOWN)

#: Vocabulary fields a new entry may fill in: field -> vocabulary (the order they are written in).
LIST_FIELDS: dict[str, str] = {f: v for f, v in VOCABULARY_FIELDS.items() if f != "soort"}

#: Standard explanations when the submitter gave none (never presented as a finding).
NOT_YET_KNOWN = "Nog niet onderzocht."
NO_EXPLANATION = "De indiener gaf geen toelichting."

#: The labels of the issue form (``.github/ISSUE_TEMPLATE/nieuw-item.yml``), field -> heading.
#: A test keeps the form and this table the same.
ISSUE_LABELS: dict[str, str] = {
    "titel": "Naam van het instrument of voorbeeld",
    "bouwsteen": "Bij welke bouwsteen hoort het vooral?",
    "soort": "Wat voor soort is het?",
    "samenvatting": "Korte beschrijving",
    "lezers": "Voor wie is deze beschrijving geschreven?",
    "doel": "Waarvoor gebruik je het?",
    "link": "Webadres waar je het vindt",
    "eigenaar": "Wie heeft het gemaakt of beheert het?",
    "kosten": "Wat kost het?",
    "voor_wie": "Voor wie is het bedoeld?",
    "setting": "Waar wordt het gebruikt?",
    "themas": "Over welke onderwerpen gaat het?",
    "bronnen": "Waar komt deze informatie vandaan?",
    "door": "Namens wie draag je het aan?",
    "perspectief": "Vanuit welk perspectief draag je het aan?",
    "ontwikkeld_met": "Wie dachten mee bij het maken ervan?",
}
#: The criteria as questions (issue form and interactive questions), and the heading of each explanation.
CRITERIA_QUESTIONS: dict[str, str] = {
    "mens_centraal": "Staat de mens met een zorgvraag centraal?",
    "bestaand_product": "Bestaat het al, als product of voorbeeld dat je kunt gebruiken?",
    "kosteloos": "Kan iedereen het kosteloos gebruiken?",
    "in_lijn_met_kompas": "Past het bij het Kompas?",
}
CRITERIA_SHORT: dict[str, str] = {
    "mens_centraal": "mens centraal",
    "bestaand_product": "bestaand product",
    "kosteloos": "kosteloos",
    "in_lijn_met_kompas": "in lijn met het Kompas",
}
ISSUE_LABELS.update({f"criterium:{k}": q for k, q in CRITERIA_QUESTIONS.items()})
ISSUE_LABELS.update({f"toelichting:{k}": f"Toelichting bij: {s}" for k, s in CRITERIA_SHORT.items()})
#: Answers to a criterion question -> verdict.
ISSUE_VERDICTS = {"ja": "ja", "nee": "nee", "weet ik niet": UNKNOWN, "onbekend": UNKNOWN}
#: Answers to 'who is this description for' -> version.
ISSUE_READERS = {label.lower(): code for code, label in VERSIONS.items()}
ISSUE_EMPTY = {"", "_no response_"}
ISSUE_REQUIRED = ("titel", "bouwsteen", "soort", "samenvatting", "doel", "bronnen")


@dataclass
class Draft:
    """What is known about a new entry; anything not known stays ``onbekend``."""

    titel: str = ""
    bouwsteen: int | None = None
    soort: str = ""
    samenvatting: dict[str, str] = field(default_factory=dict)
    doel: str = ""
    slug: str = ""
    eigenaar: str = UNKNOWN
    links: list[str] = field(default_factory=list)
    kosten: str = UNKNOWN
    bronnen: list[dict[str, str]] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    criteria: dict[str, tuple[str, str]] = field(default_factory=dict)
    door: str = UNKNOWN
    perspectief: str = UNKNOWN
    datum: str = UNKNOWN
    ontwikkeld_met: str = UNKNOWN

    @property
    def file_slug(self) -> str:
        return self.slug or slugify(self.titel)


def slugify(title: str) -> str:
    """``'Drie goede vragen (3GV)'`` -> ``'drie-goede-vragen-3gv'``: ASCII, lower case, hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")


def clean(value: str | None) -> str:
    """Text from a form or a prompt: control characters out, spaces trimmed, blank lines kept as paragraph breaks."""
    if value is None:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(p for p in paragraphs if p)


def parse_source(line: str) -> dict[str, str]:
    """A source written as 'title https://address' (either part may be missing) -> ``{titel, url}``."""
    line = clean(line).lstrip("-*• ").strip()
    found = re.search(r"https?://[^\s<>]+", line)
    if not found:
        return {"titel": line[:200]}
    url = found.group(0).rstrip(".,;:)]>")
    title = (line[: found.start()] + line[found.end():]).strip(" -–:;,()[]<>")
    if not title:
        title = url if len(url) <= 200 else f"Pagina op {urlsplit(url).hostname}"
    return {"titel": title[:200], "url": url}


def parse_codes(value: str, vocabulary: dict[str, Any], labels: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """Codes from 'code, code' or from labels as GitHub joins them ('Thuis, In de wijk'); returns (codes, not understood)."""
    by_label = {label.lower(): code for code, label in (labels or {}).items()}
    parts = [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()]
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):  # the longest run of parts that is one label (labels may hold commas)
            candidate = ", ".join(parts[i:j])
            code = candidate if candidate in vocabulary else by_label.get(candidate.lower())
            if code:
                if code not in codes:
                    codes.append(code)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return codes, unknown


def validate(draft: Draft, catalog: Catalog) -> list[str]:
    """What the draft lacks before it can become a file, in Dutch, named by the flag that sets it.

    Only the answers the form asks for and the flags' own syntax; every rule about the values themselves
    (lengths, patterns, vocabularies, dates) is the schema's and the catalogue's, applied by
    :func:`write_entry` to the rendered file before it is written.
    """
    out: list[str] = []
    if not draft.titel:
        out.append("--titel: de naam van het instrument of voorbeeld ontbreekt")
    if not draft.file_slug:
        out.append("--slug: kies een korte naam voor het bestand (kleine letters, cijfers en streepjes)")
    if draft.bouwsteen is None:
        out.append("--bouwsteen: kies de bouwsteen (1 tot en met 5)")
    elif draft.bouwsteen not in catalog.waaiers:
        out.append(f"--bouwsteen: bouwsteen {draft.bouwsteen} heeft geen map met waaier.yml in {catalog.root}")
    if not draft.soort:
        out.append("--soort: kies de soort (" + ", ".join(_vocabulary(catalog, "soort")) + ")")
    if not draft.samenvatting:
        out.append("--samenvatting-professionals (of -organisaties, -clienten): een korte beschrijving ontbreekt")
    if not draft.doel:
        out.append("--doel: waarvoor je het gebruikt ontbreekt")
    if not draft.bronnen:
        out.append("--bron: noem minstens één bron: waar komt deze informatie vandaan?")
    for key in draft.criteria:
        if key not in CRITERIA:
            out.append(f"--criterium: onbekend criterium '{key}'; kies uit: {', '.join(CRITERIA)}")
    return out


#: The flag (or question) that sets each top-level field of a new entry, to name it in messages.
FLAG_OF_FIELD: dict[str, str] = {
    "titel": "--titel", "slug": "--slug", "soort": "--soort", "bouwstenen": "--bouwsteen",
    "samenvatting": "--samenvatting-professionals", "doel": "--doel", "eigenaar": "--eigenaar", "links": "--link",
    "kosten": "--kosten", "bronnen": "--bron", "criteria": "--criterium", "aangedragen": "--door/--perspectief/--datum",
    **{f: f"--{f.replace('_', '-')}" for f in VOCABULARY_FIELDS if f != "soort"},
}


def _flag(problem: Problem) -> str:
    top = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    if top == "aangedragen":
        sub = problem.field.split(".")[1] if "." in problem.field else ""
        return {"door": "--door", "perspectief": "--perspectief", "datum": "--datum"}.get(sub, "--door")
    return FLAG_OF_FIELD.get(top, "")


def _vocabulary(catalog: Catalog, name: str) -> dict[str, Any]:
    vocab = catalog.vocabularies.get(name)
    return vocab.terms if vocab else {}


# --- writing YAML in the house style -------------------------------------------------------

def _scalar(value: str) -> str:
    """A one-line value: plain when YAML reads it back as the same text, else double-quoted."""
    if DATE.allows(value):
        return value
    try:
        loaded = yaml.safe_load(f"k: {value}")
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict) and loaded.get("k") == value and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def _text(key: str, value: str, indent: int) -> list[str]:
    """A free-text field: short text on one line; longer text folded (>-), paragraphs as a literal block (|-)."""
    pad = " " * indent
    paragraphs = value.split("\n\n")
    if len(paragraphs) == 1 and len(value) <= 70:
        return [f"{pad}{key}: {_scalar(value)}"]
    width = 88 - indent - 2
    wrap = [textwrap.wrap(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs]
    if len(paragraphs) == 1:
        return [f"{pad}{key}: >-"] + [f"{pad}  {line}" for line in wrap[0]]
    lines = [f"{pad}{key}: |-"]
    for i, block in enumerate(wrap):
        if i:
            lines.append("")
        lines += [f"{pad}  {line}" for line in block]
    return lines


def render_entry(draft: Draft) -> str:
    """The YAML text of a new entry: schema header, status 'ingediend', unknowns as 'onbekend'."""
    lines = [
        SCHEMA_HEADER,
        "# Gemaakt met 'kompaswaaier nieuw'. Vul aan wat nog 'onbekend' is; zie CONTRIBUTING.md.",
        f"slug: {draft.file_slug}",
        *_text("titel", draft.titel, 0),
        f"soort: {draft.soort}",
        f"bouwstenen: [{draft.bouwsteen}]",
        "samenvatting:",
    ]
    for version in VERSIONS:
        if version in draft.samenvatting:
            lines += _text(version, draft.samenvatting[version], 2)
    lines += _text("doel", draft.doel, 0)
    for fld in LIST_FIELDS:
        if draft.lists.get(fld):
            lines.append(f"{fld}: [{', '.join(draft.lists[fld])}]")
    lines.append("tijdsduur: onbekend")
    lines += _text("eigenaar", draft.eigenaar, 0)
    lines += _text("ontwikkeld_met", draft.ontwikkeld_met, 0)
    if draft.links:
        lines.append("links:")
        for url in draft.links:
            lines += [f"  - titel: {_scalar(f'Pagina op {urlsplit(url).hostname}')}", f"    url: {_scalar(url)}"]
    else:
        lines.append("links: []")
    lines.append("licentie: onbekend")
    lines += _text("kosten", draft.kosten, 0)
    with_url = [s for s in draft.bronnen if s.get("url")]
    if not with_url and draft.links:  # every entry needs a source; the page where it is found is the first one
        with_url = [{"titel": f"Pagina op {urlsplit(draft.links[0]).hostname}", "url": draft.links[0]}]
    lines.append("bronnen:" if with_url else "bronnen: []")
    for source in with_url:
        lines += [f"  - titel: {_scalar(source['titel'])}", f"    url: {_scalar(source['url'])}"]
    for source in draft.bronnen:
        if not source.get("url"):
            lines.append(f"  # bron zonder webadres, nog op te zoeken: {' '.join(source['titel'].split())}")
    lines.append("criteria:")
    for key in CRITERIA:
        verdict, why = draft.criteria.get(key, (UNKNOWN, ""))
        why = why or (NOT_YET_KNOWN if verdict == UNKNOWN else NO_EXPLANATION)
        if verdict in ("ja", "nee") and not with_url:
            why = f"Volgens de indiener: {verdict}, maar er is nog geen bron met een webadres. {why}"
            verdict = UNKNOWN
        lines += [f"  {key}:", f"    oordeel: {verdict}", *_text("toelichting", why, 4)]
        if verdict in ("ja", "nee"):
            lines.append("    bronnen:")
            lines += [f"      - {{titel: {_scalar(s['titel'])}, url: {_scalar(s['url'])}}}" for s in with_url]
    lines += ["toetsing:", *_text("door", draft.door, 2), f"  datum: {draft.datum}"]
    lines += ["aangedragen:", *_text("door", draft.door, 2), f"  perspectief: {draft.perspectief}",
              f"  datum: {draft.datum}", "status: ingediend"]
    return "\n".join(lines) + "\n"


def entry_path(draft: Draft, catalog: Catalog) -> Path:
    """Where the new entry goes: ``<root>/<bouwsteen-map>/<slug>.yml``."""
    assert draft.bouwsteen is not None
    return catalog.root / catalog.waaiers[draft.bouwsteen].folder / f"{draft.file_slug}.yml"


def existing_slug(root: Path, slug: str) -> Path | None:
    """An entry file with this slug in any bouwsteen folder, if there is one."""
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if BOUWSTEEN_FOLDER.match(folder.name) and (folder / f"{slug}.yml").exists():
            return folder / f"{slug}.yml"
    return None


def write_entry(draft: Draft, catalog: Catalog, today: dt.date) -> tuple[Path, CheckResult]:
    """Check the entry as ``controleer`` does and, only when it is valid, write it (never over an existing file).

    Every problem is reported at once: first what the form lacks (:func:`validate`), then what the check
    finds in the rendered file, each named by the flag that sets the value (fields already named by the
    first list are not repeated).
    """
    missing = validate(draft, catalog)
    if draft.file_slug and not missing:
        other = existing_slug(catalog.root, draft.file_slug)
        if other is not None:
            raise UsageError(f"er bestaat al een item met de naam '{draft.file_slug}': {display_path(other)}. "
                             "Er is niets overschreven; kies een andere naam met --slug")
    found: list[Problem] = []
    if draft.titel and draft.file_slug and catalog.waaiers:
        folder = catalog.waaiers[draft.bouwsteen].folder if draft.bouwsteen in catalog.waaiers else \
            catalog.waaiers[min(catalog.waaiers)].folder  # only to check the other values
        found = check_new_entry(catalog.root, catalog.root / folder / f"{draft.file_slug}.yml", render_entry(draft), today)
    named = {m.split(":", 1)[0].split(" ", 1)[0] for m in missing}
    lines = missing + [f"{_flag(p)}: {p.field}: {p.message}" if _flag(p) else p.format()
                       for p in found if _flag(p) not in named]
    if lines:
        raise UsageError("het item is niet geschreven:\n  " + "\n  ".join(lines))
    path = entry_path(draft, catalog)
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(render_entry(draft))
    except FileExistsError:
        raise UsageError(f"{path} bestaat al; er is niets overschreven") from None
    return path, check([str(path)], today=today)


# --- GitHub issue forms ---------------------------------------------------------------------

def issue_answers(body: str) -> dict[str, str]:
    """``{heading: answer}`` from an issue body made by a GitHub issue form; empty answers are ''."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    # '(.*)' and strip() rather than '(.+?)[ \t]*$': the lazy form backtracks quadratically on a heading
    # line full of spaces (11 s at GitHub's 65,536 characters).
    parts = re.split(r"^###[ \t]+(.*)$", body, flags=re.M)
    answers: dict[str, str] = {}
    for heading, answer in zip(parts[1::2], parts[2::2]):
        answer = answer.strip()
        answers[heading.strip()] = "" if answer.lower() in ISSUE_EMPTY else answer
    return answers


def draft_from_issue(body: str, catalog: Catalog) -> Draft:
    """A draft from the body of an issue made with the form 'Nieuw instrument of voorbeeld aandragen'."""
    answers = issue_answers(body)
    missing = [ISSUE_LABELS[k] for k in ISSUE_REQUIRED if ISSUE_LABELS[k] not in answers]
    if missing:
        raise UsageError("dit lijkt geen aanmelding met het formulier 'Nieuw instrument of voorbeeld aandragen'; "
                         "deze kopjes ontbreken: " + "; ".join(f"'### {m}'" for m in missing))

    def get(key: str) -> str:
        return answers.get(ISSUE_LABELS[key], "")

    problems: list[str] = []
    draft = Draft(titel=clean(get("titel")), soort="", doel=clean(get("doel")))
    found = re.match(r"\s*([1-5])\b", get("bouwsteen"))
    draft.bouwsteen = int(found.group(1)) if found else None
    soort_codes, unknown = parse_codes(get("soort"), _vocabulary(catalog, "soort"), _labels(catalog, "soort"))
    draft.soort = soort_codes[0] if soort_codes else ""
    problems += [f"soort '{u}' staat niet in de lijst soort" for u in unknown]
    readers = ISSUE_READERS.get(clean(get("lezers")).lower(), "professionals")
    if get("samenvatting"):
        draft.samenvatting[readers] = clean(get("samenvatting"))
    if get("link"):
        draft.links = [clean(get("link"))]
    draft.eigenaar = clean(get("eigenaar")) or UNKNOWN
    draft.kosten = clean(get("kosten")) or UNKNOWN
    draft.door = clean(get("door")) or UNKNOWN
    for fld in ("voor_wie", "setting", "themas"):
        vocab = LIST_FIELDS[fld]
        codes, unknown = parse_codes(get(fld), _vocabulary(catalog, vocab), _labels(catalog, vocab))
        if codes:
            draft.lists[fld] = codes
        problems += [f"{ISSUE_LABELS[fld]} '{u}' staat niet in de lijst {vocab}" for u in unknown]
    perspective = get("perspectief")
    if perspective and perspective.lower() not in ISSUE_VERDICTS:
        codes, unknown = parse_codes(perspective, _vocabulary(catalog, "perspectieven"), _labels(catalog, "perspectieven"))
        draft.perspectief = codes[0] if codes else UNKNOWN
        problems += [f"perspectief '{u}' staat niet in de lijst perspectieven" for u in unknown]
    draft.bronnen = [parse_source(line) for line in get("bronnen").splitlines() if clean(line).strip("-*• ")]
    if clean(get("ontwikkeld_met")):
        draft.ontwikkeld_met = clean(get("ontwikkeld_met"))
    for key in CRITERIA:
        answer = clean(get(f"criterium:{key}")).lower()
        verdict = ISSUE_VERDICTS.get(answer, UNKNOWN if not answer else answer)
        draft.criteria[key] = (verdict, clean(get(f"toelichting:{key}")))
    if problems:
        raise UsageError("het issue bevat antwoorden die niet in de vaste lijsten staan:\n  " + "\n  ".join(problems))
    return draft


def _labels(catalog: Catalog, name: str) -> dict[str, str]:
    return {code: term.get("label", code) for code, term in _vocabulary(catalog, name).items()}
