"""Pages and files that help people find the right item, for one version of the site.

:func:`pages` is a page provider (see ``site.PROVIDERS``). Per version it adds:

* ``zoeken.md``: the whole published catalogue as a plain list (works without JavaScript), with a
  search field and facets added by ``assets/zoeken/zoeken.js``; query and facets live in the URL;
* ``keuzehulp.md``: the keuzehulpen from ``waaier.yml`` (questions -> fitting items, with reasons);
* ``open-data.md`` (not in the client version): what the open-data files hold, generated from the
  same constants and schema that make them;
* ``catalogus.json``, ``catalogus.csv``, ``catalogus.schema.json``, and the scripts and styles under
  ``assets/zoeken/``.

:func:`search_files` makes the one search index of a version (items and knowledge-base pages, in
parts under ``zoekindex/``); the hook adds it once it knows the version's hand-written pages, and the
search box in the header of every page (``overrides/partials/zoekvak.html``) and the catalogue page use it.

Scripts are vendored (lunr 2.3.9, lunr-languages 1.22.0) and served from the site itself; the
bundle's and every index file's URL carry a content hash, so a browser never mixes old and new.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

import rjsmin

from kompaswaaier.model import LEVELS, VERSIONS, Catalog, Entry, level_label
from kompaswaaier.publish import export
from kompaswaaier.publish.search import (
    FACETS,
    QUERY_PIPELINE,
    IndexParts,
    KnowledgePage,
    build_page_index,
    page_sections,
    search_data,
    serialize,
    split_index,
)
from kompaswaaier.render.pages import environment, html_page
from kompaswaaier.resources import asset
from kompaswaaier.select import View, level
from kompaswaaier.validate import keuzehulp

#: lunr.woorden.js: of lunr 2.3.9 only the files for words (tokenizer, pipeline, stop-word filter; see
#: ONTWIKKELING.md), since kern.js ranks from the shipped postings itself and needs no lunr.Index.
LUNR = "lunr.woorden.js"
VENDORED = ("lunr.stemmer.support.min.js", "lunr.nl.min.js")
LICENSES = ("LICENSE-lunr.txt", "LICENSE-lunr-languages.txt")
#: The search bundle of the header box on every page: lunr, the ranking (kern.js) and the box (zoekvak.js).
#: The catalogue page adds catalogus.js (zoeken en filteren op de hele lijst) on its own.
BUNDLE = (LUNR, *VENDORED, "kern.js", "zoekvak.js")
#: Folder of the search index of a version; its core lists the other files.
INDEX_DIR = "zoekindex"
#: The core of the index is a script, loaded by every page of the version (``<script async>`` in the head):
#: it hands its data to the page with no fetch and JSON step in between (see :func:`kern_script`).
KERN = f"{INDEX_DIR}/kern.js"
_KERN_START = "window.KompasKernData=JSON.parse('"
_KERN_END = "');\ndocument.dispatchEvent(new Event(\"kompas-kern\"));\n"
#: In the single-quoted string that holds the JSON text: what is escaped, and back.
_JS_ESCAPES = {"\\": "\\\\", "'": "\\'", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_ESCAPED = re.compile(r"\\(\\|'|u2028|u2029)")
#: How many items one file with titles, soort and level (for the search box) holds ...
DISPLAY_ITEMS = 1000
#: ... and up to how many items these are in the core itself (one download less for the first result).
INLINE_DISPLAY_ITEMS = 1500
#: Versions with an open-data page (the client version links to no technical files).
OPEN_DATA_VERSIONS = ("professionals", "organisaties")
#: How many characters of a summary the catalogue list shows.
SUMMARY_CHARS = 220


def _asset(name: str) -> str:
    return asset(f"zoeken/{name}")


def _script(name: str) -> str:
    """One of our scripts as served: without comments and spaces (rjsmin); the vendored ones are minified already,
    and lunr's files keep their licence header."""
    text = _asset(name)
    if name in VENDORED:
        return text
    if name == LUNR:
        header, _, body = text.partition("*/")
        return header + "*/\n" + rjsmin.jsmin(body)
    return rjsmin.jsmin(text)


@lru_cache(maxsize=1)
def scripts() -> dict[str, str]:
    """The scripts and styles served under ``assets/zoeken/`` (the search bundle is concatenated here)."""
    bundle = "\n;\n".join(_script(name) for name in BUNDLE)
    files = {"zoeken.js": bundle, "catalogus.js": _script("catalogus.js"), "keuzehulp.js": _script("keuzehulp.js"),
             "zoeken.css": _asset("zoeken.css")}
    files.update({name: _asset(name) for name in LICENSES})
    return files


def _fingerprint(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


def versioned(path: str, content: str) -> str:
    """``path?v=<hash of content>``: a new version of a file gets a new address (see assets/sw.js)."""
    return f"{path}?v={_fingerprint(content)}"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def kern_script(data: dict[str, Any]) -> str:
    """The core of the index as the script the pages load: it sets ``window.KompasKernData`` and says so with
    the event ``kompas-kern`` (assets/zoeken/zoekvak.js waits for it). The data is JSON text in a string
    for ``JSON.parse``: browsers read that several times faster than the same data as an object literal."""
    text = re.sub("[\\\\'\u2028\u2029]", lambda m: _JS_ESCAPES[m.group()], _compact(data))
    return _KERN_START + text + _KERN_END


def read_kern(text: str) -> dict[str, Any]:
    """The data in a core written by :func:`kern_script` (for tests, benchmarks and tools)."""
    if not (text.startswith(_KERN_START) and text.endswith(_KERN_END)):
        raise ValueError("geen kern van de zoekindex")
    inner = text[len(_KERN_START):-len(_KERN_END)]
    back = {escaped: char for char, escaped in _JS_ESCAPES.items()}
    data: dict[str, Any] = json.loads(_JS_ESCAPED.sub(lambda m: back[m.group()], inner))
    return data


def _section(name: str, parts: IndexParts, out: dict[str, str]) -> dict[str, Any]:
    """Write the parts of one section to ``out``; what the core of the index says about the section."""
    listed = []
    size = 0
    for k, (first, postings) in enumerate(parts.parts):
        path = f"{INDEX_DIR}/{name}-{k}.json"
        out[path] = _compact(postings)
        listed.append([first, versioned(path, out[path])])
        size += len(out[path])
    # omvang: the characters of all parts together (the search box fetches the rest ahead when this is small)
    return {"velden": parts.fields, "aantal": parts.count, "termen": parts.terms, "delen": listed, "omvang": size}


def search_files(view: View, knowledge: list[KnowledgePage]) -> tuple[dict[str, str], dict[str, str]]:
    """The one search index of a version, and the addresses the pages need (relative to the version).

    Two sections, each with its sorted terms and the list of parts with postings
    (:func:`search.split_index`): ``items``, the published items ranked as :func:`search_data` ranks
    them, in the core (:data:`KERN`, ``zoekindex/kern.js``) with their slug, title, soort and level (in the core itself up
    to :data:`INLINE_DISPLAY_ITEMS` items, else in files of :data:`DISPLAY_ITEMS`,
    ``items-weergave-N.json``) and the facets for the catalogue page (``facetten.json``); ``paginas``,
    the sections of the hand-written pages with their address, page title and heading, in
    ``zoekindex/paginas.json`` (listed in the core; the first items do not wait for it).
    The second dict gives ``kern``, ``script`` and ``css`` with their content hashes.
    """
    catalog, version = view.catalog, view.version
    data = search_data(view)
    entries = list(view.ranked)
    out: dict[str, str] = {}
    items = _section("items", split_index(data["index"], len(entries)), out)
    used = {e.data["soort"] for e in entries}
    vocabulary = catalog.vocabularies.get("soort")
    codes = [code for code in (vocabulary.terms if vocabulary else sorted(used)) if code in used]
    levels = list(LEVELS)
    display: list[list[Any]] = []
    shown = [[e.slug, e.title, codes.index(e.data["soort"]), levels.index(level(e))] for e in entries]
    if len(entries) <= INLINE_DISPLAY_ITEMS:
        display.append([0, shown])
    else:
        for start in range(0, len(entries), DISPLAY_ITEMS):
            path = f"{INDEX_DIR}/items-weergave-{start // DISPLAY_ITEMS}.json"
            out[path] = _compact(shown[start:start + DISPLAY_ITEMS])
            display.append([start, versioned(path, out[path])])
    items.update(weergave=display, soorten=[catalog.label("soort", code) for code in codes],
                 niveaus=[level_label(code, version) for code in levels])
    facets_path = f"{INDEX_DIR}/facetten.json"
    out[facets_path] = _compact({"facetten": data["facetten"], "items": [codes for _slug, codes in data["items"]]})
    items["facetten"] = versioned(facets_path, out[facets_path])
    sections = [s for page in knowledge for s in page_sections(page)]
    pages = _section("paginas", split_index(serialize(build_page_index(sections)), len(sections)), out)
    pages["weergave"] = [[s.url, s.page, s.heading] for s in sections]
    pages_path = f"{INDEX_DIR}/paginas.json"  # not needed for the first items: a file of its own, fetched later
    out[pages_path] = _compact(pages)
    out[KERN] = kern_script({"versie": version, "zoekpijplijn": QUERY_PIPELINE, "items": items,
                             "paginas": versioned(pages_path, out[pages_path])})
    files = scripts()
    urls = {"kern": versioned(KERN, out[KERN]),
            "script": versioned("assets/zoeken/zoeken.js", files["zoeken.js"]),
            "css": versioned("assets/zoeken/zoeken.css", files["zoeken.css"])}
    return out, urls


def shorten(value: str, limit: int = SUMMARY_CHARS) -> str:
    """The first ``limit`` characters of a text, cut at a word, with an ellipsis when cut."""
    words = " ".join(value.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _list_item(catalog: Catalog, entry: Entry, version: str) -> dict[str, Any]:
    return {
        "slug": entry.slug,
        "titel": entry.title,
        "soort": catalog.label("soort", entry.data["soort"]),
        "niveau": level_label(level(entry), version),
        "samenvatting": shorten(entry.data["samenvatting"][version]),
    }


def pages(view: View) -> dict[str, str | bytes]:
    """Every page and file this feature adds to a version."""
    catalog, version = view.catalog, view.version
    env = environment()
    entries = list(view.ranked)
    files = scripts()
    out: dict[str, str | bytes] = {f"assets/zoeken/{name}": content for name, content in files.items()}
    out[export.JSON_NAME] = export.to_json(view)
    out[export.CSV_NAME] = export.to_csv(view)
    out[export.SCHEMA_NAME] = export.schema_text()
    common = {"versie": version, "open_data": version in OPEN_DATA_VERSIONS}
    # The search script and its stylesheet come with the search box in the header of every page.
    out["zoeken.md"] = html_page(
        env, "zoeken.html.md.j2", **common, items=[_list_item(catalog, e, version) for e in entries],
        script_url=f"../{versioned('assets/zoeken/catalogus.js', files['catalogus.js'])}")
    helpers = []
    for waaier in keuzehulp.helpers(catalog):
        helpers.append({
            "bouwsteen": waaier.number,
            "waaier": waaier.data["titel"],
            "hulp": waaier.data[keuzehulp.KEY],
            "lijst": [{**_list_item(catalog, e, version), "codes": keuzehulp.entry_codes(e)}
                      for e in keuzehulp.candidates(waaier, entries)],
        })
    out["keuzehulp.md"] = html_page(
        env, "keuzehulp.html.md.j2", **common, hulpen=helpers,
        script_url=f"../assets/zoeken/keuzehulp.js?v={_fingerprint(files['keuzehulp.js'])}",
        css_url=f"../assets/zoeken/zoeken.css?v={_fingerprint(files['zoeken.css'])}")
    if version in OPEN_DATA_VERSIONS:
        schema = json.loads(export.schema_text())
        fields = schema["$defs"]["item"]["properties"]
        out["open-data.md"] = env.get_template("open-data.html.md.j2").render(
            **common, aantal=len(entries), kolommen=export.CSV_COLUMNS, scheiding=export.CSV_SEPARATOR.strip(),
            velden=[(name, spec.get("description", "")) for name, spec in fields.items()],
            facetten=[label for _code, label, _field in FACETS], versies=VERSIONS)
    return out
