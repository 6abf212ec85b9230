// Map of an action sheet: the communes of the perimeter, those concerned by the action filled.
(function () {
  "use strict";
  function draw(el) {
    if (!window.L || el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([46.6, 2.4], 5);
    fetch(el.dataset.sheetGeojson, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) {
            return f.properties.concernee
              ? { color: "#0b5c57", weight: 2, fillColor: "#0b5c57", fillOpacity: 0.45 }
              : { color: "#6c757d", weight: 1, fillOpacity: 0.05 };
          },
          onEachFeature: function (f, l) {
            l.bindTooltip(f.properties.nom + (f.properties.concernee ? " — concernée" : ""));
          },
        }).addTo(map);
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        el.dataset.mapLoaded = String(layer.getLayers().length);
      })
      .catch(function () {
        el.insertAdjacentHTML("afterend", '<p class="text-danger small">La carte n\'a pas pu être chargée.</p>');
      });
  }
  function init() { document.querySelectorAll("[data-sheet-geojson]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
