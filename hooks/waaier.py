"""MkDocs hook: a thin adapter between MkDocs events and the kompaswaaier package.

All logic lives in ``kompaswaaier.mkdocs.providers`` and ``kompaswaaier.render.pages``; this file only
hands their output to MkDocs. Events used:

* ``on_config``: check the settings in ``extra`` (versie, waaiers, vandaag), load and check the catalogue
  for this version, and tell the guard extension (``kompaswaaier.mkdocs.hookguard``) that the hook runs;
  abort with a Dutch message for a wrong setting or with every problem in the data.
* ``on_files``: add the generated waaier pages and the stylesheet (never written to docs/); item
  pages arrive as finished HTML (``render.RenderedPage``) and skip Markdown (``_RenderedPage``). Then
  the version's one search index (items and the hand-written pages, ``finding.search_files``), whose
  addresses go to ``extra.zoekvak`` for the search box in the header (``overrides/partials/zoekvak.html``).
* ``on_env``: a per-build cache for the navigation of item pages (``overrides/partials/nav.html``).
* ``on_page_content``: put pre-rendered HTML parts in place (see ``render.HtmlPage``); mark links to other sites.
"""

from __future__ import annotations

import html

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from kompaswaaier.errors import DataError, UsageError, display_path
from kompaswaaier.mkdocs import hookguard
from kompaswaaier.mkdocs.providers import SiteData, mark_external_links, settings, site_data
from kompaswaaier.publish.search import KnowledgePage
from kompaswaaier.render import finding
from kompaswaaier.render.pages import (
    HtmlPage,
    RenderedPage,
    TemplateCache,
    anchor_ids,
    fill,
    toc_tokens,
)

#: Recognised by ``kompaswaaier bouw``, which refuses a config without this hook.
KOMPASWAAIER_HOOK = True
_data: SiteData | None = None
_chunks: dict[str, tuple[str, ...]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _data
    try:
        wanted = settings(config.extra)
        _data = site_data(wanted.version, wanted.root, wanted.today)
    except UsageError as exc:
        raise PluginError(f"{display_path(config.config_file_path)}: {exc}") from None
    except DataError as exc:
        raise Abort("De gegevens in waaiers/ zijn niet in orde; er is niets gebouwd.\n" + str(exc)) from None
    config.mdx_configs.setdefault(hookguard.NAME, {})["hook_ran"] = True
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _data is not None
    generated = {**_data.pages, **_data.assets}
    clash = sorted(set(generated) & set(files.src_uris))
    if clash:
        raise Abort(f"{', '.join(clash)} wordt gemaakt uit waaiers/; haal het weg uit {config.docs_dir}")
    _chunks.clear()
    for src_uri, content in generated.items():
        file = File.generated(config, src_uri, content=content)
        if isinstance(content, HtmlPage):
            _chunks[src_uri] = content.chunks
        elif isinstance(content, RenderedPage):
            _RenderedPage(content, file, config)
        files.append(file)
    config.extra["zoekvak"] = None
    if _data.view is not None:
        index, urls = finding.search_files(_data.view, _knowledge_pages(files, config, set(generated)))
        for src_uri, content in index.items():
            files.append(File.generated(config, src_uri, content=content))
        config.extra["zoekvak"] = urls
    return files


def _knowledge_pages(files: Files, config: MkDocsConfig, generated: set[str]) -> list[KnowledgePage]:
    """The hand-written pages of this version, converted with the site's Markdown settings (so headings
    get the anchors the built pages have), for the search index."""
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    pages = []
    for file in files.documentation_pages():
        if file.src_uri in generated:
            continue
        source, meta = get_data(file.content_string)
        converter.reset()
        body = converter.convert(source)
        tokens = getattr(converter, "toc_tokens", [])
        title = meta.get("title") or (html.unescape(tokens[0]["name"]) if tokens and tokens[0]["level"] == 1 else file.name)
        pages.append(KnowledgePage(file.url, str(title), body))
    return pages


class _RenderedPage(Page):
    """A page the package made as HTML: no front matter, no Markdown; the theme still wraps it."""

    def __init__(self, rendered: RenderedPage, file: File, config: MkDocsConfig) -> None:
        super().__init__(rendered.title, file, config)
        self._rendered = rendered

    def read_source(self, config: MkDocsConfig) -> None:
        # meta.title: the theme prints it as it is (page.title would pass through striptags, which unescapes)
        self.markdown, self.meta = "", {"title": self._rendered.title}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = str(self._rendered)
        self.toc = get_toc(toc_tokens(self.content))
        self.present_anchor_ids = anchor_ids(self.content)


def on_env(env, config: MkDocsConfig, files: Files):
    env.globals["kw_cache"] = TemplateCache()  # fresh per build: one navigation per depth for item pages
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    chunks = _chunks.get(page.file.src_uri)
    if chunks:
        html = fill(html, chunks)
    return mark_external_links(html)
