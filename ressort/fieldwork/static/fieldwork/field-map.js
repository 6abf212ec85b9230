// The field map: observations, vulnerabilities, resources, testimonies, walks and living
// milieux from the démarche's GeoJSON.
(function () {
  "use strict";
  var COLORS = { observation: "#3f6e8c", vulnerabilite: "#b02a37", ressource: "#1e7b34", temoignage: "#8a5a00", marche: "#7a3e9d", milieu: "#5b6b00" };
  var KINDS = { observation: "Observation", vulnerabilite: "Vulnérabilité", ressource: "Ressource", temoignage: "Témoignage", marche: "Marche", milieu: "Milieu vivant" };
  function esc(s) {
    var d = document.createElement("div");
    d.textContent = s == null ? "" : String(s);
    return d.innerHTML;
  }
  function draw(el) {
    if (!window.L || el.dataset.mapReady) return;
    el.dataset.mapReady = "1";
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([45.6, 5.2], 11);
    if (el.dataset.mapTiles) {
      if (window.RessortBasemaps) window.RessortBasemaps.add(map);
    }
    fetch(el.dataset.fieldMap, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) { return { color: COLORS[f.properties.kind] || "#333", weight: 4, opacity: 0.8 }; },
          pointToLayer: function (f, latlng) {
            var level = f.properties.level || 2;
            return L.circleMarker(latlng, {
              radius: f.properties.kind === "milieu" ? 10 : f.properties.kind === "observation" || f.properties.kind === "temoignage" ? 7 : 5 + 2 * level,
              color: COLORS[f.properties.kind] || "#333",
              weight: 2,
              fillOpacity: 0.5,
            });
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            l.bindPopup('<strong>' + esc(KINDS[p.kind]) + '</strong>' + (p.kind_label ? ' (' + esc(p.kind_label) + ')' : '') + '<br><a href="' + esc(p.url) + '">' + esc(p.title) + '</a>' + (p.place ? '<br>' + esc(p.place) : ''));
          },
        }).addTo(map);
        if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 15 });
        el.dataset.mapLoaded = String(layer.getLayers().length);
      })
      .catch(function () {
        el.insertAdjacentHTML("afterend", '<p class="text-danger small">La carte n\'a pas pu être chargée ; la liste ci-dessous reste complète.</p>');
      });
  }
  function init() { document.querySelectorAll("[data-field-map]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
