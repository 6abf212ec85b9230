// The background maps of every Leaflet map, read from the page's configuration
// (<script id="rs-basemaps" type="application/json">, from ressort/basemaps.py): the first
// layer is shown, the others offered in a layer switcher; none when the list is empty.
(function () {
  "use strict";
  function layers() {
    var el = document.getElementById("rs-basemaps");
    if (!el) return [];
    try { return JSON.parse(el.textContent) || []; } catch (e) { return []; }
  }
  window.RessortBasemaps = {
    add: function (map) {
      var list = layers();
      if (!list.length || !window.L) return;
      var choices = {};
      list.forEach(function (b, i) {
        var layer = L.tileLayer(b.url, { maxZoom: b.max_zoom, attribution: b.attribution });
        choices[b.name] = layer;
        if (i === 0) layer.addTo(map);
      });
      if (list.length > 1) L.control.layers(choices, null, { collapsed: true }).addTo(map);
    },
  };
})();
