"""Load a whole ``waaiers/`` tree: every file, every schema, every cross-file rule.

:func:`check` is what ``kompaswaaier controleer`` and the site build run. It never
stops at the first problem: it returns all of them, plus the catalogue of the
files that are valid.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from kompaswaaier.errors import DataError, Problem, UsageError, display_path
from kompaswaaier.load.document import Document, field_name, load_file
from kompaswaaier.model import PUBLICATIONS, VOCABULARY_FIELDS, Catalog, Entry, Vocabulary, Waaier
from kompaswaaier.resources import project_root
from kompaswaaier.validate import keuzehulp, schema
from kompaswaaier.validate.rules import evidence_problems, lifecycle_problems, sources

BOUWSTEEN_FOLDER = re.compile(r"^([1-5])-[a-z0-9-]+$")
VOCABULARY_FOLDER = "vocabulaires"
WAAIER_FILE = "waaier.yml"


@dataclass
class CheckResult:
    """The outcome of checking a set of files."""

    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    entry_files: list[str] = field(default_factory=list)

    @property
    def invalid_files(self) -> set[str]:
        return {p.path for p in self.problems}

    @property
    def ok(self) -> bool:
        return not self.problems


def default_root() -> Path:
    """``waaiers/`` in the working directory, else the repository's own."""
    here = Path.cwd() / "waaiers"
    if (here / VOCABULARY_FOLDER).is_dir():
        return here
    return project_root() / "waaiers"


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds a ``vocabulaires/`` folder."""
    path = path.resolve()
    for folder in [path, *path.parents]:
        if (folder / VOCABULARY_FOLDER).is_dir():
            return folder
    return None


def _yaml_files(folder: Path) -> list[Path]:
    """Every ``.yml``/``.yaml`` file below ``folder`` (hidden names skipped), plus every symbolic
    link to a folder, so the check can refuse it instead of silently not following it."""
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out += [Path(dirpath) / d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        out += [Path(dirpath) / f for f in sorted(filenames) if f.endswith((".yml", ".yaml")) and not f.startswith(".")]
    return out


#: Said of a symbolic link, wherever it is found.
SYMLINK_MESSAGE = ("is een symbolische koppeling (symlink) en wordt niet gevolgd, want die kan naar een bestand "
                   "buiten de waaier wijzen; zet het bestand zelf hier neer")
HIDDEN_MESSAGE = "wordt overgeslagen, want de naam van het bestand of van een map erboven begint met een punt"


def _canonical(p: Path) -> Path:
    """``p`` with its folders resolved but not its last part, so a symbolic link stays itself."""
    return p.parent.resolve() / p.name


def check(paths: list[str] | None = None, *, today: dt.date | None = None) -> CheckResult:
    """Check files and folders (default: the whole catalogue) and return every problem.

    A path inside a catalogue root is checked together with the rest of that root,
    so cross-file rules (vocabularies, duplicates) see everything; only problems of
    the requested files are reported. A path outside any root is checked against
    the default catalogue's vocabularies. A symbolic link is refused as a problem;
    a folder without YAML files, or a file that is not YAML, is a usage error.
    """
    today = today or dt.date.today()
    if not paths:
        root = default_root()
        if not root.is_dir():
            raise UsageError(f"map niet gevonden: {root}")
        return _check_root(root, None, [], today)
    requested: list[Path] = []
    refused: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not os.path.lexists(p):
            raise UsageError(f"pad bestaat niet: {raw}")
        if p.is_symlink():
            refused.append(p)
        elif p.is_dir():
            found = _yaml_files(p)
            if not found:
                raise UsageError(f"geen .yml-bestanden gevonden in {raw}")
            requested += found
        elif not p.name.endswith((".yml", ".yaml")):
            raise UsageError(f"geen .yml-bestand: {raw} (alleen .yml-bestanden worden gecontroleerd)")
        else:
            requested.append(p)
    by_root: dict[Path, list[Path]] = {}
    outside: list[Path] = []
    for p in requested:
        home = find_root(p.parent)
        if home is None:
            outside.append(p)
        else:
            by_root.setdefault(home, []).append(p)
    if outside or not by_root:
        by_root.setdefault(default_root().resolve(), [])
    result: CheckResult | None = None
    for root, files in by_root.items():
        extra = outside if root == default_root().resolve() else []
        part = _check_root(root, {_canonical(f) for f in files + extra}, extra, today)
        if result is None:
            result = part
        else:
            result.problems += part.problems
            result.entry_files += part.entry_files
            result.catalog.entries += part.catalog.entries
    assert result is not None
    for p in refused:
        result.problems.append(Problem(_display(p), None, "", SYMLINK_MESSAGE))
        if _classify_outside(p) == "entry":
            result.entry_files.append(_display(p))
    return result


def load(root: Path | None = None, *, today: dt.date | None = None) -> CheckResult:
    """Load and check a whole catalogue root."""
    return _check_root((root or default_root()).resolve(), None, [], today or dt.date.today())


def check_new_entry(root: Path, target: Path, text: str, today: dt.date) -> list[Problem]:
    """Every problem of a new entry's text, checked with the rest of ``root`` before it is written to
    ``target`` (``root/<bouwsteen-map>/<slug>.yml``): the same check as ``controleer``, on a copy in a
    temporary folder named like the target's folder. Problems name ``target``."""
    with tempfile.TemporaryDirectory(prefix="kompaswaaier-") as tmp:
        draft = Path(tmp) / target.parent.name / target.name
        draft.parent.mkdir()
        draft.write_text(text, encoding="utf-8")
        result = _check_root(root, {draft.resolve()}, [draft], today)
        return [replace(p, path=_display(target)) for p in result.problems]


def _check_root(root: Path, only: set[Path] | None, extra: list[Path], today: dt.date) -> CheckResult:
    root = root.resolve()
    catalog = Catalog(root, today=today)
    problems: list[Problem] = []
    entry_docs: list[tuple[Path, Document]] = []
    entry_files: list[str] = []

    def wanted(p: Path) -> bool:
        return only is None or p.resolve() in only

    files = [(p, _classify(root, p)) for p in _yaml_files(root)] + [(p, _classify_outside(p)) for p in extra]
    folders = {p.parent.name for p, kind in files if kind in ("entry", "waaier")}

    if only is not None:
        walked = {_canonical(p) for p, _ in files}
        problems += [Problem(_display(f), None, "", HIDDEN_MESSAGE) for f in sorted(only - walked)]

    for p, kind in files:
        name = _display(p)
        if p.is_symlink():
            problems.append(Problem(name, None, "", SYMLINK_MESSAGE))
            if kind == "entry" and p.suffix == ".yml":
                entry_files.append(name)
            continue
        if kind == "wrong-extension":
            problems.append(Problem(name, None, "", "gebruik de extensie .yml (niet .yaml)"))
            continue
        if kind == "wrong-folder":
            problems.append(Problem(name, None, "", "bestand staat in de verkeerde map: items horen in een bouwsteenmap "
                                    "(1-… tot en met 5-…), vaste lijsten in vocabulaires/"))
            continue
        if kind == "entry":
            entry_files.append(name)
        doc, load_problems = load_file(p, name)
        if doc is None:
            problems += load_problems
            continue
        schema_problems = schema.validate(doc, kind)
        if schema_problems:
            problems += schema_problems
            continue
        if kind == "vocabulaire":
            problems += _add_vocabulary(catalog, p, doc)
        elif kind == "waaier":
            problems += _add_waaier(catalog, p, doc)
        else:
            entry_docs.append((p, doc))

    for folder in sorted(f for f in folders if BOUWSTEEN_FOLDER.match(f)):
        if (root / folder).is_dir() and not (root / folder / WAAIER_FILE).exists():
            problems.append(Problem(_display(root / folder), None, "", f"map mist {WAAIER_FILE} met de onderdelen van de waaier"))

    problems += keuzehulp.problems(catalog)
    problems += _waaier_code_problems(catalog)
    seen_titles: dict[str, Entry] = {}
    seen_urls: dict[str, Entry] = {}
    for p, doc in entry_docs:
        entry = Entry(doc)
        entry_problems = _entry_problems(catalog, p, entry, today)
        for key, first in _duplicates(entry, seen_titles, seen_urls):
            entry_problems.append(Problem(doc.path, doc.line(key), field_name(key), f"staat ook in {first.path}; elk item mag maar één keer in de waaier staan"))
        problems += entry_problems
        if not entry_problems:
            catalog.entries.append(entry)

    if only is not None:
        keep = {_display(p) for p in only}
        problems = [q for q in problems if q.path in keep]
        entry_files = [f for f in entry_files if f in keep]
        catalog.entries = [e for e in catalog.entries if e.path in keep]
    return CheckResult(catalog, problems, entry_files)


def _display(p: Path) -> str:
    return display_path(p)


def _classify(root: Path, p: Path) -> str:
    rel = p.relative_to(root)
    if p.suffix == ".yaml":
        return "wrong-extension"
    if len(rel.parts) == 2 and rel.parts[0] == VOCABULARY_FOLDER:
        return "vocabulaire"
    if len(rel.parts) == 2 and BOUWSTEEN_FOLDER.match(rel.parts[0]):
        return "waaier" if rel.name == WAAIER_FILE else "entry"
    return "wrong-folder"


def _classify_outside(p: Path) -> str:
    if p.suffix == ".yaml":
        return "wrong-extension"
    if p.parent.name == VOCABULARY_FOLDER:
        return "vocabulaire"
    return "waaier" if p.name == WAAIER_FILE else "entry"


def _add_vocabulary(catalog: Catalog, p: Path, doc: Document) -> list[Problem]:
    data = doc.data
    out = []
    if data["naam"] != p.stem:
        out.append(Problem(doc.path, doc.line(("naam",)), "naam", f"naam '{data['naam']}' moet gelijk zijn aan de bestandsnaam '{p.stem}'"))
    terms: dict[str, dict] = {}
    for i, term in enumerate(data["termen"]):
        if term["code"] in terms:
            out.append(Problem(doc.path, doc.line(("termen", i, "code")), f"termen[{i + 1}].code", f"code '{term['code']}' staat twee keer in de lijst"))
        terms[term["code"]] = term
    if not out:
        catalog.vocabularies[p.stem] = Vocabulary(p.stem, terms)
    return out


def _add_waaier(catalog: Catalog, p: Path, doc: Document) -> list[Problem]:
    number = doc.data["bouwsteen"]
    m = BOUWSTEEN_FOLDER.match(p.parent.name)
    if m and int(m.group(1)) != number:
        return [Problem(doc.path, doc.line(("bouwsteen",)), "bouwsteen", f"bouwsteen {number} past niet bij de map '{p.parent.name}' (bouwsteen {m.group(1)})")]
    if number in catalog.waaiers:
        return [Problem(doc.path, doc.line(("bouwsteen",)), "bouwsteen", f"bouwsteen {number} heeft al een waaier in {catalog.waaiers[number].doc.path}")]
    catalog.waaiers[number] = Waaier(doc, p.parent.name)
    return []


def _waaier_code_problems(catalog: Catalog) -> list[Problem]:
    """Codes in ``waaier.yml`` outside the keuzehulp: the perspectives of the composition and the
    publications its sources name."""
    out: list[Problem] = []
    for _number, waaier in sorted(catalog.waaiers.items()):
        data = waaier.data
        checks: list[tuple[tuple, str, str]] = [
            (("bronnen", i, "publicatie"), b["publicatie"], PUBLICATIONS) for i, b in enumerate(data["bronnen"]) if "publicatie" in b]
        composition = data.get("samenstelling", {})
        checks += [(("samenstelling", "partijen", i, "perspectief"), party["perspectief"], "perspectieven")
                   for i, party in enumerate(composition.get("partijen", []))]
        checks += [(("samenstelling", "bronnen", i, "publicatie"), b["publicatie"], PUBLICATIONS)
                   for i, b in enumerate(composition.get("bronnen", [])) if "publicatie" in b]
        out += _code_problems(catalog, waaier.doc, checks)
    return out


def _code_problems(catalog: Catalog, doc: Document, checks: list[tuple[tuple, str, str]]) -> list[Problem]:
    """Each (path, code, vocabulary) whose code is not in its vocabulary, with the codes to choose from."""
    out: list[Problem] = []
    for path, code, vocab in checks:
        terms = catalog.vocabularies.get(vocab)
        if terms is None:
            out.append(Problem(doc.path, doc.line(path), field_name(path), f"de lijst '{vocab}' ontbreekt (verwacht: vocabulaires/{vocab}.yml)"))
        elif code not in terms.terms:
            options = ", ".join(terms.terms)
            out.append(Problem(doc.path, doc.line(path), field_name(path),
                               f"'{code}' staat niet in de lijst {vocab} (vocabulaires/{vocab}.yml); kies uit: {options}"))
    return out


def _entry_problems(catalog: Catalog, p: Path, entry: Entry, today: dt.date) -> list[Problem]:
    doc, data = entry.doc, entry.data
    out: list[Problem] = []
    if entry.slug != p.stem:
        out.append(Problem(doc.path, doc.line(("slug",)), "slug", f"slug '{entry.slug}' moet gelijk zijn aan de bestandsnaam '{p.stem}'"))
    m = BOUWSTEEN_FOLDER.match(p.parent.name)
    if m and int(m.group(1)) != entry.bouwsteen:
        target = catalog.waaiers.get(entry.bouwsteen)
        where = f"de map {target.folder}/" if target else f"de map van bouwsteen {entry.bouwsteen}"
        out.append(Problem(doc.path, doc.line(("bouwstenen", 0)), "bouwstenen",
                           f"het bestand staat in de map van bouwsteen {m.group(1)}, maar de eerste bouwsteen is {entry.bouwsteen}; "
                           f"verplaats het naar {where} of zet {m.group(1)} voorop"))
    checks: list[tuple[tuple, str, str]] = []
    for fld, vocab in VOCABULARY_FIELDS.items():
        value = data.get(fld)
        if isinstance(value, str):
            checks.append(((fld,), value, vocab))
        elif isinstance(value, list):
            checks += [((fld, i), v, vocab) for i, v in enumerate(value)]
    checks.append((("aangedragen", "perspectief"), data["aangedragen"]["perspectief"], "perspectieven"))
    checks += [((*path, "publicatie"), bron["publicatie"], PUBLICATIONS) for path, bron in sources(data) if "publicatie" in bron]
    checks += [(("aanbevolen_in", i, "publicatie"), rec["publicatie"], PUBLICATIONS)
               for i, rec in enumerate(data.get("aanbevolen_in", []))]
    out += _code_problems(catalog, doc, checks)
    out += evidence_problems(entry)
    out += lifecycle_problems(entry, today)
    return out


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _duplicates(entry: Entry, titles: dict[str, Entry], urls: dict[str, Entry]):
    key = entry.title.strip().lower()
    if key in titles:
        yield ("titel",), titles[key]
    else:
        titles[key] = entry
    for i, link in enumerate(entry.data.get("links", [])):
        u = _normal_url(link["url"])
        if u in urls and urls[u] is not entry:
            yield ("links", i, "url"), urls[u]
        else:
            urls.setdefault(u, entry)


_cache: dict[tuple[Path, dt.date | None], tuple[tuple, Catalog]] = {}


def _signature(root: Path) -> tuple:
    out = []
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            st = os.stat(os.path.join(dirpath, f))
            out.append((dirpath, f, st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))


def load_catalog(root: str | Path | None, today: dt.date | None = None) -> Catalog:
    """The catalogue at ``root``, checked as of ``today`` (cached while no file changes); raises DataError with every problem.

    A ``root`` that is not a folder is a usage error (``UsageError``), not a problem in the data.
    """
    path = Path(root) if root else default_root()
    if not path.is_dir():
        raise UsageError(f"map niet gevonden: {display_path(path)}")
    path = path.resolve()
    sig = _signature(path)
    cached = _cache.get((path, today))
    if cached and cached[0] == sig:
        return cached[1]
    result = load(path, today=today)
    if result.problems:
        raise DataError(sorted(result.problems, key=lambda p: (p.path, p.line or 0)))
    _cache[(path, today)] = (sig, result.catalog)
    return result.catalog
