// The portrait's map: the démarche's perimeter and the located fieldwork items
// (observations, vulnerabilities, resources) with a link to each.
(function () {
  "use strict";
  var COLOURS = { resource: "#2e7d32", ressource: "#2e7d32", vulnerability: "#b3261e", vulnerabilite: "#b3261e" };
  function get(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : Promise.reject(r.status);
    });
  }
  function draw(el) {
    if (!window.L || el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([46.6, 2.4], 5);
    if (window.RessortBasemaps) window.RessortBasemaps.add(map);
    var group = L.featureGroup().addTo(map);
    Promise.all([get(el.dataset.perimeter), get(el.dataset.features)]).then(function (both) {
      L.geoJSON(both[0], {
        style: function (f) {
          return f.properties.role === "outline"
            ? { color: "#0b5c57", weight: 3, fill: false }
            : { color: "#3f6e8c", weight: 1, fillOpacity: 0.08 };
        },
      }).addTo(group);
      L.geoJSON(both[1], {
        pointToLayer: function (f, latlng) {
          var colour = COLOURS[f.properties.kind] || "#2f6f9f";
          return L.circleMarker(latlng, { radius: 7, color: colour, fillColor: colour, fillOpacity: 0.8 });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties || {};
          var a = document.createElement("a");
          a.href = p.url || "#";
          a.textContent = p.title || "Élément";
          layer.bindPopup(a);
        },
      }).addTo(group);
      if (group.getLayers().length) map.fitBounds(group.getBounds(), { padding: [10, 10] });
      el.dataset.mapLoaded = String(both[1].features ? both[1].features.length : 0);
    }).catch(function () {
      el.insertAdjacentHTML("afterend", '<p class="text-danger small">La carte n\'a pas pu être chargée.</p>');
    });
  }
  function init() { document.querySelectorAll("[data-portrait-map]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
