{% autoescape off %}// Ressort's field service worker (served by ressort/fieldwork/views/offline.py under the
// démarche's « terrain/ » pages, its scope). It keeps the field pages the phone opened and our
// static files, so that the forms open without a network; the entries themselves are kept by
// the page in IndexedDB (fieldwork/offline.js), never here. Only GET requests of our own
// origin are answered; everything else goes to the network untouched.
"use strict";
var CACHE = {{ cache }};
var PREFIX = {{ prefix }};
var SCOPE = self.registration.scope;

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) {
        return n.indexOf(PREFIX) === 0 && n !== CACHE;
      }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// The page names what it needs offline (itself, its scripts and style sheets).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "garder" || !Array.isArray(data.urls)) return;
  // One at a time: a phone on a weak network, a small server.
  var done = caches.open(CACHE).then(function (cache) {
    return data.urls.filter(sameOrigin).reduce(function (chain, url) {
      return chain.then(function () {
        // What is already kept is not asked again, except the page that asks (fresh copy).
        return cache.match(url, { ignoreVary: true }).then(function (hit) {
          if (hit && url !== data.page) return;
          return fetch(url, { credentials: "same-origin" }).then(function (r) {
            if (r.ok && !r.redirected) return cache.put(url, r);
          }).catch(function () {});
        });
      });
    }, Promise.resolve());
  }).then(function () {
    if (event.source) event.source.postMessage({ type: "garde" });
  });
  event.waitUntil(done);
});

function sameOrigin(url) {
  try { return new URL(url, self.location.href).origin === self.location.origin; }
  catch (e) { return false; }
}

function isStatic(url) { return url.pathname.indexOf("/static/") === 0; }

function offlinePage() {
  return new Response(
    "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Hors ligne</title>" +
    "<p>Cette page n'a pas été ouverte avec du réseau sur ce téléphone\u00a0: elle n'est pas " +
    "disponible hors ligne. Les entrées en attente restent enregistrées sur le téléphone.</p>",
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  var url = new URL(request.url);
  if (isStatic(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request, { ignoreVary: true }).then(function (hit) {
        return hit || fetch(request).then(function (r) {
          if (r.ok) cache.put(request, r.clone());
          return r;
        });
      });
    }));
    return;
  }
  if (request.url.indexOf(SCOPE) !== 0) return;
  // Pages of the field scope: the network first (fresh data), the kept copy without it.
  event.respondWith(
    fetch(request).then(function (r) {
      if (r.ok && !r.redirected) {
        var copy = r.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return r;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        // Our pages vary on the cookie and the language: the kept copy is this phone's own.
        return cache.match(request, { ignoreVary: true }).then(function (hit) {
          return hit || cache.match(request, { ignoreSearch: true, ignoreVary: true });
        }).then(function (hit) {
          return hit || (request.mode === "navigate" ? offlinePage() : Response.error());
        });
      });
    })
  );
});
{% endautoescape %}
