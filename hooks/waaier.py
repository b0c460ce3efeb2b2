"""MkDocs hook: a thin adapter between MkDocs events and the kompaswaaier package.

All logic lives in ``kompaswaaier.site`` and ``kompaswaaier.render``; this file only
hands their output to MkDocs. Events used:

* ``on_config``: load and check the catalogue for this version; abort with every problem.
* ``on_files``: add the generated waaier pages and the stylesheet (never written to docs/).
* ``on_env``: a per-build cache for the navigation of item pages (``overrides/partials/nav.html``).
* ``on_post_build``: add one search document per entry to the theme's search index.
* ``on_page_content``: put pre-rendered HTML parts in place (see ``render.HtmlPage``); mark links to other sites.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kompaswaaier.problems import DataError
from kompaswaaier.render import HtmlPage, TemplateCache, add_search_documents, fill
from kompaswaaier.site import SiteData, mark_external_links, site_data

_data: SiteData | None = None
_chunks: dict[str, tuple[str, ...]] = {}
_search_docs: list[dict[str, str]] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data
    try:
        _data = site_data(config.extra.get("versie", "start"), config.extra.get("waaiers"))
    except DataError as exc:
        raise Abort("De gegevens in waaiers/ zijn niet in orde; er is niets gebouwd.\n" + str(exc)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None
    generated = {**_data.pages, **_data.assets}
    clash = sorted(set(generated) & set(files.src_uris))
    if clash:
        raise Abort(f"{', '.join(clash)} wordt gemaakt uit waaiers/; haal het weg uit {config.docs_dir}")
    _chunks.clear()
    _search_docs.clear()
    for src_uri, content in generated.items():
        file = File.generated(config, src_uri, content=content)
        if isinstance(content, HtmlPage):
            _chunks[src_uri] = content.chunks
            if content.search:
                _search_docs.append({"location": file.url, **content.search})
        files.append(file)
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    env.globals["kw_cache"] = TemplateCache()  # fresh per build: one navigation per depth for item pages
    return env


def on_post_build(config: MkDocsConfig) -> None:
    add_search_documents(Path(config.site_dir) / "search" / "search_index.json", _search_docs)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    chunks = _chunks.get(page.file.src_uri)
    if chunks:
        html = fill(html, chunks)
    return mark_external_links(html)
