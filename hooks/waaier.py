"""MkDocs hook: a thin adapter between MkDocs events and the kompaswaaier package.

All logic lives in ``kompaswaaier.site`` and ``kompaswaaier.render``; this file only
hands their output to MkDocs. Events used:

* ``on_config``: load and check the catalogue for this version; abort with every problem.
* ``on_files``: add the generated waaier pages and the stylesheet (never written to docs/).
* ``on_page_content``: mark links to other sites.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kompaswaaier.problems import DataError
from kompaswaaier.site import SiteData, mark_external_links, site_data

_data: SiteData | None = None


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
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_external_links(html)
