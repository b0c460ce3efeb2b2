/* Kompaswaaier: de keuzehulp. Vragen en hun koppeling aan de vaste lijsten komen uit waaier.yml.
 *
 * Een item past bij een antwoord als het bij minstens één veld van 'past_bij' minstens één van de
 * codes heeft. Items die bij alle beantwoorde vragen passen, staan bovenaan; daarna items die bij
 * een deel passen. Bij elk item staat waarom het past. De antwoorden staan in het webadres.
 */
(function () {
  "use strict";

  function fits(answer, codes) {
    var wanted = answer.past_bij;
    if (!wanted) return true;
    return Object.keys(wanted).some(function (field) {
      var have = codes[field] || [];
      return wanted[field].some(function (code) { return have.indexOf(code) >= 0; });
    });
  }

  function start(section) {
    var questions = JSON.parse(section.querySelector(".kw-keuzedata").textContent);
    var form = section.querySelector(".kw-keuzeform");
    var status = section.querySelector(".kw-status");
    var all = section.querySelector(".kw-advies-alle");
    var part = section.querySelector(".kw-advies-deel");
    var headAll = section.querySelector(".kw-kop-alle");
    var headPart = section.querySelector(".kw-kop-deel");
    var noJs = section.querySelector(".kw-zonder-js");
    var items = Array.prototype.map.call(section.querySelectorAll("li[data-slug]"), function (li) {
      var note = document.createElement("p");
      note.className = "kw-redenen";
      note.hidden = true;
      var miss = document.createElement("p");
      miss.className = "kw-niet";
      miss.hidden = true;
      li.appendChild(note);
      li.appendChild(miss);
      return { li: li, codes: JSON.parse(li.getAttribute("data-codes")), note: note, miss: miss };
    });

    function answers() {
      var out = [];
      questions.forEach(function (q) {
        var checked = form.querySelector('input[name="' + q.code + '"]:checked');
        if (!checked) return;
        var answer = q.antwoorden.filter(function (a) { return a.code === checked.value; })[0];
        if (answer) out.push({ question: q, answer: answer });
      });
      return out;
    }

    function render() {
      var given = answers().filter(function (x) { return x.answer.past_bij; });
      var full = [];
      var some = [];
      items.forEach(function (item) {
        var reasons = [];
        var missing = [];
        given.forEach(function (x) {
          if (fits(x.answer, item.codes)) reasons.push(x.answer.reden);
          else missing.push(x.question.vraag);
        });
        item.note.textContent = reasons.length ? "Past omdat: " + reasons.join(" ") : "";
        item.note.hidden = !reasons.length;
        item.miss.textContent = missing.length && reasons.length ? "Past niet bij het antwoord op: " + missing.join(" ") : "";
        item.miss.hidden = !(missing.length && reasons.length);
        item.score = reasons.length;
        if (!given.length || reasons.length === given.length) full.push(item);
        else if (reasons.length) some.push(item);
      });
      some.sort(function (a, b) { return b.score - a.score; });
      all.textContent = "";
      full.forEach(function (item) { all.appendChild(item.li); });
      part.textContent = "";
      some.forEach(function (item) { part.appendChild(item.li); });
      var answered = given.length > 0;
      headAll.hidden = !answered || !full.length;
      headPart.hidden = !answered || !some.length;
      part.hidden = !some.length;
      all.hidden = !full.length;
      if (!answered) {
        status.textContent = "Kies een antwoord om de lijst te verfijnen. Nu staan alle " + items.length + " items van deze waaier hieronder.";
      } else if (!full.length && !some.length) {
        status.textContent = "Er past geen item bij deze antwoorden. Kies een ander antwoord of begin opnieuw.";
      } else {
        status.textContent = full.length + (full.length === 1 ? " item past" : " items passen") + " bij alle antwoorden" +
          (some.length ? ", " + some.length + " bij een deel." : ".");
      }
      section.setAttribute("data-passend", String(full.length));
    }

    function toUrl() {
      var params = new URLSearchParams(location.search);
      questions.forEach(function (q) {
        var checked = form.querySelector('input[name="' + q.code + '"]:checked');
        if (checked) params.set(q.code, checked.value);
        else params.delete(q.code);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      questions.forEach(function (q) {
        var value = params.get(q.code);
        Array.prototype.forEach.call(form.querySelectorAll('input[name="' + q.code + '"]'), function (box) {
          box.checked = box.value === value;
        });
      });
    }

    form.addEventListener("change", function () { toUrl(); render(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    section.querySelector(".kw-opnieuw").addEventListener("click", function () {
      form.reset();
      toUrl();
      render();
      var first = form.querySelector("input");
      if (first) first.focus();
    });
    fromUrl();
    form.hidden = false;
    if (noJs) noJs.hidden = true;
    render();
    section.setAttribute("data-klaar", "ja");
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kw-keuzehulp"), start);
}());
