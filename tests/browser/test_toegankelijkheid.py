"""WCAG 2.1 AA in a real browser: axe-core on every visited page (each colour scheme), no horizontal
scrolling at 360 px or at 200 % zoom, and a keyboard-only walk with visible focus and no trap."""

from __future__ import annotations

import controles
import pytest

VERSIONS = ("start", "clienten", "professionals", "organisaties")
#: Pages walked with the keyboard (the walk takes a while): where people do things.
KEYBOARD_KINDS = ("startpagina", "item", "catalogus", "keuzehulp", "toegankelijkheid")


def _pages(te_bezoeken, version: str) -> list[controles.PageSpec]:
    specs, _missing = te_bezoeken
    return [s for s in specs if s.version == version]


@pytest.mark.parametrize("version", VERSIONS)
def test_axe_finds_no_wcag_a_or_aa_violation(bezoeken, te_bezoeken, version: str) -> None:
    pages = _pages(te_bezoeken, version)
    assert pages, f"geen pagina's bezocht in versie {version}"
    messages = []
    for spec in pages:
        for scheme, violations in bezoeken[spec.id].axe.items():
            if violations:
                messages.append(controles.axe_melding(f"{spec.path} (kleurenschema {scheme})", violations))
    assert not messages, "axe-core vond WCAG-overtredingen:\n" + "\n".join(messages)


def test_every_offered_colour_scheme_is_checked(bezoeken) -> None:
    """Contrast is checked in each scheme the site offers; today that is only the light one."""
    for visit in bezoeken.values():
        assert visit.axe, f"{visit.spec.path}: axe is niet uitgevoerd"
    offered = {scheme for visit in bezoeken.values() for scheme in visit.axe}
    assert offered == {"default"}, (
        f"de site biedt nu kleurenschema's {sorted(offered)}; elk is met axe getoetst - pas deze test en de "
        "documentatie aan")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("mode", ["smal_360", "zoom_200"])
def test_no_horizontal_scrolling(weergave, te_bezoeken, version: str, mode: str) -> None:
    what = {"smal_360": "op een scherm van 360 px breed", "zoom_200": "bij 200 % zoom (640 CSS-px)"}[mode]
    problems = [controles.overflow_melding(spec.path, weergave[(mode, spec.id)])
                for spec in _pages(te_bezoeken, version) if weergave[(mode, spec.id)] is not None]
    assert not problems, f"horizontaal scrollen {what}:\n" + "\n".join(problems)


@pytest.mark.parametrize("version", VERSIONS)
def test_keyboard_walk_focus_visible_no_trap_skip_link_works(browser, base_url: str, te_bezoeken, rapport,
                                                            version: str) -> None:
    pages = [s for s in _pages(te_bezoeken, version) if s.kind in KEYBOARD_KINDS]
    assert pages
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800}, service_workers="block")
    controles.NetworkLog(context)
    page = context.new_page()
    messages = []
    try:
        for spec in pages:
            controles.open_page(page, base_url, spec)
            walk = controles.keyboard_walk(page)
            problems = list(walk.problems)
            page.goto(base_url + spec.path)
            skip = controles.skip_link(page)
            if skip:
                problems.append(skip)
            rapport.toetsenbord[spec.id] = problems
            messages += [f"{spec.path}: {p}" for p in problems]
            assert walk.reached >= 5, f"{spec.path}: met Tab maar {walk.reached} elementen bereikt"
    finally:
        context.close()
    assert not messages, "toetsenbord:\n" + "\n".join(messages)


# --- every built page, not a sample ----------------------------------------------------------------

SCREENS = ("smal_360", "breed_1280")


def test_every_built_page_is_checked(alle_paginas, doorloop, html_overal, te_bezoeken, published_slugs) -> None:
    """The walk finds the landing page, every visited kind of page and every published item of every
    version; axe saw each of them on both screens and the Nu Html Checker says it checked each file."""
    paths = {p.path for p in alle_paginas}
    specs, _missing = te_bezoeken
    expected = {"/"} | {s.path for s in specs} | {
        f"/{version}/waaier/{slug}/" for version, slugs in published_slugs.items() for slug in slugs}
    assert not sorted(expected - paths), f"niet gevonden in de gebouwde site: {sorted(expected - paths)}"
    for screen in SCREENS:
        assert set(doorloop[screen].axe) == paths, f"axe sloeg pagina's over op {screen}"
    _messages, checked = html_overal
    unchecked = [p.path for p in alle_paginas if p.file.resolve() not in checked]
    assert not unchecked, f"de Nu Html Checker controleerde niet: {unchecked}"
    assert controles.KAPOT.resolve() in checked


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_no_violation_on_any_built_page(doorloop, alle_paginas, version: str, screen: str) -> None:
    pages = [p for p in alle_paginas if p.version == version]
    assert pages, f"geen pagina's gevonden in versie {version}"
    run = doorloop[screen]
    messages = [controles.axe_melding(f"{p.path} ({run.breedte} px breed)", run.axe[p.path])
                for p in pages if run.axe[p.path]]
    assert not messages, (f"axe-core vond WCAG-overtredingen op {len(messages)} van de {len(pages)} pagina's:\n"
                          + "\n".join(messages))


@pytest.mark.parametrize("version", VERSIONS)
def test_no_built_page_scrolls_sideways_at_360_px(doorloop, alle_paginas, version: str) -> None:
    run = doorloop["smal_360"]
    problems = [controles.overflow_melding(p.path, run.te_breed[p.path])
                for p in alle_paginas if p.version == version and p.path in run.te_breed]
    assert not problems, "horizontaal scrollen op een scherm van 360 px breed:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
def test_every_table_that_scrolls_sideways_is_a_named_region_reachable_by_tab(doorloop, screen: str) -> None:
    problems = [f"{path}: {frame}" for path, frames in doorloop[screen].tabellen.items() for frame in frames
                if frame["tabindex"] != "0" or frame["role"] != "region" or not (frame["label"] or "").startswith("Tabel")]
    assert not problems, "tabel die opzij scrolt maar niet met het toetsenbord te bereiken is:\n" + "\n".join(problems)


# --- tables on a phone: fit when they can, reachable by keyboard when they cannot -----------------

_FRAME = ".md-typeset__scrollwrap"
_WIDEN = "(w) => document.querySelectorAll('.md-typeset table').forEach(t => { t.style.minWidth = w; })"


@pytest.fixture(scope="module")
def page_with_table(alle_paginas) -> controles.BuiltPage:
    """A built page with a table (the handwritten pages and every item page of the organisations have one)."""
    found = [p for p in alle_paginas if p.version != "start" and "<table" in p.file.read_text(encoding="utf-8")]
    assert found, "geen enkele gebouwde pagina heeft een tabel; kies een andere pagina voor deze test"
    return found[0]


def _tab_to(page, selector: str, limit: int = 200) -> bool:
    """Press Tab until the element matching ``selector`` has focus (True) or ``limit`` presses are done."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return True
    return False


def test_wide_table_frame_becomes_a_named_region_reachable_by_tab_and_scrollable_by_arrow_keys(
        browser, base_url: str, page_with_table) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(base_url + page_with_table.path)
        frame = page.locator(_FRAME).first
        assert frame.get_attribute("tabindex") is None, "een tabel die past, is geen extra Tab-stop"
        assert frame.get_attribute("role") is None
        page.evaluate(_WIDEN, "60rem")  # as a table with many columns would be
        page.wait_for_function("(s) => document.querySelector(s).getAttribute('tabindex') === '0'", arg=_FRAME)
        assert frame.get_attribute("role") == "region"
        label = frame.get_attribute("aria-label")
        headings = page.evaluate("() => [...document.querySelectorAll('.md-typeset h1, .md-typeset h2, .md-typeset h3,"
                                 " .md-typeset h4')].map(h => h.textContent.replace('¶', '').replace(/\\s+/g, ' ').trim())")
        assert label.startswith("Tabel: ") and label.removeprefix("Tabel: ") in headings, label
        assert controles.axe(page) == []
        assert _tab_to(page, _FRAME), "Tab komt niet bij het tabelvlak"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(s) => document.querySelector(s).scrollLeft > 0", arg=_FRAME)
        page.evaluate(_WIDEN, "")  # fits again: the tab stop goes away
        page.wait_for_function("(s) => !document.querySelector(s).hasAttribute('tabindex')", arg=_FRAME)
        assert frame.get_attribute("role") is None and frame.get_attribute("aria-label") is None
    finally:
        context.close()


def test_without_javascript_tables_fit_at_360_px_and_a_wide_one_is_still_reachable_by_tab(
        browser, base_url: str, page_with_table) -> None:
    """No script: the theme does not wrap the table, our CSS still makes it fit, and a table that is too
    wide anyway scrolls by itself and the browser lets Tab reach it (no trap, nothing unreachable)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + page_with_table.path)
        assert page.locator(_FRAME).count() == 0
        assert controles.horizontal_overflow(page) is None
        table = ".md-typeset table"
        assert page.eval_on_selector(table, "t => t.scrollWidth <= t.clientWidth + 1"), "de tabel past niet op 360 px"
        page.eval_on_selector(table, "t => { t.querySelector('th, td').style.minWidth = '60rem'; }")
        assert page.eval_on_selector(table, "t => t.scrollWidth > t.clientWidth + 1")
        assert _tab_to(page, table), "zonder JavaScript komt Tab niet bij de brede tabel"
    finally:
        context.close()


# --- the statement reports the full count ---------------------------------------------------------

_SAMPLE_PAGE = {"pagina": "item", "adres": "/organisaties/waaier/x/", "axe": 0, "axe_regels": [], "verzoeken_derden": 0,
                "cookies": 0, "html_fouten": 0, "html_waarschuwingen": 0, "smal_360": True, "zoom_200": True,
                "toetsenbord": True, "offline": True}
_EVERY = {"paginas": 41, "breedtes": [360, 1280], "axe": 0, "axe_regels": [], "html_fouten": 0,
          "html_waarschuwingen": 3, "te_breed_360": 0, "tabellen_opzij_360": 1}


def _results(**every) -> dict:
    """Results as a complete run writes them (SYNTHETISCH figures)."""
    version = {"paginas": [dict(_SAMPLE_PAGE)], "alle_paginas": dict(_EVERY, **every), "niet_getest": [],
               "problemen": [], "kleurenschemas": ["licht"]}
    return {"datum": "2026-11-24", "vingerafdruk": "abc", "gereedschap": {},
            "duur_seconden": {"axe_360": 50.0, "axe_1280": 50.0, "html": 9.0},
            "versies": {v: dict(version) for v in ("clienten", "professionals", "organisaties")}}


def test_statement_reports_every_page_at_both_widths() -> None:
    from kompaswaaier.render import accessibility
    from kompaswaaier.validate.catalog import load_catalog

    text = accessibility.statement(load_catalog(None), "organisaties", _results(), "abc")
    assert ("Elke pagina van de site is getest: alle 41 pagina's van de versie voor organisaties, elk\n"
            "op een scherm van 360 en van 1280 pixels breed.") in text
    assert "- Overtredingen van WCAG 2.0 en 2.1 (niveau A en AA) die axe-core op deze pagina's vond: 0." in text
    assert "- Fouten in de HTML volgens de Nu Html Checker: 0 (en 3 waarschuwingen)." in text
    assert "- Pagina's die opzij moeten scrollen op een scherm van 360 pixels breed: 0." in text
    assert "binnen hun eigen vlak opzij scrollen: 1. Zo'n vlak is met de Tab-toets te bereiken" in text
    assert "Daarnaast zijn 1 pagina's uitgebreider getest, ook terwijl een bezoeker zoekt en filtert:" in text


def test_client_statement_counts_every_page_in_plain_words() -> None:
    from kompaswaaier.render import accessibility
    from kompaswaaier.validate.catalog import load_catalog

    catalog = load_catalog(None)
    text = accessibility.statement(catalog, "clienten", _results(), "abc")
    assert "- De test bekeek alle 41 pagina's." in text and "De test vond op deze pagina's geen problemen." in text
    text = accessibility.statement(catalog, "clienten", _results(axe=2, te_breed_360=1), "abc")
    assert "- Problemen met lezen, kleur of toetsenbord: 2." in text
    assert "- Pagina's die niet op een smal scherm passen: 1." in text
    assert "De test vond problemen. We werken eraan." in text
