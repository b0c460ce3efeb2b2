"""A professional searches the catalogue, narrows it with facets, shares the view, and runs the keuzehulp.

The site is built from the frozen synthetic catalogue (``tests/fixtures/waaiers``, as of ``TODAY``) and
served on a port of its own, so that adding or improving real entries never turns these tests red.
Headless Chromium. Expected counts come from the Python side of the same search (``kompaswaaier.publish.search``),
so the browser must agree with ``kompaswaaier zoek``.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from kompaswaaier.build import build_site
from kompaswaaier.publish import export
from kompaswaaier.publish.search import Searcher, search_data
from kompaswaaier.render.finding import read_kern
from kompaswaaier.select import published, view
from kompaswaaier.validate.catalog import load
from kwtest import FIXTURE, TODAY

READY = ".kw-zoeken[data-klaar='ja']"
DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the frozen synthetic catalogue (real docs, FIXTURE instead of waaiers/)."""
    out = tmp_path_factory.mktemp("browser-fixture") / "site"
    build_site(waaiers=FIXTURE, output=out, quiet=True, today=DAY)
    return out


@pytest.fixture(scope="module")
def base_url(fixture_site: Path, serve_directory) -> Iterator[str]:
    """This module's own server (own port) for the fixture site; overrides the session's real-site ``base_url``."""
    with serve_directory(fixture_site) as url:
        yield url


@pytest.fixture(scope="module")
def catalog():
    return load(FIXTURE, today=DAY).catalog


@pytest.fixture(scope="module")
def searcher(catalog) -> Searcher:
    return Searcher(search_data(view(catalog, "professionals")))


def _shown(page) -> list[str]:
    return page.locator(".kw-lijst > li").evaluate_all("items => items.map(li => li.dataset.slug)")


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_type_a_query_tick_a_facet_reload_and_go_back(page, base_url: str, searcher: Searcher) -> None:
    page.goto(base_url + "/professionals/zoeken/")
    page.wait_for_selector(READY)
    page.locator("#kw-q").press_sequentially("mantelzorger", delay=20)
    expected = [h.slug for h in searcher.search("mantelzorger").hits]
    assert expected[0] == "mantelzorgondersteuning-in-de-buurt"
    status = page.locator(".kw-status")
    status.filter(has_text=f"{len(expected)} items gevonden voor ‘mantelzorger’").wait_for()
    assert _shown(page) == expected
    assert _params(page) == {"zoek": ["mantelzorger"]}

    page.locator("details[data-facet='setting'] > summary").click()
    page.get_by_label(re.compile(r"^Verpleeghuis")).check()
    narrowed = [h.slug for h in searcher.search("mantelzorger", {"setting": ["verpleeghuis"]}).hits]
    assert 0 < len(narrowed) < len(expected)
    status.filter(has_text=f"{len(narrowed)} items gevonden voor ‘mantelzorger’ met de gekozen filters").wait_for()
    assert _shown(page) == narrowed
    assert _params(page) == {"zoek": ["mantelzorger"], "setting": ["verpleeghuis"]}
    counts = searcher.search("mantelzorger", {"setting": ["verpleeghuis"]}).counts["setting"]
    label = page.locator("label[for='kw-f-setting-verpleeghuis']").inner_text()
    assert label == f"Verpleeghuis ({counts[2]})"

    page.reload()
    page.wait_for_selector(READY)
    assert page.locator("#kw-q").input_value() == "mantelzorger"
    assert page.locator("#kw-f-setting-verpleeghuis").is_checked()
    assert _shown(page) == narrowed

    page.go_back()
    status.filter(has_text=f"{len(expected)} items gevonden").wait_for()
    assert not page.locator("#kw-f-setting-verpleeghuis").is_checked()
    assert _shown(page) == expected
    page.go_forward()
    status.filter(has_text="met de gekozen filters").wait_for()
    assert page.locator("#kw-f-setting-verpleeghuis").is_checked()

    chip = page.locator(".kw-actief .kw-chip", has_text="Waar: Verpleeghuis")
    chip.click()  # a cleared filter is one click
    status.filter(has_text=f"{len(expected)} items gevonden voor ‘mantelzorger’").wait_for()
    assert _params(page) == {"zoek": ["mantelzorger"]}
    assert page.locator(".kw-actief").is_hidden()


def test_a_shared_link_opens_the_same_view(page, base_url: str, searcher: Searcher) -> None:
    page.goto(base_url + "/professionals/zoeken/?zoek=gesprek&bouwsteen=1&bouwsteen=2")
    page.wait_for_selector(READY)
    expected = [h.slug for h in searcher.search("gesprek", {"bouwsteen": ["1", "2"]}).hits]
    assert expected and _shown(page) == expected
    assert page.locator("#kw-f-bouwsteen-1").is_checked() and page.locator("#kw-f-bouwsteen-2").is_checked()
    assert page.locator("#kw-zoekvak-q").input_value() == ""  # the search box in the header stays empty
    assert page.locator(".kw-zoekvak-paneel").is_hidden()
    page.locator(".kw-chip", has_text="Alles wissen").click()
    page.locator(".kw-status").filter(has_text="Alle ").wait_for()
    assert _params(page) == {} and len(_shown(page)) == len(searcher.items)


def test_keyboard_only(page, base_url: str, searcher: Searcher) -> None:
    page.goto(base_url + "/professionals/zoeken/")
    page.wait_for_selector(READY)
    page.locator("#kw-q").focus()
    page.keyboard.type("thuis")
    page.keyboard.press("Tab")  # to the first facet
    assert page.evaluate("document.activeElement.textContent").startswith("Bouwsteen")
    page.keyboard.press("Enter")  # opens it
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # ticks the first value
    expected = searcher.search("thuis", {"bouwsteen": ["1"]}).hits
    page.locator(".kw-status").filter(has_text=f"{len(expected)} items gevonden voor ‘thuis’ met de gekozen filters").wait_for()
    assert page.locator(".kw-status").get_attribute("role") == "status"
    assert page.locator(".kw-status").get_attribute("aria-live") == "polite"


def test_keuzehulp_leads_to_a_recommendation_with_reasons(page, base_url: str) -> None:
    page.goto(base_url + "/professionals/keuzehulp/")
    page.wait_for_selector(".kw-keuzehulp[data-klaar='ja']")
    helper = page.locator(".kw-keuzehulp")
    assert helper.locator(".kw-zonder-js").is_hidden()
    page.get_by_role("group", name="Met wie is het gesprek?").get_by_label("Met de persoon met een zorgvraag").check()
    page.get_by_role("group", name="Waar woont de persoon met een zorgvraag?").get_by_label("Thuis").check()
    page.get_by_role("group", name="Waar gaat het gesprek vooral over?").get_by_label(
        "Kennismaken en ontdekken wat iemand belangrijk vindt").check()
    best = helper.locator(".kw-advies-alle > li")
    assert best.count() == 1
    assert best.first.get_attribute("data-slug") == "doe-boekje-gesprek-over-goede-zorg"
    assert best.first.locator(".kw-redenen").inner_text() == (
        "Past omdat: Gemaakt voor een gesprek met de persoon met een zorgvraag zelf. "
        "Te gebruiken als iemand thuis woont. Helpt ontdekken wat iemand wil en belangrijk vindt.")
    assert helper.locator(".kw-kop-alle").is_visible()
    assert helper.locator(".kw-status").inner_text().startswith("1 item past bij alle antwoorden")
    assert _params(page) == {"met-wie": ["persoon"], "woont": ["thuis"], "doel": ["kennismaken"]}

    page.reload()
    page.wait_for_selector(".kw-keuzehulp[data-klaar='ja']")
    assert helper.locator(".kw-advies-alle > li").first.get_attribute("data-slug") == "doe-boekje-gesprek-over-goede-zorg"
    helper.get_by_role("button", name="Opnieuw beginnen").click()
    assert _params(page) == {}
    assert helper.locator(".kw-status").inner_text().startswith("Kies een antwoord")


def test_without_javascript_the_whole_list_is_there(browser, base_url: str, catalog, searcher: Searcher) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "/professionals/zoeken/")
        expected = [h.slug for h in searcher.search("").hits]  # the whole list, in the order search lists it
        assert sorted(expected) == sorted(e.slug for e in published(catalog.entries, "professionals"))
        assert _shown(page) == expected
        assert page.locator(".kw-zoekform").is_hidden()
        assert page.locator(".kw-lijst > li a").first.get_attribute("href") == f"../waaier/{expected[0]}/"
        page.goto(base_url + "/professionals/keuzehulp/")
        assert page.locator(".kw-zonder-js").is_visible()
        assert page.locator(".kw-keuzeform").is_hidden()
        bouwsteen_1 = {e.slug for e in published(catalog.entries, "professionals") if 1 in e.data["bouwstenen"]}
        candidates = [slug for slug in expected if slug in bouwsteen_1]
        assert 0 < len(candidates) < len(expected)
        assert page.locator(".kw-advies-alle > li").evaluate_all("l => l.map(li => li.dataset.slug)") == candidates
    finally:
        context.close()


def test_phone_width_only_our_own_host(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    try:
        for path in ("/clienten/zoeken/?zoek=mantelzorg", "/organisaties/keuzehulp/?doel=mantelzorg"):
            page.goto(base_url + path)
            page.wait_for_selector("[data-klaar='ja']")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    finally:
        context.close()
    assert hosts == {urlparse(base_url).netloc}


def test_served_open_data_is_what_exporteer_writes(base_url: str, catalog) -> None:
    for version in ("clienten", "professionals", "organisaties"):
        for name, make in (("catalogus.json", export.to_json), ("catalogus.csv", export.to_csv)):
            with urllib.request.urlopen(f"{base_url}/{version}/{name}") as response:
                assert response.read().decode("utf-8") == make(view(catalog, version)), (version, name)
    with urllib.request.urlopen(f"{base_url}/professionals/zoekindex/kern.js") as response:
        data = read_kern(response.read().decode("utf-8"))
    assert data["versie"] == "professionals" and data["zoekpijplijn"] == ["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"]
