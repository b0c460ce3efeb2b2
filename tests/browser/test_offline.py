"""Weak or no connection: after a first visit, the catalogue and entry pages open without network."""

from __future__ import annotations

import controles
import pytest

VERSIONS = ("clienten", "professionals", "organisaties")

_CACHED = """async () => {
    const registration = await navigator.serviceWorker.ready;
    const scope = registration.scope;
    const page = location.href.split('#')[0].split('?')[0];
    const files = performance.getEntriesByType('resource').map(e => e.name).filter(u => u.startsWith(scope));
    for (const url of [page, ...files]) if (!(await caches.match(url))) return false;
    return true;
}"""


def _h1(page) -> str:
    return page.locator("article.md-content__inner h1").first.inner_text().replace("¶", "").strip()


@pytest.mark.parametrize("version", VERSIONS)
def test_visited_pages_open_without_network(browser, base_url: str, te_bezoeken, rapport, version: str) -> None:
    specs, _missing = te_bezoeken
    by_kind = {s.kind: s for s in specs if s.version == version}
    first = by_kind.get("catalogus") or by_kind["waaier"]  # the catalogue once it is built (issue 4)
    second = by_kind["item"]
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        controles.open_page(page, base_url, first)
        first_url, first_h1 = page.url, _h1(page)
        page.wait_for_function(_CACHED, polling=100, timeout=15_000)
        controles.open_page(page, base_url, second)
        second_h1 = _h1(page)
        page.wait_for_function(_CACHED, polling=100, timeout=15_000)

        context.set_offline(True)
        page.reload()
        reloaded = _h1(page)
        page.goto(first_url)
        earlier = _h1(page)
        earlier_links = page.locator("article.md-content__inner a[href]").count()
        page.goto(base_url + f"/{version}/begrippen/")  # never visited in this context
        unvisited = page.locator("h1").first.inner_text()
    finally:
        context.close()
    rapport.offline[second.id] = reloaded == second_h1
    rapport.offline[first.id] = earlier == first_h1 and earlier_links > 0
    assert reloaded == second_h1, f"{second.path} zonder netwerk opnieuw geladen: kop '{reloaded}', verwacht '{second_h1}'"
    assert earlier == first_h1, f"{first_url} zonder netwerk: kop '{earlier}', verwacht '{first_h1}'"
    assert earlier_links > 0, f"{first_url} zonder netwerk: geen links in de inhoud"
    assert unvisited == "Geen verbinding", f"niet eerder bezochte pagina zonder netwerk toont '{unvisited}'"
