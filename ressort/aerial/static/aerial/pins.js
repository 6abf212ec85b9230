// Pins on aerial imagery, a workshop activity (ressort/workshops/kinds/imagery.py). On the
// phone: the current image (or the older one), a tap places the pin and fills the latitude
// and longitude fields. On the projector: the older and the current image side by side,
// moving together, the participants' pins numbered as in the list below them. The pages swap
// their content as answers arrive: new maps are drawn when they appear.
(function () {
  "use strict";
  function json(id) {
    var node = document.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }
  function tiles(layer) {
    return L.tileLayer(layer.url, { maxZoom: 20, maxNativeZoom: layer.zoom_max || 19, attribution: layer.attribution || "" });
  }
  function pinIcon(n) {
    return L.divIcon({ className: "rs-pin", html: "<span>" + n + "</span>", iconSize: [28, 28], iconAnchor: [14, 28] });
  }
  function participant(el) {
    var cfg = json(el.dataset.config);
    if (!cfg || !cfg.now) return;
    var map = L.map(el, { scrollWheelZoom: false, keyboard: false });
    map.setView(cfg.center, cfg.zoom);
    var showing = "now", layer = tiles(cfg.now).addTo(map);
    var swap = el.parentNode.querySelector("[data-pin-swap]");
    if (swap) swap.addEventListener("click", function () {
      layer.remove();
      showing = showing === "now" ? "then" : "now";
      layer = tiles(cfg[showing]).addTo(map);
      swap.textContent = showing === "now" ? "Voir l'image ancienne" : "Voir l'image actuelle";
    });
    document.querySelectorAll("[data-pin-mine] li").forEach(function (li, n) {
      L.marker([Number(li.dataset.lat), Number(li.dataset.lon)], { icon: pinIcon(n + 1), keyboard: false }).addTo(map);
    });
    var lat = document.getElementById(el.dataset.latInput), lon = document.getElementById(el.dataset.lonInput);
    var marker = null;
    map.on("click", function (e) {
      if (!lat || !lon) return;
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (marker) marker.setLatLng(e.latlng);
      else marker = L.marker(e.latlng, { keyboard: false }).addTo(map);
    });
  }
  function projection(el) {
    var results = json(el.dataset.results);
    if (!results || !results.config || !results.config.now) return;
    var cfg = results.config, maps = [];
    [["then", "[data-pins-then]"], ["now", "[data-pins-now]"]].forEach(function (pair) {
      var box = el.querySelector(pair[1]);
      var map = L.map(box, { zoomControl: false, scrollWheelZoom: false, keyboard: false });
      map.setView(cfg.center, cfg.zoom);
      tiles(cfg[pair[0]]).addTo(map);
      (results.pins || []).forEach(function (p, n) { L.marker([p.lat, p.lon], { icon: pinIcon(n + 1), keyboard: false }).addTo(map); });
      maps.push(map);
    });
    maps[0].on("move", function () { maps[1].setView(maps[0].getCenter(), maps[0].getZoom(), { animate: false }); });
    el.dataset.pins = String((results.pins || []).length);
  }
  function scan() {
    if (!window.L) return;
    document.querySelectorAll("[data-pin-map]:not([data-ready])").forEach(function (el) { el.dataset.ready = "1"; participant(el); });
    document.querySelectorAll("[data-pins-projection]:not([data-ready])").forEach(function (el) { el.dataset.ready = "1"; projection(el); });
  }
  function start() {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
