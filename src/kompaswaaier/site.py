"""What the MkDocs hook needs, kept free of MkDocs so a later move touches only ``hooks/``.

:class:`SiteData` holds, for one version, the generated pages and the assets.
:func:`mark_external_links` post-processes any page's HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import accessibility
from . import catalog as catalog_mod
from . import finding
from .lifecycle import lifecycle_pages
from .model import VERSIONS, Catalog
from .problems import DataError
from .render import ASSETS, asset, version_pages

_cache: dict[tuple[Path, dt.date | None], tuple[tuple, Catalog]] = {}


def _signature(root: Path) -> tuple:
    out = []
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            st = os.stat(os.path.join(dirpath, f))
            out.append((dirpath, f, st.st_mtime_ns, st.st_size))
    return tuple(sorted(out))


def load_catalog(root: str | Path | None, today: dt.date | None = None) -> Catalog:
    """The catalogue at ``root``, checked as of ``today`` (cached while no file changes); raises DataError with every problem."""
    path = Path(root) if root else catalog_mod.default_root()
    path = path.resolve()
    sig = _signature(path)
    cached = _cache.get((path, today))
    if cached and cached[0] == sig:
        return cached[1]
    result = catalog_mod.load(path, today=today)
    if result.problems:
        raise DataError(sorted(result.problems, key=lambda p: (p.path, p.line or 0)))
    _cache[(path, today)] = (sig, result.catalog)
    return result.catalog


@dataclass
class SiteData:
    """Everything the hook adds to one build: ``{src_uri: content}`` (Markdown pages and other files)."""

    version: str
    pages: dict[str, str | bytes]
    assets: dict[str, str | bytes]


#: Functions that add generated files to a version: (catalog, version) -> {src_uri: content}.
#: Markdown (.md) becomes a page; anything else is copied as is. Each feature adds one line here.
PageProvider = Callable[[Catalog, str], dict[str, str | bytes]]
PROVIDERS: list[PageProvider] = [
    version_pages,
    lifecycle_pages,
    finding.pages,
    accessibility.pages,
]


def site_data(version: str, root: str | Path | None, today: str | dt.date | None = None) -> SiteData:
    """Generated pages and assets for ``version`` ('start' is the landing site: assets only).

    ``today`` (a date or ``JJJJ-MM-DD``; default: today) is the day the data are checked and shown for.
    """
    assets: dict[str, str | bytes] = {f"assets/{name}": asset(name) for name in ASSETS}
    if version == "start":
        return SiteData(version, {}, assets)
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie '{version}' in extra.versie; kies uit: {', '.join(VERSIONS)}")
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    catalog = load_catalog(root, today)
    pages: dict[str, str | bytes] = {}
    for provider in PROVIDERS:
        for src_uri, content in provider(catalog, version).items():
            if src_uri in pages:
                raise ValueError(f"{src_uri} wordt twee keer gemaakt")
            pages[src_uri] = content
    return SiteData(version, pages, assets)


_EXTERNAL = re.compile(r'<a (?![^>]*class="kw-extern")([^>]*?)href="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.S)


def mark_external_links(html: str) -> str:
    """Mark every link to another site: an arrow (CSS), rel=external, and text for screen readers."""
    def repl(m: re.Match[str]) -> str:
        before, url, after, body = m.groups()
        return (f'<a {before}href="{url}" class="kw-extern" rel="external noopener"{after}>'
                f'{body}<span class="kw-sr"> (externe website)</span></a>')
    return _EXTERNAL.sub(repl, html)
