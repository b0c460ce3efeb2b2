/* Kompaswaaier: zoeken en filteren op de pagina met de hele lijst.
 *
 * Zonder JavaScript staat de hele lijst er al. Dit script gebruikt dezelfde vooraf gebouwde index als
 * het zoekvak in de kop (window.KompasZoekindex, zie zoekvak.js) plus de facetten (facetten.json), toont
 * het zoekveld en de filters, en zet zoekopdracht en filters in het webadres:
 * ?zoek=dementie+thuis&setting=thuis. Terug en vooruit in de browser werken. Per zoekvraag worden
 * alleen de delen van de index geladen die de vraag nodig heeft.
 */
(function () {
  "use strict";

  var PAGE = 50;
  var QUERY_PARAM = "zoek";
  var ANNOUNCE_DELAY = 400;
  var URL_DELAY = 300;
  var HINTS = { zorgvragers: "Items voor alle mensen met een zorgvraag tellen bij elke groep mee." };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function start(root) {
    var form = root.querySelector(".kw-zoekform");
    var input = root.querySelector("#kw-q");
    var facetBox = root.querySelector(".kw-facetten");
    var active = root.querySelector(".kw-actief");
    var status = root.querySelector(".kw-status");
    var list = root.querySelector(".kw-lijst");
    var more = root.querySelector(".kw-meer");
    var clients = root.getAttribute("data-versie") === "clienten";
    var noun = clients ? ["hulpmiddel", "hulpmiddelen"] : ["item", "items"];
    var elements = Array.prototype.slice.call(list.querySelectorAll("li[data-slug]")); /* in de volgorde van de index */
    var zoeker = null;
    var facets = [];
    var boxes = {};
    var limit = PAGE;
    var announceTimer = null;
    var urlTimer = null;
    var renderNumber = 0;
    var api = { root: root, ready: false, lastMs: null, zoeker: null };
    window.KompasZoekenPagina = api;

    function count(n) { return n + " " + (n === 1 ? noun[0] : noun[1]); }

    function state() {
      var filters = {};
      facets.forEach(function (f) {
        var chosen = [];
        f.waarden.forEach(function (v) {
          if (boxes[f.code][v.code].checked) chosen.push(v.code);
        });
        if (chosen.length) filters[f.code] = chosen;
      });
      return { q: input.value, filters: filters };
    }

    function toUrl(s) {
      var params = new URLSearchParams();
      if (s.q.trim()) params.set(QUERY_PARAM, s.q.trim());
      facets.forEach(function (f) {
        (s.filters[f.code] || []).forEach(function (v) { params.append(f.code, v); });
      });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      input.value = params.get(QUERY_PARAM) || "";
      facets.forEach(function (f) {
        var chosen = params.getAll(f.code);
        f.waarden.forEach(function (v) { boxes[f.code][v.code].checked = chosen.indexOf(v.code) >= 0; });
      });
    }

    function buildFacets() {
      facets = zoeker.facetten.filter(function (f) { return f.waarden.length > 0; });
      facets.forEach(function (f) {
        boxes[f.code] = {};
        var fieldset = el("fieldset", {}, [el("legend", { "class": "kw-sr", text: f.label })]);
        if (HINTS[f.code]) fieldset.appendChild(el("p", { "class": "kw-hint", text: HINTS[f.code] }));
        f.waarden.forEach(function (v) {
          var id = "kw-f-" + f.code + "-" + v.code;
          var box = el("input", { type: "checkbox", id: id, name: f.code, value: v.code });
          var number = el("span", { "class": "kw-aantal" });
          var label = el("label", { "for": id }, [document.createTextNode(v.label + " "), number]);
          boxes[f.code][v.code] = box;
          box._count = number;
          fieldset.appendChild(el("div", { "class": "kw-waarde" }, [box, label]));
        });
        var summary = el("summary", {}, [document.createTextNode(f.label), el("span", { "class": "kw-gekozen" })]);
        var details = el("details", { "class": "kw-facet", "data-facet": f.code }, [summary, fieldset]);
        facetBox.appendChild(details);
      });
    }

    function chip(text, onClick, extraClass) {
      var button = el("button", { type: "button", "class": "kw-chip" + (extraClass ? " " + extraClass : "") });
      button.appendChild(document.createTextNode(text));
      button.addEventListener("click", onClick);
      return button;
    }

    function renderActive(s) {
      active.textContent = "";
      var n = 0;
      facets.forEach(function (f) {
        (s.filters[f.code] || []).forEach(function (code) {
          var value = f.waarden.filter(function (v) { return v.code === code; })[0];
          n++;
          var button = chip(f.label + ": " + value.label + " ", function () {
            boxes[f.code][code].checked = false;
            update(true);
            var next = active.querySelector(".kw-chip");
            (next || input).focus();
          });
          button.appendChild(el("span", { "aria-hidden": "true", text: "\u00d7" }));
          button.appendChild(el("span", { "class": "kw-sr", text: "(filter weghalen)" }));
          active.appendChild(button);
        });
      });
      if (n > 1 || (n && s.q.trim())) {
        active.appendChild(chip("Alles wissen", function () {
          input.value = "";
          facets.forEach(function (f) { f.waarden.forEach(function (v) { boxes[f.code][v.code].checked = false; }); });
          update(true);
          input.focus();
        }, "kw-chip-alles"));
      }
      active.hidden = n === 0;
    }

    function message(s, result) {
      var hasFilters = Object.keys(s.filters).length > 0;
      var total = result.hits.length;
      if (!result.terms.length && !hasFilters) return "Alle " + count(total);
      if (!total) return "Geen " + noun[1] + " gevonden. Probeer andere woorden of haal een filter weg.";
      if (result.partial) return "Geen " + noun[1] + " met al deze woorden; " + count(total) + " met een deel ervan";
      return count(total) + " gevonden" + (result.terms.length ? " voor \u2018" + s.q.trim() + "\u2019" : "") +
        (hasFilters ? " met de gekozen filters" : "");
    }

    /* Laad wat de zoekvraag nodig heeft (meestal al binnen) en toon dan de lijst; een latere vraag wint. */
    function render(announceNow) {
      var number = ++renderNumber;
      var q = input.value;
      if (zoeker.klaarVoor(q)) {
        show(announceNow);
        return Promise.resolve();
      }
      return zoeker.laad(q).then(function () {
        if (number === renderNumber) show(announceNow);
      }, function () {
        if (number !== renderNumber) return;
        status.textContent = "Zoeken lukt nu niet (is er verbinding?). Hieronder staat de hele lijst.";
        root.setAttribute("data-aantal", "fout");
      });
    }

    function show(announceNow) {
      var s = state();
      var t0 = performance.now();
      var result = zoeker.search(s.q, s.filters);
      api.lastMs = performance.now() - t0;
      api.lastResult = result;
      var fragment = document.createDocumentFragment();
      result.hits.slice(0, limit).forEach(function (hit) {
        var li = elements[hit.position];
        if (li) fragment.appendChild(li);
      });
      list.textContent = "";
      list.appendChild(fragment);
      var rest = result.hits.length - Math.min(limit, result.hits.length);
      more.hidden = rest <= 0;
      more.textContent = "Toon meer (nog " + rest + ")";
      facets.forEach(function (f) {
        var counts = result.counts[f.code];
        var picked = 0;
        f.waarden.forEach(function (v, i) {
          var box = boxes[f.code][v.code];
          box._count.textContent = "(" + counts[i] + ")";
          if (box.checked) picked++;
        });
        var mark = facetBox.querySelector('[data-facet="' + f.code + '"] .kw-gekozen');
        mark.textContent = picked ? " (" + picked + " gekozen)" : "";
      });
      renderActive(s);
      var text = message(s, result);
      clearTimeout(announceTimer);
      if (announceNow) status.textContent = text;
      else announceTimer = setTimeout(function () { status.textContent = text; }, ANNOUNCE_DELAY);
      root.setAttribute("data-aantal", String(result.hits.length));
      root.setAttribute("data-zoekvraag", s.q);
    }

    /* Typing renders at once; the address follows when typing pauses (history calls are slow). */
    function update(push) {
      limit = PAGE;
      clearTimeout(urlTimer);
      render(push);
      if (push) {
        history.pushState(null, "", toUrl(state()));
      } else {
        urlTimer = setTimeout(function () { history.replaceState(null, "", toUrl(state())); }, URL_DELAY);
      }
    }

    function setup(index, facetData) {
      zoeker = new window.KompasZoeken.Zoeker(window.lunr, index.kern.zoekpijplijn, index.items, { facetten: facetData });
      if (zoeker.aantal !== elements.length) throw new Error("de index past niet bij de lijst op de pagina");
      api.zoeker = zoeker;
      buildFacets();
      fromUrl();
      form.hidden = false;
      input.addEventListener("input", function () { update(false); });
      form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
      facetBox.addEventListener("change", function () { update(true); });
      more.addEventListener("click", function () {
        var first = limit;
        limit += PAGE;
        render(true);
        var items = list.querySelectorAll("li > a");
        if (items[first]) items[first].focus();
      });
      window.addEventListener("popstate", function () { clearTimeout(urlTimer); fromUrl(); limit = PAGE; render(true); });
      return render(true).then(function () {
        api.ready = true;
        root.setAttribute("data-klaar", "ja");
      });
    }

    window.KompasZoekindex.laad()
      .then(function (index) {
        return index.laadJson(index.kern.items.facetten).then(function (facetData) { return setup(index, facetData); });
      })
      .catch(function () {
        status.textContent = "Zoeken lukt nu niet. Hieronder staat de hele lijst.";
        root.setAttribute("data-klaar", "fout");
      });
  }

  /* De index komt van zoeken.js (het zoekvak in de kop, async geladen): wacht er zo nodig op. */
  var root = document.querySelector(".kw-zoeken");
  if (!root) return;
  if (window.KompasZoekindex) start(root);
  else document.addEventListener("kompas-zoekindex", function () { start(root); }, { once: true });
}());
