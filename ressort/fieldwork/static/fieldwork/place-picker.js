// Place picker: a click (or tap) on the map fills the latitude and longitude fields; typing
// in those fields moves the marker. The fields stay the keyboard and screen-reader way.
(function () {
  "use strict";
  function num(input) {
    var v = parseFloat(String(input.value).replace(",", "."));
    return isNaN(v) ? null : v;
  }
  function init(el) {
    if (!window.L || el.dataset.ready) return;
    el.dataset.ready = "1";
    var lat = document.getElementById(el.dataset.latInput);
    var lon = document.getElementById(el.dataset.lonInput);
    if (!lat || !lon) return;
    var map = L.map(el, { scrollWheelZoom: false, keyboard: false });
    // The map is a pointer convenience; keyboard users use the fields below it.
    el.removeAttribute("tabindex");
    el.querySelectorAll("[tabindex]").forEach(function (n) { n.setAttribute("tabindex", "-1"); });
    if (el.dataset.mapTiles) {
      if (window.RessortBasemaps) window.RessortBasemaps.add(map);
    }
    var marker = null;
    function place(latlng, pan) {
      if (!marker) marker = L.marker(latlng, { keyboard: false }).addTo(map);
      else marker.setLatLng(latlng);
      if (pan) map.setView(latlng, Math.max(map.getZoom(), 14));
    }
    var la = num(lat), lo = num(lon);
    if (la !== null && lo !== null) { map.setView([la, lo], 15); place([la, lo], false); }
    else { map.setView([45.6, 5.2], 11); }
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      place(e.latlng, false);
    });
    function fromFields() {
      var a = num(lat), b = num(lon);
      if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) place([a, b], true);
    }
    lat.addEventListener("change", fromFields);
    lon.addEventListener("change", fromFields);
    var locate = el.parentNode.querySelector("[data-locate-me]");
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lon.value = pos.coords.longitude.toFixed(6);
          place([pos.coords.latitude, pos.coords.longitude], true);
        });
      });
    }
  }
  function all() { document.querySelectorAll("[data-place-picker]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
