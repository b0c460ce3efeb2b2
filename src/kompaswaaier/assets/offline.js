/* Kompaswaaier: register the service worker of this version (sw.js, next to index.html).
 * The first page you open is loaded before the worker runs; it hands the worker its own address and
 * the files it loaded, so that page too opens without network next time. See sw.js. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  var worker = new URL("../sw.js", document.currentScript.src).href;
  var first = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register(worker).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (!first || !registration.active) return;
    registration.active.postMessage({ kompaswaaierBewaar: {
      pagina: location.href,
      bestanden: performance.getEntriesByType("resource").map(function (entry) { return entry.name; })
    } });
  }).catch(function () { /* no service worker: the site works as before, only not offline */ });
})();
