"""Valid HTML: the Nu Html Checker finds no errors on the visited pages; the theme copies that fix
mkdocs-material's own errors stay identical to the installed theme apart from those fixes."""

from __future__ import annotations

import pytest

import controles

VERSIONS = ("start", "clienten", "professionals", "organisaties")


@pytest.mark.parametrize("version", VERSIONS)
def test_nu_html_checker_finds_no_errors(html_controle, te_bezoeken, site_dir, version: str) -> None:
    specs, _missing = te_bezoeken
    checked = [s for s in specs if s.version == version]
    assert checked
    problems = [controles.vnu_melding(str(s.html_file(site_dir).relative_to(site_dir)), controles.vnu_errors(html_controle[s.id]))
                for s in checked if controles.vnu_errors(html_controle[s.id])]
    assert not problems, "Nu Html Checker:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", sorted(controles.THEME_PATCHES))
def test_theme_copy_matches_installed_mkdocs_material(name: str) -> None:
    copy = (controles.REPO / "overrides" / name).read_text(encoding="utf-8")
    assert copy == controles.patched_theme_file(name), (
        f"overrides/{name} wijkt af van mkdocs-material met onze aanpassingen; "
        "maak de kopie opnieuw: python tests/browser/controles.py thema")
