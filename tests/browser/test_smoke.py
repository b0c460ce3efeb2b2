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
    """Entry pages reach the theme's search index as one document each (title, summary, goal, labels)."""
    page.goto(base_url + "/professionals/", wait_until="networkidle")  # search index fetched by the worker
    page.get_by_role("textbox", name="Zoeken").press_sequentially("doe-boekje")
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    assert "/waaier/doe-boekje-gesprek-over-goede-zorg/" in result.get_attribute("href")
    assert "Doe-boekje" in result.inner_text()
