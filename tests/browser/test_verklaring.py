"""The toegankelijkheidsverklaring: in every version, generated from the last test results, and plain
about results that are missing or older than the site."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import controles
import pytest

from kompaswaaier.render import accessibility
from kompaswaaier.validate.catalog import load_catalog

VERSIONS = ("clienten", "professionals", "organisaties")
PAGE = {"pagina": "item", "adres": "/professionals/waaier/x/", "axe": 0, "axe_regels": [], "verzoeken_derden": 0,
        "cookies": 0, "html_fouten": 0, "html_waarschuwingen": 2, "smal_360": True, "zoom_200": False,
        "toetsenbord": True, "offline": None}
RESULTS = {
    "datum": "2026-11-20", "vingerafdruk": "abc",
    "gereedschap": {"axe-core": "4.14.1", "Nu Html Checker (vnu-jar)": "26.9.27"},
    "versies": {v: {"paginas": [dict(PAGE)], "niet_getest": ["keuzehulp"], "problemen": ["/x/: past niet bij 200 % zoom"],
                    "kleurenschemas": ["licht"],
                    "leesbaarheid": {"woorden": 900, "zinnen": 90, "woorden_per_zin": 10.0, "langste_zin": 18,
                                     "lange_woorden_procent": 5.0, "flesch_douma": 70.1, "paginas": 9,
                                     "norm_woorden_per_zin": 12.0}} for v in VERSIONS},
}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_version_has_the_statement_in_its_navigation(site_dir: Path, version: str) -> None:
    html = (site_dir / version / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="toegankelijkheid">Toegankelijkheid' in html
    assert "via een issue in de repository van Kompaswaaier" in " ".join(html.split())
    assert 'href="toegankelijkheid/"' in (site_dir / version / "index.html").read_text(encoding="utf-8")
    assert "kompaswaaier-bron: " in html


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


def test_without_results_the_page_says_there_are_none(catalog) -> None:
    text = accessibility.statement(catalog, "professionals", None, "abc")
    assert "Nog geen testuitkomsten" in text and "Per pagina" not in text
    text = accessibility.statement(catalog, "clienten", None, "abc")
    assert "Er is nog geen uitkomst van de test." in text


def test_results_of_other_sources_are_called_older_than_the_site(catalog) -> None:
    text = accessibility.statement(catalog, "organisaties", RESULTS, "een-andere-bron")
    assert "De laatste test was op 20 november 2026. Daarna is de site veranderd." in text
    text = accessibility.statement(catalog, "clienten", RESULTS, "een-andere-bron")
    assert "De laatste test was op 20 november 2026. Daarna is de site veranderd." in text


def test_current_results_are_shown_per_page(catalog) -> None:
    text = accessibility.statement(catalog, "professionals", RESULTS, "abc")
    assert "De uitkomsten hieronder komen uit de test van 20 november 2026, op precies deze versie van de site." in text
    assert ("- Pagina van een hulpmiddel (`/professionals/waaier/x/`): geen WCAG-overtredingen, geen verzoeken naar "
            "andere websites, geen HTML-fouten; 360 pixels breed: goed; 200 % zoom: niet goed; toetsenbord: goed; "
            "zonder netwerk: niet getest.") in text
    assert "Fouten in de HTML volgens de Nu Html Checker: 0 (en 2 waarschuwingen)." in text
    assert "- /x/: past niet bij 200 % zoom" in text
    assert "Niet getest, omdat de pagina nog niet in deze versie van de site staat:\nKeuzehulp." in text
    assert "axe-core 4.14.1" in text and "Getoetste kleurenschema's: licht." in text
    assert "gemiddeld\n10 woorden per zin, 5 % lange woorden" in text and "Flesch-Douma-score van 70,1" in text


def test_client_statement_counts_problems_in_plain_words(catalog) -> None:
    results = copy.deepcopy(RESULTS)
    text = accessibility.statement(catalog, "clienten", results, "abc")
    assert "Pagina's die niet op een smal scherm passen: 1." in text
    assert "De test vond problemen. We werken eraan." in text
    assert "- Gemiddeld 10 woorden per zin. Onze grens is 12." in text
    results["versies"]["clienten"]["paginas"][0]["zoom_200"] = True
    results["versies"]["clienten"]["niet_getest"] = []
    text = accessibility.statement(catalog, "clienten", results, "abc")
    assert "De test vond op deze pagina's geen problemen." in text


def test_results_file_round_trip(tmp_path: Path) -> None:
    path = controles.write_results(RESULTS, tmp_path)
    assert path == tmp_path / "rapporten" / "toegankelijkheid.json"
    assert accessibility.read_results(tmp_path) == json.loads(path.read_text(encoding="utf-8")) == RESULTS
    path.write_text("{kapot", encoding="utf-8")
    assert accessibility.read_results(tmp_path) is None


def test_fingerprint_changes_with_any_source(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "a.md").write_text("een", encoding="utf-8")
    (project / "rapporten").mkdir()
    waaiers = tmp_path / "waaiers"
    waaiers.mkdir()
    (waaiers / "x.yml").write_text("slug: x\n", encoding="utf-8")
    first = accessibility.fingerprint(waaiers, project)
    (project / "rapporten" / "toegankelijkheid.json").write_text("{}", encoding="utf-8")
    assert accessibility.fingerprint(waaiers, project) == first  # the results do not change the sources
    (waaiers / "x.yml").write_text("slug: y\n", encoding="utf-8")
    second = accessibility.fingerprint(waaiers, project)
    (project / "docs" / "a.md").write_text("twee", encoding="utf-8")
    assert len({first, second, accessibility.fingerprint(waaiers, project)}) == 3
