"""Turn the catalogue into Markdown pages for one version of the site.

Independent of MkDocs: :func:`version_pages` returns ``{src_uri: markdown}`` and
the hook only hands those to MkDocs. Free text from YAML is escaped here, so no
contributor text can become HTML, a link, an image or an attribute.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jinja2
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from kompaswaaier.balance import CLUSTERS, balance
from kompaswaaier.model import (
    CRITERIA,
    PUBLICATIONS,
    STATUS_LABELS,
    UNKNOWN,
    VERSIONS,
    Catalog,
    Entry,
    Vocabulary,
    Waaier,
    date_nl,
    level_label,
    parse_date,
)
from kompaswaaier.resources import template
from kompaswaaier.select import View, level, next_review

ASSETS = ("kompaswaaier.css", "druk.css")

_MD_SPECIAL = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;",
    "[": "\\[", "]": "\\]", "`": "\\`", "*": "\\*", "_": "\\_", "#": "\\#", "|": "\\|", "!": "&#33;",
})


def _paragraphs(value: Any) -> list[str]:
    if value is None:
        return []
    return [p for p in (" ".join(part.split()) for part in str(value).split("\n\n")) if p]


def text(value: Any) -> str:
    """Escape contributor text for Markdown: paragraphs stay, markup and HTML do not."""
    return "\n\n".join(p.translate(_MD_SPECIAL) for p in _paragraphs(value))


class RenderedPage(str):
    """A page that is HTML from top to bottom (item pages): no Markdown, no front matter.

    The string is the body; ``title`` (escaped: themes print page titles as they are) rides along.
    MkDocs only puts it in the theme (see ``hooks/waaier.py``), which keeps an item page about as
    cheap as the theme alone. What an item contributes to search is decided in ``publish/search.py``.
    """

    title: str  # type: ignore[assignment]  # a page title, not str.title()

    def __new__(cls, body: str, title: str) -> RenderedPage:
        page = super().__new__(cls, body)
        page.title = title
        return page


@lru_cache(maxsize=4096)
def heading_id(title: str) -> str:
    """The id the toc extension gives a heading with this text (its own slugify, default separator)."""
    return slugify(title, "-")


def _heading(level: int, title: str) -> Markup:
    """A heading with an id, as the toc extension would make it."""
    return Markup(f'<h{level} id="{heading_id(title)}">{html.escape(title)}</h{level}>')


def _sentence_case(value: Any) -> str:
    return str(value)[:1].upper() + str(value)[1:]


def _paragraphs_html(value: Any) -> Markup:
    return Markup("".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(value)))


class HtmlPage(str):
    """A generated page: Markdown for MkDocs, plus HTML parts that replace its placeholders afterwards.

    Markdown sees the headings (for the table of contents) and placeholders such as
    ``<!--kw:3-->``; long parts (lists of all items) are rendered here, escaped, and put in
    place by :func:`fill`, so Python-Markdown never has to parse them.
    """

    chunks: tuple[str, ...]

    def __new__(cls, markdown: str, chunks: list[str]) -> HtmlPage:
        page = super().__new__(cls, markdown)
        page.chunks = tuple(chunks)
        return page


_PLACEHOLDER = re.compile(r"<!--kw:(\d+)-->")


def fill(html_text: str, chunks: tuple[str, ...]) -> str:
    """Put the HTML parts of an :class:`HtmlPage` in place of their placeholders."""
    return _PLACEHOLDER.sub(lambda m: chunks[int(m.group(1))], html_text)


class _Chunks(list):
    def add(self, html_text: str) -> Markup:
        self.append(str(html_text))
        return Markup(f"\n\n<!--kw:{len(self) - 1}-->\n\n")


def html_page(env: jinja2.Environment, template: str, **context: Any) -> HtmlPage:
    """Render a Markdown page template; parts passed through its ``html`` filter become placeholders."""
    chunks = _Chunks()
    return HtmlPage(env.get_template(template).render(**context, _chunks=chunks), chunks)


@jinja2.pass_context
def _text_filter(context: jinja2.runtime.Context, value: Any) -> str:
    chunks = context.get("_chunks")
    if chunks is None:
        return text(value)
    return chunks.add(_paragraphs_html(value))


@jinja2.pass_context
def html_filter(context: jinja2.runtime.Context, value: Any) -> Markup:
    """A finished HTML part: becomes a placeholder that :func:`fill` replaces after Markdown."""
    if context.eval_ctx.autoescape:
        value = escape(value)  # in an autoescaping template only Markup passes as HTML
    chunks = context.get("_chunks")
    return Markup(value) if chunks is None else chunks.add(value)


def inline(value: Any) -> str:
    """Escape contributor text for Markdown that must stay on one line (titles, list items)."""
    return " ".join(text(value).split())


@jinja2.pass_eval_context
def _inline_filter(eval_ctx: jinja2.nodes.EvalContext, value: Any) -> str:
    """One line of contributor text: escaped for Markdown, or (in an autoescaped HTML template, which
    escapes it itself) only folded onto one line."""
    return " ".join(str(value).split()) if eval_ctx.autoescape else inline(value)


def external_link(url: str, title: str) -> str:
    """An HTML link to another site; only http(s) URLs (the schema guarantees it, this checks again)."""
    if not url.startswith(("https://", "http://")):
        return html.escape(title)
    return (f'<a href="{html.escape(url, quote=True)}" class="kw-extern" rel="external noopener">'
            f'{html.escape(title)}<span class="kw-sr"> (externe website)</span></a>')


def template_loader() -> jinja2.BaseLoader:
    """Templates shipped in ``kompaswaaier/templates/`` (shared by every Jinja environment of the package)."""
    return jinja2.FunctionLoader(template)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment of the package, with one set of filters.

    ``*.html.j2`` templates (item pages, HTML throughout) and ``*.html.md.j2`` templates (Markdown pages
    written in HTML: search, keuzehulp, open data) are autoescaped, so contributor text is always inert;
    ``*.md.j2`` templates (Markdown pages) are not, and contributor text goes through the escaping filters
    ``tekst`` and ``inline``, which know which kind of template calls them. ``tojson`` is Jinja's own (safe
    inside ``<script>``: it escapes ``<``, ``>``, ``&`` and ``'``).
    """
    env = jinja2.Environment(loader=template_loader(), undefined=jinja2.ChainableUndefined,
                             autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html.md.j2"), default=False),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(zin=_sentence_case, tekst=_text_filter, alineas=_paragraphs_html, html=html_filter,
                       inline=_inline_filter, datum=date_nl)
    env.globals.update(kop=_heading, link=lambda url, title: Markup(external_link(url, title)),
                       CRITERIA=CRITERIA, STATUS=STATUS_LABELS, VERSIONS=VERSIONS, UNKNOWN=UNKNOWN)
    return env


def review_due(entry: Entry, waaier: Waaier | None) -> str:
    """When the entry is next reviewed, in words."""
    due = next_review(entry, waaier)
    if due:
        return date_nl(due)
    if waaier:
        planned = waaier.data["evaluatie"]["volgende"]
        if planned == UNKNOWN:
            return "bij de volgende evaluatie van de waaier (nog niet gepland)"
        return f"bij de evaluatie van de waaier ({planned})"
    return UNKNOWN


def entry_context(catalog: Catalog, entry: Entry, version: str) -> dict[str, Any]:
    data = entry.data
    waaier = catalog.waaiers.get(entry.bouwsteen)

    def labels(field: str, vocab: str) -> list[str]:
        return [catalog.label(vocab, code) for code in data.get(field, [])]

    return {
        "e": data,
        "versie": version,
        "samenvatting": data["samenvatting"][version],
        "soort": catalog.label("soort", data["soort"]),
        "bouwstenen": [(n, catalog.waaiers[n].data["titel"] if n in catalog.waaiers else f"Bouwsteen {n}") for n in data["bouwstenen"]],
        "voor_wie": labels("voor_wie", "rollen"),
        "met_wie": labels("met_wie", "rollen"),
        "setting": labels("setting", "setting"),
        "zorgvragers": labels("zorgvragers", "zorgvragers"),
        "themas": labels("themas", "themas"),
        "vorm": labels("vorm", "vorm"),
        "perspectief": catalog.label("perspectieven", data["aangedragen"]["perspectief"]),
        "herbeoordeling": review_due(entry, waaier),
        "verlopen": _overdue(entry, waaier, catalog.today),
        "niveau": level(entry),
        "niveau_label": level_label(level(entry), version),
        "oordeel_zin": judgement_sentence(catalog, entry, version),
        "publicaties": {code: catalog.label(PUBLICATIONS, code) for code in catalog.vocabularies.get(PUBLICATIONS, Vocabulary(PUBLICATIONS, {})).terms},
    }


def judgement_sentence(catalog: Catalog, entry: Entry, version: str) -> str:
    """One sentence (plain text) that says who judged the entry, what and when: the basis of its level."""
    data = entry.data
    lvl = level(entry)
    check = data.get("toetsing", {})
    checked = (f"{check['door']} toetste de vier criteria"
               f"{' op ' + date_nl(parse_date(check['datum'])) if parse_date(check.get('datum')) else ''} aan openbare bronnen.")
    if lvl in ("opgenomen", "opgenomen-met-ontwikkelopgave"):
        review = data["beoordeling"]
        when = parse_date(review["datum"])
        extra = ", met een ontwikkelopgave" if lvl == "opgenomen-met-ontwikkelopgave" else ""
        if version == "clienten":
            return f"{review['werkgroep']} heeft dit hulpmiddel gekozen{' op ' + date_nl(when) if when else ''}."
        return f"{review['werkgroep']} nam dit item{' op ' + date_nl(when) if when else ''} op in de waaier{extra}."
    if lvl == "aanbevolen":
        rec = data["aanbevolen_in"][0]
        title = catalog.label(PUBLICATIONS, rec["publicatie"])
        if version == "clienten":
            return "De makers van het Kompas raden dit aan. Een werkgroep heeft er nog niet naar gekeken."
        return f"Genoemd in ‘{title}’ ({rec['vindplaats']}); nog niet beoordeeld door een werkgroep. {checked}"
    who = data["aangedragen"]["door"]
    return f"Toegevoegd door {who}; nog niet beoordeeld door een werkgroep. {checked}"


def _overdue(entry: Entry, waaier: Waaier | None, today: dt.date) -> dt.date | None:
    due = next_review(entry, waaier)
    return due if due and due <= today else None


def version_pages(view: View) -> dict[str, str]:
    """Every generated page of a version: the waaier overview, a page per bouwsteen and per published entry."""
    catalog, version, entries = view.catalog, view.version, view.entries
    env = environment()
    entry_template = env.get_template(f"entry-{version}.html.j2")
    pages: dict[str, str] = {}
    by_bouwsteen: dict[int, list[Entry]] = {n: [] for n in sorted(catalog.waaiers)}
    for entry in entries:
        for n in entry.data["bouwstenen"]:
            by_bouwsteen.setdefault(n, []).append(entry)
        context = entry_context(catalog, entry, version)
        pages[f"waaier/{entry.slug}.md"] = RenderedPage(
            entry_template.render(**context).removesuffix("\n"), html.escape(entry.title))
    summaries = {e.slug: e.data["samenvatting"][version] for e in entries}
    soorten = {e.slug: catalog.label("soort", e.data["soort"]) for e in entries}
    niveaus = {e.slug: level_label(level(e), version) for e in entries}
    clusters = {c: catalog.label("perspectieven", c) for c in CLUSTERS}
    pages["waaier/index.md"] = html_page(
        env, "waaier-index.md.j2", versie=version, waaiers=[catalog.waaiers[n] for n in sorted(catalog.waaiers)],
        per_bouwsteen=by_bouwsteen, samenvattingen=summaries, soorten=soorten, niveaus=niveaus, aantal=len(entries))
    if version != "clienten":
        for n, waaier in sorted(catalog.waaiers.items()):
            pages[f"waaier/bouwsteen-{n}.md"] = html_page(
                env, "bouwsteen.md.j2", versie=version, w=waaier.data, items=by_bouwsteen.get(n, []),
                samenvattingen=summaries, soorten=soorten, niveaus=niveaus,
                balans=balance(waaier, by_bouwsteen.get(n, [])), clusters=clusters, CLUSTERS=CLUSTERS)
    return pages


class TemplateCache:
    """Renders a template part once per key and reuses it (see ``overrides/partials/nav.html``)."""

    def __init__(self) -> None:
        self._store: dict[str, Markup] = {}

    def __call__(self, key: str, render: Callable[[], Any]) -> Markup:
        if key not in self._store:
            self._store[key] = Markup(str(render()))
        return self._store[key]


_ID = re.compile(r'\sid="([^"]+)"')
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.S)


def toc_tokens(html_text: str) -> list[dict[str, Any]]:
    """The headings of a piece of HTML as a nested table of contents, in Python-Markdown's ``toc_tokens`` form."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for depth, anchor, name in _HEADING.findall(html_text):
        token = {"level": int(depth), "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def anchor_ids(html_text: str) -> set[str]:
    """The ids in a piece of HTML (the anchors other pages may link to)."""
    return set(_ID.findall(html_text))
