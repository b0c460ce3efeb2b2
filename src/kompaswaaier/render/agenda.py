"""The evaluation agenda (``werkgroep.evaluation.evaluate``) as text or Markdown, from one template.

Plain text for ``kompaswaaier evaluatie``; Markdown for ``waaier/evaluatie.md`` in the organisation version.
The public page names only entries that are published in some version; the others are counted.
"""

from __future__ import annotations

from typing import Any

from kompaswaaier.balance import CLUSTERS, ROLE_CLUSTERS
from kompaswaaier.model import STATUS_LABELS, UNKNOWN, Catalog, Entry, date_nl
from kompaswaaier.render.pages import environment, inline
from kompaswaaier.select import decide
from kompaswaaier.werkgroep.evaluation import SOON_MONTHS, Report, is_public


def agenda(report: Report, catalog: Catalog, *, markdown: bool = False, public: bool = False,
           version: str = "organisaties") -> str:
    """The agenda as text (``markdown=False``) or as the Markdown page of ``version``.

    With ``public=True`` entries that are not published anywhere are counted, not named.
    """
    env = environment()

    def name(entry: Entry) -> str:
        title = inline(entry.title) if markdown else entry.title
        if markdown and decide(entry, version).published:
            return f"[{title}]({entry.slug}.md)"
        return title

    def text(value: Any) -> str:
        return inline(value) if markdown else " ".join(str(value).split())

    def shown(items: list[Any]) -> tuple[list[Any], int]:
        """(the items the page may name, how many it may not)."""
        if not public:
            return items, 0
        keep = [i for i in items if is_public(i if isinstance(i, Entry) else i[0])]
        return keep, len(items) - len(keep)

    perspectives = catalog.vocabularies.get("perspectieven")
    cluster_labels = {c: perspectives.label(c) if perspectives else c for c in CLUSTERS}
    cluster_labels[UNKNOWN] = "Onbekend"
    return env.get_template("evaluatie.md.j2").render(
        r=report, markdown=markdown, public=public, name=name, t=text, shown=shown, datum=date_nl,
        STATUS=STATUS_LABELS, CLUSTERS=CLUSTERS, clusters=cluster_labels, ROLE_CLUSTERS=ROLE_CLUSTERS,
        SOON_MONTHS=SOON_MONTHS, UNKNOWN=UNKNOWN,
    )
