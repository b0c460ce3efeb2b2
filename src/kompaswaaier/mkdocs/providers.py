"""What the MkDocs hook needs, kept free of MkDocs so a later move touches only ``hooks/``.

:func:`settings` checks the hook's settings in a config's ``extra`` (Dutch messages, never a traceback).
:class:`SiteData` holds, for one version, the generated pages and the assets.
:func:`mark_external_links` post-processes any page's HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kompaswaaier.errors import UsageError, display_path
from kompaswaaier.model import VERSIONS
from kompaswaaier.render import accessibility, cards, finding
from kompaswaaier.render.decisions import pages as decision_pages
from kompaswaaier.render.lifecycle import lifecycle_pages
from kompaswaaier.render.pages import ASSETS, version_pages
from kompaswaaier.resources import asset
from kompaswaaier.select import View, view
from kompaswaaier.validate.catalog import load_catalog

#: The values of ``extra.versie``: the landing page and the three versions.
SITE_VERSIONS = ("start", *VERSIONS)


@dataclass(frozen=True)
class Settings:
    """The hook's settings from one config's ``extra``, checked."""

    version: str
    root: Path | None
    today: dt.date | None


def _shown(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else f"{value!r} ({type(value).__name__})"


def settings(extra: Mapping[str, object]) -> Settings:
    """Check ``extra.versie``, ``extra.waaiers`` and ``extra.vandaag``; raise UsageError with a Dutch message.

    ``versie`` is 'start' (the landing page, the default) or a version; ``waaiers`` (optional) a folder;
    ``vandaag`` (optional) a date ``JJJJ-MM-DD``.
    """
    version = extra.get("versie", "start")
    if not isinstance(version, str) or version not in SITE_VERSIONS:
        raise UsageError(f"extra.versie: onbekende versie {_shown(version)}; kies uit: {', '.join(SITE_VERSIONS)}")
    raw_root = extra.get("waaiers")
    root: Path | None = None
    if raw_root is not None:
        if not isinstance(raw_root, str) or not raw_root.strip():
            raise UsageError(f"extra.waaiers: verwacht het pad van de map met gegevens, maar vond {_shown(raw_root)}")
        root = Path(raw_root)
        if not root.is_dir():
            raise UsageError(f"extra.waaiers: map niet gevonden: {display_path(root)}")
    raw_today = extra.get("vandaag")
    today: dt.date | None = None
    if isinstance(raw_today, dt.date) and not isinstance(raw_today, dt.datetime):
        today = raw_today
    elif raw_today is not None:
        try:
            today = dt.date.fromisoformat(raw_today) if isinstance(raw_today, str) and len(raw_today) == 10 else None
        except ValueError:
            today = None
        if today is None:
            raise UsageError(f"extra.vandaag: {_shown(raw_today)} is geen datum (JJJJ-MM-DD)")
    return Settings(version, root, today)


@dataclass
class SiteData:
    """Everything the hook adds to one build: ``{src_uri: content}`` (Markdown pages and other files).

    ``view`` is the selected version (None for the landing site); the hook makes the search index from
    it and the hand-written pages (``finding.search_files``) once MkDocs has listed those.
    """

    version: str
    pages: dict[str, str | bytes]
    assets: dict[str, str | bytes]
    view: View | None = None


#: Functions that add generated files to a version: View -> {src_uri: content} (the view is selected
#: once per version, see ``select.view``). Markdown (.md) becomes a page; anything else is copied as is.
#: Each feature adds one line here.
PageProvider = Callable[[View], Mapping[str, str | bytes]]
PROVIDERS: list[PageProvider] = [
    version_pages,
    lifecycle_pages,
    finding.pages,
    accessibility.pages,
    cards.pages,
    decision_pages,
]


def site_data(version: str, root: str | Path | None, today: str | dt.date | None = None) -> SiteData:
    """Generated pages and assets for ``version`` ('start' is the landing site: assets only).

    ``today`` (a date or ``JJJJ-MM-DD``; default: today) is the day the data are checked and shown for.
    """
    assets: dict[str, str | bytes] = {f"assets/{name}": asset(name) for name in ASSETS}
    if version == "start":
        return SiteData(version, {}, assets)
    if version not in VERSIONS:
        raise UsageError(f"extra.versie: onbekende versie {_shown(version)}; kies uit: {', '.join(SITE_VERSIONS)}")
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    selected = view(load_catalog(root, today), version)
    pages: dict[str, str | bytes] = {}
    for provider in PROVIDERS:
        for src_uri, content in provider(selected).items():
            if src_uri in pages:
                raise ValueError(f"{src_uri} wordt twee keer gemaakt")
            pages[src_uri] = content
    return SiteData(version, pages, assets, selected)


_EXTERNAL = re.compile(r'<a (?![^>]*class="kw-extern")([^>]*?)href="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.S)


def mark_external_links(html: str) -> str:
    """Mark every link to another site: an arrow (CSS), rel=external, and text for screen readers."""
    def repl(m: re.Match[str]) -> str:
        before, url, after, body = m.groups()
        return (f'<a {before}href="{url}" class="kw-extern" rel="external noopener"{after}>'
                f'{body}<span class="kw-sr"> (externe website)</span></a>')
    return _EXTERNAL.sub(repl, html)
