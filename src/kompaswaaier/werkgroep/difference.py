"""What a change does to the published waaier: two catalogues compared, per version, in Dutch.

``kompaswaaier verschil`` loads the catalogue of two git revisions (or a revision and the working
tree) and :func:`compare` says, per version of the site, which entries appear, disappear or change
level (all through :func:`kompaswaaier.select.decide`, the one publication rule), which entry files
are new, removed or changed status, and which judgements on the four criteria changed.
:func:`render` writes it as plain text (the terminal) or as Markdown (the check summary and the
comment under a pull request; titles in code spans, so a title cannot format, link or mention).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kompaswaaier.errors import Problem
from kompaswaaier.model import CRITERIA, STATUS_LABELS, VERSIONS, Catalog, Entry, level_label
from kompaswaaier.select import decide, withheld_reasons
from kompaswaaier.werkgroep.markdown import block, code

#: The longest Markdown report; GitHub refuses comments over 65,536 characters.
MAX_MARKDOWN = 60_000


@dataclass(frozen=True)
class Side:
    """One of the two catalogues: how to name it, what loaded, and the problems of its files."""

    label: str
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """One finding about one entry: a kind ('erbij', 'eraf', 'ander niveau', 'nieuw', ...), the entry, the detail."""

    kind: str
    title: str
    slug: str
    detail: str = ""


@dataclass
class Report:
    base: Side
    target: Side
    #: Version -> (published before, published after).
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Version -> what changed in it.
    versions: dict[str, list[Line]] = field(default_factory=dict)
    #: New and removed files, status changes.
    data: list[Line] = field(default_factory=list)
    #: Changed judgements on the criteria.
    criteria: list[Line] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (any(self.versions.values()) or self.data or self.criteria)


def _by_slug(catalog: Catalog) -> dict[str, Entry]:
    return {e.slug: e for e in catalog.entries}


def _order(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: (line.title.lower(), line.slug))


def compare(base: Side, target: Side) -> Report:
    """Everything that differs between ``base`` and ``target`` (see the module docstring)."""
    before, after = _by_slug(base.catalog), _by_slug(target.catalog)
    broken = {p.path.rsplit("/", 1)[-1].removesuffix(".yml") for p in target.problems}
    report = Report(base, target)
    for version in VERSIONS:
        old = {s: d for s, e in before.items() if (d := decide(e, version)).published}
        new = {s: d for s, e in after.items() if (d := decide(e, version)).published}
        report.counts[version] = (len(old), len(new))
        lines: list[Line] = []
        for slug in new.keys() - old.keys():
            lines.append(Line("erbij", after[slug].title, slug, level_label(new[slug].level or "", version)))
        for slug in old.keys() - new.keys():
            if slug in after:
                why = "; ".join(decide(after[slug], version).reasons)
            else:
                why = "het bestand heeft problemen (zie boven)" if slug in broken else "het bestand is weg"
            lines.append(Line("eraf", before[slug].title, slug, why))
        for slug in old.keys() & new.keys():
            if old[slug].level != new[slug].level:
                lines.append(Line("ander niveau", after[slug].title, slug,
                                  f"{level_label(old[slug].level or '', version)} → {level_label(new[slug].level or '', version)}"))
        rank = {"erbij": 0, "eraf": 1, "ander niveau": 2}
        report.versions[version] = sorted(_order(lines), key=lambda line: rank[line.kind])
    data: list[Line] = []
    for slug in after.keys() - before.keys():
        entry = after[slug]
        shown = [VERSIONS[v] for v in VERSIONS if decide(entry, v).published]
        where = f"op de site voor {', '.join(shown)}" if shown else \
            "niet op de site: " + "; ".join(withheld_reasons(entry) or ["geen versie toont dit niveau"])
        data.append(Line("nieuw", entry.title, slug, f"status {STATUS_LABELS[entry.status]}; {where}"))
    for slug in before.keys() - after.keys():
        data.append(Line("weg", before[slug].title, slug,
                         "het bestand heeft problemen (zie boven)" if slug in broken else "het bestand is verwijderd"))
    for slug in before.keys() & after.keys():
        if before[slug].status != after[slug].status:
            data.append(Line("status", after[slug].title, slug,
                             f"{STATUS_LABELS[before[slug].status]} → {STATUS_LABELS[after[slug].status]}"))
        changed = [f"{label}: {before[slug].data['criteria'][key]['oordeel']} → {after[slug].data['criteria'][key]['oordeel']}"
                   for key, label in CRITERIA.items()
                   if before[slug].data["criteria"][key]["oordeel"] != after[slug].data["criteria"][key]["oordeel"]]
        if changed:
            report.criteria.append(Line("criteria", after[slug].title, slug, "; ".join(changed)))
    rank = {"nieuw": 0, "weg": 1, "status": 2}
    report.data = sorted(_order(data), key=lambda line: rank[line.kind])
    report.criteria = _order(report.criteria)
    return report


def render(report: Report, markdown: bool = False) -> str:
    """The report as text for the terminal, or as Markdown for GitHub (``markdown=True``)."""
    out: list[str] = []

    def name(line: Line) -> str:
        return f"{code(line.title)} ({line.slug})" if markdown else f"{' '.join(line.title.split())} ({line.slug})"

    def section(heading: str, lines: list[Line], with_kind: bool = True) -> None:
        items = [f"{line.kind + ': ' if with_kind else ''}{name(line)}{': ' + line.detail if line.detail else ''}"
                 for line in lines]
        if markdown:
            out.extend(["", f"**{heading}:** geen verandering."] if not items else
                       ["", f"**{heading}:**", "", *[f"- {item}" for item in items]])
        else:
            out.extend([f"{heading}: geen verandering."] if not items else [f"{heading}:", *[f"  {item}" for item in items]])

    title = f"Verschil in de waaier: {report.base.label} → {report.target.label}"
    out.append(f"### {title}" if markdown else title)
    if report.target.problems:
        n = len(report.target.problems)
        intro = (f"{report.target.label} heeft {n} {'probleem' if n == 1 else 'problemen'} in de gegevens; "
                 "items met problemen tellen niet mee:")
        problems = [p.format() for p in sorted(report.target.problems, key=lambda p: (p.path, p.line or 0, p.field))]
        out += ["", intro, "", block(problems)] if markdown else [intro, *[f"  {p}" for p in problems]]
    if report.base.problems:
        n = len({p.path for p in report.base.problems})
        note = (f"Let op: in {report.base.label} {'heeft' if n == 1 else 'hebben'} {n} "
                f"{'bestand' if n == 1 else 'bestanden'} problemen; die items tellen daar niet mee.")
        out += ["", note] if markdown else [note]
    counts = ", ".join(f"{label} {report.counts[v][0]} → {report.counts[v][1]}" for v, label in VERSIONS.items())
    out += ["", f"Gepubliceerde items per versie: {counts}."] if markdown else [f"Gepubliceerde items per versie: {counts}."]
    for version, label in VERSIONS.items():
        section(f"Versie voor {label}", report.versions[version])
    section("Items in de gegevens", report.data)
    section("Oordelen over de criteria", report.criteria, with_kind=False)
    text = "\n".join(out) + "\n"
    if markdown and len(text) > MAX_MARKDOWN:  # a GitHub comment holds at most 65,536 characters
        text = text[:MAX_MARKDOWN].rsplit("\n", 1)[0] + "\n\n(Ingekort: draai `kompaswaaier verschil` voor alles.)\n"
    return text
