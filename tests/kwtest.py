"""Plain helpers shared by the tests (no fixtures): paths, the synthetic entry and waaier texts.

Import them with ``from kwtest import ...`` (``tests/`` is on the path via pytest's ``pythonpath``).
Both conftest files re-export them, so ``from conftest import ...`` keeps working whichever conftest
pytest loaded last.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).resolve().parent / "voorbeelden"
#: A frozen catalogue (SYNTHETISCH copy of 22 November 2026) for tests of ranking, keuzehulp and feed,
#: so that improving the real entries in waaiers/ never turns a test red.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "waaiers"
TODAY = "2026-11-22"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


BOUWSTEEN_FOLDERS = {
    1: "1-wensen-en-behoeften",
    2: "2-netwerken",
    3: "3-werk-organiseren",
    4: "4-leren-en-ontwikkelen",
    5: "5-inzicht-in-kwaliteit",
}


def synthetic_waaier(number: int) -> str:
    """A minimal valid waaier.yml (SYNTHETISCH: test data only)."""
    fields = "\n".join(f"{k}: Synthetische tekst {k}." for k in (
        "titel", "ondertitel", "opdracht", "uitleg", "voor_wie", "totstandkoming", "werkgroep", "leidraad", "doorontwikkeling"))
    return (f"# SYNTHETISCH testbestand\nbouwsteen: {number}\nsoort: waaier\n{fields}\n"
            "trekkers: [Synthetische trekker]\nevaluatie: {cyclus_jaren: 2, volgende: najaar 2026}\n"
            "bronnen:\n  - publicatie: implementatieplan\n    vindplaats: opdracht 3\n")


def synthetic_entry(slug: str, **changes: str) -> str:
    """The valid synthetic example, with a new slug and title and simple text replacements."""
    text = (EXAMPLES / "positief" / "synthetisch-opgenomen.yml").read_text(encoding="utf-8")
    text = text.replace("synthetisch-opgenomen", slug).replace("Synthetisch voorbeeld (opgenomen)", f"Synthetisch {slug}")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text
