"""Parity: lunr.js (the real npm packages, run with node) on the index as the site ships it ranks exactly like
`kompaswaaier zoek`.

The site loads the index that Python builds, in parts (``zoekindex/kern.js`` and the parts a query needs);
the search box in the header of every page and the catalogue page both run ``assets/zoeken/kern.js`` on it.
If the two sides processed words or scored differently, or a part were missing, the site and the command
line would disagree. These tests run the same queries on both sides; ``tests/browser/test_zoekvak.py``
checks the header box and the catalogue page in Chromium against the same Python ranking.
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
from kompaswaaier.publish.search import (
    KnowledgePage,
    Searcher,
    build_page_index,
    page_sections,
    search_data,
    serialize,
    stem,
)
from kompaswaaier.render.finding import read_kern, search_files
from kompaswaaier.select import View, view
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
    "zorg mantelzorg mantelzorger",  # one index term found by several query terms: weights add up
    "gesprek gesprekskaarten kaart",
    "ondersteun",  # no index term of its own, only longer ones
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


def _knowledge(version: str) -> list[KnowledgePage]:
    """The real hand-written pages of a version, converted with the Markdown extensions the site uses for headings."""
    import markdown

    pages = []
    for source in sorted((REPO / "docs" / version).glob("*.md")):
        converter = markdown.Markdown(extensions=["toc", "attr_list", "def_list", "admonition", "tables", "md_in_html"])
        html = converter.convert(source.read_text(encoding="utf-8"))
        url = "" if source.stem == "index" else f"{source.stem}/"
        pages.append(KnowledgePage(url, converter.toc_tokens[0]["name"], html))
    return pages


def _ship(selected: View, knowledge: list[KnowledgePage], folder: Path) -> Path:
    """Write the version's search index as the site ships it (``zoekindex/...``) into ``folder``."""
    files, _urls = search_files(selected, knowledge)
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _compare(selected: View, tmp_path: Path, queries: list[tuple[str, dict]]) -> int:
    """Node on the shipped parts against `Searcher` on the whole index: terms, partial, count, top 10, scores, counts."""
    folder = _ship(selected, [], tmp_path / f"site-{selected.version}")
    node = _node({"map": str(folder), "sectie": "items", "facetten": True,
                  "zoekvragen": [{"tekst": q, "filters": f} for q, f in queries]}, tmp_path)
    assert node["lunr"] == "2.3.9"
    searcher = Searcher(json.loads(json.dumps(search_data(selected))))
    slugs = [e.slug for e in selected.ranked]
    compared = 0
    for (text, filters), theirs in zip(queries, node["resultaten"]):
        ours = searcher.search(text, filters)
        where = f"{text!r} {filters}"
        assert ours.terms == theirs["termen"], where
        assert ours.partial == theirs["gedeeltelijk"], where
        assert len(ours.hits) == theirs["aantal"], where
        assert [h.slug for h in ours.hits[:10]] == [slugs[position] for position, _ in theirs["top"]], where
        for hit, (_position, score) in zip(ours.hits, theirs["top"]):
            assert hit.score == pytest.approx(score, rel=1e-12, abs=1e-12), where
        assert ours.counts == theirs["tellingen"], where
        compared += 1
    return compared


def test_fixture_catalogue_same_results_in_node_and_python(tmp_path: Path) -> None:
    catalog = load(FIXTURE).catalog
    queries = [(q, f) for q in QUERIES for f in FILTERS]
    for version in ("professionals", "clienten"):
        selected = view(catalog, version)
        assert len(selected.ranked) >= 5
        assert _compare(selected, tmp_path, queries) == len(queries)


@pytest.fixture(scope="module")
def synthetic_500(tmp_path_factory: pytest.TempPathFactory):
    """SYNTHETISCH: 500 generated entries (benchmarks/synthetic.py), all valid and published."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from synthetic import make_catalog
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return load(make_catalog(tmp_path_factory.mktemp("synthetisch") / "waaiers", 500)).catalog


def test_synthetic_catalogue_of_500_entries(tmp_path: Path, synthetic_500) -> None:
    selected = view(synthetic_500, "organisaties")
    assert len(selected.ranked) == 500  # every synthetic entry is valid and published
    queries = [(q, f) for q in QUERIES + ["gesprek", "familie verpleegkundige", "mantelzorger belasting ondersteuning",
                                          "t", "sp", "synthetisch 00042"] for f in FILTERS[:2]]
    assert _compare(selected, tmp_path, queries) == len(queries)


def test_a_query_loads_only_the_parts_it_needs(tmp_path: Path, synthetic_500) -> None:
    """The index comes in parts; one word loads the few parts with its terms, not the whole index."""
    selected = view(synthetic_500, "professionals")
    folder = _ship(selected, [], tmp_path / "site")
    parts = len(read_kern((folder / "zoekindex" / "kern.js").read_text(encoding="utf-8"))["items"]["delen"])
    node = _node({"map": str(folder), "sectie": "items", "zoekvragen": [{"tekst": "levenseinde"}, {"tekst": "levenseinde"},
                                                                       {"tekst": ""}]}, tmp_path)
    first, again, everything = (r["delen"] for r in node["resultaten"])
    assert parts > 10 and first == 1 and again == 0 and everything == 0
    assert node["resultaten"][2]["aantal"] == 500


PAGE_QUERIES = ["mantelzorger", "open gesprek", "deskundigheidsmix", "zeggenschap technologie", "kwaliteitsbeeld",
                "leren", "reflectie", "netwerk", "begrippen", "bouwsteen 3", "xyzzy", "de het"]


def test_knowledge_base_pages_same_results_in_node_and_python(tmp_path: Path) -> None:
    """The second section of the index: the hand-written pages, per heading, ranked the same on both sides."""
    catalog = load(FIXTURE).catalog
    for version in ("professionals", "organisaties"):
        knowledge = _knowledge(version)
        sections = [s for page in knowledge for s in page_sections(page)]
        assert len(sections) > len(knowledge)  # pages are split at their headings
        folder = _ship(view(catalog, version), knowledge, tmp_path / f"paginas-{version}")
        node = _node({"map": str(folder), "sectie": "paginas", "zoekvragen": [{"tekst": q} for q in PAGE_QUERIES]},
                     tmp_path)
        data = {"zoekpijplijn": ["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"],
                "index": json.loads(json.dumps(serialize(build_page_index(sections)))),
                "facetten": [], "items": [[s.url, []] for s in sections]}
        searcher = Searcher(data, partial=False)
        found = 0
        for text, theirs in zip(PAGE_QUERIES, node["resultaten"]):
            ours = searcher.search(text)
            assert (ours.terms, ours.partial, len(ours.hits)) == (theirs["termen"], False, theirs["aantal"]), text
            assert [h.position for h in ours.hits[:10]] == [p for p, _ in theirs["top"]], text
            found += bool(ours.hits)
        assert found >= len(PAGE_QUERIES) - 3, version


def test_cli_prints_what_the_site_ranks(run_cli, tmp_path: Path) -> None:
    """`kompaswaaier zoek --json` gives the top 10 that lunr.js gives on the shipped index of the same catalogue."""
    catalog = load(FIXTURE).catalog
    selected = view(catalog, "professionals")
    folder = _ship(selected, [], tmp_path / "site")
    slugs = [e.slug for e in selected.ranked]
    queries = ["open gesprek dementie", "belasting mantelzorger", "mantelz", "levenseinde naasten", "zorg"]
    node = _node({"map": str(folder), "sectie": "items", "zoekvragen": [{"tekst": q} for q in queries]}, tmp_path)
    for text, theirs in zip(queries, node["resultaten"]):
        result = run_cli("zoek", "--waaiers", str(FIXTURE), "--json", text)
        assert result.code == 0, result.err
        ours = json.loads(result.out)
        assert ours["items"], text
        assert [i["slug"] for i in ours["items"]] == [slugs[position] for position, _ in theirs["top"]], text
        assert ours["aantal"] == theirs["aantal"]
