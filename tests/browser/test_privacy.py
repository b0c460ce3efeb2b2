"""Nobody's visit is reported to a third party: every request goes to 127.0.0.1, and no cookies are set."""

from __future__ import annotations

import controles
import pytest

VERSIONS = ("start", "clienten", "professionals", "organisaties")


@pytest.mark.parametrize("version", VERSIONS)
def test_every_request_goes_to_this_site_only(bezoeken, version: str) -> None:
    visits = [v for v in bezoeken.values() if v.spec.version == version]
    assert visits and all(v.requests for v in visits), "het netwerklog is leeg: er is niets vastgelegd"
    problems = [controles.derden_melding(v.spec.path, v.third_party) for v in visits if v.third_party]
    assert not problems, "verzoeken naar andere websites:\n" + "\n".join(problems)


@pytest.mark.parametrize("version", VERSIONS)
def test_no_cookies(bezoeken, version: str) -> None:
    problems = [f"{v.spec.path}: cookies {', '.join(v.cookies)}"
                for v in bezoeken.values() if v.spec.version == version and v.cookies]
    assert not problems, "de site zet cookies:\n" + "\n".join(problems)


def test_network_fixture_records_a_pages_requests(page, netwerk, base_url: str) -> None:
    page.goto(base_url + "/clienten/")
    netwerk.settle(page)
    assert base_url + "/clienten/" in netwerk.urls
    assert any(u.endswith(".css") for u in netwerk.urls)
    assert controles.third_party(netwerk.urls) == []
