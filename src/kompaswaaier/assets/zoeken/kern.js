/* Kompaswaaier: zoeken in de waaier, de kern zonder pagina (ook bruikbaar in node voor de pariteitstest).
 *
 * Doet precies wat kompaswaaier.search.Searcher in Python doet:
 * 1. tekst -> termen met lunr.tokenizer en de zoekpijplijn uit de index (trimmer, stopwoorden, stemmer);
 * 2. elke term moet voorkomen (voorvoegsel, term*; vanaf 4 letters ook midden in een woord, *term*),
 *    een exacte treffer telt tien keer zo zwaar;
 *    heeft geen enkel item alle termen, dan volgen items met een deel ervan (gedeeltelijk);
 * 3. volgorde: score (6 decimalen) van hoog naar laag, dan de titelvolgorde;
 * 4. facetten: binnen een facet telt elke gekozen waarde, tussen facetten moeten alle kloppen.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.KompasZoeken = factory();
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var EXACT_BOOST = 10;
  var INFIX_MIN = 4; /* zo lange termen vinden ook woorddelen: 'zorg' vindt 'mantelzorg' */
  var SCORE_DIGITS = 1000000;

  function Zoeker(lunr, data) {
    this.lunr = lunr;
    this.data = data;
    this.index = lunr.Index.load(data.index);
    this.pipeline = lunr.Pipeline.load(data.zoekpijplijn);
    this.items = data.items;
    this.facetCodes = data.facetten.map(function (f) { return f.code; });
    this.valuePositions = data.facetten.map(function (f) {
      var pos = {};
      f.waarden.forEach(function (v, i) { pos[v.code] = i; });
      return pos;
    });
  }

  Zoeker.prototype.terms = function (text) {
    var out = [];
    this.pipeline.run(this.lunr.tokenizer(text)).forEach(function (token) {
      var term = token.toString();
      if (term && out.indexOf(term) < 0) out.push(term);
    });
    return out;
  };

  Zoeker.prototype.query = function (terms, required) {
    var lunr = this.lunr;
    return this.index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, {
          usePipeline: false,
          wildcard: lunr.Query.wildcard.TRAILING | (term.length >= INFIX_MIN ? lunr.Query.wildcard.LEADING : 0),
          presence: required ? lunr.Query.presence.REQUIRED : lunr.Query.presence.OPTIONAL
        });
        q.term(term, { usePipeline: false, boost: EXACT_BOOST });
      });
    });
  };

  /* Alle items die bij de tekst passen, in volgorde: {hits: [{position, slug, score}], terms, partial}. */
  Zoeker.prototype.rank = function (text) {
    var self = this;
    var terms = this.terms(text || "");
    if (!terms.length) {
      return {
        hits: this.items.map(function (item, i) { return { position: i, slug: item[0], score: 0 }; }),
        terms: terms,
        partial: false
      };
    }
    var partial = false;
    var results = this.query(terms, true);
    if (!results.length) {
      results = this.query(terms, false);
      partial = results.length > 0;
    }
    var hits = results.map(function (r) {
      var i = parseInt(r.ref, 10);
      return { position: i, slug: self.items[i][0], score: r.score };
    });
    hits.sort(function (a, b) {
      var sa = Math.floor(a.score * SCORE_DIGITS + 0.5);
      var sb = Math.floor(b.score * SCORE_DIGITS + 0.5);
      return sb - sa || a.position - b.position;
    });
    return { hits: hits, terms: terms, partial: partial };
  };

  /* Per facet de gekozen posities ({code: true}); onbekende codes tellen niet mee. */
  Zoeker.prototype.filterValues = function (filters) {
    var self = this;
    return this.facetCodes.map(function (code, k) {
      var chosen = {};
      var count = 0;
      (filters[code] || []).forEach(function (value) {
        var pos = self.valuePositions[k][value];
        if (pos !== undefined && !chosen[pos]) { chosen[pos] = true; count++; }
      });
      return count ? chosen : null;
    });
  };

  /* Zoek en filter: {hits, terms, partial, counts: {facet: [aantal per waarde]}}. */
  Zoeker.prototype.search = function (text, filters) {
    var ranked = this.rank(text);
    var chosen = this.filterValues(filters || {});
    var counts = {};
    var perFacet = this.valuePositions.map(function (pos) {
      return Object.keys(pos).map(function () { return 0; });
    });
    var kept = [];
    var items = this.items;
    ranked.hits.forEach(function (hit) {
      var values = items[hit.position][1];
      var failing = [];
      for (var k = 0; k < chosen.length; k++) {
        if (!chosen[k]) continue;
        var match = false;
        for (var j = 0; j < values[k].length; j++) {
          if (chosen[k][values[k][j]]) { match = true; break; }
        }
        if (!match) failing.push(k);
      }
      if (!failing.length) {
        kept.push(hit);
        values.forEach(function (vals, k) { vals.forEach(function (v) { perFacet[k][v]++; }); });
      } else if (failing.length === 1) {
        values[failing[0]].forEach(function (v) { perFacet[failing[0]][v]++; });
      }
    });
    this.facetCodes.forEach(function (code, k) { counts[code] = perFacet[k]; });
    return { hits: kept, terms: ranked.terms, partial: ranked.partial, counts: counts };
  };

  return { Zoeker: Zoeker };
}));
