"""Each check can fail: a deliberately broken page (tests/browser/kapot/index.html, SYNTHETISCH) with a
missing alt text, an external font, an over-long client sentence, invalid HTML, a too wide block, a
keyboard trap and a cookie. Every check must report its fault with a readable message."""

from __future__ import annotations

import controles
import pytest
from controles import KAPOT, KAPOT_PATH

import readability


@pytest.fixture(scope="module")
def kapot(browser, base_url: str):
    """The broken page, served as if it were part of the site (on 127.0.0.1), with its network log."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    log = controles.NetworkLog(context)
    context.route(base_url + KAPOT_PATH, lambda route: route.fulfill(
        body=KAPOT.read_text(encoding="utf-8"), content_type="text/html; charset=utf-8"))
    page = context.new_page()
    page.goto(base_url + KAPOT_PATH)
    log.settle(page)
    yield page, log
    context.close()


def test_axe_reports_missing_alt_text(kapot) -> None:
    page, _log = kapot
    violations = controles.axe(page)
    message = controles.axe_melding(KAPOT_PATH, violations)
    assert "image-alt" in {v["id"] for v in violations}, message
    assert f"{KAPOT_PATH}: image-alt (critical)" in message
    assert "img" in message


def test_network_check_reports_the_external_font(kapot) -> None:
    _page, log = kapot
    third = controles.third_party(log.urls)
    assert any(u.startswith("https://fonts.googleapis.com/css") for u in third), log.urls
    assert sorted(set(log.blocked)) == third  # refused, never sent
    message = controles.derden_melding(KAPOT_PATH, third)
    assert message.startswith(f"{KAPOT_PATH}: 1 verzoek(en) naar andere hosts (fonts.googleapis.com)")


def test_cookie_check_reports_the_cookie(kapot) -> None:
    page, _log = kapot
    assert controles.cookies(page) == ["spoor"]


def test_b1_check_reports_the_long_sentence() -> None:
    text = readability.prose_from_html(KAPOT.read_text(encoding="utf-8"))
    problems = readability.problems(readability.measure(text))
    assert problems and problems[0].startswith("zin van 46 woorden (hoogstens 20): \"Wie deze zin helemaal"), problems


def test_nu_html_checker_reports_invalid_html(html_controle) -> None:
    errors = controles.vnu_errors(html_controle["__kapot__"])
    message = controles.vnu_melding("kapot/index.html", errors)
    assert any("autocomplete" in m["message"] for m in errors), message
    assert any("No “p” element in scope" in m["message"] for m in errors), message
    assert message.startswith("kapot/index.html:")


def test_layout_check_reports_the_wide_block(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    controles.NetworkLog(context)
    context.route(base_url + KAPOT_PATH, lambda route: route.fulfill(
        body=KAPOT.read_text(encoding="utf-8"), content_type="text/html; charset=utf-8"))
    page = context.new_page()
    page.goto(base_url + KAPOT_PATH)
    found = controles.horizontal_overflow(page)
    context.close()
    assert found is not None
    message = controles.overflow_melding(KAPOT_PATH, found)
    assert "div (rechts" in message and "in een venster van 360 px" in message, message


def test_keyboard_check_reports_the_trap(kapot) -> None:
    page, _log = kapot
    walk = controles.keyboard_walk(page)
    assert not walk.ended
    assert any(p.startswith("toetsenbordval: na ") for p in walk.problems), walk.problems
