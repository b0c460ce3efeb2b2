/* Kompaswaaier service worker: pages you have opened keep working when the network is gone or slow.
 *
 * One worker per version of the site (scope: /clienten/, /professionals/, /organisaties/).
 * - Pages: network first, so you always see the newest text; after TIMEOUT ms without an answer,
 *   or without any network, the copy from your last visit. Query strings (?q=..., ?h=...) are
 *   ignored for the copy, so the catalogue opens offline with any search.
 * - Files whose address carries their version (bundle.a5f9d56c.min.js, zoeken.css?v=3275c885abda):
 *   the stored copy, never downloaded again: a new version has a new address.
 * - Everything else of this site (style, scripts, search index, data): the stored copy at once,
 *   refreshed in the background.
 * - Other websites: never touched. Nothing is sent anywhere; the copies stay in your browser.
 */
"use strict";

const PREFIX = "kompaswaaier:" + self.registration.scope + ":";
const CACHE = PREFIX + "1";
const TIMEOUT = 4000;
const MAX_ENTRIES = 400;
const VERSIONED = /\.[0-9a-f]{8,}\.min\.(?:js|css)$|[?&]v=[0-9a-z]{6,}(?:&|$)/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function pageKey(request) {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  return url.href;
}

async function remember(key, response) {
  if (!response || !response.ok || response.type !== "basic") return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) await cache.delete(old);
}

function offlinePage() {
  const html = '<!doctype html><html lang="nl"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Geen verbinding - Kompaswaaier</title></head>' +
    '<body><main><h1>Geen verbinding</h1><p>U heeft nu geen internet. Deze pagina heeft u nog niet eerder geopend, ' +
    'dus er is geen kopie van. Pagina\'s die u al eens opende, werken wel.</p></main></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function page(event) {
  const key = pageKey(event.request);
  const network = fetch(event.request).then((response) => {
    const copy = response.clone();
    event.waitUntil(remember(key, copy));
    return response;
  });
  network.catch(() => undefined);
  const stored = caches.match(key);
  const slow = new Promise((resolve) => setTimeout(resolve, TIMEOUT));
  try {
    const first = await Promise.race([network, slow.then(() => stored)]);
    if (first) return first;
    return await network;
  } catch (error) {
    return (await stored) || offlinePage();
  }
}

async function asset(event) {
  const key = event.request.url;
  const stored = await caches.match(key);
  if (stored && VERSIONED.test(new URL(key).pathname + new URL(key).search)) return stored;
  const network = fetch(event.request).then((response) => {
    event.waitUntil(remember(key, response.clone()));
    return response;
  });
  if (stored) {
    network.catch(() => undefined);
    return stored;
  }
  return network;
}

// The first page you open is loaded before this worker runs. That page sends its address and the
// files it loaded (this site only), so it too opens without network next time.
self.addEventListener("message", (event) => {
  const data = event.data && event.data.kompaswaaierBewaar;
  if (!data) return;
  const inScope = (url) => url.origin === self.location.origin && url.href.startsWith(self.registration.scope);
  const keep = async (key, href) => {
    if (await caches.match(key)) return;
    try {
      await remember(key, await fetch(href));
    } catch (error) { /* no network: nothing to keep */ }
  };
  event.waitUntil((async () => {
    const page = new URL(data.pagina);
    if (inScope(page)) await keep(pageKey(new Request(page.href)), page.href);
    for (const href of data.bestanden || []) {
      const url = new URL(href);
      if (inScope(url)) await keep(url.href, url.href);
    }
    if (event.source) event.source.postMessage({ kompaswaaierBewaard: true });
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else event.respondWith(asset(event));
});
