"""SYNTHETISCH: generate catalogues of N made-up entries for benchmarks. Never used for the real site.

Every entry is valid and accepted, so the whole catalogue is published in all three versions;
texts are Dutch-looking word salad from a fixed vocabulary, seeded so runs are comparable.
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FOLDERS = {
    1: "1-wensen-en-behoeften",
    2: "2-netwerken",
    3: "3-werk-organiseren",
    4: "4-leren-en-ontwikkelen",
    5: "5-inzicht-in-kwaliteit",
}

WORDS = (
    "gesprek wensen behoeften mantelzorger naasten dementie thuis wijk verpleeghuis zorgvrager "
    "professional netwerk samenwerking leren reflectie kwaliteit bestaan zeggenschap technologie "
    "levenseinde belasting ondersteuning vrijwilligers team organisatie cliëntenraad afspraken "
    "evaluatie vragenlijst gesprekskaarten boekje training ervaring welbevinden gezondheid familie "
    "huisarts verpleegkundige verzorgende sociaal werker casus beraad spiegel inzicht meting scholing"
).split()

SETTINGS = ["thuis", "wijk", "verpleeghuis", "kleinschalig-wonen", "dagbesteding"]
ZORGVRAGERS = ["ouderen", "dementie", "nah", "chronisch-ziek", "palliatief"]
THEMAS = ["open-gesprek", "mantelzorg", "belasting-mantelzorger", "sociaal-netwerk", "samenwerking",
          "levenseinde", "zeggenschap", "technologie", "reflectie", "ethiek"]
VORMEN = ["vragenlijst", "gesprekskaarten", "boekje", "document", "video", "training"]
SOORTEN = ["instrument", "methodiek", "werkwijze", "goed-voorbeeld", "handreiking"]
BRON = "{titel: Synthetische bron, url: \"https://synthetisch.example/bron\"}"
ROLLEN = ["mens-met-zorgvraag", "mantelzorger", "naasten", "professional", "wijkverpleegkundige", "team"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(6, 11)) for _ in range(sentences))


def entry_text(i: int, rng: random.Random) -> tuple[int, str, str]:
    bouwsteen = i % 5 + 1
    slug = f"synthetisch-{i:05d}"
    pick = lambda seq, k: "[" + ", ".join(sorted(rng.sample(seq, k))) + "]"  # noqa: E731
    text = f"""# SYNTHETISCH benchmarkitem; bestaat niet.
slug: {slug}
titel: "Synthetisch {i:05d} {rng.choice(WORDS)} {rng.choice(WORDS)}"
soort: {rng.choice(SOORTEN)}
bouwstenen: [{bouwsteen}]
samenvatting:
  clienten: "{_text(rng, 3)}"
  professionals: "{_text(rng, 4)}"
  organisaties: "{_text(rng, 4)}"
doel: "{_text(rng, 3)}"
aanpak:
  voor: "{_text(rng, 2)}"
  tijdens: "{_text(rng, 3)}"
  na: "{_text(rng, 2)}"
  clienten: "{_text(rng, 2)}"
voor_wie: {pick(ROLLEN, 2)}
met_wie: {pick(ROLLEN, 2)}
setting: {pick(SETTINGS, 2)}
zorgvragers: {pick(ZORGVRAGERS, 2)}
themas: {pick(THEMAS, 3)}
vorm: {pick(VORMEN, 1)}
tijdsduur: ongeveer {rng.randint(10, 90)} minuten
eigenaar: Synthetische organisatie {i % 37}
links:
  - titel: Synthetische pagina
    url: https://synthetisch.example/{slug}
licentie: Synthetisch.
kosten: Kosteloos (synthetisch).
bronnen:
  - titel: Synthetische bron
    url: https://synthetisch.example/bron
criteria:
  mens_centraal: {{oordeel: ja, toelichting: Synthetisch., bronnen: [{BRON}]}}
  bestaand_product: {{oordeel: ja, toelichting: Synthetisch., bronnen: [{BRON}]}}
  kosteloos: {{oordeel: ja, toelichting: Synthetisch., bronnen: [{BRON}]}}
  in_lijn_met_kompas: {{oordeel: ja, toelichting: Synthetisch., bronnen: [{BRON}]}}
toetsing: {{door: Synthetische redactie, datum: 2024-05-01}}
aangedragen:
  door: Synthetische aandrager
  perspectief: professionals
  datum: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
status: opgenomen
beoordeling:
  werkgroep: Synthetische werkgroep
  datum: 2025-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}
  toelichting: Synthetisch.
"""
    return bouwsteen, slug, text


def make_catalog(root: Path, n: int, seed: int = 20261122) -> Path:
    """Write a catalogue of ``n`` synthetic entries to ``root`` (real vocabularies and waaier.yml files)."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "waaiers" / "vocabulaires", root / "vocabulaires")
    for folder in FOLDERS.values():
        (root / folder).mkdir()
        shutil.copy(REPO / "waaiers" / folder / "waaier.yml", root / folder / "waaier.yml")
    rng = random.Random(seed)
    for i in range(n):
        bouwsteen, slug, text = entry_text(i, rng)
        (root / FOLDERS[bouwsteen] / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


def cpu_seconds(cmd: list[str]) -> float:
    """Run ``cmd`` and return its CPU time (user + system, children included).

    CPU time, not wall time: the benchmark machine is shared, and CPU time barely
    changes when another process runs on the other core.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"mislukt ({proc.returncode}): {' '.join(cmd[:4])} ...\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
