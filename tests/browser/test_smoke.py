"""A person opens the site and picks a version."""

from __future__ import annotations


def test_landing_page_leads_to_each_version(page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.title().startswith("Kompaswaaier")
    page.get_by_role("link", name="Voor professionals").click()
    page.wait_for_url("**/professionals/")
    assert page.locator("h1").first.inner_text()
    page.locator("nav.kw-versies").get_by_role("link", name="Organisaties").click()
    page.wait_for_url("**/organisaties/")


def test_header_search_finds_a_published_entry(page, base_url: str) -> None:
    """The search box in the header finds entries with the site's own index (overrides/partials/zoekvak.html)."""
    page.goto(base_url + "/professionals/")
    page.get_by_role("searchbox", name="Zoekwoorden").press_sequentially("doe-boekje")
    result = page.locator(".kw-zoekvak-paneel li[data-slug] a").first
    result.wait_for()
    assert "/waaier/doe-boekje-gesprek-over-goede-zorg/" in result.get_attribute("href")
    assert "Doe-boekje" in result.inner_text()
