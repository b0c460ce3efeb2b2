/* Kompaswaaier: het zoekvak in de kop van elke pagina van een versie.
 *
 * Zonder JavaScript is het een gewoon formulier naar de zoekpagina (zoeken/?zoek=...). De kern van de
 * zoekindex (zoekindex/kern.js: de termen, een lijst van delen en bij een kleine catalogus de titels) laadt
 * de pagina zelf, als script in de kop; dit script haalt per zoekvraag alleen de delen die die vraag nodig
 * heeft. Terwijl je typt, verschijnen onder het vak de eerste tien items, in dezelfde volgorde
 * als op de zoekpagina en bij 'kompaswaaier zoek', met soort en niveau, en de pagina's van de kennisbank die
 * passen (met het kopje waar je uitkomt). Enter opent de zoekpagina met de zoekvraag in het webadres.
 * Toetsen: / of s gaat naar het zoekvak; pijl omlaag en omhoog lopen door de resultaten; Escape sluit ze.
 * Het aantal resultaten wordt voorgelezen (role="status"), pas als het typen even stilstaat.
 *
 * Ook de zoekpagina (catalogus.js) gebruikt deze index: window.KompasZoekindex.laad().
 */
(function () {
  "use strict";

  var ITEMS = 10;
  var PAGINAS = 5;
  /* Wie zoekt, zoekt vaak nog eens: is de hele index klein (samen zo veel tekens JSON, ongeveer 100 kB gzip),
   * dan haalt het vak na het eerste resultaat de rest op de achtergrond, één deel tegelijk (niet bij een
   * databesparende of trage verbinding). Dan hoeft een volgende vraag niet te wachten en werkt zoeken offline. */
  var VOORRAAD_TEKENS = 500000;
  var ANNOUNCE_DELAY = 400;
  var WAIT_NOTICE = 300;

  var script = document.currentScript;
  var form = document.querySelector("form.kw-zoekvak");
  if (!script || !form || !window.lunr || !window.KompasZoeken) return;
  var basis = new URL("../../", script.src); /* de map van de versie: .../professionals/ */
  var Zoeken = window.KompasZoeken;

  function laadJson(pad) {
    return fetch(new URL(pad, basis).href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  /* De kern: zoekindex/kern.js zet window.KompasKernData en meldt "kompas-kern". De pagina laadt hem zelf
   * (<script async> in de kop), zonder fetch- en JSON-stap voor de eerste zoekvraag; welk van de twee scripts
   * eerst binnen is, maakt niet uit. Is de pagina helemaal geladen zonder kern (geen netwerk), dan probeert
   * dit script het met een nieuw script-element; mislukt ook dat, dan probeert een volgende zoekvraag het weer. */
  function laadKern() {
    return new Promise(function (resolve, reject) {
      function klaar() {
        if (!window.KompasKernData) return false;
        document.removeEventListener("kompas-kern", klaar);
        resolve(window.KompasKernData);
        return true;
      }
      function opnieuw() {
        if (klaar()) return;
        var element = document.createElement("script");
        element.src = new URL(form.getAttribute("data-kern"), location.href).href;
        element.onload = function () { if (!klaar()) reject(new Error("geen kern")); };
        element.onerror = function () { element.remove(); reject(new Error("kern niet geladen")); };
        document.head.appendChild(element);
      }
      if (klaar()) return;
      document.addEventListener("kompas-kern", klaar);
      if (document.readyState === "complete") opnieuw();
      else window.addEventListener("load", opnieuw);
    });
  }

  /* De index van deze versie, één keer geladen en gedeeld door het zoekvak en de zoekpagina. */
  var kernBelofte = null;
  function laadIndex() {
    if (!kernBelofte) {
      kernBelofte = laadKern().then(function (kern) {
        var paginas = null;
        return {
          kern: kern,
          items: new Zoeken.Sectie(window.lunr, kern.items, laadJson),
          /* De pagina's van de kennisbank: een eigen bestand, pas gehaald als de items er zijn. */
          paginas: function () {
            if (!paginas) {
              paginas = laadJson(kern.paginas).then(function (data) { return new Zoeken.Sectie(window.lunr, data, laadJson); });
              paginas.catch(function () { paginas = null; });
            }
            return paginas;
          },
          laadJson: laadJson,
          basis: basis
        };
      });
      kernBelofte.catch(function () { kernBelofte = null; }); /* een volgende poging mag opnieuw */
    }
    return kernBelofte;
  }
  window.KompasZoekindex = { laad: laadIndex };
  document.dispatchEvent(new Event("kompas-zoekindex"));

  var input = form.querySelector("input[name='zoek']");
  var paneel = form.querySelector(".kw-zoekvak-paneel");
  var status = form.querySelector(".kw-zoekvak-status");
  var clienten = form.getAttribute("data-versie") === "clienten";
  var noun = clienten ? ["hulpmiddel", "hulpmiddelen"] : ["item", "items"];
  var api = { lastMs: null, lastItems: null, lastPaginas: null };
  window.KompasZoekvak = api;

  var zoekers = null;
  function laadZoekers() {
    return laadIndex().then(function (index) {
      if (!zoekers) {
        zoekers = {
          index: index,
          items: new Zoeken.Zoeker(window.lunr, index.kern.zoekpijplijn, index.items),
          paginas: function () {
            return index.paginas().then(function (sectie) {
              if (!zoekers.paginaZoeker) {
                zoekers.paginaZoeker = new Zoeken.Zoeker(window.lunr, index.kern.zoekpijplijn, sectie, { gedeeltelijk: false });
              }
              return zoekers.paginaZoeker;
            });
          },
          paginaZoeker: null,
          weergave: {}
        };
        /* Een kleine catalogus heeft één bestand met titels: meteen halen, naast de delen van de eerste vraag. */
        if (index.kern.items.weergave.length === 1) weergave(zoekers, [0]).catch(function () {});
      }
      return zoekers;
    });
  }

  /* Slug, titel, soort en niveau van de items op deze posities: uit kern.json zelf (een kleine catalogus)
   * of uit items-weergave-N.json. */
  function weergave(z, positions) {
    var delen = z.index.kern.items.weergave;
    var nodig = {};
    positions.forEach(function (p) {
      var k = 0;
      while (k + 1 < delen.length && delen[k + 1][0] <= p) k++;
      nodig[k] = true;
    });
    return Promise.all(Object.keys(nodig).map(function (k) {
      if (!z.weergave[k]) {
        var bron = delen[k][1];
        z.weergave[k] = typeof bron === "string" ? laadJson(bron) : Promise.resolve(bron);
        z.weergave[k].catch(function () { delete z.weergave[k]; });
      }
      return z.weergave[k].then(function (lijst) { return [+k, lijst]; });
    })).then(function (geladen) {
      var info = {};
      geladen.forEach(function (pair) {
        var start = delen[pair[0]][0];
        positions.forEach(function (p) { if (p >= start && p - start < pair[1].length) info[p] = pair[1][p - start]; });
      });
      return info;
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function count(n, words) { return n + " " + (n === 1 ? words[0] : words[1]); }

  function catalogusAdres(q) {
    var url = new URL("zoeken/", basis);
    if (q.trim()) url.searchParams.set("zoek", q.trim());
    return url.href;
  }

  var announceTimer = null;
  function announce(text, now) {
    clearTimeout(announceTimer);
    if (now) status.textContent = text;
    else announceTimer = setTimeout(function () { status.textContent = text; }, ANNOUNCE_DELAY);
  }

  function open() { paneel.hidden = false; }
  function sluit() { paneel.hidden = true; }

  /* Het paneel: eerst de items (zodra die er zijn), daaronder de pagina's (als die er ook zijn). */
  var vakItems = el("div", { "class": "kw-zv-items" });
  var vakPaginas = el("div", { "class": "kw-zv-paginas" });

  function toonItems(q, items, info, kern) {
    var fragment = document.createDocumentFragment();
    var n = items.hits.length;
    fragment.appendChild(el("p", { "class": "kw-zv-kop", id: "kw-zv-kop-items",
      text: clienten ? "Hulpmiddelen" : "Items in de waaier" }));
    if (items.partial) {
      fragment.appendChild(el("p", { "class": "kw-zv-melding",
        text: "Geen " + noun[1] + " met al deze woorden. Wel met een deel ervan:" }));
    }
    if (n) {
      var lijst = el("ol", { "class": "kw-zv-lijst", "aria-labelledby": "kw-zv-kop-items" });
      items.hits.slice(0, ITEMS).forEach(function (hit) {
        var item = info[hit.position];
        if (!item) return;
        var meta = kern.items.soorten[item[2]] + " \u00b7 " + kern.items.niveaus[item[3]];
        lijst.appendChild(el("li", { "data-slug": item[0] }, [
          el("a", { href: new URL("waaier/" + item[0] + "/", basis).href }, [
            el("span", { "class": "kw-zv-titel", text: item[1] }), " ",
            el("span", { "class": "kw-zv-meta", text: meta })
          ])
        ]));
      });
      fragment.appendChild(lijst);
      fragment.appendChild(el("p", { "class": "kw-zv-alles" }, [
        el("a", { href: catalogusAdres(q), text: (n === 1 ? "Dit " + noun[0] : "Alle " + count(n, noun)) +
          " op de zoekpagina, met filters" })
      ]));
    } else {
      fragment.appendChild(el("p", { "class": "kw-zv-melding", text: "Geen " + noun[1] + " gevonden." }));
    }
    vakItems.textContent = "";
    vakItems.appendChild(fragment);
    vakPaginas.textContent = "";
    if (paneel.firstChild !== vakItems) {
      paneel.textContent = "";
      paneel.appendChild(vakItems);
      paneel.appendChild(vakPaginas);
    }
    open();
  }

  function toonPaginas(paginas, weergaveLijst) {
    var p = paginas.hits.length;
    vakPaginas.textContent = "";
    if (!p) return;
    vakPaginas.appendChild(el("p", { "class": "kw-zv-kop", id: "kw-zv-kop-paginas", text: "Pagina's" }));
    var lijst = el("ul", { "class": "kw-zv-lijst", "aria-labelledby": "kw-zv-kop-paginas" });
    paginas.hits.slice(0, PAGINAS).forEach(function (hit) {
      var pagina = weergaveLijst[hit.position];
      lijst.appendChild(el("li", { "data-pagina": pagina[0] }, [
        el("a", { href: new URL(pagina[0], basis).href }, [
          el("span", { "class": "kw-zv-titel", text: pagina[1] }), " ",
          el("span", { "class": "kw-zv-meta", text: "Pagina" + (pagina[2] ? " \u00b7 " + pagina[2] : "") })
        ])
      ]));
    });
    vakPaginas.appendChild(lijst);
    if (p > PAGINAS) {
      vakPaginas.appendChild(el("p", { "class": "kw-zv-melding kw-zv-nog",
        text: "Nog " + (p - PAGINAS) + (p - PAGINAS === 1 ? " pagina past" : " pagina's passen") + " ook; typ meer woorden." }));
    }
  }

  function samenvatting(q, items, paginas) {
    var n = items.hits.length, p = paginas.hits.length;
    if (!n && !p) return "Niets gevonden voor \u2018" + q.trim() + "\u2019. Druk op Enter om op de zoekpagina te zoeken.";
    return (items.partial ? count(n, noun) + " met een deel van de woorden" : count(n, noun)) + " en " +
      (p === 1 ? "1 pagina" : p + " pagina's") + " gevonden";
  }

  function toonMelding(text) {
    paneel.textContent = "";
    paneel.appendChild(el("p", { "class": "kw-zv-melding", text: text }));
    open();
  }

  var voorraadGestart = false;
  function voorraad(z) {
    if (voorraadGestart) return;
    voorraadGestart = true;
    var verbinding = navigator.connection;
    if (verbinding && (verbinding.saveData || /2g/.test(verbinding.effectiveType || ""))) return;
    var secties = [z.index.items];
    var haal = function () {
      z.index.paginas().then(function (paginas) { secties.push(paginas); }, function () {}).then(function () {
        var taken = [];
        secties.forEach(function (sectie) {
          if ((sectie.data.omvang || Infinity) > VOORRAAD_TEKENS) return;
          sectie.data.delen.forEach(function (_deel, k) { taken.push(function () { return sectie.laadDeel(k); }); });
        });
        return taken.reduce(function (vorige, taak) {
          return vorige.then(taak).catch(function () {});
        }, Promise.resolve());
      });
    };
    if (window.requestIdleCallback) window.requestIdleCallback(haal, { timeout: 2000 });
    else setTimeout(haal, 500);
  }

  var GEEN = { hits: [], terms: [], partial: false };
  var volgnummer = 0;

  /* Zoek wat in het vak staat: eerst de items (delen van de index en zo nodig titels laden), meteen tonen;
   * dan de pagina's. Een nieuwere zoekvraag wint altijd van een oudere die nog laadt. */
  function zoek() {
    var q = input.value;
    var nummer = ++volgnummer;
    var actueel = function () { return nummer === volgnummer; };
    var t0 = performance.now();
    form.removeAttribute("data-zoekvraag");
    form.removeAttribute("data-klaar");
    if (!q.trim()) {
      sluit();
      paneel.textContent = "";
      announce("", true);
      return;
    }
    var wacht = setTimeout(function () { if (actueel()) toonMelding("Zoeken\u2026"); }, WAIT_NOTICE);
    var z;
    laadZoekers().then(function (zoekers) {
      z = zoekers;
      return z.items.laad(q);
    }).then(function () {
      if (!actueel()) return null;
      var items = z.items.search(q);
      return weergave(z, items.hits.slice(0, ITEMS).map(function (h) { return h.position; })).then(function (info) {
        if (!actueel()) return null;
        clearTimeout(wacht);
        toonItems(q, items, info, z.index.kern);
        voorraad(z);
        api.lastItems = items;
        api.lastMs = performance.now() - t0;
        form.setAttribute("data-zoekvraag", q);
        if (!items.terms.length) return { items: items, paginas: GEEN, weergave: [] }; /* alleen stopwoorden */
        return z.paginas().then(function (paginas) {
          return paginas.laad(q).then(function () {
            return { items: items, paginas: actueel() ? paginas.search(q) : GEEN, weergave: paginas.sectie.data.weergave };
          });
        });
      });
    }).then(function (r) {
      if (!r || !actueel()) return;
      toonPaginas(r.paginas, r.weergave);
      api.lastPaginas = r.paginas;
      announce(samenvatting(q, r.items, r.paginas), false);
      form.setAttribute("data-klaar", q);
    }).catch(function () {
      clearTimeout(wacht);
      if (!actueel()) return;
      if (!form.hasAttribute("data-zoekvraag")) {
        toonMelding("Zoeken lukt nu niet (is er verbinding?). Druk op Enter om op de zoekpagina te zoeken.");
      }
      announce("Zoeken lukt nu niet.", true);
      form.setAttribute("data-zoekvraag", q);
      form.setAttribute("data-klaar", q);
    });
  }

  function links() { return Array.prototype.slice.call(paneel.querySelectorAll("a")); }

  input.addEventListener("input", zoek);
  input.addEventListener("focus", function () {
    laadZoekers().catch(function () {});
    if (input.value.trim() && paneel.childNodes.length) open();
  });
  form.addEventListener("pointerenter", function () { laadZoekers().catch(function () {}); });
  form.addEventListener("touchstart", function () { laadZoekers().catch(function () {}); }, { passive: true });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !paneel.hidden) {
      var first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      /* Eerst de resultaten dicht, dan pas het vak leeg (de browser zou het vak meteen legen). */
      event.preventDefault();
      if (!paneel.hidden) sluit();
      else if (input.value) { input.value = ""; zoek(); }
    }
  });
  paneel.addEventListener("keydown", function (event) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = i + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      sluit();
      input.focus();
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
      setTimeout(function () { if (!form.contains(document.activeElement)) sluit(); }, 0);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!form.contains(event.target)) sluit();
  });

  /* Sneltoets, zoals in het thema: / of s gaat naar het zoekvak (niet tijdens typen in een ander veld). */
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  /* De kern van de index (de pagina haalt hem al met rel=preload) meteen inlezen; wie al typte voordat dit
   * script er was, krijgt meteen antwoord. */
  if (input.value.trim()) zoek();
  else laadZoekers().catch(function () {});
}());
