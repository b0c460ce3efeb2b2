// Pariteitstest: de echte npm-pakketten lunr 2.3.9 en lunr-languages 1.22.0 (node_modules/), met de kern
// van de site (assets/zoeken/kern.js), op een index die Python heeft gebouwd.
// Gebruik: node zoek_pariteit.js OPDRACHT.json  ->  JSON op stdout.
// OPDRACHT: {"index": pad naar zoekindex.json, "zoekvragen": [{"tekst", "filters"}], "woorden": [...]}
"use strict";
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const lunr = require(path.join(repo, "node_modules", "lunr"));
require(path.join(repo, "node_modules", "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(repo, "node_modules", "lunr-languages", "lunr.nl.js"))(lunr);
const { Zoeker } = require(path.join(repo, "src", "kompaswaaier", "assets", "zoeken", "kern.js"));

const task = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = { lunr: lunr.version, stammen: {}, resultaten: [] };
for (const word of task.woorden || []) {
  out.stammen[word] = lunr.nl.stemmer(new lunr.Token(word)).toString();
}
if (task.index) {
  const zoeker = new Zoeker(lunr, JSON.parse(fs.readFileSync(task.index, "utf8")));
  for (const q of task.zoekvragen) {
    const r = zoeker.search(q.tekst, q.filters || {});
    out.resultaten.push({
      termen: r.terms,
      gedeeltelijk: r.partial,
      aantal: r.hits.length,
      top: r.hits.slice(0, 10).map((h) => [h.slug, h.score]),
      tellingen: r.counts,
    });
  }
}
process.stdout.write(JSON.stringify(out));
