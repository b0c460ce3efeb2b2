"""Pages that follow entries through their life: what is new, the evaluation agenda, and archived entries.

:func:`lifecycle_pages` is a page provider (see ``site.PROVIDERS``). For every version it
adds ``waaier/nieuw.md`` and its Atom feed ``waaier/nieuw.xml``, and a page for each
archived entry that was once in the waaier (:func:`selection.archived`), so its
address keeps working with a clear notice. The organisation version also gets
``waaier/evaluatie.md``, the public form of ``kompaswaaier evaluatie``.
"""

from __future__ import annotations

import datetime as dt

from kompaswaaier.publish import feed
from kompaswaaier.render.agenda import agenda
from kompaswaaier.render.pages import environment
from kompaswaaier.select import View
from kompaswaaier.werkgroep import evaluation

EVALUATION_VERSION = "organisaties"
#: "Nieuw in de waaier" and its feed show the latest events only, so they stay small as the waaier grows.
NEW_LIMIT = 50


def lifecycle_pages(view: View, today: dt.date | None = None) -> dict[str, str | bytes]:
    """The 'new' page and feed, the archived entries' pages and (organisaties) the evaluation page."""
    catalog, version = view.catalog, view.version
    today = today or catalog.today
    env = environment()
    all_events = feed.events(view)
    events = all_events[:NEW_LIMIT]
    undated = feed.undated(view, all_events)[:NEW_LIMIT]
    pages: dict[str, str | bytes] = {
        "waaier/nieuw.md": env.get_template("nieuw.md.j2").render(
            versie=version, events=events, undated=undated, KINDS=feed.KINDS,
            ingekort=len(all_events) > NEW_LIMIT, limiet=NEW_LIMIT),
        "waaier/nieuw.xml": feed.atom(view, events, today=today),
    }
    for entry in view.archived:
        history = [*entry.data.get("eerdere_beoordelingen", []), {**entry.data["beoordeling"], "status": entry.status}]
        pages[f"waaier/{entry.slug}.md"] = env.get_template("entry-gearchiveerd.md.j2").render(
            versie=version, e=entry.data, geschiedenis=history)
    if version == EVALUATION_VERSION:
        report = evaluation.evaluate(catalog, today)
        pages["waaier/evaluatie.md"] = agenda(report, catalog, markdown=True, public=True, version=version)
    return pages
