"""Parity: lunr.js (the real npm packages, run with node) on our prebuilt index ranks exactly like `kompaswaaier zoek`.

The site loads the index that Python builds; if the two sides processed words or scored differently,
the site and the command line would disagree. These tests run the same queries on both sides.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO
from kompaswaaier.publish.search import Searcher, search_data, stem
from kompaswaaier.select import view
from kompaswaaier.validate.catalog import load

NODE = shutil.which("node")
SCRIPT = Path(__file__).with_name("zoek_pariteit.js")

QUERIES = [
    "open gesprek dementie",
    "dementie mantelzorger thuis",
    "belasting mantelzorger",
    "Vragenlijst BELASTING mantelzorgers",
    "mantelz",
    "zorg",
    "ondersteuning kaarten",
    "planning",
    "ge",
    "caregiver strain",
    "levenseinde naasten",
    "mantelzorger xyzzy",
    "de het een",
    "",
    "cliënten ervaring",
    "clienten-ervaring",
    "kwaliteitsbeeld, clientervaring!",
    "3 goede vragen",
    "wensen en behoeften van ouderen in het verpleeghuis",
    "zeggenschap technologie",
    "netwerk",
    "(reflectie)",
    "moreel beraad",
]
FILTERS = [
    {},
    {"setting": ["thuis"]},
    {"setting": ["verpleeghuis", "wijk"], "thema": ["mantelzorg"]},
    {"bouwsteen": ["1"], "zorgvragers": ["dementie"]},
]


def _node(task: dict, tmp_path: Path) -> dict:
    assert NODE, "node ontbreekt; 'make test' installeert het"
    task_file = tmp_path / "opdracht.json"
    task_file.write_text(json.dumps(task), encoding="utf-8")
    proc = subprocess.run([NODE, str(SCRIPT), str(task_file)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _words() -> list[str]:
    """Every distinct word in the real catalogue and the knowledge-base pages, plus a few hard cases."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "waaiers").rglob("*.yml")))
    text += " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").rglob("*.md")))
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    words |= {"huizen", "geëvalueerd", "beëindigen", "ideeën", "zeeën", "knieën", "opgenomen", "gesprekken", "lijkt",
              "heden", "mogelijkheden", "baar", "bare", "kinderen", "vriendelijkheid", "vrijwilligers"}
    return sorted(words)


def test_stemming_is_identical_to_lunr_nl(tmp_path: Path) -> None:
    words = _words()
    assert len(words) > 2000
    theirs = _node({"woorden": words}, tmp_path)["stammen"]
    differences = {w: (stem(w), theirs[w]) for w in words if stem(w) != theirs[w]}
    assert differences == {}


def _compare(data: dict, tmp_path: Path, queries: list[tuple[str, dict]]) -> int:
    index_file = tmp_path / "zoekindex.json"
    index_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    node = _node({"index": str(index_file), "zoekvragen": [{"tekst": q, "filters": f} for q, f in queries]}, tmp_path)
    assert node["lunr"] == "2.3.9"
    searcher = Searcher(json.loads(index_file.read_text(encoding="utf-8")))
    compared = 0
    for (text, filters), theirs in zip(queries, node["resultaten"]):
        ours = searcher.search(text, filters)
        where = f"{text!r} {filters}"
        assert ours.terms == theirs["termen"], where
        assert ours.partial == theirs["gedeeltelijk"], where
        assert len(ours.hits) == theirs["aantal"], where
        assert [h.slug for h in ours.hits[:10]] == [slug for slug, _ in theirs["top"]], where
        for hit, (_slug, score) in zip(ours.hits, theirs["top"]):
            assert hit.score == pytest.approx(score, rel=1e-12, abs=1e-12), where
        assert ours.counts == theirs["tellingen"], where
        compared += 1
    return compared


def test_real_catalogue_same_results_in_node_and_python(tmp_path: Path) -> None:
    catalog = load(FIXTURE).catalog
    everything = sorted(catalog.entries, key=lambda e: e.title.lower())
    queries = [(q, f) for q in QUERIES for f in FILTERS]
    assert _compare(search_data(view(catalog, "professionals"), everything), tmp_path, queries) == len(queries)
    assert _compare(search_data(view(catalog, "clienten")), tmp_path, queries) == len(queries)


def test_synthetic_catalogue_of_500_entries(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from synthetic import make_catalog  # SYNTHETISCH
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    catalog = load(make_catalog(tmp_path / "waaiers", 500)).catalog
    queries = [(q, f) for q in QUERIES + ["gesprek", "familie verpleegkundige", "mantelzorger belasting ondersteuning",
                                          "t", "sp", "synthetisch 00042"] for f in FILTERS[:2]]
    assert _compare(search_data(view(catalog, "organisaties")), tmp_path, queries) == len(queries)


def test_cli_prints_what_the_site_ranks(run_cli, tmp_path: Path) -> None:
    """`kompaswaaier zoek --json` gives the top 10 that lunr.js gives on the same index."""
    catalog = load(FIXTURE).catalog
    everything = sorted(catalog.entries, key=lambda e: e.title.lower())
    index_file = tmp_path / "zoekindex.json"
    index_file.write_text(json.dumps(search_data(view(catalog, "professionals"), everything)), encoding="utf-8")
    queries = ["open gesprek dementie", "belasting mantelzorger", "mantelz", "levenseinde naasten"]
    node = _node({"index": str(index_file), "zoekvragen": [{"tekst": q} for q in queries]}, tmp_path)
    for text, theirs in zip(queries, node["resultaten"]):
        result = run_cli("zoek", "--waaiers", str(FIXTURE), "--alle", "--json", text)
        assert result.code == 0, result.err
        ours = json.loads(result.out)
        assert [i["slug"] for i in ours["items"]] == [slug for slug, _ in theirs["top"]], text
        assert ours["aantal"] == theirs["aantal"]
