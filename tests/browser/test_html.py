"""Valid HTML: the Nu Html Checker finds no errors on any built page (all of them in one JVM); the theme
copies that fix mkdocs-material's own errors stay identical to the installed theme apart from those fixes."""

from __future__ import annotations

import controles
import pytest

VERSIONS = ("start", "clienten", "professionals", "organisaties")


@pytest.mark.parametrize("version", VERSIONS)
def test_nu_html_checker_finds_no_errors(html_controle, te_bezoeken, site_dir, version: str) -> None:
    specs, _missing = te_bezoeken
    checked = [s for s in specs if s.version == version]
    assert checked
    problems = [controles.vnu_melding(str(s.html_file(site_dir).relative_to(site_dir)), controles.vnu_errors(html_controle[s.id]))
                for s in checked if controles.vnu_errors(html_controle[s.id])]
    assert not problems, "Nu Html Checker:\n" + "\n".join(problems)


@pytest.mark.parametrize("version", VERSIONS)
def test_nu_html_checker_finds_no_errors_on_any_built_page(html_overal, alle_paginas, site_dir, version: str) -> None:
    messages, _checked = html_overal
    pages = [p for p in alle_paginas if p.version == version]
    assert pages, f"geen pagina's gevonden in versie {version}"
    problems = [controles.vnu_melding(p.file.relative_to(site_dir).as_posix(), controles.vnu_errors(messages.get(p.file.resolve(), [])))
                for p in pages if controles.vnu_errors(messages.get(p.file.resolve(), []))]
    assert not problems, (f"Nu Html Checker: fouten op {len(problems)} van de {len(pages)} pagina's:\n"
                          + "\n".join(problems))


def test_the_checker_could_read_every_page(html_overal, alle_paginas) -> None:
    """A file the checker cannot read or parse gives a 'non-document-error', which is neither an error
    nor a warning of the page: it would go uncounted, so it fails here."""
    messages, _checked = html_overal
    unread = [f"{p.path}: {m.get('message')}" for p in alle_paginas for m in messages.get(p.file.resolve(), [])
              if m.get("type") == "non-document-error"]
    assert not unread, "de Nu Html Checker kon niet lezen:\n" + "\n".join(unread)


@pytest.mark.parametrize("name", sorted(controles.THEME_PATCHES))
def test_theme_copy_matches_installed_mkdocs_material(name: str) -> None:
    copy = (controles.REPO / "overrides" / name).read_text(encoding="utf-8")
    assert copy == controles.patched_theme_file(name), (
        f"overrides/{name} wijkt af van mkdocs-material met onze aanpassingen; "
        "maak de kopie opnieuw: python tests/browser/controles.py thema")
