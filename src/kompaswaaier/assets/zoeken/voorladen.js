/* Kompaswaaier: het begin van zoeken.js. Vraag de kern van de zoekindex (zoekindex/kern.json, door de pagina al
 * met rel=preload opgehaald) meteen op, nog voordat lunr hieronder wordt ingelezen; zoekvak.js gebruikt deze belofte. */
(function () {
  "use strict";
  var form = document.querySelector("form.kw-zoekvak");
  if (!form || !window.fetch) return;
  window.KompasKern = fetch(new URL(form.getAttribute("data-kern"), location.href).href).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  });
  window.KompasKern.catch(function () { window.KompasKern = null; });
}());
