"""Find entries: a Dutch lunr index built at build time, facets, and the ranking the site uses.

The index is built here with the ``lunr`` Python package and serialised for lunr.js 2.3.9; the
browser only loads it (``lunr.Index.load``). Both sides must process words identically, so the
pipeline functions registered below carry the names lunr-languages 1.22.0 gives its Dutch functions
(``trimmer-nl``, ``stopWordFilter-nl``, ``stemmer-nl``) and do the same work:

* the trimmer keeps lunr-languages' Dutch word characters (and digits),
* the stop words are lunr-languages' Dutch list,
* the stemmer is snowballstemmer's ``dutch_porter`` (the algorithm lunr.nl implements; the newer
  ``dutch`` algorithm stems differently, e.g. huizen -> huis instead of huiz).

:class:`Searcher` is the one ranking: ``kompaswaaier zoek`` uses it, and the site's
``assets/zoeken/kern.js`` implements the same steps in JavaScript (the parity test runs both).

Query rules (identical in kern.js):

1. The text is split by lunr's tokenizer and run through the query pipeline (trimmer, stop words,
   stemmer); empty and repeated terms are dropped. No terms: every item, in title order.
2. Every term must occur (prefix match, ``term*``); an exact match of the term counts ten times
   as much. When no item has every term, items with some of the terms are shown, marked as partial.
3. Order: score (rounded to 6 decimals) high to low, then title order.
4. Facets: within a facet any chosen value matches, across facets all must match. The count
   shown for a value is the number of hits with that value when the other facets' choices apply.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import snowballstemmer
from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query, QueryPresence
from lunr.tokenizer import Tokenizer

from .model import VERSIONS, Catalog, Entry
from .selection import published

#: lunr-languages 1.22.0 ``lunr.nl.wordCharacters`` plus the digits its trimmer adds (checked by a test).
WORD_CHARACTERS = (
    "A-Za-z\xAA\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C\u1D62-\u1D65"
    "\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A\u212B\u2132\u214E\u2160-\u2188"
    "\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB64\uFB00-\uFB06"
    "\uFF21-\uFF3A\uFF41-\uFF5A"
)

#: lunr-languages 1.22.0 ``lunr.nl.stopWordFilter`` (checked against the vendored file by a test).
STOP_WORDS = frozenset((
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er "
    "ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon "
    "kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over "
    "reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt "
    "zal ze zelf zich zij zijn zo zonder zou"
).split())

_TRIM_START = re.compile(f"^[^{WORD_CHARACTERS}0-9]+")
_TRIM_END = re.compile(f"[^{WORD_CHARACTERS}0-9]+$")
_stemmer = snowballstemmer.stemmer("dutch_porter")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Dutch stem of a lower-case word, as lunr.nl computes it."""
    return _stemmer.stemWord(word)


def trim(word: str) -> str:
    """Strip everything but word characters from both ends of a word."""
    return _TRIM_END.sub("", _TRIM_START.sub("", word))


def _trimmer_nl(token, i=None, tokens=None):
    return token.update(lambda s, m=None: trim(s))


def _stop_word_filter_nl(token, i=None, tokens=None):
    word = str(token)
    if word and word not in STOP_WORDS:
        return token
    return None


def _stemmer_nl(token, i=None, tokens=None):
    return token.update(lambda s, m=None: stem(s))


Pipeline.register_function(_trimmer_nl, "trimmer-nl")
Pipeline.register_function(_stop_word_filter_nl, "stopWordFilter-nl")
Pipeline.register_function(_stemmer_nl, "stemmer-nl")

#: How a query is turned into terms; sent to the browser by name so both sides use the same steps.
QUERY_PIPELINE = ["trimmer-nl", "stopWordFilter-nl", "stemmer-nl"]

#: Indexed fields and their boosts: what helps finding, not everything an entry holds.
FIELDS: dict[str, int] = {
    "titel": 10,
    "kenmerken": 3,
    "samenvatting": 2,
    "eigenaar": 2,
    "doel": 1,
}

#: Facets in the order they are shown: code (also the URL parameter), label, and the entry field.
FACETS: list[tuple[str, str, str]] = [
    ("bouwsteen", "Bouwsteen", "bouwstenen"),
    ("soort", "Soort", "soort"),
    ("setting", "Waar", "setting"),
    ("met-wie", "Met wie", "met_wie"),
    ("voor-wie", "Voor wie", "voor_wie"),
    ("zorgvragers", "Voor welke mensen", "zorgvragers"),
    ("thema", "Thema", "themas"),
    ("vorm", "Vorm", "vorm"),
]
_FACET_VOCABULARY = {"soort": "soort", "setting": "setting", "met_wie": "rollen", "voor_wie": "rollen",
                     "zorgvragers": "zorgvragers", "themas": "themas", "vorm": "vorm"}
ALL_CARE_SEEKERS = "alle"

EXACT_BOOST = 10
_SCORE_DIGITS = 1_000_000


def summary(entry: Entry, version: str) -> str:
    """The entry's summary for ``version``, or (for unpublished entries) the first one written."""
    texts = entry.data["samenvatting"]
    return texts.get(version) or next(iter(texts.values()))


def facet_values(catalog: Catalog, entry: Entry, field_name: str) -> list[str]:
    """The codes of ``entry`` for one facet field; 'alle' zorgvragers counts for every group."""
    if field_name == "bouwstenen":
        return [str(n) for n in entry.data["bouwstenen"]]
    value = entry.data.get(field_name)
    codes = [value] if isinstance(value, str) else list(value or [])
    if field_name == "zorgvragers" and ALL_CARE_SEEKERS in codes:
        vocab = catalog.vocabularies.get("zorgvragers")
        codes = list(vocab.terms) if vocab else codes
    return codes


def _document(catalog: Catalog, entry: Entry, ref: int, version: str) -> dict[str, str]:
    data = entry.data
    features: list[str] = []
    for field_name, vocab in _FACET_VOCABULARY.items():
        features += [catalog.label(vocab, code) for code in facet_values(catalog, entry, field_name)]
    owners = [data.get("eigenaar", "")] + list(data.get("ontwikkelaars", []))
    return {
        "ref": str(ref),
        "titel": entry.title,
        "kenmerken": " ".join(features),
        "samenvatting": summary(entry, version),
        "eigenaar": " ".join(o for o in owners if o and o != "onbekend"),
        "doel": data.get("doel", ""),
    }


def build_index(catalog: Catalog, entries: list[Entry], version: str) -> Index:
    """A lunr index of ``entries`` (refs are their positions as strings)."""
    if not entries:  # lunr's builder divides by the number of documents
        from lunr import __TARGET_JS_VERSION__
        return Index.load({"version": __TARGET_JS_VERSION__, "fields": list(FIELDS), "fieldVectors": [],
                           "invertedIndex": [], "pipeline": ["trimmer-nl", "stemmer-nl"]})
    builder = Builder()
    builder.pipeline.add(Pipeline.registered_functions["trimmer-nl"], Pipeline.registered_functions["stopWordFilter-nl"],
                         Pipeline.registered_functions["stemmer-nl"])
    builder.search_pipeline.add(Pipeline.registered_functions["trimmer-nl"], Pipeline.registered_functions["stemmer-nl"])
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for i, entry in enumerate(entries):
        builder.add(_document(catalog, entry, i, version))
    return builder.build()


def facets(catalog: Catalog, entries: list[Entry]) -> list[dict[str, Any]]:
    """Each facet with the values that occur in ``entries``, in vocabulary order, with labels."""
    out = []
    for code, label, field_name in FACETS:
        present = {v for e in entries for v in facet_values(catalog, e, field_name)}
        if field_name == "bouwstenen":
            values = [{"code": str(n), "label": f"{n}. {w.data['titel']}"} for n, w in sorted(catalog.waaiers.items())
                      if str(n) in present]
        else:
            vocab = catalog.vocabularies.get(_FACET_VOCABULARY[field_name])
            order = list(vocab.terms) if vocab else sorted(present)
            values = [{"code": c, "label": catalog.label(_FACET_VOCABULARY[field_name], c)} for c in order if c in present]
        out.append({"code": code, "label": label, "veld": field_name, "waarden": values})
    return out


def search_data(catalog: Catalog, version: str, entries: list[Entry] | None = None) -> dict[str, Any]:
    """The search payload of a version: the serialised index, the facets and each item's facet values.

    ``items[i]`` is ``[slug, [[value positions of facet 0], [of facet 1], ...]]``; lunr refs are ``str(i)``.
    Entries are those published in ``version`` unless given (title order either way).
    """
    if version not in VERSIONS:
        raise ValueError(f"onbekende versie: {version}")
    if entries is None:
        entries = published(catalog.entries, version)
    facet_list = facets(catalog, entries)
    positions = [{v["code"]: i for i, v in enumerate(f["waarden"])} for f in facet_list]
    items = []
    for entry in entries:
        codes = []
        for (code, _label, field_name), pos in zip(FACETS, positions):
            codes.append(sorted(pos[v] for v in set(facet_values(catalog, entry, field_name)) if v in pos))
        items.append([entry.slug, codes])
    return {
        "versie": version,
        "zoekpijplijn": QUERY_PIPELINE,
        "index": build_index(catalog, entries, version).serialize(),
        "facetten": [{k: f[k] for k in ("code", "label", "waarden")} for f in facet_list],
        "items": items,
    }


@dataclass
class Hit:
    """One found item: its position in title order, its slug and its score (0 without a query)."""

    position: int
    slug: str
    score: float


@dataclass
class Result:
    """What a search returns: hits in ranked order, whether they match only part of the words, and facet counts."""

    hits: list[Hit]
    terms: list[str]
    partial: bool = False
    counts: dict[str, list[int]] = field(default_factory=dict)


class Searcher:
    """Runs queries the way the site does, on the payload of :func:`search_data`."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.index = Index.load(data["index"])
        self.pipeline = Pipeline.load(data["zoekpijplijn"])
        self.items: list[list[Any]] = data["items"]
        self.facet_codes = [f["code"] for f in data["facetten"]]
        self._value_positions = [{v["code"]: i for i, v in enumerate(f["waarden"])} for f in data["facetten"]]

    def terms(self, text: str) -> list[str]:
        """The distinct processed terms of a query text (empty: show everything)."""
        out: list[str] = []
        for token in self.pipeline.run(Tokenizer(text)):
            term = str(token)
            if term and term not in out:
                out.append(term)
        return out

    def _query(self, terms: list[str], required: bool) -> list[dict[str, Any]]:
        query = self.index.create_query()
        for term in terms:
            query.term(term, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING,
                       presence=QueryPresence.REQUIRED if required else QueryPresence.OPTIONAL)
            query.term(term, use_pipeline=False, boost=EXACT_BOOST)
        return self.index.query(query)

    def rank(self, text: str) -> tuple[list[Hit], list[str], bool]:
        """All items matching ``text`` in ranked order, the terms used, and whether the match is partial."""
        terms = self.terms(text)
        if not terms:
            return [Hit(i, item[0], 0.0) for i, item in enumerate(self.items)], terms, False
        partial = False
        results = self._query(terms, required=True)
        if not results:
            results = self._query(terms, required=False)
            partial = bool(results)
        hits = [Hit(int(r["ref"]), self.items[int(r["ref"])][0], r["score"]) for r in results]
        hits.sort(key=lambda h: (-math.floor(h.score * _SCORE_DIGITS + 0.5), h.position))
        return hits, terms, partial

    def filter_values(self, filters: dict[str, list[str]]) -> list[set[int]]:
        """Per facet, the chosen value positions (empty set: no choice); unknown codes are ignored."""
        out = []
        for code, positions in zip(self.facet_codes, self._value_positions):
            out.append({positions[v] for v in filters.get(code, []) if v in positions})
        return out

    def search(self, text: str = "", filters: dict[str, list[str]] | None = None) -> Result:
        """Rank by ``text``, then keep the hits that pass the facet ``filters`` ({facet code: [value codes]})."""
        hits, terms, partial = self.rank(text)
        chosen = self.filter_values(filters or {})
        counts = [[0] * len(p) for p in self._value_positions]
        kept = []
        for hit in hits:
            values = self.items[hit.position][1]
            failing = [k for k, want in enumerate(chosen) if want and not want.intersection(values[k])]
            if not failing:
                kept.append(hit)
                for k, vals in enumerate(values):
                    for v in vals:
                        counts[k][v] += 1
            elif len(failing) == 1:
                for v in values[failing[0]]:
                    counts[failing[0]][v] += 1
        return Result(kept, terms, partial, dict(zip(self.facet_codes, counts)))
