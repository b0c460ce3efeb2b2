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
 * een lijst delen met de postings van opeenvolgende termen, met hun scores per veld zoals lunr ze bij het
 * bouwen berekende. Een Sectie houdt alleen de delen die gestelde vragen nodig hadden.
 *
 * De score is die van lunr 2.3.9 (Index.query), voor de vragen die wij stellen, hier direct uitgerekend:
 * per zoekterm een clausule term* (vanaf 4 letters *term*, gewicht 1, verplicht of niet) en een clausule
 * met de term zelf (gewicht 10, niet verplicht); de vraagvector q heeft per gevonden term de som van die
 * gewichten; per veld is de score van een document q.v / |q| (het inproduct over de gevonden termen, in de
 * volgorde van hun nummer, zoals lunr.Vector.dot); de score van een document is de som over zijn velden.
 * Dat scheelt bij de eerste zoekvraag tientallen milliseconden (lunr maakt per treffer en veld objecten
 * voor metagegevens die wij niet gebruiken). Dat het dezelfde uitkomst is als lunr, bewijst de
 * pariteitstest: lunr in Python op de hele index tegen dit script in node op de delen.
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
    this.data = data;
    this.aantal = data.aantal;
    this.laadJson = laadJson;
    this.begin = data.delen.map(function (deel) { return deel[0]; });
    this.bezig = {};
    this.postings = {}; /* termnummer -> per veld {docs: [...], scores: [...]} */
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

  /* Het nummer van precies deze term, of -1. */
  Sectie.prototype.nummer = function (term) {
    var termen = this.data.termen, lo = 0, hi = termen.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (termen[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo < termen.length && termen[lo] === term ? lo : -1;
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
      return self.uitbreiding(term).every(function (n) { return n in self.postings; });
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

  /* Zet de postings van een deel in de sectie: per term en veld [document, score, ...] (verschillen, duizendsten). */
  Sectie.prototype.voegToe = function (k, postings) {
    var eerste = this.begin[k], alle = this.postings;
    postings.forEach(function (perVeld, j) {
      alle[eerste + j] = perVeld.map(function (plat) {
        var docs = [], scores = [], doc = 0;
        for (var i = 0; i < plat.length; i += 2) {
          doc += plat[i];
          docs.push(doc);
          scores.push(plat[i + 1] / SCORE_SCALE); /* k / 1000 is precies het getal dat lunr bewaarde */
        }
        return { docs: docs, scores: scores };
      });
    });
  };

  /* Zoeken in een sectie. opties.facetten: {facetten, items} (de zoekpagina); opties.gedeeltelijk: false
   * om geen items met een deel van de woorden te tonen als geen enkel item ze allemaal heeft. */
  function Zoeker(lunr, pijplijn, sectie, opties) {
    opties = opties || {};
    this.lunr = lunr;
    this.sectie = sectie;
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

  /* De treffers van lunr's Index.query voor onze clausules (zie boven): [{position, score}], ongesorteerd. */
  Zoeker.prototype.query = function (terms, required) {
    var sectie = this.sectie, aantal = sectie.aantal, velden = sectie.data.velden.length;
    var gewicht = {};
    var nodig = 0, keer = required ? new Uint16Array(aantal) : null, gezien = required ? new Int32Array(aantal) : null;
    for (var t = 0; t < terms.length; t++) {
      var uit = sectie.uitbreiding(terms[t]);
      for (var u = 0; u < uit.length; u++) gewicht[uit[u]] = (gewicht[uit[u]] || 0) + 1;
      var exact = sectie.nummer(terms[t]);
      if (exact >= 0) gewicht[exact] = (gewicht[exact] || 0) + EXACT_BOOST;
      if (!required) continue;
      if (!uit.length) return []; /* een verplichte term die niets vindt: geen enkel document */
      nodig++;
      for (u = 0; u < uit.length; u++) {
        var velden_u = sectie.postings[uit[u]];
        for (var f = 0; f < velden; f++) {
          var docs_f = velden_u[f].docs;
          for (var i = 0; i < docs_f.length; i++) {
            var d = docs_f[i];
            if (gezien[d] !== nodig) { gezien[d] = nodig; keer[d]++; }
          }
        }
      }
    }
    var nummers = Object.keys(gewicht).map(Number).sort(function (a, b) { return a - b; });
    var kwadraten = 0;
    nummers.forEach(function (n) { kwadraten += gewicht[n] * gewicht[n]; });
    var lengte = Math.sqrt(kwadraten);
    var som = [], heeft = [];
    for (f = 0; f < velden; f++) { som.push(new Float64Array(aantal)); heeft.push(new Uint8Array(aantal)); }
    nummers.forEach(function (n) {
      var q = gewicht[n], perVeld = sectie.postings[n];
      for (var f = 0; f < velden; f++) {
        var docs = perVeld[f].docs, scores = perVeld[f].scores, s = som[f], h = heeft[f];
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i];
          if (required && keer[d] !== nodig) continue;
          s[d] += q * scores[i];
          h[d] = 1;
        }
      }
    });
    var out = [];
    for (var d = 0; d < aantal; d++) {
      var score = 0, gevonden = false;
      for (f = 0; f < velden; f++) {
        if (!heeft[f][d]) continue;
        score += som[f][d] / lengte || 0;
        gevonden = true;
      }
      if (gevonden) out.push({ position: d, score: score });
    }
    return out;
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
    var partial = false;
    var hits = this.query(terms, true);
    if (!hits.length && this.gedeeltelijk) {
      hits = this.query(terms, false);
      partial = hits.length > 0;
    }
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
