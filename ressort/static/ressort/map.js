// Draws a perimeter on a Leaflet map: the outline and the communes of a GeoJSON feed.
// Background maps from the configuration (basemaps.js) when online; offline, the contours alone.
(function () {
  "use strict";
  function draw(el) {
    if (!window.L || el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([46.6, 2.4], 5);
    if (window.RessortBasemaps) window.RessortBasemaps.add(map);
    fetch(el.dataset.mapGeojson, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) {
            return f.properties.role === "outline"
              ? { color: "#0b5c57", weight: 3, fill: false }
              : { color: "#3f6e8c", weight: 1, fillOpacity: 0.15 };
          },
          onEachFeature: function (f, l) {
            if (f.properties.nom) l.bindTooltip(f.properties.nom + " (" + f.properties.code + ")");
          },
        }).addTo(map);
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        el.dataset.mapLoaded = String(layer.getLayers().length);
      })
      .catch(function () {
        el.insertAdjacentHTML("afterend", '<p class="text-danger small">Les contours n\'ont pas pu être chargés.</p>');
      });
  }
  function init() { document.querySelectorAll("[data-map-geojson]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
