"""WCAG 2.1 AA in a real browser: axe-core on every visited page (each colour scheme), no horizontal
scrolling at 360 px or at 200 % zoom, and a keyboard-only walk with visible focus and no trap."""

from __future__ import annotations

import pytest

import controles

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
