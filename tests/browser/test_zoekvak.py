"""The search box in the header of every page: the same ranked items as the catalogue page, `kompaswaaier zoek`
and lunr.js in Node, plus the knowledge-base pages; Enter opens the catalogue page with the query.

The site is built from the frozen synthetic catalogue (``tests/fixtures/waaiers``, as of ``TODAY``) with the real
knowledge-base pages (``docs/``), and served on a port of its own. Headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import controles
import pytest

from kompaswaaier.build import build_site
from kompaswaaier.publish.search import Searcher, search_data
from kompaswaaier.select import View, view
from kompaswaaier.validate.catalog import load
from kwtest import FIXTURE, REPO, TODAY

DAY = dt.date.fromisoformat(TODAY)
BOX = "#kw-zoekvak-q"
PANEL = ".kw-zoekvak-paneel"
#: Everyday queries and hard cases: prefixes, compounds, partial matches, stop words only ("ge": the whole list).
QUERIES = ["open gesprek dementie", "dementie mantelzorger thuis", "belasting mantelzorger", "mantelz", "zorg",
           "ondersteuning kaarten", "planning", "ge", "levenseinde naasten", "mantelzorger xyzzy", "cliënten ervaring",
           "kwaliteitsbeeld, clientervaring!", "3 goede vragen", "zeggenschap technologie", "netwerk", "moreel beraad"]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the frozen synthetic catalogue (real docs, FIXTURE instead of waaiers/)."""
    out = tmp_path_factory.mktemp("zoekvak-fixture") / "site"
    build_site(waaiers=FIXTURE, output=out, quiet=True, today=DAY)
    return out


@pytest.fixture(scope="module")
def base_url(fixture_site: Path, serve_directory) -> Iterator[str]:
    """This module's own server for the fixture site; overrides the session's real-site ``base_url``."""
    with serve_directory(fixture_site) as url:
        yield url


@pytest.fixture(scope="module")
def selected() -> View:
    return view(load(FIXTURE, today=DAY).catalog, "professionals")


@pytest.fixture(scope="module")
def searcher(selected: View) -> Searcher:
    return Searcher(search_data(selected))


def _top(searcher: Searcher, text: str) -> list[str]:
    return [h.slug for h in searcher.search(text).hits[:10]]


def _type(page, text: str) -> None:
    """Replace what the box holds by ``text`` (one input event, as a paste) and wait for all its results
    (``data-zoekvraag``: the items are shown; ``data-klaar``: the pages too)."""
    page.locator(BOX).fill(text)
    page.wait_for_function("q => document.querySelector('form.kw-zoekvak').dataset.klaar === q", arg=text)


def _box_items(page) -> list[str]:
    return page.locator(f"{PANEL} li[data-slug]").evaluate_all("items => items.map(li => li.dataset.slug)")


def _box_pages(page) -> list[dict]:
    return page.locator(f"{PANEL} li[data-pagina] a").evaluate_all(
        "links => links.map(a => ({href: a.href, text: a.innerText}))")


def test_typing_on_a_knowledge_base_page_shows_items_and_pages(page, base_url: str, searcher: Searcher,
                                                               selected: View) -> None:
    page.goto(base_url + "/professionals/kompas/")
    box = page.locator(BOX)
    assert page.locator(PANEL).is_hidden()
    box.click()
    box.press_sequentially("mantelzorger", delay=20)  # key by key, as a person types
    page.wait_for_function("() => document.querySelector('form.kw-zoekvak').dataset.klaar === 'mantelzorger'")
    expected = _top(searcher, "mantelzorger")
    assert expected[0] == "mantelzorgondersteuning-in-de-buurt"
    assert _box_items(page) == expected
    first = page.locator(f"{PANEL} li[data-slug]").first
    entry = next(e for e in selected.ranked if e.slug == expected[0])
    assert first.locator(".kw-zv-titel").inner_text() == entry.title
    assert first.locator(".kw-zv-meta").inner_text() == "Werkwijze · Opgenomen door de werkgroep"  # soort · level
    assert first.locator("a").get_attribute("href") == f"{base_url}/professionals/waaier/{expected[0]}/"
    hits = len(searcher.search("mantelzorger").hits)
    more = page.locator(f"{PANEL} .kw-zv-alles a")
    assert more.inner_text() == f"Alle {hits} items op de zoekpagina, met filters"
    assert more.get_attribute("href") == f"{base_url}/professionals/zoeken/?zoek=mantelzorger"
    # Pages of the knowledge base, marked as pages, with the section they land on.
    found = _box_pages(page)
    assert found and all(p["text"].splitlines()[-1].startswith("Pagina") for p in found)
    netwerk = next(p for p in found if "/professionals/netwerk/#" in p["href"])
    assert netwerk["text"] == "Samenwerken in netwerken\nPagina · Overbelasting van mantelzorgers signaleren"
    # The count is announced once typing pauses, in a polite live region.
    status = page.locator(".kw-zoekvak-status")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    page.wait_for_function("() => document.querySelector('.kw-zoekvak-status').textContent !== ''")
    pages = page.evaluate("window.KompasZoekvak.lastPaginas.hits.length")
    assert status.inner_text() == f"{hits} items en {pages} pagina's gevonden"
    assert len(found) == min(pages, 5)
    if pages > 5:
        assert page.locator(f"{PANEL} .kw-zv-nog").inner_text() == f"Nog {pages - 5} pagina's passen ook; typ meer woorden."
    box.press("Enter")  # the whole list on the catalogue page, the query in the address
    page.wait_for_url(re.compile(r"/professionals/zoeken/\?zoek=mantelzorger$"))
    page.wait_for_selector(".kw-zoeken[data-klaar='ja']")
    shown = page.locator(".kw-lijst > li").evaluate_all("items => items.map(li => li.dataset.slug)")
    assert shown[:10] == expected and len(shown) == hits
    assert page.locator("#kw-q").input_value() == "mantelzorger"


def test_typing_on_an_item_page_and_following_a_page_result(page, base_url: str, searcher: Searcher,
                                                            fixture_site: Path) -> None:
    page.goto(base_url + "/professionals/waaier/ediz/")
    _type(page, "deskundigheidsmix")
    assert _box_items(page) == _top(searcher, "deskundigheidsmix")
    found = _box_pages(page)
    assert found[0]["href"].startswith(f"{base_url}/professionals/deskundigheidsmix/")
    assert {"href": f"{base_url}/professionals/deskundigheidsmix/",  # the page itself, marked as a page
            "text": "Deskundigheidsmix, zeggenschap en technologie\nPagina"} in found
    sections = [p for p in found if "#" in p["href"]]
    assert sections, found
    assert sections[0]["text"].startswith("Deskundigheidsmix, zeggenschap en technologie\nPagina · ")
    anchor = urlparse(sections[0]["href"]).fragment
    target = (fixture_site / "professionals" / "deskundigheidsmix" / "index.html").read_text(encoding="utf-8")
    assert f'id="{anchor}"' in target  # the section link lands on a heading that exists
    page.locator(f"{PANEL} li[data-pagina] a").first.click()
    page.wait_for_url(found[0]["href"])
    _type(page, "gesprek")
    page.locator(BOX).press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?zoek=gesprek$"))
    assert parse_qs(urlparse(page.url).query) == {"zoek": ["gesprek"]}


def _node_top(site: Path, version: str, queries: list[str], tmp_path: Path) -> list[list[int]]:
    """lunr.js in Node on the very files the site serves (tests/publish/zoek_pariteit.js): positions of the top 10."""
    node = shutil.which("node")
    assert node, "node ontbreekt; 'make test' installeert het"
    task = tmp_path / "opdracht.json"
    task.write_text(json.dumps({"map": str(site / version), "sectie": "items",
                                "zoekvragen": [{"tekst": q} for q in queries]}), encoding="utf-8")
    proc = subprocess.run([node, str(REPO / "tests" / "publish" / "zoek_pariteit.js"), str(task)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [[position for position, _score in r["top"]] for r in json.loads(proc.stdout)["resultaten"]]


def test_box_catalogue_node_and_cli_give_the_same_top_10(page, base_url: str, fixture_site: Path, selected: View,
                                                         searcher: Searcher, tmp_path: Path, capsys) -> None:
    from kompaswaaier.cli import main

    slugs = [e.slug for e in selected.ranked]
    node = _node_top(fixture_site, "professionals", QUERIES, tmp_path)
    page.goto(base_url + "/professionals/bouwstenen/")
    box_tops = []
    for text in QUERIES:
        _type(page, text)
        box_tops.append(_box_items(page))
    for text, box, in_node in zip(QUERIES, box_tops, node):
        assert main(["zoek", "--waaiers", str(FIXTURE), "--json", text]) == 0
        cli = [item["slug"] for item in json.loads(capsys.readouterr().out)["items"]]
        page.goto(base_url + "/professionals/zoeken/?" + f"zoek={text}")
        page.wait_for_selector(".kw-zoeken[data-klaar='ja']")
        catalogue = page.locator(".kw-lijst > li").evaluate_all("l => l.slice(0, 10).map(li => li.dataset.slug)")
        assert box == catalogue == cli == [slugs[p] for p in in_node] == _top(searcher, text), text
    assert sum(1 for top in box_tops if top) >= 10  # most queries find items: the comparison means something


def test_keyboard_shortcut_arrows_and_escape(page, base_url: str) -> None:
    page.goto(base_url + "/professionals/open-gesprek/")
    page.locator("body").press("/")  # the shortcut, as in the theme
    assert page.evaluate("document.activeElement.id") == "kw-zoekvak-q"
    page.keyboard.type("gesprek")
    page.wait_for_function("() => document.querySelector('form.kw-zoekvak').dataset.zoekvraag === 'gesprek'")
    page.keyboard.press("ArrowDown")
    first = page.locator(f"{PANEL} a").first
    assert page.evaluate("document.activeElement.href") == first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == page.locator(f"{PANEL} a").nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "kw-zoekvak-q"
    page.keyboard.press("Escape")
    assert page.locator(PANEL).is_hidden() and page.locator(BOX).input_value() == "gesprek"
    page.keyboard.press("ArrowDown")  # closed: the arrow does not reopen it; focus stays in the box
    assert page.evaluate("document.activeElement.id") == "kw-zoekvak-q"
    page.keyboard.press("Escape")  # a second Escape empties the box
    assert page.locator(BOX).input_value() == ""
    page.locator("article").click()
    page.keyboard.press("s")  # the theme's other key
    assert page.evaluate("document.activeElement.id") == "kw-zoekvak-q"
    page.keyboard.type("s")  # in the box the key is just a letter
    assert page.locator(BOX).input_value() == "s"


def test_open_results_pass_axe_on_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for path in ("/clienten/", "/organisaties/waaier/ediz/"):
            page.goto(base_url + path)
            _type(page, "gesprek")
            assert page.locator(PANEL).is_visible()
            box = page.locator(PANEL).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, path
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            violations = controles.axe(page)
            assert not violations, controles.axe_melding(path, violations)
        assert page.locator(f"{PANEL} .kw-zv-kop").first.inner_text() == "Items in de waaier"
        page.goto(base_url + "/clienten/kompas/")
        _type(page, "gesprek")
        assert page.locator(f"{PANEL} .kw-zv-kop").first.inner_text() == "Hulpmiddelen"
    finally:
        context.close()


def test_without_javascript_the_box_is_a_plain_form(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "/organisaties/waaier/ediz/")
        page.locator(BOX).fill("kwaliteitsbeeld")
        page.locator(BOX).press("Enter")
        page.wait_for_url(f"{base_url}/organisaties/zoeken/?zoek=kwaliteitsbeeld")
        assert page.locator("h1").first.inner_text().startswith("Zoeken in de waaier")
        page.goto(base_url + "/organisaties/")
        page.locator("button.kw-zoekvak-knop").click()  # the button sends the form too (empty: the whole list)
        page.wait_for_url(f"{base_url}/organisaties/zoeken/?zoek=")
    finally:
        context.close()


def _hold(held: list, route) -> None:
    """A route handler that keeps the request waiting until the test lets it go."""
    held.append(route)


def test_box_answers_whichever_of_its_two_scripts_arrives_first(browser, base_url: str, searcher: Searcher) -> None:
    """The page loads the index core (zoekindex/kern.js) and the box's script side by side; someone who typed
    before either was there gets the answer as soon as both are, in either order."""
    for late in ("zoekindex/kern.js", "assets/zoeken/zoeken.js"):
        context = browser.new_context(locale="nl-NL", service_workers="block")
        page = context.new_page()
        held: list = []
        page.route(f"**/professionals/{late}*", functools.partial(_hold, held))
        try:
            page.goto(base_url + "/professionals/kompas/", wait_until="commit")
            page.locator(BOX).fill("mantelzorger")  # typed before the scripts ran
            page.wait_for_function("() => !!(window.KompasKernData || window.KompasZoekindex)")
            assert page.evaluate("() => [!!window.KompasKernData, !!window.KompasZoekindex]") == [
                late != "zoekindex/kern.js", late == "zoekindex/kern.js"]
            assert len(held) == 1
            held[0].continue_()
            page.wait_for_function("q => document.querySelector('form.kw-zoekvak').dataset.klaar === q", arg="mantelzorger")
            assert _box_items(page) == _top(searcher, "mantelzorger")
        finally:
            context.close()


def test_box_loads_the_core_itself_when_the_page_could_not(browser, base_url: str, searcher: Searcher) -> None:
    """If the core did not load with the page (a dropped connection), the box asks for it again once the page
    has loaded, and searches as usual."""
    context = browser.new_context(locale="nl-NL", service_workers="block")
    page = context.new_page()
    asked = []

    def once_lost(route) -> None:
        asked.append(route.request.url)
        route.abort() if len(asked) == 1 else route.continue_()

    page.route("**/professionals/zoekindex/kern.js*", once_lost)
    try:
        page.goto(base_url + "/professionals/kompas/")
        _type(page, "mantelzorger")
        assert len(asked) == 2 and asked[0] == asked[1]
        assert _box_items(page) == _top(searcher, "mantelzorger")
    finally:
        context.close()


def test_one_search_index_and_nothing_from_elsewhere(browser, base_url: str, fixture_site: Path) -> None:
    for version in ("clienten", "professionals", "organisaties"):
        assert not (fixture_site / version / "search").exists()  # no second, browser-built index
        assert (fixture_site / version / "zoekindex" / "kern.js").is_file()
    assert "kw-zoekvak" not in (fixture_site / "index.html").read_text(encoding="utf-8")  # landing page: three doors
    context = browser.new_context(locale="nl-NL")
    log = controles.NetworkLog(context)
    page = context.new_page()
    try:
        page.goto(base_url + "/professionals/leren/")
        _type(page, "reflectie")
        log.settle(page)
    finally:
        context.close()
    assert controles.third_party(log.urls) == []
    fetched = [urlparse(u).path for u in log.urls if "/zoekindex/" in u]
    assert "/professionals/zoekindex/kern.js" in fetched
    assert not [u for u in log.urls if "search_index" in u or "/search/" in u]


def test_results_work_offline_after_a_first_search(browser, base_url: str, searcher: Searcher) -> None:
    """After a first search the box fetches the rest of a small index ahead; the service worker keeps every
    file (their addresses carry a hash), so other words work offline too."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(base_url + "/professionals/kompas/")
        page.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
        page.reload()  # now the worker handles the page's requests
        page.wait_for_function("() => !!navigator.serviceWorker.controller")
        _type(page, "mantelzorger")
        online = _box_items(page)
        parts = page.evaluate("""async () => {
            const kern = window.KompasKernData;
            const pages = await (await fetch(new URL(kern.paginas, new URL('../', document.querySelector('form.kw-zoekvak').action)))).json();
            return kern.items.delen.length + pages.delen.length; }""")
        page.wait_for_function("""n => performance.getEntriesByType('resource')
            .filter(e => /zoekindex[/](items|paginas)-[0-9]+[.]json/.test(e.name)).length >= n""", arg=parts, timeout=15_000)
        context.set_offline(True)
        page.reload()
        _type(page, "mantelzorger")
        assert _box_items(page) == online and online
        _type(page, "gesprek")  # a word not searched online: its part was fetched ahead
        assert _box_items(page) == _top(searcher, "gesprek")
        assert _box_pages(page)  # and the pages of the knowledge base
    finally:
        context.close()
