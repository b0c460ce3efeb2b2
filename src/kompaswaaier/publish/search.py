"""Find entries: a Dutch lunr index built at build time, facets, and the ranking the site uses.

The index is built here with the ``lunr`` Python package and serialised for lunr.js 2.3.9; the
browser only loads it (``lunr.Index.load``). Both sides must process words identically, so the
functions here carry the names lunr-languages 1.22.0 gives its Dutch pipeline functions
(``trimmer-nl``, ``stopWordFilter-nl``, ``stemmer-nl``) and do the same work:

* the trimmer keeps lunr-languages' Dutch word characters (and digits),
* the stop words are lunr-languages' Dutch list,
* the stemmer is snowballstemmer's ``dutch_porter`` (the algorithm lunr.nl implements; the newer
  ``dutch`` algorithm stems differently, e.g. huizen -> huis instead of huiz).

:class:`Searcher` is the one ranking: ``kompaswaaier zoek`` uses it, and the site's
``assets/zoeken/kern.js`` implements the same steps in JavaScript (the parity test runs both).

Query rules (identical in kern.js):

1. The text is lower-cased, split on white space and hyphens (as lunr.tokenizer does) and run
   through the pipeline (trimmer, stop words, stemmer); empty and repeated terms are dropped.
   No terms: every item, in title order.
2. Every term must occur (prefix match, ``term*``; from INFIX_MIN letters on also inside a word,
   ``*term*``, for Dutch compounds); an exact match of the term counts ten times as much. When no item has every term, items with some of the terms are shown, marked as partial.
3. Order: score (rounded to 6 decimals) high to low, then the items' own order: level first
   (opgenomen, aanbevolen, aangedragen; see ``selection.LEVEL_RANK``), then title. Among equally
   good matches a higher level comes first; without a query the list is in that order too.
4. Facets: within a facet any chosen value matches, across facets all must match. The count
   shown for a value is the number of hits with that value when the other facets' choices apply.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import snowballstemmer
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query, QueryPresence
from lunr.vector import Vector

from kompaswaaier.model import LEVELS, VOCABULARY_FIELDS, Catalog, Entry, level_label
from kompaswaaier.select import View, level, ordered

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


#: lunr.js splits on ``/[\s\-]+/``; this is JavaScript's ``\s``, which differs slightly from Python's.
_SEPARATOR = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """One lower-case word through the Dutch pipeline (trimmer, stop words, stemmer); '' when nothing is left."""
    trimmed = trim(word)
    if not trimmed or trimmed in STOP_WORDS:
        return ""
    return stem(trimmed)


def terms(text: str) -> list[str]:
    """All terms of a text, in order, as lunr.tokenizer plus the Dutch pipeline produce them."""
    out = []
    for word in _SEPARATOR.split(text.lower()):
        if word:
            processed = term(word)
            if processed:
                out.append(processed)
    return out


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
#: ``kenmerken`` holds the labels of the entry's codes and its owner; ``tekst`` the summary and the aim.
#: Few fields keep the index small: every field adds a vector per entry and a slot per term.
FIELDS: dict[str, int] = {
    "titel": 10,
    "kenmerken": 3,
    "tekst": 2,
}

#: Facets in the order they are shown: code (also the URL parameter), label, and the entry field.
FACETS: list[tuple[str, str, str]] = [
    ("bouwsteen", "Bouwsteen", "bouwstenen"),
    ("niveau", "Wie heeft het beoordeeld", "niveau"),
    ("soort", "Soort", "soort"),
    ("setting", "Waar", "setting"),
    ("met-wie", "Met wie", "met_wie"),
    ("voor-wie", "Voor wie", "voor_wie"),
    ("zorgvragers", "Voor welke mensen", "zorgvragers"),
    ("thema", "Thema", "themas"),
    ("vorm", "Vorm", "vorm"),
]
ALL_CARE_SEEKERS = "alle"

EXACT_BOOST = 10
#: Terms at least this long also match inside longer words (Dutch compounds: 'zorg' finds 'mantelzorg').
INFIX_MIN = 4
_SCORE_DIGITS = 1_000_000


def summary(entry: Entry, version: str) -> str:
    """The entry's summary for ``version``, or (for unpublished entries) the first one written."""
    texts = entry.data["samenvatting"]
    return texts.get(version) or next(iter(texts.values()))


def facet_values(catalog: Catalog, entry: Entry, field_name: str) -> list[str]:
    """The codes of ``entry`` for one facet field; 'alle' zorgvragers counts for every group."""
    if field_name == "bouwstenen":
        return [str(n) for n in entry.data["bouwstenen"]]
    if field_name == "niveau":
        return [level(entry)]
    codes = entry.codes(field_name)
    if field_name == "zorgvragers" and ALL_CARE_SEEKERS in codes:
        vocab = catalog.vocabularies.get("zorgvragers")
        codes = list(vocab.terms) if vocab else codes
    return codes


def _document(catalog: Catalog, entry: Entry, ref: int, version: str) -> dict[str, str]:
    data = entry.data
    features: list[str] = []
    for field_name, vocab in VOCABULARY_FIELDS.items():
        features += [catalog.label(vocab, code) for code in facet_values(catalog, entry, field_name)]
    features.append(level_label(level(entry), version))
    owners = [data.get("eigenaar", "")] + list(data.get("ontwikkelaars", []))
    features += [o for o in owners if o and o != "onbekend"]
    return {
        "ref": str(ref),
        "titel": entry.title,
        "kenmerken": " ".join(features),
        "tekst": "\n\n".join(t for t in (summary(entry, version), data.get("doel", ""), _made_with(data)) if t),
    }


def _made_with(data: dict[str, Any]) -> str:
    """Who co-created the tool, when the entry says so (searchable information, not a criterion)."""
    value = data.get("ontwikkeld_met", "")
    return "" if value == "onbekend" else value


class _Builder(Builder):
    """lunr's builder, fed with terms that are already processed; two steps rewritten for speed.

    ``add`` takes lists of terms (our pipeline ran already, with a cache per word) and skips lunr's
    per-token objects; the field vectors are computed exactly as lunr.py 0.8 computes them (BM25,
    k1 1.2, b 0.75, rounded to 3 decimals) but sorted in one go instead of by binary insertion.
    Terms are numbered alphabetically, not by first use. Everything else (inverted index, token set,
    serialisation) is lunr's. A test checks that the serialised index equals, byte for byte, the one
    lunr's own builder and pipeline make once its terms are numbered the same way.
    """

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        """Add a document whose fields are lists of processed terms (what lunr's add does, minus tokenizing)."""
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            words = doc[field_name]
            field_ref = f"{field_name}/{doc_ref}"
            frequencies = Counter(words)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(words)
            for word in frequencies:
                posting = self.inverted_index.get(word)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[word] = posting
                posting[field_name][doc_ref] = {}

    def _create_field_vectors(self) -> None:
        # Number the terms alphabetically (lunr numbers them by first use): a term's number is then its
        # place in the sorted term list, so the parts shipped to the browser need no table of numbers.
        for number, word in enumerate(sorted(self.inverted_index)):
            self.inverted_index[word]["_index"] = number
        idf_cache: dict[str, float] = {}
        vectors = {}
        k1, b = self._k1, self._b
        for field_ref, frequencies in self.field_term_frequencies.items():
            if not frequencies:  # an empty field: lunr gives it an empty vector (and must not divide by 0)
                vectors[field_ref] = Vector()
                continue
            field_name, _, doc_ref = field_ref.partition("/")
            length_ratio = self.field_lengths[field_ref] / self.average_field_length[field_name]
            boost = self._fields[field_name].boost * self._documents[doc_ref].get("boost", 1)
            pairs = []
            for word, tf in frequencies.items():
                posting = self.inverted_index[word]
                if word not in idf_cache:
                    idf_cache[word] = Idf(posting, self.document_count)
                score = idf_cache[word] * ((k1 + 1) * tf) / (k1 * (1 - b + b * length_ratio) + tf)
                score *= boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = vectors


def build_index(catalog: Catalog, entries: list[Entry], version: str, *, builder: type[Builder] = _Builder) -> Index:
    """A lunr index of ``entries`` (refs are their positions as strings)."""
    if not entries:  # lunr's builder divides by the number of documents
        from lunr import __TARGET_JS_VERSION__
        return Index.load({"version": __TARGET_JS_VERSION__, "fields": list(FIELDS), "fieldVectors": [],
                           "invertedIndex": [], "pipeline": ["trimmer-nl", "stemmer-nl"]})
    made = builder()
    made.search_pipeline.add(Pipeline.registered_functions["trimmer-nl"], Pipeline.registered_functions["stemmer-nl"])
    made.ref("ref")
    for name, boost in FIELDS.items():
        made.field(name, boost=boost)
    for i, entry in enumerate(entries):
        document = _document(catalog, entry, i, version)
        made.add({"ref": document["ref"], **{name: terms(document[name]) for name in FIELDS}})
    return made.build()


def serialize(index: Index) -> dict[str, Any]:
    """``index.serialize()`` without rounding every number again (our vectors hold rounded scores already)."""
    from lunr import __TARGET_JS_VERSION__

    return {
        "version": __TARGET_JS_VERSION__,
        "fields": index.fields,
        "fieldVectors": [[ref, vector.elements] for ref, vector in index.field_vectors.items()],
        "invertedIndex": [[word, index.inverted_index[word]] for word in sorted(index.inverted_index)],
        "pipeline": index.pipeline.serialize(),
    }


# --- The index in parts, for the browser ------------------------------------------------------------
#
# A query needs the list of all terms (to expand ``term*`` and ``*term*``) and, for the terms it
# matches, their postings with the field scores; lunr's score of a document is a sum over exactly
# those. So the site ships the sorted term list once and the postings in parts (consecutive terms),
# and the browser loads only the parts a query touches. :func:`split_index` cuts a serialised index
# that way, losslessly: ``tests/publish/test_zoeken.py`` puts the parts together again and gets the same index.

#: A part holds consecutive terms until its postings take about this many characters of JSON ...
PART_CHARS = 12_000
#: ... but a section has at most this many parts (fewer, larger parts for very large catalogues).
MAX_PARTS = 64
_SCORE_SCALE = 1000  # field scores are rounded to 3 decimals: shipped as whole thousandths


@dataclass
class IndexParts:
    """A serialised lunr index cut for shipping: the sorted terms and the postings in parts.

    ``parts[k]`` is ``(first term number, postings)``; ``postings[j]`` belongs to term ``first + j`` and
    holds, per field (in ``fields`` order), ``[document, score, document, score, ...]`` with each
    document number as the difference to the one before and each score in thousandths.
    """

    fields: list[str]
    count: int
    terms: list[str]
    parts: list[tuple[int, list[list[list[int]]]]]


def split_index(serialized: dict[str, Any], count: int) -> IndexParts:
    """Cut a serialised index (terms numbered alphabetically, refs ``'0'`` to ``str(count - 1)``) into parts."""
    fields = list(serialized["fields"])
    terms = [word for word, _posting in serialized["invertedIndex"]]
    for number, (word, posting) in enumerate(serialized["invertedIndex"]):
        if posting["_index"] != number:
            raise ValueError(f"term {word!r} heeft nummer {posting['_index']}, verwacht {number} (alfabetisch)")
    field_number = {name: k for k, name in enumerate(fields)}
    pairs: list[list[list[tuple[int, int]]]] = [[[] for _ in fields] for _ in terms]
    for ref, elements in serialized["fieldVectors"]:
        name, _, doc = ref.partition("/")
        k, document = field_number[name], int(doc)
        for i in range(0, len(elements), 2):
            score = elements[i + 1]
            thousandths = round(score * _SCORE_SCALE)
            if thousandths / _SCORE_SCALE != score:
                raise ValueError(f"score {score!r} in {ref} is niet in duizendsten")
            pairs[elements[i]][k].append((document, thousandths))
    postings: list[list[list[int]]] = []
    sizes: list[int] = []
    for per_field in pairs:
        encoded = []
        for found in per_field:
            found.sort()
            flat: list[int] = []
            previous = 0
            for document, thousandths in found:
                flat += (document - previous, thousandths)
                previous = document
            encoded.append(flat)
        postings.append(encoded)
        sizes.append(len(json.dumps(encoded, separators=(",", ":"))))
    limit = max(PART_CHARS, -(-sum(sizes) // MAX_PARTS))
    parts: list[tuple[int, list[list[list[int]]]]] = []
    start = size = 0
    for number, term_size in enumerate(sizes):
        if number > start and size + term_size > limit:
            parts.append((start, postings[start:number]))
            start, size = number, 0
        size += term_size
    if terms:
        parts.append((start, postings[start:]))
    return IndexParts(fields, count, terms, parts)


# --- The knowledge base: the hand-written pages of a version, per section ---------------------------

#: Indexed fields of a page section: its heading (the page title for the text above the first heading) and its text.
PAGE_FIELDS: dict[str, int] = {"titel": 10, "tekst": 2}
#: Headings that start a section of their own (deeper headings stay in the section above them).
_SECTION_HEADINGS = ("h1", "h2", "h3")
_INLINE = frozenset("a abbr b cite code em i kbd mark q s small span strong sub sup u".split())


@dataclass(frozen=True)
class KnowledgePage:
    """A hand-written page as built: its URL in the version (``kompas/``), title and rendered HTML."""

    url: str
    title: str
    html: str


@dataclass(frozen=True)
class Section:
    """A part of a page a search can land on: the URL with its anchor, the page title, the heading, the text."""

    url: str
    page: str
    heading: str
    text: str


class _Sections(HTMLParser):
    """Split rendered HTML at h1-h3 headings with an id; leave out the permalink after each heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str, list[str]]] = [("", "", "", [])]  # (tag, anchor, heading, text parts)
        self._heading: tuple[str, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._skip:
            self._skip += 1
        elif (tag == "a" and "headerlink" in (values.get("class") or "").split()) or tag in ("script", "style"):
            self._skip = 1
        elif tag in _SECTION_HEADINGS and values.get("id"):
            self._heading = (tag, values["id"] or "", [])

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
        elif self._heading and tag == self._heading[0]:
            level, anchor, words = self._heading
            self.found.append((level, anchor, " ".join("".join(words).split()), []))
            self._heading = None
        elif tag not in _INLINE:
            self.found[-1][3].append(" ")  # the end of a block: its last word and the next one stay apart

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self._heading[2] if self._heading else self.found[-1][3]).append(data)


def page_sections(page: KnowledgePage) -> list[Section]:
    """The sections of a page: first the page itself (its h1 and the text up to the next heading), then one
    per h1-h3 heading with an id, each with the text up to the next such heading."""
    parser = _Sections()
    parser.feed(page.html)
    parser.close()
    found = parser.found
    intro = list(found[0][3])
    if len(found) > 1 and found[1][0] == "h1":  # the page's own title
        intro += found[1][3]
        found = found[1:]
    out = [Section(page.url, page.title, "", " ".join("".join(intro).split()))]
    for _tag, anchor, heading, parts in found[1:]:
        out.append(Section(f"{page.url}#{anchor}", page.title, heading, " ".join("".join(parts).split())))
    return out


def build_page_index(sections: list[Section]) -> Index:
    """A lunr index of page sections (refs are their positions as strings), same pipeline as the items."""
    if not sections:
        from lunr import __TARGET_JS_VERSION__
        return Index.load({"version": __TARGET_JS_VERSION__, "fields": list(PAGE_FIELDS), "fieldVectors": [],
                           "invertedIndex": [], "pipeline": ["trimmer-nl", "stemmer-nl"]})
    made = _Builder()
    made.search_pipeline.add(Pipeline.registered_functions["trimmer-nl"], Pipeline.registered_functions["stemmer-nl"])
    made.ref("ref")
    for name, boost in PAGE_FIELDS.items():
        made.field(name, boost=boost)
    for i, section in enumerate(sections):
        made.add({"ref": str(i), "titel": terms(section.heading or section.page), "tekst": terms(section.text)})
    return made.build()


def facets(catalog: Catalog, entries: list[Entry], version: str = "professionals") -> list[dict[str, Any]]:
    """Each facet with the values that occur in ``entries``, in vocabulary order, with labels."""
    out = []
    for code, label, field_name in FACETS:
        present = {v for e in entries for v in facet_values(catalog, e, field_name)}
        if field_name == "bouwstenen":
            values = [{"code": str(n), "label": f"{n}. {w.data['titel']}"} for n, w in sorted(catalog.waaiers.items())
                      if str(n) in present]
        elif field_name == "niveau":
            values = [{"code": c, "label": level_label(c, version)} for c in LEVELS if c in present]
        else:
            vocab = catalog.vocabularies.get(VOCABULARY_FIELDS[field_name])
            order = list(vocab.terms) if vocab else sorted(present)
            values = [{"code": c, "label": catalog.label(VOCABULARY_FIELDS[field_name], c)} for c in order if c in present]
        out.append({"code": code, "label": label, "veld": field_name, "waarden": values})
    return out


def search_data(view: View, entries: list[Entry] | None = None) -> dict[str, Any]:
    """The search payload of a version: the serialised index, the facets and each item's facet values.

    ``items[i]`` is ``[slug, [[value positions of facet 0], [of facet 1], ...]]``; lunr refs are ``str(i)``.
    Entries are those of the view unless given (``zoek --alle``), ordered by level, then title
    (:func:`select.ordered`).
    """
    catalog, version = view.catalog, view.version
    entries = list(view.ranked) if entries is None else ordered(entries)
    facet_list = facets(catalog, entries, version)
    positions = [{v["code"]: i for i, v in enumerate(f["waarden"])} for f in facet_list]
    items = []
    for entry in entries:
        codes = []
        for (_code, _label, field_name), pos in zip(FACETS, positions):
            codes.append(sorted(pos[v] for v in set(facet_values(catalog, entry, field_name)) if v in pos))
        items.append([entry.slug, codes])
    return {
        "versie": version,
        "zoekpijplijn": QUERY_PIPELINE,
        "index": serialize(build_index(catalog, entries, version)),
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
    """Runs queries the way the site does, on the payload of :func:`search_data`.

    ``partial=False``: no fallback to documents with some of the words (the search box does that for pages).
    """

    def __init__(self, data: dict[str, Any], partial: bool = True):
        self.data = data
        self.partial = partial
        self.index = Index.load(data["index"])
        if data["zoekpijplijn"] != QUERY_PIPELINE:
            raise ValueError(f"onbekende zoekpijplijn: {data['zoekpijplijn']}")
        self.items: list[list[Any]] = data["items"]
        self.facet_codes = [f["code"] for f in data["facetten"]]
        self._value_positions = [{v["code"]: i for i, v in enumerate(f["waarden"])} for f in data["facetten"]]

    def terms(self, text: str) -> list[str]:
        """The distinct processed terms of a query text (empty: show everything)."""
        return list(dict.fromkeys(terms(text)))

    def _query(self, terms: list[str], required: bool) -> list[dict[str, Any]]:
        query = self.index.create_query()
        for term in terms:
            wildcard = Query.WILDCARD_TRAILING | (Query.WILDCARD_LEADING if len(term) >= INFIX_MIN else 0)
            query.term(term, use_pipeline=False, wildcard=wildcard,
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
        if not results and self.partial:
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
