// A walk's map: its route and the observations made along it (from the page's JSON).
(function () {
  "use strict";
  function init() {
    var el = document.querySelector("[data-walk-map]");
    var data = document.getElementById("walk-geojson");
    if (!el || !data || !window.L || el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([45.6, 5.2], 11);
    if (el.dataset.mapTiles && window.RessortBasemaps) window.RessortBasemaps.add(map);
    var layer = L.geoJSON(JSON.parse(data.textContent), {
      style: { color: "#7a3e9d", weight: 4 },
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 7, color: "#3f6e8c", weight: 2, fillOpacity: 0.5 }); },
      onEachFeature: function (f, l) {
        var a = document.createElement("a");
        a.href = f.properties.url;
        a.textContent = f.properties.title;
        l.bindPopup(a);
      },
    }).addTo(map);
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 });
    el.dataset.mapLoaded = String(layer.getLayers().length);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
