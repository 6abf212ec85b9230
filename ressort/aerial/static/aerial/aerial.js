// Photo-interpretation (ressort/aerial): an older and a current aerial image of the same
// place, compared with a curtain (the current image clipped right of the slider) or side by
// side (two maps moving together), and the team's drawings: points, lines and areas, whose
// GeoJSON fills the annotation form (the server measures them in the official projection).
(function () {
  "use strict";
  var NBSP = "\u00a0";
  function init() {
    var el = document.querySelector("[data-aerial-map]");
    var cfgNode = document.getElementById("aerial-config");
    if (!el || !window.L || !cfgNode || el.dataset.ready) return;
    el.dataset.ready = "1";
    var cfg = JSON.parse(cfgNode.textContent);
    var map = L.map(el, { scrollWheelZoom: false });
    map.setView([46.6, 2.4], 6);
    map.createPane("avant").style.zIndex = 200;
    map.createPane("apres").style.zIndex = 250;
    var twinEl = document.querySelector("[data-aerial-twin]");
    var twin = null;

    var sources = [];
    (cfg.couches || []).forEach(function (c) {
      sources.push({
        label: c.nom + (c.periode ? " — " + c.periode : ""),
        attribution: c.attribution,
        make: function (pane) { return L.tileLayer(c.url, { pane: pane, maxZoom: 20, maxNativeZoom: c.zoom_max, attribution: c.attribution }); },
      });
    });
    (cfg.images || []).forEach(function (i) {
      sources.push({
        label: i.nom + (i.periode ? " — " + i.periode : ""),
        attribution: "",
        make: function (pane) { return L.imageOverlay(i.url, i.limites, { pane: pane }); },
      });
    });
    var thenSelect = document.querySelector("[data-aerial-then]");
    var nowSelect = document.querySelector("[data-aerial-now]");
    sources.forEach(function (s, n) {
      [thenSelect, nowSelect].forEach(function (sel) {
        var o = document.createElement("option");
        o.value = String(n);
        o.textContent = s.label;
        sel.appendChild(o);
      });
    });
    if (sources.length) {
      nowSelect.value = "0";
      thenSelect.value = String(sources.length > 1 ? sources.length - 1 : 0);
    }
    var swipe = document.querySelector("[data-aerial-swipe]");
    var swipeBox = document.querySelector("[data-aerial-swipe-box]");
    var attribution = document.querySelector("[data-aerial-attribution]");
    var layers = { avant: null, apres: null, twin: null };
    function mode() {
      var checked = document.querySelector("[data-aerial-mode]:checked");
      return checked ? checked.value : "balayage";
    }
    function clip() {
      var pane = map.getPane("apres");
      if (mode() !== "balayage") { pane.style.clip = ""; return; }
      var size = map.getSize();
      var nw = map.containerPointToLayerPoint([0, 0]);
      var se = map.containerPointToLayerPoint(size);
      var x = nw.x + size.x * Number(swipe.value) / 100;
      pane.style.clip = "rect(" + nw.y + "px, " + se.x + "px, " + se.y + "px, " + x + "px)";
    }
    function show() {
      ["avant", "apres", "twin"].forEach(function (k) {
        if (layers[k]) { layers[k].remove(); layers[k] = null; }
      });
      if (!sources.length) {
        attribution.textContent = "Aucune image aérienne n'est configurée" + NBSP + ": ajoutez une image géoréférencée de l'équipe.";
        return;
      }
      var then = sources[Number(thenSelect.value)], now = sources[Number(nowSelect.value)];
      layers.avant = then.make("avant").addTo(map);
      var side = mode() === "cote";
      document.querySelector("[data-aerial-stage]").classList.toggle("rs-side-by-side", side);
      twinEl.hidden = !side;
      swipeBox.hidden = side;
      if (side) {
        if (!twin) {
          twin = L.map(twinEl, { scrollWheelZoom: false, zoomControl: false, attributionControl: false });
          twin.setView(map.getCenter(), map.getZoom());
          map.on("move", function () { twin.setView(map.getCenter(), map.getZoom(), { animate: false }); });
          twin.on("move", function () { if (!sameView()) map.setView(twin.getCenter(), twin.getZoom(), { animate: false }); });
        }
        twin.invalidateSize();
        twin.setView(map.getCenter(), map.getZoom(), { animate: false });
        layers.twin = now.make("overlayPane").addTo(twin);
      } else {
        layers.apres = now.make("apres").addTo(map);
      }
      map.invalidateSize();
      clip();
      var sourcesText = [then.attribution, now.attribution].filter(function (a, n, all) { return a && all.indexOf(a) === n; });
      attribution.textContent = "Image ancienne" + NBSP + ": " + then.label + " · image actuelle" + NBSP + ": " + now.label + (sourcesText.length ? " · " + sourcesText.join(" ; ") : "");
    }
    function sameView() {
      return twin && map.getCenter().equals(twin.getCenter()) && map.getZoom() === twin.getZoom();
    }
    thenSelect.addEventListener("change", show);
    nowSelect.addEventListener("change", show);
    document.querySelectorAll("[data-aerial-mode]").forEach(function (r) { r.addEventListener("change", show); });
    swipe.addEventListener("input", clip);
    map.on("move zoomend resize", clip);
    map.on("moveend zoomend", function () { el.dataset.zoom = String(map.getZoom()); });
    show();

    // The perimeter, then the annotations.
    fetch(el.dataset.perimeter, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var outline = L.geoJSON(data, {
          filter: function (f) { return f.properties.role === "outline"; },
          style: { color: "#ffd500", weight: 3, fill: false },
          interactive: false,
        }).addTo(map);
        if (outline.getLayers().length) map.fitBounds(outline.getBounds(), { padding: [10, 10] });
      })
      .catch(function () {})
      .then(function () { return fetch(el.dataset.annotations, { credentials: "same-origin" }); })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        var drawn = L.geoJSON(data, {
          style: { color: "#e4007c", weight: 3, fillOpacity: 0.15 },
          pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 7, color: "#e4007c", weight: 3 }); },
          onEachFeature: function (f, l) {
            var t = document.createElement("a");
            t.href = "#annotation-" + f.properties.id;
            t.textContent = f.properties.title;
            l.bindPopup(t);
          },
        }).addTo(map);
        el.dataset.annotationsLoaded = String(drawn.getLayers().length);
      })
      .catch(function () {})
      .then(function () { el.dataset.zoom = String(map.getZoom()); el.dataset.mapReady = "1"; });

    // Drawing.
    var tools = document.querySelector("[data-aerial-tools]");
    if (!tools) return;
    var field = document.querySelector("textarea[name=geometry_text]");
    var status = document.querySelector("[data-draw-status]");
    var finish = tools.querySelector("[data-draw-finish]");
    var cancel = tools.querySelector("[data-draw-cancel]");
    var drawing = null, points = [], preview = L.layerGroup().addTo(map);
    var NAMES = { Point: "le point", LineString: "la ligne", Polygon: "la surface" };
    function redraw() {
      preview.clearLayers();
      if (!points.length) return;
      if (drawing === "Polygon" && points.length > 2) L.polygon(points, { color: "#e4007c", dashArray: "4" }).addTo(preview);
      else if (points.length > 1) L.polyline(points, { color: "#e4007c", dashArray: "4" }).addTo(preview);
      points.forEach(function (p) { L.circleMarker(p, { radius: 4, color: "#e4007c" }).addTo(preview); });
    }
    function start(kind) {
      drawing = kind;
      points = [];
      redraw();
      el.classList.add("rs-drawing");
      map.doubleClickZoom.disable();
      finish.disabled = kind === "Point";
      cancel.disabled = false;
      status.textContent = "Touchez la carte pour poser " + (kind === "Point" ? "le point." : "les points de " + NAMES[kind] + ", puis « Terminer le dessin ».");
    }
    function done() {
      if (!drawing) return;
      var ll = function (p) { return [Number(p.lng.toFixed(7)), Number(p.lat.toFixed(7))]; };
      var need = { Point: 1, LineString: 2, Polygon: 3 }[drawing];
      if (points.length < need) {
        status.textContent = "Il faut au moins " + need + " points pour " + NAMES[drawing] + ".";
        return;
      }
      var geometry = drawing === "Point" ? { type: "Point", coordinates: ll(points[0]) }
        : drawing === "LineString" ? { type: "LineString", coordinates: points.map(ll) }
        : { type: "Polygon", coordinates: [points.map(ll).concat([ll(points[0])])] };
      field.value = JSON.stringify(geometry);
      status.textContent = "Dessin terminé (" + points.length + " point" + (points.length > 1 ? "s" : "") + ")" + NBSP + ": donnez-lui un titre et enregistrez l'annotation.";
      drawing = null;
      el.classList.remove("rs-drawing");
      map.doubleClickZoom.enable();
      finish.disabled = true;
    }
    tools.querySelectorAll("[data-draw]").forEach(function (b) {
      b.addEventListener("click", function () { start(b.dataset.draw); });
    });
    finish.addEventListener("click", done);
    cancel.addEventListener("click", function () {
      drawing = null; points = []; redraw();
      field.value = "";
      el.classList.remove("rs-drawing");
      map.doubleClickZoom.enable();
      finish.disabled = true; cancel.disabled = true;
      status.textContent = "Dessin effacé.";
    });
    map.on("click", function (e) {
      if (!drawing) return;
      points.push(e.latlng);
      redraw();
      if (drawing === "Point") done();
      else status.textContent = points.length + " point" + (points.length > 1 ? "s" : "") + " posé" + (points.length > 1 ? "s" : "") + ".";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
