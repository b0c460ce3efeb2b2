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
