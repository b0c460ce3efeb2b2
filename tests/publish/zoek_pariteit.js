// Pariteitstest: de echte npm-pakketten lunr 2.3.9 en lunr-languages 1.22.0 (node_modules/), met de kern
// van de site (assets/zoeken/kern.js), op de index zoals de site hem levert: zoekindex/kern.js en de delen,
// door Python gebouwd. Per zoekvraag worden, net als in de browser, alleen de delen geladen die hij nodig heeft.
// Gebruik: node zoek_pariteit.js OPDRACHT.json  ->  JSON op stdout.
// OPDRACHT: {"map": map van een versie (met zoekindex/), "sectie": "items" of "paginas", "facetten": true/false,
//            "zoekvragen": [{"tekst", "filters"}], "woorden": [...]}
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const repo = path.resolve(__dirname, "..", "..");
const lunr = require(path.join(repo, "node_modules", "lunr"));
require(path.join(repo, "node_modules", "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(repo, "node_modules", "lunr-languages", "lunr.nl.js"))(lunr);
const { Sectie, Zoeker } = require(path.join(repo, "src", "kompaswaaier", "assets", "zoeken", "kern.js"));

async function main() {
  const task = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const out = { lunr: lunr.version, stammen: {}, resultaten: [], gelezen: [] };
  for (const word of task.woorden || []) {
    out.stammen[word] = lunr.nl.stemmer(new lunr.Token(word)).toString();
  }
  if (task.map) {
    const read = (address) => {
      const file = address.split("?")[0];
      out.gelezen.push(file);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(task.map, file), "utf8")));
    };
    // De kern is een script (zoals de pagina hem laadt): hij zet window.KompasKernData en meldt "kompas-kern".
    const pagina = { window: {}, meldingen: [] };
    pagina.document = { dispatchEvent: (event) => pagina.meldingen.push(event.type) };
    pagina.Event = function (type) { this.type = type; };
    vm.runInNewContext(fs.readFileSync(path.join(task.map, "zoekindex", "kern.js"), "utf8"), pagina);
    if (pagina.meldingen.join() !== "kompas-kern") throw new Error("kern.js meldde zich niet");
    out.gelezen.push("zoekindex/kern.js");
    const kern = pagina.window.KompasKernData;
    const data = task.sectie === "paginas" ? await read(kern.paginas) : kern.items;
    const sectie = new Sectie(lunr, data, read);
    const facetten = task.facetten ? await read(data.facetten) : undefined;
    const zoeker = new Zoeker(lunr, kern.zoekpijplijn, sectie,
                              { facetten: facetten, gedeeltelijk: task.sectie !== "paginas" });
    for (const q of task.zoekvragen) {
      const voor = out.gelezen.length;
      await zoeker.laad(q.tekst);
      const r = zoeker.search(q.tekst, q.filters || {});
      out.resultaten.push({
        termen: r.terms,
        gedeeltelijk: r.partial,
        aantal: r.hits.length,
        top: r.hits.slice(0, 10).map((h) => [h.position, h.score]),
        tellingen: r.counts,
        delen: out.gelezen.length - voor,
      });
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
