"""The keuzehulp is data in waaier.yml: `controleer` checks it with exact Dutch messages; the site shows it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from conftest import BOUWSTEEN_FOLDERS, FIXTURE, TODAY, synthetic_entry
from kompaswaaier.render import finding
from kompaswaaier.render.pages import fill
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load

VALID = """\
keuzehulp:
  titel: Synthetische keuzehulp
  uitleg: Synthetische uitleg.
  vragen:
    - code: waar
      vraag: Waar is het gesprek?
      antwoorden:
        - code: thuis
          label: Thuis
          past_bij:
            setting: [thuis, wijk]
          reden: Te gebruiken thuis.
        - code: weet-niet
          label: Weet ik niet
"""


def _waaier(root: Path, extra: str) -> tuple[Path, int]:
    """Append a keuzehulp to the synthetic waaier.yml of bouwsteen 1; return the file and the line of 'keuzehulp:'."""
    path = root / BOUWSTEEN_FOLDERS[1] / "waaier.yml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + extra, encoding="utf-8")
    return path, len(before.splitlines()) + 1


def test_the_real_keuzehulp_is_valid(run_cli) -> None:
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(FIXTURE))
    assert (result.code, result.out) == (0, "")
    waaier = load(FIXTURE).catalog.waaiers[1]
    questions = [q["code"] for q in waaier.data["keuzehulp"]["vragen"]]
    assert questions == ["met-wie", "woont", "zelf", "doel"]


def test_a_valid_keuzehulp_passes(run_cli, catalog_root: Path) -> None:
    _waaier(catalog_root, VALID)
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(catalog_root))
    assert (result.code, result.out) == (0, "")


def test_unknown_codes_missing_reasons_and_duplicates(run_cli, catalog_root: Path) -> None:
    broken = (VALID.replace("setting: [thuis, wijk]", "setting: [thuis, maan]")
              .replace("          reden: Te gebruiken thuis.\n", "")
              .replace("        - code: weet-niet\n", "        - code: thuis\n")
              + "    - code: waar\n      vraag: Nog eens?\n      antwoorden:\n"
                "        - {code: a, label: A}\n        - {code: b, label: B}\n"
              + "    - code: q\n      vraag: Gereserveerd?\n      antwoorden:\n"
                "        - {code: a, label: A}\n        - {code: b, label: B}\n")
    path, start = _waaier(catalog_root, broken)
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(catalog_root))
    assert result.code == 1
    assert result.lines == [
        f"{path}:{start + 7}: keuzehulp.vragen[1].antwoorden[1].reden: verplicht bij 'past_bij': "
        "schrijf in een korte zin waarom een item bij dit antwoord past",
        f"{path}:{start + 10}: keuzehulp.vragen[1].antwoorden[1].past_bij.setting[2]: 'maan' staat niet in de lijst setting "
        "(vocabulaires/setting.yml); kies uit: thuis, wijk, verpleeghuis, kleinschalig-wonen, dagbesteding, organisatie",
        f"{path}:{start + 11}: keuzehulp.vragen[1].antwoorden[2].code: antwoord 'thuis' staat twee keer bij deze vraag",
        f"{path}:{start + 13}: keuzehulp.vragen[2].code: vraag 'waar' staat twee keer in de keuzehulp",
        f"{path}:{start + 18}: keuzehulp.vragen[3].code: 'q' is al in gebruik in het webadres; kies een andere code",
    ]


def test_schema_errors_name_the_field(run_cli, catalog_root: Path) -> None:
    path, start = _waaier(catalog_root, VALID.replace("setting: [thuis, wijk]", "plek: [thuis]"))
    result = run_cli("controleer", "--stil", "--vandaag", TODAY, str(catalog_root))
    assert result.code == 1
    assert result.lines == [
        f"{path}:{start + 10}: keuzehulp.vragen[1].antwoorden[1].past_bij.plek: onbekend veld; toegestaan zijn: "
        "met_wie, setting, soort, themas, voor_wie, vorm, zorgvragers",
    ]


def test_keuzehulp_page_lists_candidates_with_their_codes(catalog_root: Path) -> None:
    _waaier(catalog_root, VALID)
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "kaarten.yml").write_text(synthetic_entry("kaarten"), encoding="utf-8")
    (catalog_root / BOUWSTEEN_FOLDERS[2] / "ander.yml").write_text(
        synthetic_entry("ander", **{"bouwstenen: [1]": "bouwstenen: [2]"}), encoding="utf-8")
    catalog = load(catalog_root).catalog
    generated = finding.pages(view(catalog, "professionals"))["keuzehulp.md"]
    page = fill(generated, generated.chunks)  # the page as MkDocs ends up with it
    assert '<h2 id="kh1-titel">Synthetische keuzehulp</h2>' in page
    assert '<input type="radio" name="waar" value="thuis" id="kh1-waar-thuis"><label for="kh1-waar-thuis">Thuis</label>' in page
    assert 'data-slug="kaarten"' in page and 'data-slug="ander"' not in page  # only entries of bouwsteen 1
    codes = json.loads(html.unescape(re.search(r'data-codes="([^"]*)"', page).group(1)))
    assert codes == {"soort": ["instrument"], "voor_wie": ["mens-met-zorgvraag"], "met_wie": ["professional", "naasten"],
                     "setting": ["thuis", "wijk"], "zorgvragers": ["ouderen", "dementie"], "themas": ["open-gesprek"],
                     "vorm": ["gesprekskaarten"]}
    assert "alle 1 items van deze waaier" in page


def test_no_keuzehulp_gives_a_page_that_says_so(catalog_root: Path) -> None:
    page = finding.pages(view(load(catalog_root).catalog, "clienten"))["keuzehulp.md"]
    assert "Er is nog geen keuzehulp. Bekijk de [hele lijst](zoeken.md)." in page
