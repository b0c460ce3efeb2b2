"""Finding entries: the Dutch pipeline, ranking on the real entries, facets, and `kompaswaaier zoek`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BOUWSTEEN_FOLDERS, FIXTURE, REPO, synthetic_entry
from kompaswaaier.model import level_label
from kompaswaaier.publish import search
from kompaswaaier.publish.search import Searcher, search_data, stem
from kompaswaaier.render.pages import fill
from kompaswaaier.select import level, view
from kompaswaaier.validate.catalog import load

VENDORED = REPO / "src" / "kompaswaaier" / "assets" / "zoeken"
NPM = REPO / "node_modules"


# --- The Dutch pipeline is lunr-languages' one -------------------------------------------------

def test_stop_words_are_those_of_the_vendored_lunr_nl() -> None:
    source = (VENDORED / "lunr.nl.min.js").read_text(encoding="utf-8")
    listed = re.search(r"generateStopWordFilter\(\"([^\"]*)\"\.split", source) or re.search(
        r"generateStopWordFilter\('([^']*)'\.split", source)
    assert listed, "stopwoordenlijst niet gevonden in lunr.nl.min.js"
    assert set(listed.group(1).split()) == search.STOP_WORDS
    assert len(search.STOP_WORDS) == 101


def test_word_characters_are_those_of_the_vendored_lunr_nl() -> None:
    source = (VENDORED / "lunr.nl.min.js").read_text(encoding="utf-8")
    listed = re.search(r'wordCharacters="([^"]*)"', source)
    assert listed
    assert listed.group(1) == search.WORD_CHARACTERS


#: The files of lunr 2.3.9 the site ships (lunr.woorden.js), in the order of lunr's own Makefile: what words need.
LUNR_FILES = ("lunr", "utils", "token", "tokenizer", "pipeline", "stop_word_filter")


def test_vendored_lunr_is_its_word_files_joined_as_lunr_builds_itself() -> None:
    """lunr.woorden.js is lunr's build (wrapper, files, @YEAR and @VERSION filled in) with only the files for words."""
    lunr = NPM / "lunr"
    joined = "".join((lunr / part).read_text(encoding="utf-8") for part in
                     ("build/wrapper_start", *(f"lib/{name}.js" for name in LUNR_FILES), "build/wrapper_end"))
    joined = "\n".join(line.replace("@YEAR", "2020", 1).replace("@VERSION", "2.3.9", 1) for line in joined.split("\n"))
    assert (VENDORED / "lunr.woorden.js").read_text(encoding="utf-8") == joined
    makefile = (lunr / "Makefile").read_text(encoding="utf-8")
    order = [makefile.index(f"lib/{name}.js") for name in LUNR_FILES]
    assert order == sorted(order)


def test_vendored_lunr_does_all_the_browser_asks_of_lunr() -> None:
    """The search bundle (lunr.woorden.js, lunr-languages, kern.js) in node: the Dutch pipeline by name, the
    tokenizer, and no part of lunr that the subset left out."""
    from kompaswaaier.render.finding import scripts

    program = "\n;\n".join(scripts()["zoeken.js"].split("\n;\n")[:3])  # lunr, then lunr-languages
    probe = """
      const vm = require("vm");
      const page = {};
      vm.runInNewContext(require("fs").readFileSync(0, "utf8"), page);  // as a browser runs it: no module, no exports
      const lunr = page.lunr;
      const pipeline = lunr.Pipeline.load(["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"]);
      const words = pipeline.run(lunr.tokenizer("De mantelzorgers en hun huizen")).map(String);
      process.stdout.write(JSON.stringify({words, version: lunr.version, index: typeof lunr.Index}));
    """
    result = subprocess.run(["node", "-e", probe], input=program, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {"words": ["mantelzorger", "huiz"], "version": "2.3.9", "index": "undefined"}


def test_vendored_scripts_are_the_npm_packages_byte_for_byte() -> None:
    pairs = {
        "lunr.stemmer.support.min.js": NPM / "lunr-languages" / "min" / "lunr.stemmer.support.min.js",
        "lunr.nl.min.js": NPM / "lunr-languages" / "min" / "lunr.nl.min.js",
        "LICENSE-lunr.txt": NPM / "lunr" / "LICENSE",
        "LICENSE-lunr-languages.txt": NPM / "lunr-languages" / "LICENSE",
    }
    for ours, theirs in pairs.items():
        assert (VENDORED / ours).read_bytes() == theirs.read_bytes(), ours
    assert json.loads((NPM / "lunr" / "package.json").read_text())["version"] == "2.3.9"
    assert json.loads((NPM / "lunr-languages" / "package.json").read_text())["version"] == "1.22.0"


@pytest.mark.parametrize(("word", "expected"), [
    ("huizen", "huiz"),  # dutch_porter, as lunr.nl; snowball's newer 'dutch' gives 'huis'
    ("mantelzorgers", "mantelzorger"),
    ("gesprekken", "gesprek"),
    ("cliënten", "client"),
    ("belasting", "belast"),
])
def test_stemmer_is_dutch_porter(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_trimmer_keeps_dutch_letters_and_digits() -> None:
    assert search.trim("«cliënt»,") == "cliënt"
    assert search.trim("(2026)") == "2026"
    assert search.trim("—") == ""


# --- Ranking on the real, shipped entries ---------------------------------------------------

@pytest.fixture(scope="module")
def real() -> Searcher:
    """Every valid real entry (also those not yet published), as `kompaswaaier zoek --alle` sees them."""
    catalog = load(FIXTURE).catalog
    entries = sorted(catalog.entries, key=lambda e: e.title.lower())
    return Searcher(json.loads(json.dumps(search_data(view(catalog, "professionals"), entries))))


@pytest.fixture(scope="module")
def published_real() -> Searcher:
    catalog = load(FIXTURE).catalog
    return Searcher(json.loads(json.dumps(search_data(view(catalog, "professionals")))))


def _top(searcher: Searcher, text: str, n: int) -> list[str]:
    return [h.slug for h in searcher.search(text).hits[:n]]


def test_caregiver_burden_questionnaires_come_first(real: Searcher) -> None:
    assert set(_top(real, "vragenlijst belasting mantelzorger", 2)) == {"ediz", "csi-caregiver-strain-index"}
    # Without 'vragenlijst' the action plan against overload (title match) and the MantelScan (which contains
    # the EDIZ) join them: the four items about caregiver burden come first.
    assert set(_top(real, "belasting mantelzorger", 4)) == {
        "ediz", "csi-caregiver-strain-index", "mantelscan", "actieplan-overbelasting-mantelzorgers"}
    assert _top(real, "ervaren druk mantelzorger", 1) == ["ediz"]
    assert _top(real, "caregiver", 1) == ["csi-caregiver-strain-index"]


def test_end_of_life_and_open_conversation(real: Searcher, published_real: Searcher) -> None:
    assert _top(real, "levenseinde", 2) == ["praten-over-het-levenseinde", "proactieve-zorgplanning-palliaweb"]
    assert _top(real, "proactieve zorgplanning", 1) == ["proactieve-zorgplanning-palliaweb"]
    assert _top(published_real, "open gesprek voorbereiden", 1) == ["doe-boekje-gesprek-over-goede-zorg"]


def test_word_forms_and_prefixes_find_the_same_entries(real: Searcher) -> None:
    assert _top(real, "mantelzorgers", 5) == _top(real, "mantelzorger", 5)
    assert _top(real, "gesprekken", 5) == _top(real, "gesprek", 5)
    assert _top(real, "mantelz", 1) == ["mantelzorgondersteuning-in-de-buurt"]  # typing: a prefix is enough
    assert "ediz" in _top(real, "ED", 3)


def test_every_word_must_match_unless_none_do(real: Searcher) -> None:
    both = real.search("naasten levenseinde")
    assert not both.partial
    assert [h.slug for h in both.hits] == ["praten-over-het-levenseinde", "proactieve-zorgplanning-palliaweb"]
    # No entry names both mantelzorgers and the end of life: entries with either word follow, marked partial.
    some = real.search("mantelzorger levenseinde")
    assert some.partial and some.terms == ["mantelzorger", "levenseind"]
    assert {"praten-over-het-levenseinde", "ediz", "mantelzorgondersteuning-in-de-buurt"} <= {h.slug for h in some.hits}
    assert real.search("xyzzy").hits == [] and not real.search("xyzzy").partial


def test_stop_words_alone_list_everything_in_title_order(real: Searcher) -> None:
    result = real.search("de het een van")
    assert result.terms == [] and not result.partial
    assert [h.position for h in result.hits] == list(range(len(real.items)))


def test_items_for_all_care_seekers_count_for_each_group(real: Searcher) -> None:
    # EDIZ is for 'alle' zorgvragers: it is found by 'dementie' and counts under that facet value.
    assert "ediz" in [h.slug for h in real.search("dementie").hits]
    hits = [h.slug for h in real.search("", {"zorgvragers": ["dementie"]}).hits]
    assert "ediz" in hits and "leefplezierplan" not in hits  # leefplezierplan names no zorgvragers


# --- Facets on a small synthetic catalogue --------------------------------------------------

def _write(root: Path, folder: int, slug: str, text: str) -> None:
    (root / BOUWSTEEN_FOLDERS[folder] / f"{slug}.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def small(catalog_root: Path) -> Path:
    """SYNTHETISCH: four entries with known facets; one not published."""
    _write(catalog_root, 1, "kaarten-dementie", synthetic_entry("kaarten-dementie"))
    _write(catalog_root, 2, "vragenlijst-mantelzorg", synthetic_entry("vragenlijst-mantelzorg", **{
        "bouwstenen: [1]": "bouwstenen: [2, 1]", "soort: instrument": "soort: meetinstrument",
        "setting: [thuis, wijk]": "setting: [verpleeghuis]", "zorgvragers: [ouderen, dementie]": "zorgvragers: [alle]",
        "themas: [open-gesprek]": "themas: [mantelzorg, belasting-mantelzorger]", "vorm: [gesprekskaarten]": "vorm: [vragenlijst]",
        "met_wie: [professional, naasten]": "met_wie: [mantelzorger]",
    }))
    _write(catalog_root, 1, "boekje-levenseinde", synthetic_entry("boekje-levenseinde", **{
        "setting: [thuis, wijk]": "setting: [thuis]", "zorgvragers: [ouderen, dementie]": "zorgvragers: [palliatief]",
        "themas: [open-gesprek]": "themas: [levenseinde]", "vorm: [gesprekskaarten]": "vorm: [boekje]",
    }))
    _write(catalog_root, 1, "in-beoordeling-mantelzorg", synthetic_entry("in-beoordeling-mantelzorg", **{
        "status: opgenomen": "status: in-beoordeling", "themas: [open-gesprek]": "themas: [mantelzorg]",
        "kosteloos: {oordeel: ja, toelichting: Test.": "kosteloos: {oordeel: onbekend, toelichting: Test.",
        "beoordeling:\n  werkgroep: Synthetische werkgroep\n  datum: 2024-09-15\n  toelichting: Voldoet aan alle criteria.\n": "",
    }))
    return catalog_root


def test_facets_narrow_within_or_across_and(small: Path) -> None:
    catalog = load(small).catalog
    searcher = Searcher(search_data(view(catalog, "professionals")))
    slugs = lambda r: [h.slug for h in r.hits]  # noqa: E731
    everything = searcher.search("")
    assert [h.slug for h in everything.hits] == ["boekje-levenseinde", "kaarten-dementie", "vragenlijst-mantelzorg"]
    one = searcher.search("", {"setting": ["verpleeghuis"]})
    assert slugs(one) == ["vragenlijst-mantelzorg"]
    either = searcher.search("", {"setting": ["verpleeghuis", "wijk"]})
    assert slugs(either) == ["kaarten-dementie", "vragenlijst-mantelzorg"]
    both = searcher.search("", {"setting": ["verpleeghuis", "wijk"], "vorm": ["gesprekskaarten"]})
    assert slugs(both) == ["kaarten-dementie"]


def test_facet_counts_leave_out_their_own_choice(small: Path) -> None:
    catalog = load(small).catalog
    data = search_data(view(catalog, "professionals"))
    searcher = Searcher(data)
    values = {f["code"]: [v["code"] for v in f["waarden"]] for f in data["facetten"]}
    assert values["setting"] == ["thuis", "wijk", "verpleeghuis"]
    assert values["bouwsteen"] == ["1", "2"]
    result = searcher.search("", {"setting": ["verpleeghuis"]})
    counts = {code: dict(zip(values[code], result.counts[code])) for code in values}
    # Setting counts ignore the setting choice (so other settings can be added) ...
    assert counts["setting"] == {"thuis": 2, "wijk": 1, "verpleeghuis": 1}
    # ... other facets count only what the setting choice leaves: the vragenlijst, for all zorgvragers.
    assert counts["vorm"] == {"gesprekskaarten": 0, "vragenlijst": 1, "boekje": 0}
    assert counts["zorgvragers"] == {code: 1 for code in values["zorgvragers"]}


# --- `kompaswaaier zoek` ----------------------------------------------------------------------

def test_zoek_prints_the_ranked_list_in_dutch(run_cli, small: Path) -> None:
    result = run_cli("zoek", "--waaiers", str(small), "dementie", "kaarten")
    assert result.code == 0, result.err
    assert result.lines == [
        "1 item gevonden voor 'dementie kaarten' (versie professionals):",
        " 1. Synthetisch kaarten-dementie (instrument, bouwsteen 1, opgenomen door de werkgroep)",
        "    Testvoorbeeld voor professionals.",
        "    waaier/kaarten-dementie/",
    ]


def test_zoek_filters_and_partial_matches(run_cli, small: Path) -> None:
    result = run_cli("zoek", "--waaiers", str(small), "--setting", "thuis", "--vorm", "boekje")
    assert result.lines[0] == "1 item, op niveau en titel (versie professionals, met filters):"
    assert result.lines[1] == " 1. Synthetisch boekje-levenseinde (instrument, bouwsteen 1, opgenomen door de werkgroep)"
    partial = run_cli("zoek", "--waaiers", str(small), "levenseinde", "onbestaandwoord")
    assert partial.lines[0] == ("Geen items met al deze woorden; 1 item met een deel van 'levenseinde onbestaandwoord' "
                                "(versie professionals):")
    nothing = run_cli("zoek", "--waaiers", str(small), "onbestaandwoord")
    assert (nothing.code, nothing.lines) == (0, ["Niets gevonden voor 'onbestaandwoord' (versie professionals)."])


def test_zoek_alle_shows_unpublished_entries_with_their_status(run_cli, small: Path) -> None:
    published_only = run_cli("zoek", "--waaiers", str(small), "mantelzorg")
    assert "in-beoordeling-mantelzorg" not in published_only.out
    everything = run_cli("zoek", "--waaiers", str(small), "--alle", "mantelzorg")
    assert (" 2. Synthetisch in-beoordeling-mantelzorg (instrument, bouwsteen 1) "
            "[niet gepubliceerd: in beoordeling]") in everything.lines
    assert everything.lines[0] == "2 items gevonden voor 'mantelzorg' (versie professionals, ook niet-gepubliceerde items):"


def test_zoek_json_and_limits(run_cli, small: Path) -> None:
    result = run_cli("zoek", "--waaiers", str(small), "--json", "--aantal", "1")
    data = json.loads(result.out)
    assert data["aantal"] == 3 and len(data["items"]) == 1
    assert data["items"][0] == {"positie": 1, "slug": "boekje-levenseinde", "titel": "Synthetisch boekje-levenseinde",
                                "score": 0.0, "pagina": "waaier/boekje-levenseinde/", "status": "opgenomen",
                                "niveau": "opgenomen", "gepubliceerd": True}
    more = run_cli("zoek", "--waaiers", str(small), "--aantal", "2")
    assert more.lines[-1] == "... en nog 1; toon meer met --aantal 3"


@pytest.mark.parametrize(("args", "message"), [
    (["--setting", "maan"], "kompaswaaier: fout: --setting: 'maan' komt niet voor in deze items; "
                            "kies uit: thuis, wijk, verpleeghuis"),
    (["--aantal", "-1"], "kompaswaaier: fout: --aantal moet 0 of groter zijn"),
])
def test_zoek_wrong_use_exits_2(run_cli, small: Path, args: list[str], message: str) -> None:
    result = run_cli("zoek", "--waaiers", str(small), *args)
    assert (result.code, result.err.strip()) == (2, message)


def test_words_inside_dutch_compounds_are_found(catalog_root: Path) -> None:
    """'kaarten' finds 'praatkaarten' (and the vorm 'Gesprekskaarten' of both); an exact word ranks first."""
    _write(catalog_root, 1, "spel", synthetic_entry("spel", **{
        "doel: Testen of een volledig item geldig is.": "doel: Een set praatkaarten voor aan tafel."}))
    _write(catalog_root, 1, "los", synthetic_entry("los", **{
        "doel: Testen of een volledig item geldig is.": "doel: Losse vragen over wonen."}))
    searcher = Searcher(json.loads(json.dumps(search_data(view(load(catalog_root).catalog, "professionals")))))
    assert [h.slug for h in searcher.search("praatkaarten").hits] == ["spel"]
    assert [h.slug for h in searcher.search("kaarten").hits] == ["spel", "los"]
    assert [h.slug for h in searcher.search("gesprekskaarten").hits] == ["los", "spel"]  # exact in both; 'los' is shorter
    # shorter terms match only at the start of a word: 'art' is in 'kaarten', yet finds nothing
    assert searcher.search("art").hits == []


def test_zoek_on_invalid_data_exits_1(run_cli, catalog_root: Path) -> None:
    _write(catalog_root, 1, "kapot", synthetic_entry("kapot", **{"status: opgenomen": "status: misschien"}))
    result = run_cli("zoek", "--waaiers", str(catalog_root), "iets")
    assert result.code == 1
    assert result.err.startswith(f"{catalog_root}/1-wensen-en-behoeften/kapot.yml:41: status: ")


def test_every_verb_has_help(run_cli) -> None:
    for verb in ("zoek", "exporteer"):
        result = run_cli(verb, "--help")
        assert result.code == 0 and result.out.startswith("gebruik: kompaswaaier " + verb)


# --- The index is lunr's ------------------------------------------------------------------------

def test_index_equals_what_lunrs_own_builder_and_pipeline_make(small: Path) -> None:
    """Our builder skips lunr's tokenizer objects for speed and numbers terms alphabetically; the serialised
    index is, byte for byte, what lunr's own builder makes once it numbers the terms that way too."""
    from lunr.builder import Builder
    from lunr.pipeline import Pipeline

    functions = Pipeline.registered_functions
    for root in (REPO / "waaiers", small):
        catalog = load(root).catalog
        entries = sorted(catalog.entries, key=lambda e: e.title.lower())
        stock = Builder()
        stock.pipeline.add(functions["trimmer-nl"], functions["stopWordFilter-nl"], functions["stemmer-nl"])
        stock.search_pipeline.add(functions["trimmer-nl"], functions["stemmer-nl"])
        stock.ref("ref")
        for name, boost in search.FIELDS.items():
            stock.field(name, boost=boost)
        for i, entry in enumerate(entries):
            stock.add(search._document(catalog, entry, i, "professionals"))
        assert [p["_index"] for p in stock.inverted_index.values()] == list(range(len(stock.inverted_index)))
        for number, word in enumerate(sorted(stock.inverted_index)):  # lunr numbers by first use
            stock.inverted_index[word]["_index"] = number
        ours = search.build_index(catalog, entries, "professionals")
        assert json.dumps(search.serialize(ours)) == json.dumps(stock.build().serialize())
        assert json.dumps(search.serialize(ours)) == json.dumps(ours.serialize())


def test_an_empty_catalogue_has_an_empty_index(catalog_root: Path) -> None:
    searcher = Searcher(json.loads(json.dumps(search_data(view(load(catalog_root).catalog, "clienten")))))
    assert searcher.search("gesprek").hits == [] and searcher.search("").hits == []


# --- Contributor text stays text on the generated pages ------------------------------------------

def test_contributor_text_is_inert_on_the_list_and_keuzehulp(catalog_root: Path) -> None:
    from kompaswaaier.render import finding

    real_waaier = REPO / "waaiers" / BOUWSTEEN_FOLDERS[1] / "waaier.yml"  # with the keuzehulp
    (catalog_root / BOUWSTEEN_FOLDERS[1] / "waaier.yml").write_bytes(real_waaier.read_bytes())
    title = "<script>alert(1)</script> Synthetisch \\\"&"
    _write(catalog_root, 1, "xss", synthetic_entry("xss", **{
        "titel: Synthetisch xss": f'titel: "{title}"',
        "  professionals: Testvoorbeeld voor professionals.": "  professionals: \"<img src=x onerror=alert(2)>\"",
    }))
    pages = finding.pages(view(load(catalog_root).catalog, "professionals"))
    for name in ("zoeken.md", "keuzehulp.md"):
        page = fill(pages[name], pages[name].chunks)
        assert "<script>alert" not in page and "<img" not in page, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Synthetisch &#34;&amp;" in page, name
    assert "&lt;img src=x onerror=alert(2)&gt;" in fill(pages["zoeken.md"], pages["zoeken.md"].chunks)


def test_json_in_a_script_element_cannot_close_it() -> None:
    from kompaswaaier.render.pages import environment

    text = environment().from_string("{{ v|tojson }}").render(v={"reden": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"reden": "</script><script>alert(1)</script> & <!--"}


# --- The index in parts, as the site ships it -------------------------------------------------------

def _join(parts: search.IndexParts) -> dict:
    """Put the parts together again as a serialised lunr index (the inverse of split_index, for this test)."""
    inverted = {word: {**{name: {} for name in parts.fields}, "_index": number} for number, word in enumerate(parts.terms)}
    vectors: dict[str, list] = {f"{name}/{doc}": [] for doc in range(parts.count) for name in parts.fields}
    for first, postings in parts.parts:
        for j, per_field in enumerate(postings):
            number = first + j
            for name, flat in zip(parts.fields, per_field):
                doc = 0
                for delta, thousandths in zip(flat[0::2], flat[1::2]):
                    doc += delta
                    inverted[parts.terms[number]][name][str(doc)] = {}
                    vectors[f"{name}/{doc}"] += [number, thousandths / 1000]
    return {"version": "2.3.9", "fields": parts.fields,
            "fieldVectors": [[ref, _sorted_pairs(elements)] for ref, elements in vectors.items()],
            "invertedIndex": [[word, inverted[word]] for word in parts.terms], "pipeline": ["trimmer-nl", "stemmer-nl"]}


def _sorted_pairs(elements: list) -> list:
    pairs = sorted(zip(elements[0::2], elements[1::2]))
    return [x for pair in pairs for x in pair]


def test_the_parts_put_together_are_the_index(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """split_index loses nothing: terms, postings and every field score (to the last bit) come back."""
    for root, limit in ((small, search.PART_CHARS), (FIXTURE, 200)):
        monkeypatch.setattr(search, "PART_CHARS", limit)
        data = search_data(view(load(root).catalog, "professionals"))
        parts = search.split_index(data["index"], len(data["items"]))
        assert parts.parts[0][0] == 0
        assert sum(len(postings) for _, postings in parts.parts) == len(parts.terms)
        if root == FIXTURE:
            assert len(parts.parts) > 5  # a small limit cuts the fixture into many parts
        assert json.dumps(_join(parts)) == json.dumps(data["index"])


def test_split_refuses_an_index_it_would_change() -> None:
    index = {"fields": ["titel"], "invertedIndex": [["a", {"_index": 1, "titel": {"0": {}}}]], "fieldVectors": []}
    with pytest.raises(ValueError, match="alfabetisch"):
        search.split_index(index, 1)
    index = {"fields": ["titel"], "invertedIndex": [["a", {"_index": 0, "titel": {"0": {}}}]],
             "fieldVectors": [["titel/0", [0, 0.12345]]]}
    with pytest.raises(ValueError, match="duizendsten"):
        search.split_index(index, 1)


def test_a_page_is_split_at_its_headings() -> None:
    html = ('<h1 id="kompas">Het Kompas<a class="headerlink" href="#kompas" title="Link">&para;</a></h1>'
            '<p>Een <strong>kompas</strong>, geen kader.</p>'
            '<h2 id="wat-is-het">Wat is het?<a class="headerlink" href="#wat-is-het">¶</a></h2>'
            '<p>Een kader&nbsp;voor <em>mantel</em>zorg.</p>'
            '<h4 id="diep">Diep</h4><ul><li>een</li><li>twee</li></ul><h3 id="wie">Wie &amp; wat</h3>')
    sections = search.page_sections(search.KnowledgePage("kompas/", "Het Kompas", html))
    assert sections == [
        search.Section("kompas/", "Het Kompas", "", "Een kompas, geen kader."),
        search.Section("kompas/#wat-is-het", "Het Kompas", "Wat is het?", "Een kader voor mantelzorg. Diep een twee"),
        search.Section("kompas/#wie", "Het Kompas", "Wie & wat", ""),
    ]


def test_search_files_are_one_index_with_hashed_addresses() -> None:
    from kompaswaaier.render import finding

    selected = view(load(FIXTURE).catalog, "clienten")
    page = search.KnowledgePage("open-gesprek/", "Het open gesprek",
                                '<h1 id="g">Het open gesprek</h1><p>Zo bereidt u het gesprek voor.</p>')
    files, urls = finding.search_files(selected, [page])
    kern = finding.read_kern(files["zoekindex/kern.js"])
    assert urls["kern"].startswith("zoekindex/kern.js?v=") and urls["script"].startswith("assets/zoeken/zoeken.js?v=")
    assert set(kern) == {"versie", "zoekpijplijn", "items", "paginas"} and kern["versie"] == "clienten"
    pages = json.loads(files["zoekindex/paginas.json"])
    listed = [address for _, address in kern["items"]["delen"] + pages["delen"]]
    listed += [kern["items"]["facetten"], kern["paginas"]]
    assert sorted(a.split("?")[0] for a in listed) == sorted(name for name in files if name != "zoekindex/kern.js")
    for address in listed:  # every file is named with the hash of its content
        name, _, version = address.partition("?v=")
        assert version == finding._fingerprint(files[name])
    [[start, shown]] = kern["items"]["weergave"]  # a small catalogue: titles, soort and level are in the core
    assert start == 0
    assert [item[0] for item in shown] == [e.slug for e in selected.ranked]
    assert kern["items"]["niveaus"][shown[0][3]] == level_label(level(selected.ranked[0]), "clienten")
    assert kern["items"]["soorten"][shown[0][2]] == selected.catalog.label("soort", selected.ranked[0].data["soort"])
    assert pages["weergave"] == [["open-gesprek/", "Het open gesprek", ""]]
    assert pages["termen"] == ["bereidt", "gesprek", "open"]  # stemmed, stop words left out


def test_a_large_catalogue_keeps_its_titles_in_files_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from kompaswaaier.render import finding

    monkeypatch.setattr(finding, "INLINE_DISPLAY_ITEMS", 3)
    monkeypatch.setattr(finding, "DISPLAY_ITEMS", 4)
    selected = view(load(FIXTURE).catalog, "professionals")
    files, _urls = finding.search_files(selected, [])
    kern = finding.read_kern(files["zoekindex/kern.js"])
    chunks = kern["items"]["weergave"]
    assert [start for start, _ in chunks] == list(range(0, len(selected.ranked), 4))
    shown = [item[0] for _, address in chunks for item in json.loads(files[address.split("?")[0]])]
    assert shown == [e.slug for e in selected.ranked]
