"""A werkgroep decision on one entry: recorded in its file, checked before anything is written.

``kompaswaaier beoordeel SLUG`` and the issue form ``.github/ISSUE_TEMPLATE/besluit-werkgroep.yml``
end in one :class:`Request`. :func:`record` turns it into a new version of the entry's file:

* ``status`` becomes the decision; ``beoordeling`` holds werkgroep, date, explanation and, as ``bron``,
  the link to the record (the minutes);
* the previous judgement (``beoordeling`` with the status it had) moves to the end of
  ``eerdere_beoordelingen`` (oldest first, as ``validate.rules`` demands), with its ``bron`` (the record)
  and, for an acceptance with a development task, its ``ontwikkelopgave``. Archiving an entry that was
  never judged records its previous status with the date it was submitted, because an archived entry
  must keep its history;
* ``ontwikkelopgave`` is written with that decision and removed with any other.

The file is edited as text, one top-level field at a time, so comments, order and every other field
stay as they were. The edited text is read back and must give exactly the intended data; it is then
checked with :func:`kompaswaaier.validate.catalog.check` in a copy of the catalogue, and only a valid
result replaces the file (atomically: a temporary file next to it, then ``os.replace``).

:func:`decision_from_issue` reads the body GitHub makes from the issue form (``### label`` sections) as
hostile input: it is parsed line by line in linear time, never executed, every value is checked
against a pattern or a length, and a heading that appears twice is refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import importlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompaswaaier.errors import KompaswaaierError, Problem, UsageError, display_path
from kompaswaaier.load.document import Document, load_bytes, load_file
from kompaswaaier.model import VERSIONS, Catalog, Entry, date_nl, parse_date
from kompaswaaier.select import archived, decide, withheld_reasons
from kompaswaaier.validate.catalog import BOUWSTEEN_FOLDER, VOCABULARY_FOLDER, check, load
from kompaswaaier.validate.schema import text_rule
from kompaswaaier.werkgroep.markdown import block, code
from kompaswaaier.werkgroep.newentry import DATE, SLUG, URL, _scalar, _text, clean, existing_slug

#: The decisions a werkgroep records, with the words the command and the form use.
DECISIONS: dict[str, str] = {
    "opgenomen": "opgenomen",
    "opgenomen-met-ontwikkelopgave": "opgenomen met ontwikkelopgave",
    "afgewezen": "afgewezen",
    "gearchiveerd": "gearchiveerd (uit de waaier gehaald)",
}
#: The longest texts the schema allows (korte_tekst, tekst, url).
SHORT = text_rule("entry", "/$defs/korte_tekst").max_length or 0
LONG = text_rule("entry", "/$defs/tekst").max_length or 0
URL_MAX = URL.max_length or 0
#: GitHub stores at most 65,536 characters in an issue body; anything longer did not come from the form.
MAX_BODY = 65_536

#: The headings of the issue form (``.github/ISSUE_TEMPLATE/besluit-werkgroep.yml``), field -> label.
#: ``tests/test_github.py`` keeps the form and this table the same.
ISSUE_LABELS: dict[str, str] = {
    "slug": "Korte naam van het item",
    "besluit": "Besluit",
    "datum": "Datum van het besluit",
    "werkgroep": "Werkgroep",
    "verslag": "Link naar het verslag",
    "toelichting": "Toelichting of redenen",
    "ontwikkelopgave": "Ontwikkelopgave",
}
#: The choices of the form's 'Besluit' dropdown -> decision.
ISSUE_DECISIONS: dict[str, str] = {
    "Opgenomen": "opgenomen",
    "Opgenomen met ontwikkelopgave": "opgenomen-met-ontwikkelopgave",
    "Afgewezen": "afgewezen",
    "Gearchiveerd (uit de waaier gehaald)": "gearchiveerd",
}
ISSUE_REQUIRED = ("slug", "besluit", "datum", "verslag", "toelichting")
_NO_RESPONSE = "_no response_"


@dataclass
class Request:
    """One decision as asked for: by flags, by questions or from the issue form. Empty means not given."""

    slug: str = ""
    besluit: str = ""
    datum: str = ""
    werkgroep: str = ""
    verslag: str = ""
    verslag_titel: str = ""
    toelichting: str = ""
    ontwikkelopgave: str = ""

    def argv(self) -> list[str]:
        """The same decision as arguments of ``kompaswaaier`` (``beoordeel SLUG --optie=waarde ...``), for a
        script that runs the command without a shell. Values are attached with '=', so none reads as an option."""
        out = ["beoordeel", self.slug]
        for name in ("besluit", "datum", "werkgroep", "verslag", "verslag_titel", "toelichting", "ontwikkelopgave"):
            value = getattr(self, name)
            if value:
                out.append(f"--{name.replace('_', '-')}={value}")
        return out


def problems(request: Request) -> list[str]:
    """Every problem with the request on its own (no catalogue needed), named by the option that sets it."""
    out: list[str] = []
    if not request.slug:
        out.append("SLUG: noem het item met zijn korte naam (de bestandsnaam zonder .yml)")
    elif not SLUG.allows(request.slug):
        out.append(f"SLUG: '{_short(request.slug)}' is geen korte naam; alleen kleine letters, cijfers en streepjes")
    if not request.besluit:
        out.append(f"--besluit: kies het besluit ({', '.join(DECISIONS)})")
    elif request.besluit not in DECISIONS:
        out.append(f"--besluit: '{_short(request.besluit)}' is geen besluit; kies uit: {', '.join(DECISIONS)}")
    if not request.datum:
        out.append("--datum: de datum van het besluit ontbreekt (JJJJ-MM-DD)")
    elif parse_date(request.datum) is None or not DATE.allows(request.datum):
        out.append(f"--datum: '{_short(request.datum)}' is geen datum (JJJJ-MM-DD)")
    if len(request.werkgroep) > SHORT:
        out.append(f"--werkgroep: hoogstens {SHORT} tekens")
    if not request.verslag:
        out.append("--verslag: de link naar het verslag van het besluit ontbreekt (een webadres dat begint met https://)")
    elif not URL.allows(request.verslag):
        out.append(f"--verslag: '{_short(request.verslag)}' is geen webadres; het moet beginnen met https:// "
                   f"(of http://), zonder spaties, hoogstens {URL_MAX} tekens")
    if len(request.verslag_titel) > SHORT:
        out.append(f"--verslag-titel: hoogstens {SHORT} tekens")
    reason = "de reden" if request.besluit in ("afgewezen", "gearchiveerd") else "de toelichting"
    if not request.toelichting:
        out.append(f"--toelichting: {reason} van het besluit ontbreekt")
    elif len(request.toelichting) > LONG:
        out.append(f"--toelichting: hoogstens {LONG} tekens (nu {len(request.toelichting)})")
    if request.besluit == "opgenomen-met-ontwikkelopgave":
        if not request.ontwikkelopgave:
            out.append("--ontwikkelopgave: zeg wat er nog moet verbeteren")
        elif len(request.ontwikkelopgave) > LONG:
            out.append(f"--ontwikkelopgave: hoogstens {LONG} tekens (nu {len(request.ontwikkelopgave)})")
    elif request.ontwikkelopgave and request.besluit in DECISIONS:
        out.append("--ontwikkelopgave: hoort alleen bij het besluit opgenomen-met-ontwikkelopgave")
    return out


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- the issue form ------------------------------------------------------------------------


def issue_sections(body: str) -> tuple[dict[str, str], list[str]]:
    """``{field: answer}`` from a body made by the decision form, and the headings found twice.

    Only the form's own headings (``### label`` on a line of its own) start an answer; any other
    line, also one that starts with '###', belongs to the answer above it. One pass over the lines.
    """
    by_label = {label: key for key, label in ISSUE_LABELS.items()}
    answers: dict[str, list[str]] = {}
    twice: list[str] = []
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        key = by_label.get(line[4:].strip()) if line.startswith("### ") else None
        if key is None:
            if current is not None:
                current.append(line)
            continue
        if key in answers:
            twice.append(ISSUE_LABELS[key])
            current = None  # the second copy is read by no one
            continue
        current = answers[key] = []
    out: dict[str, str] = {}
    for key, lines in answers.items():
        answer = "\n".join(lines).strip()
        out[key] = "" if answer.lower() == _NO_RESPONSE else answer
    return out, twice


def decision_from_issue(body: str) -> tuple[Request | None, list[str]]:
    """A request from the body of an issue made with the form 'Besluit van de werkgroep', or the problems (Dutch).

    Returns ``(request, [])`` when the body is complete and every value is well-formed, else
    ``(None, problems)``. The body is never executed or evaluated; the request still has to pass
    :func:`record` (which checks it against the catalogue) before anything is written.
    """
    if len(body) > MAX_BODY:
        return None, [f"het issue is te lang ({len(body)} tekens; GitHub bewaart er hoogstens {MAX_BODY}); "
                      "dit komt niet van het formulier 'Besluit van de werkgroep'"]
    answers, twice = issue_sections(body)
    if twice:
        return None, ["deze kopjes staan meer dan één keer in het issue: " + "; ".join(f"'### {t}'" for t in twice)
                      + ". Haal de herhaling weg (ook uit de toelichting) en probeer het opnieuw"]
    missing = [ISSUE_LABELS[k] for k in ISSUE_REQUIRED if k not in answers]
    if missing:
        return None, ["dit lijkt geen besluit met het formulier 'Besluit van de werkgroep'; deze kopjes ontbreken: "
                      + "; ".join(f"'### {m}'" for m in missing)]
    choice = clean(answers.get("besluit", ""))
    request = Request(
        slug=clean(answers.get("slug", "")).strip("`").strip(),
        besluit=ISSUE_DECISIONS.get(choice, choice.lower() if choice.lower() in DECISIONS else choice),
        datum=clean(answers.get("datum", "")),
        werkgroep=clean(answers.get("werkgroep", "")),
        verslag=clean(answers.get("verslag", "")).strip("<>"),
        toelichting=clean(answers.get("toelichting", "")),
        ontwikkelopgave=clean(answers.get("ontwikkelopgave", "")),
    )
    found = problems(request)
    if request.besluit and request.besluit not in DECISIONS:
        found = [p for p in found if not p.startswith("--besluit:")]
        found.append(f"{ISSUE_LABELS['besluit']}: '{_short(choice)}' is geen keuze van het formulier; kies uit: "
                     + ", ".join(ISSUE_DECISIONS))
    return (None, [_issue_words(p) for p in found]) if found else (request, [])


def _issue_words(problem: str) -> str:
    """A problem named by the form's heading instead of the option."""
    for key, label in ISSUE_LABELS.items():
        flag = "SLUG" if key == "slug" else f"--{key.replace('_', '-')}"
        if problem.startswith(flag + ":"):
            return f"{label}:{problem[len(flag) + 1:]}"
    return problem


# --- editing the file as text -------------------------------------------------------------------


@dataclass
class _Segment:
    """One top-level field: the comments and blank lines above it, and its own lines."""

    key: str
    prefix: list[str]
    lines: list[str]


@dataclass
class _Layout:
    segments: list[_Segment]
    tail: list[str]

    def find(self, key: str) -> _Segment | None:
        return next((s for s in self.segments if s.key == key), None)

    def put(self, key: str, lines: list[str], after: tuple[str, ...]) -> None:
        """Replace the field's lines, or add it after the last present field of ``after``."""
        seg = self.find(key)
        if seg is not None:
            seg.lines = lines
            return
        at = len(self.segments)
        for other in after:
            found = self.find(other)
            if found is not None:
                at = self.segments.index(found) + 1
        self.segments.insert(at, _Segment(key, [], lines))

    def remove(self, key: str) -> None:
        self.segments = [s for s in self.segments if s.key != key]

    def text(self, newline: str) -> str:
        lines = [line for s in self.segments for line in (*s.prefix, *s.lines)] + self.tail
        return newline.join(lines).rstrip("\n") + newline


def _layout(lines: list[str], doc: Document) -> _Layout | None:
    """The file cut into top-level fields; None when the top level is not a plain block mapping."""
    starts = sorted((line - 1, path[0]) for path, line in doc.key_lines.items() if len(path) == 1)
    if not starts or any(not lines[i].startswith(f"{key}:") for i, key in starts if isinstance(key, str)):
        return None
    segments: list[_Segment] = []
    begin = 0
    for n, (i, key) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        end = stop
        while end > i + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # blank lines and comments at the left margin belong to what follows
        segments.append(_Segment(str(key), lines[begin:i], lines[i:end]))
        begin = end
    return _Layout(segments, lines[begin:])


def _judgement_lines(judgement: dict[str, Any]) -> list[str]:
    """``beoordeling:`` in the house style."""
    out = ["beoordeling:", *_text("werkgroep", judgement["werkgroep"], 2), f"  datum: {judgement['datum']}",
           *_text("toelichting", judgement["toelichting"], 2)]
    if "bron" in judgement:
        out += _bron_lines(judgement["bron"], 2)
    return out


def _bron_lines(bron: dict[str, Any], indent: int) -> list[str]:
    """A ``bron:`` mapping at ``indent``."""
    pad = " " * indent
    return [f"{pad}bron:", *[line for key, value in bron.items()
                             for line in ([f"{pad}  {key}: {_scalar(value)}"] if key == "url" else _text(key, value, indent + 2))]]


def _history_item(item: dict[str, Any], indent: int) -> list[str]:
    """One item of ``eerdere_beoordelingen`` as a block-list item at ``indent``."""
    pad = " " * indent
    out = [f"{pad}- status: {item['status']}", f"{pad}  datum: {item['datum']}"]
    for key in ("werkgroep", "toelichting"):
        if key in item:
            out += _text(key, item[key], indent + 2)
    if "bron" in item:
        out += _bron_lines(item["bron"], indent + 2)
    if "ontwikkelopgave" in item:
        out += _text("ontwikkelopgave", item["ontwikkelopgave"], indent + 2)
    return out


def _history_lines(seg: _Segment | None, history: list[dict[str, Any]], added: list[dict[str, Any]]) -> list[str]:
    """``eerdere_beoordelingen`` with ``added`` at the end: appended to a block list as it stands, else written anew."""
    if seg is not None and seg.lines[0].split("#")[0].strip() == "eerdere_beoordelingen:":
        items = [line for line in seg.lines[1:] if line.lstrip().startswith("- ")]
        if items:
            indent = len(items[0]) - len(items[0].lstrip())
            return [*seg.lines, *[line for item in added for line in _history_item(item, indent)]]
    return ["eerdere_beoordelingen:", *[line for item in history for line in _history_item(item, 2)]]


def _normal(value: Any) -> Any:
    """Data with the white space inside texts evened out (a wrapped paragraph reads the same)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, str):
        return "\n\n".join(" ".join(p.split()) for p in value.split("\n\n"))
    return value


# --- recording -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What :func:`record` did: the file, whether it was written, the judgement moved to the history, and
    the problems that kept it from being written (none when written)."""

    path: Path
    written: bool
    entry: Entry | None = None
    moved: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    #: Problems the file already had before the decision (then nothing is tried).
    existing: bool = False
    #: The file's text before and after the decision (after: only when the decision could be applied).
    before: str = ""
    after: str = ""


def find_entry(root: Path, slug: str, catalog: Catalog) -> Path:
    """The file of the entry with this slug; a usage error (with close names) when there is none."""
    path = existing_slug(root, slug)
    if path is None:
        known = sorted(e.slug for e in catalog.entries)
        close = difflib.get_close_matches(slug, known, n=3)
        hint = f"; bedoelt u {' of '.join(close)}?" if close else ""
        raise UsageError(f"er is geen item met de naam '{slug}' in {display_path(root)}{hint}")
    return path


def _fold(judgement: dict[str, Any], status: str, opgave: str | None, catalog: Catalog) -> dict[str, Any]:
    """The previous judgement as an item of eerdere_beoordelingen, with its record and its ontwikkelopgave."""
    item: dict[str, Any] = {"status": status, "datum": judgement["datum"], "werkgroep": judgement["werkgroep"],
                            "toelichting": judgement["toelichting"]}
    if judgement.get("bron"):
        item["bron"] = judgement["bron"]
    if opgave:
        item["ontwikkelopgave"] = opgave
    return item


def _wanted(data: dict[str, Any], request: Request, werkgroep: str, catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The entry's data after the decision, and the item that moved to eerdere_beoordelingen (if any)."""
    new = copy.deepcopy(data)
    moved: dict[str, Any] | None = None
    if "beoordeling" in data:
        opgave = data.get("ontwikkelopgave") if data["status"] == "opgenomen-met-ontwikkelopgave" else None
        moved = _fold(data["beoordeling"], data["status"], opgave, catalog)
    elif request.besluit == "gearchiveerd" and not data.get("eerdere_beoordelingen"):
        moved = {"status": data["status"], "datum": data["aangedragen"]["datum"]}
    if moved is not None:
        new["eerdere_beoordelingen"] = [*data.get("eerdere_beoordelingen", []), moved]
    title = request.verslag_titel or f"Verslag van de werkgroep, {date_nl(request.datum)}"
    new["status"] = request.besluit
    new["beoordeling"] = {"werkgroep": werkgroep, "datum": request.datum, "toelichting": request.toelichting,
                          "bron": {"titel": title, "url": request.verslag}}
    if request.besluit == "opgenomen-met-ontwikkelopgave":
        new["ontwikkelopgave"] = request.ontwikkelopgave
    else:
        new.pop("ontwikkelopgave", None)
    return new, moved


def edit(text: str, doc: Document, wanted: dict[str, Any], moved: dict[str, Any] | None) -> str:
    """The file's text with status, beoordeling, ontwikkelopgave and eerdere_beoordelingen as in ``wanted``.

    Only those top-level fields change; the rest of the text stays byte for byte. The result is read
    back and must give ``wanted``; otherwise nothing is returned but an error.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    layout = _layout(lines, doc)
    if layout is None:
        raise KompaswaaierError(f"{doc.path}: het bestand is geen gewone lijst van velden (zoals 'status: ...' aan het "
                                "begin van een regel); pas het besluit met de hand aan")
    order = ("status", "beoordeling", "ontwikkelopgave", "eerdere_beoordelingen")
    layout.put("status", [f"status: {wanted['status']}"], ())
    layout.put("beoordeling", _judgement_lines(wanted["beoordeling"]), order[:1])
    if "ontwikkelopgave" in wanted:
        layout.put("ontwikkelopgave", _text("ontwikkelopgave", wanted["ontwikkelopgave"], 0), order[:2])
    else:
        layout.remove("ontwikkelopgave")
    if moved is not None:
        seg = layout.find("eerdere_beoordelingen")
        layout.put("eerdere_beoordelingen", _history_lines(seg, wanted["eerdere_beoordelingen"], [moved]), order[:3])
    result = layout.text(newline)
    back, trouble = load_bytes(result.encode("utf-8"), doc.path)
    if back is None or trouble or _normal(back.data) != _normal(wanted):
        raise KompaswaaierError(f"{doc.path}: het besluit kon niet veilig in het bestand worden gezet (de opmaak is "
                                "ongewoon); er is niets veranderd. Pas het bestand met de hand aan; zie CONTRIBUTING.md")
    return result


def _copy_catalogue(root: Path, into: Path) -> Path:
    """The YAML files of a catalogue copied to ``into`` (what the check reads), for a trial run."""
    copy_root = into / "waaiers"
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and (folder.name == VOCABULARY_FOLDER or BOUWSTEEN_FOLDER.match(folder.name)):
            (copy_root / folder.name).mkdir(parents=True)
            for f in sorted(folder.iterdir()):
                if f.suffix == ".yml" and not f.name.startswith(".") and f.is_file() and not f.is_symlink():
                    shutil.copyfile(f, copy_root / folder.name / f.name)
    return copy_root


def trial(root: Path, path: Path, text: str, today: dt.date) -> tuple[list[Problem], Entry | None]:
    """Check ``text`` as the new content of ``path`` together with the rest of the catalogue, without touching it.

    Returns the problems (named by the real file, without line numbers: the lines are those of a file
    that was not written) and the entry as the catalogue would hold it.
    """
    shown = display_path(path)
    with tempfile.TemporaryDirectory(prefix="kompaswaaier-besluit-") as tmp:
        copy_root = _copy_catalogue(root, Path(tmp))
        target = copy_root / path.parent.name / path.name
        target.write_text(text, encoding="utf-8")
        result = check([str(target)], today=today)
        found = [Problem(shown, None, p.field, p.message) for p in result.problems]
        entry = next((e for e in result.catalog.entries if Path(e.path).name == path.name), None)
    return found, entry


def _write(path: Path, text: str, before: bytes) -> None:
    """Replace ``path`` by ``text`` in one step, unless someone changed it since it was read."""
    if path.read_bytes() != before:
        raise UsageError(f"{display_path(path)} is veranderd terwijl het besluit werd voorbereid; er is niets geschreven. "
                         "Probeer het opnieuw")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def on_site(entry: Entry) -> str:
    """Where the entry shows with the decision, as the end of a sentence: 'in de waaier voor ...'."""
    shown = [VERSIONS[v] for v in VERSIONS if decide(entry, v).published]
    if shown:
        return f"in de waaier voor {_join(shown)}."
    kept = [VERSIONS[v] for v in VERSIONS if archived(entry, v)]
    if kept:
        return f"niet meer in de waaier; de pagina blijft bestaan met 'Niet meer in de waaier' ({_join(kept)})."
    reasons = withheld_reasons(entry)
    return f"niet in de waaier ({'; '.join(reasons) if reasons else 'geen samenvatting voor een versie'})."


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def default_werkgroep(catalog: Catalog, entry: Entry) -> str:
    """The werkgroep of the entry's bouwsteen, from its waaier.yml."""
    waaier = catalog.waaiers.get(entry.bouwsteen)
    return " ".join(str(waaier.data["werkgroep"]).split())[:SHORT] if waaier else ""


def record(request: Request, root: Path, today: dt.date, *, write: bool = True) -> Outcome:
    """Record ``request`` in its entry's file under ``root`` as it stands on ``today``.

    Raises :class:`UsageError` when the request is incomplete or wrong on its own or against the
    entry (unknown slug, a date in the future or before the previous judgement). Returns an
    :class:`Outcome`; the file is written only when the result passes the full check (and ``write``).
    """
    found = problems(request)
    if found:
        raise UsageError("het besluit is niet vastgelegd:\n  " + "\n  ".join(found))
    root = root.resolve()
    if not (root / VOCABULARY_FOLDER).is_dir():
        raise UsageError(f"geen map met gegevens gevonden: {display_path(root)} (verwacht: vocabulaires/ en de bouwsteenmappen)")
    loaded = load(root, today=today)
    path = find_entry(root, request.slug, loaded.catalog)
    shown = display_path(path)
    already = [p for p in loaded.problems if p.path == shown]
    entry = next((e for e in loaded.catalog.entries if Path(e.path).resolve() == path.resolve()), None)
    if already or entry is None:
        return Outcome(path, False, problems=already, existing=True)
    date = dt.date.fromisoformat(request.datum)
    late: list[str] = []
    if date > today:
        late.append(f"--datum: {request.datum} ligt in de toekomst (vandaag is {today.isoformat()})")
    previous = [parse_date(j.get("datum")) for j in (*entry.data.get("eerdere_beoordelingen", []), entry.data.get("beoordeling", {}))]
    newest = max((d for d in previous if d), default=None)
    if newest and date < newest:
        late.append(f"--datum: {request.datum} ligt vóór het vorige oordeel ({newest.isoformat()}); een besluit komt na "
                    "het vorige. Is dit een ouder besluit, zet het dan met de hand in eerdere_beoordelingen")
    if entry.submitted and date < entry.submitted:
        late.append(f"--datum: {request.datum} ligt vóór de datum van aandragen ({entry.submitted.isoformat()})")
    if late:
        raise UsageError("het besluit is niet vastgelegd:\n  " + "\n  ".join(late))
    werkgroep = request.werkgroep or default_werkgroep(loaded.catalog, entry)
    before = path.read_bytes()
    doc, trouble = load_file(path, shown)
    if doc is None or trouble:
        return Outcome(path, False, problems=trouble, existing=True)
    wanted, moved = _wanted(doc.data, request, werkgroep, loaded.catalog)
    text = edit(before.decode("utf-8"), doc, wanted, moved)
    found_problems, new_entry = trial(root, path, text, today)
    old = before.decode("utf-8")
    if found_problems:
        return Outcome(path, False, problems=found_problems, moved=moved, before=old, after=text)
    if write:
        _write(path, text, before)
    return Outcome(path, write, entry=new_entry, moved=moved, before=old, after=text)


# --- the workflow: an issue with the form 'Besluit van de werkgroep' ------------------------------


def intake(issue: Any, root: Path, today: dt.date) -> Any:
    """What ``kompaswaaier verwerk-issue --formulier besluit`` does with an issue (``werkgroep.intake.Issue``): the
    changed entry file for a pull request and the reply (a ``werkgroep.intake.Intake``), decided without touching
    the working tree. The caller checks that the author is a member; the issue text is treated as hostile.
    """
    flow = importlib.import_module("kompaswaaier.werkgroep.intake")  # it imports this module on demand, so import it late
    form = "besluit"

    def refused(first: str, lines: list[str]) -> Any:
        return flow.Intake(form, issue.number, "\n".join([first, "", block(lines), "", flow.NOT_READ, flow.CHANGE_HINT, ""]))

    request, found = decision_from_issue(issue.body)
    if request is None:
        return refused("Dank je wel. Ik kon het besluit helaas niet goed lezen:", found)
    try:
        outcome = record(request, root, today, write=False)
    except UsageError as exc:
        return refused(f"Dank je wel. Het besluit over {code(request.slug)} kan ik zo niet vastleggen:", str(exc).splitlines())
    shown = f"{root.name}/{outcome.path.resolve().relative_to(root.resolve()).as_posix()}"
    if outcome.problems or outcome.entry is None:
        why = ("het bestand van het item heeft al problemen; die moeten eerst worden opgelost:" if outcome.existing
               else "met dit besluit zou het bestand niet meer aan de regels van de waaier voldoen:")
        return refused(f"Dank je wel. Het besluit over {code(request.slug)} heb ik niet vastgelegd: {why}",
                       [f"{shown}: {p.field + ': ' if p.field else ''}{p.message}" for p in outcome.problems])
    entry = outcome.entry
    label = DECISIONS[request.besluit].split(" (")[0]
    title = " ".join(entry.title.split())
    summary = [f"- Item: {code(title)} ({code(shown)})",
               f"- Besluit: **{label}**, {date_nl(request.datum)}, door {code(entry.data['beoordeling']['werkgroep'])}",
               f"- Verslag: {code(request.verslag, URL_MAX)}"]
    if outcome.moved is not None:
        moved = outcome.moved
        when = date_nl(moved["datum"]) if parse_date(moved["datum"]) else "datum onbekend"
        summary.append(f"- Het vorige oordeel ({DECISIONS.get(moved['status'], moved['status']).split(' (')[0]}, {when}) "
                       "staat nu in `eerdere_beoordelingen`.")
    site = ["### Wat het betekent voor de site", f"Na het samenvoegen staat het item {on_site(entry)} Het besluit komt "
            f"op de pagina **Besluiten** van bouwsteen {entry.bouwsteen} in de versie voor organisaties."]
    made = ["### Wat ik heb gemaakt", *flow._made(issue, f"Het besluit staat in {code(shown)}, gecontroleerd met dezelfde "
                                                        "controles als `kompaswaaier controleer`: geen problemen.")]
    reply = "\n".join([f"Dank je wel. Het besluit over {code(title)} is klaar om te worden nagekeken.", "", *made, "",
                       *summary, "", *site, "", "Een ander lid van de werkgroep kijkt het voorstel na en voegt het samen.",
                       flow.CHANGE_HINT, ""])
    pr_body = "\n".join([
        f"Besluit van de werkgroep uit #{issue.number}, omgezet door de workflow *Aanmelding of besluit via een issue* "
        "(`kompaswaaier verwerk-issue`, dezelfde code als `kompaswaaier beoordeel`).", "",
        f"Closes #{issue.number} (GitHub sluit het issue als deze pull request wordt samengevoegd.)", "",
        *summary, "", *site, "", "Kijk na of het besluit klopt met het verslag.", ""])
    return flow._finish(form, issue, reply, {shown: outcome.after}, f"Besluit: {title}: {label}", pr_body,
                        f"Record werkgroep decision on {request.slug} ({request.besluit}, {request.datum}) from issue "
                        f"#{issue.number}\n\nRecorded with the issue form; converted by kompaswaaier verwerk-issue.\n")
