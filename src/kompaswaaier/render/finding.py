"""Pages and files that help people find the right item, for one version of the site.

:func:`pages` is a page provider (see ``site.PROVIDERS``). Per version it adds:

* ``zoeken.md``: the whole published catalogue as a plain list (works without JavaScript), with a
  search field and facets added by ``assets/zoeken/zoeken.js``; query and facets live in the URL;
* ``keuzehulp.md``: the keuzehulpen from ``waaier.yml`` (questions -> fitting items, with reasons);
* ``open-data.md`` (not in the client version): what the open-data files hold, generated from the
  same constants and schema that make them;
* ``zoekindex.json`` (prebuilt lunr index + facets), ``catalogus.json``, ``catalogus.csv``,
  ``catalogus.schema.json``, and the scripts and styles under ``assets/zoeken/``.

Scripts are vendored (lunr 2.3.9, lunr-languages 1.22.0) and served from the site itself; the
bundle's and the index's URLs carry a content hash, so a browser never mixes old and new.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2

from kompaswaaier.model import VERSIONS, Catalog, Entry, level_label
from kompaswaaier.publish import export
from kompaswaaier.publish.search import FACETS, search_data
from kompaswaaier.render.pages import html_filter, html_page, template_loader
from kompaswaaier.select import View, level
from kompaswaaier.validate import keuzehulp

VENDORED = ("lunr.min.js", "lunr.stemmer.support.min.js", "lunr.nl.min.js")
LICENSES = ("LICENSE-lunr.txt", "LICENSE-lunr-languages.txt")
INDEX_FILE = "zoekindex.json"
#: Versions with an open-data page (the client version links to no technical files).
OPEN_DATA_VERSIONS = ("professionals", "organisaties")
#: How many characters of a summary the catalogue list shows.
SUMMARY_CHARS = 220


def _asset(name: str) -> str:
    return resources.files("kompaswaaier").joinpath("assets", "zoeken", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def scripts() -> dict[str, str]:
    """The scripts and styles served under ``assets/zoeken/`` (the search bundle is concatenated here)."""
    bundle = "\n;\n".join(_asset(name) for name in (*VENDORED, "kern.js", "catalogus.js"))
    files = {"zoeken.js": bundle, "keuzehulp.js": _asset("keuzehulp.js"), "zoeken.css": _asset("zoeken.css")}
    files.update({name: _asset(name) for name in LICENSES})
    return files


def _fingerprint(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Templates for pages that are mostly HTML: autoescaped, so contributor text is always inert."""
    env = jinja2.Environment(loader=template_loader(), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["json_script"] = json_for_script
    env.filters["html"] = html_filter  # long HTML parts bypass Markdown (see render.HtmlPage)
    return env


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` (no ``</script>`` can close it)."""
    from markupsafe import Markup

    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


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
    index_json = json.dumps(search_data(view), ensure_ascii=False, separators=(",", ":"))
    files = scripts()
    out: dict[str, str | bytes] = {f"assets/zoeken/{name}": content for name, content in files.items()}
    out[INDEX_FILE] = index_json
    out[export.JSON_NAME] = export.to_json(view)
    out[export.CSV_NAME] = export.to_csv(view)
    out[export.SCHEMA_NAME] = export.schema_text()
    common = {"versie": version, "open_data": version in OPEN_DATA_VERSIONS}
    out["zoeken.md"] = html_page(
        env, "zoeken.md.j2", **common, items=[_list_item(catalog, e, version) for e in entries],
        index_url=f"../{INDEX_FILE}?v={_fingerprint(index_json)}",
        script_url=f"../assets/zoeken/zoeken.js?v={_fingerprint(files['zoeken.js'])}",
        css_url=f"../assets/zoeken/zoeken.css?v={_fingerprint(files['zoeken.css'])}")
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
        env, "keuzehulp.md.j2", **common, hulpen=helpers,
        script_url=f"../assets/zoeken/keuzehulp.js?v={_fingerprint(files['keuzehulp.js'])}",
        css_url=f"../assets/zoeken/zoeken.css?v={_fingerprint(files['zoeken.css'])}")
    if version in OPEN_DATA_VERSIONS:
        schema = json.loads(export.schema_text())
        fields = schema["$defs"]["item"]["properties"]
        out["open-data.md"] = env.get_template("open-data.md.j2").render(
            **common, aantal=len(entries), kolommen=export.CSV_COLUMNS, scheiding=export.CSV_SEPARATOR.strip(),
            velden=[(name, spec.get("description", "")) for name, spec in fields.items()],
            facetten=[label for _code, label, _field in FACETS], versies=VERSIONS)
    return out
