/* Kompaswaaier: zoeken in de waaier, de kern zonder pagina (ook bruikbaar in node voor de pariteitstest).
 *
 * Doet precies wat kompaswaaier.publish.search.Searcher in Python doet:
 * 1. tekst -> termen met lunr.tokenizer en de zoekpijplijn uit de index (trimmer, stopwoorden, stemmer);
 * 2. elke term moet voorkomen (voorvoegsel, term*; vanaf 4 letters ook midden in een woord, *term*),
 *    een exacte treffer telt tien keer zo zwaar;
 *    heeft geen enkel item alle termen, dan volgen items met een deel ervan (gedeeltelijk);
 * 3. volgorde: score (6 decimalen) van hoog naar laag, dan de volgorde van de items (niveau, titel);
 * 4. facetten: binnen een facet telt elke gekozen waarde, tussen facetten moeten alle kloppen.
 *
 * De index komt in delen (zie search.split_index): kern.json heeft per sectie de gesorteerde termen en
 * een lijst delen met de postings van opeenvolgende termen. Een Sectie is een echte lunr.Index waarin
 * alleen de delen zitten die een zoekvraag nodig heeft: de score van lunr is een som over precies de
 * termen die de vraag vindt, dus de uitkomst is gelijk aan die van de hele index.
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
  var SCORE_SCALE = 1000; /* scores staan in duizendsten in de delen */

  /* Eén sectie van de index (items of pagina's). laadJson(pad) geeft een Promise met de JSON van een deel. */
  function Sectie(lunr, data, laadJson) {
    this.lunr = lunr;
    this.data = data;
    this.aantal = data.aantal;
    this.laadJson = laadJson;
    this.begin = data.delen.map(function (deel) { return deel[0]; });
    this.bezig = {};
    this.index = new lunr.Index({
      invertedIndex: Object.create(null),
      fieldVectors: Object.create(null),
      tokenSet: new lunr.TokenSet(),
      fields: data.velden,
      pipeline: new lunr.Pipeline()
    });
  }

  /* De nummers van de termen die een zoekterm vindt, zoals de zoekvraag hem uitbreidt: term* (alle termen die
   * ermee beginnen) of, vanaf INFIX_MIN letters, *term* (alle termen waar hij in staat). Gewoon zoeken in de
   * gesorteerde lijst; lunr doet hetzelfde met een TokenSet van alle termen, die eerst gebouwd moet worden. */
  Sectie.prototype.uitbreiding = function (term) {
    var termen = this.data.termen, out = [], i;
    if (term.length >= INFIX_MIN) {
      for (i = 0; i < termen.length; i++) if (termen[i].indexOf(term) >= 0) out.push(i);
      return out;
    }
    var lo = 0, hi = termen.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (termen[mid] < term) lo = mid + 1; else hi = mid;
    }
    for (i = lo; i < termen.length && termen[i].lastIndexOf(term, 0) === 0; i++) out.push(i);
    return out;
  };

  /* Vóór een zoekvraag: de TokenSet van de index met alleen de termen die de vraag kan vinden. lunr legt er
   * zijn eigen patronen op (term*, *term*, term) en vindt zo precies de termen die hij in de hele index zou
   * vinden (de pariteitstest vergelijkt met lunr in Python, dat wel alle termen heeft). */
  Sectie.prototype.zetTokenSet = function (terms) {
    var self = this, nummers = {};
    terms.forEach(function (term) { self.uitbreiding(term).forEach(function (n) { nummers[n] = true; }); });
    var builder = new this.lunr.TokenSet.Builder();
    Object.keys(nummers).map(Number).sort(function (a, b) { return a - b; })
      .forEach(function (n) { builder.insert(self.data.termen[n]); });
    builder.finish();
    this.index.tokenSet = builder.root;
  };

  Sectie.prototype.deelVan = function (nummer) {
    var lo = 0, hi = this.begin.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.begin[mid] <= nummer) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* Laad de delen die de termen nodig hebben; de Promise is klaar als de index ze heeft. */
  Sectie.prototype.laad = function (terms) {
    var self = this, nodig = {};
    terms.forEach(function (term) {
      self.uitbreiding(term).forEach(function (n) { nodig[self.deelVan(n)] = true; });
    });
    return Promise.all(Object.keys(nodig).map(function (k) { return self.laadDeel(+k); }));
  };

  Sectie.prototype.geladen = function (terms) {
    var self = this;
    return terms.every(function (term) {
      return self.uitbreiding(term).every(function (n) { return self.data.termen[n] in self.index.invertedIndex; });
    });
  };

  Sectie.prototype.laadDeel = function (k) {
    var self = this;
    if (!this.bezig[k]) {
      this.bezig[k] = this.laadJson(this.data.delen[k][1]).then(function (postings) {
        self.voegToe(k, postings);
      }, function (fout) {
        delete self.bezig[k];
        throw fout;
      });
    }
    return this.bezig[k];
  };

  /* Zet de postings van een deel in de index: per term en veld [document, score, ...] (verschillen, duizendsten). */
  Sectie.prototype.voegToe = function (k, postings) {
    var lunr = this.lunr, velden = this.data.velden, termen = this.data.termen;
    var inverted = this.index.invertedIndex, vectors = this.index.fieldVectors;
    var eerste = this.begin[k];
    postings.forEach(function (perVeld, j) {
      var nummer = eerste + j;
      var posting = { _index: nummer };
      velden.forEach(function (veld, v) {
        var plat = perVeld[v], documenten = {}, doc = 0;
        for (var i = 0; i < plat.length; i += 2) {
          doc += plat[i];
          documenten[doc] = {};
          var ref = veld + "/" + doc;
          (vectors[ref] || (vectors[ref] = new lunr.Vector([]))).insert(nummer, plat[i + 1] / SCORE_SCALE);
        }
        posting[veld] = documenten;
      });
      inverted[termen[nummer]] = posting;
    });
  };

  /* Zoeken in een sectie. opties.facetten: {facetten, items} (de zoekpagina); opties.gedeeltelijk: false
   * om geen items met een deel van de woorden te tonen als geen enkel item ze allemaal heeft. */
  function Zoeker(lunr, pijplijn, sectie, opties) {
    opties = opties || {};
    this.lunr = lunr;
    this.sectie = sectie;
    this.index = sectie.index;
    this.aantal = sectie.aantal;
    this.pipeline = lunr.Pipeline.load(pijplijn);
    this.gedeeltelijk = opties.gedeeltelijk !== false;
    var facetten = opties.facetten || { facetten: [], items: null };
    this.facetten = facetten.facetten;
    this.facetItems = facetten.items;
    this.facetCodes = this.facetten.map(function (f) { return f.code; });
    this.valuePositions = this.facetten.map(function (f) {
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

  /* Laad wat de tekst nodig heeft; daarna geeft search() het antwoord zonder te wachten. */
  Zoeker.prototype.laad = function (text) {
    return this.sectie.laad(this.terms(text || ""));
  };

  Zoeker.prototype.klaarVoor = function (text) {
    return this.sectie.geladen(this.terms(text || ""));
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

  /* Alle treffers in volgorde: {hits: [{position, score}], terms, partial}. */
  Zoeker.prototype.rank = function (text) {
    var terms = this.terms(text || "");
    if (!terms.length) {
      var all = [];
      for (var i = 0; i < this.aantal; i++) all.push({ position: i, score: 0 });
      return { hits: all, terms: terms, partial: false };
    }
    if (!this.sectie.geladen(terms)) throw new Error("de index voor '" + text + "' is nog niet geladen (eerst laad())");
    this.sectie.zetTokenSet(terms);
    var partial = false;
    var results = this.query(terms, true);
    if (!results.length && this.gedeeltelijk) {
      results = this.query(terms, false);
      partial = results.length > 0;
    }
    var hits = results.map(function (r) { return { position: parseInt(r.ref, 10), score: r.score }; });
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
    if (!this.facetItems) return { hits: ranked.hits, terms: ranked.terms, partial: ranked.partial, counts: {} };
    var chosen = this.filterValues(filters || {});
    var counts = {};
    var perFacet = this.valuePositions.map(function (pos) {
      return Object.keys(pos).map(function () { return 0; });
    });
    var kept = [];
    var items = this.facetItems;
    ranked.hits.forEach(function (hit) {
      var values = items[hit.position];
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

  return { Sectie: Sectie, Zoeker: Zoeker };
}));
