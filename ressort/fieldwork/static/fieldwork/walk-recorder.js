// Records a walk's route on the phone: the successive positions (watchPosition) fill the
// form's « trace enregistrée » field as [[lat, lon], …], kept in localStorage as well so
// that a closed tab does not lose the walk. Positions less than 5 m apart are skipped.
(function () {
  "use strict";
  var KEY = "ressort-trace-" + location.pathname, NBSP = "\u00a0";
  function metres(a, b) {
    var r = 6371000, rad = Math.PI / 180;
    var dlat = (b[0] - a[0]) * rad, dlon = (b[1] - a[1]) * rad;
    var h = Math.sin(dlat / 2) * Math.sin(dlat / 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dlon / 2) * Math.sin(dlon / 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }
  function init() {
    var box = document.querySelector("[data-walk-recorder]");
    var field = document.querySelector("textarea[name=recorded]");
    if (!box || !field || !navigator.geolocation) return;
    var start = box.querySelector("[data-record-start]"), stop = box.querySelector("[data-record-stop]");
    var status = box.querySelector("[data-record-status]");
    var points = [], watch = null;
    try { points = JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { points = []; }
    if (points.length && !field.value) field.value = JSON.stringify(points);
    start.hidden = false; stop.hidden = false;
    function show() {
      var length = 0;
      for (var i = 1; i < points.length; i++) length += metres(points[i - 1], points[i]);
      status.textContent = points.length + " position" + (points.length > 1 ? "s" : "") + ", " + Math.round(length) + NBSP + "m parcourus.";
    }
    if (points.length) show();
    start.addEventListener("click", function () {
      start.disabled = true; stop.disabled = false;
      status.textContent = "Enregistrement en cours" + NBSP + ": gardez la page ouverte pendant la marche.";
      watch = navigator.geolocation.watchPosition(function (pos) {
        var p = [Number(pos.coords.latitude.toFixed(6)), Number(pos.coords.longitude.toFixed(6))];
        if (points.length && metres(points[points.length - 1], p) < 5) return;
        points.push(p);
        field.value = JSON.stringify(points);
        try { localStorage.setItem(KEY, field.value); } catch (e) { /* storage full: the field keeps it */ }
        show();
      }, function () {
        status.textContent = "La position n'est pas disponible" + NBSP + ": autorisez la localisation, ou importez un fichier GPX.";
      }, { enableHighAccuracy: true, maximumAge: 5000 });
    });
    stop.addEventListener("click", function () {
      if (watch !== null) navigator.geolocation.clearWatch(watch);
      watch = null; start.disabled = false; stop.disabled = true;
      show();
    });
    field.form.addEventListener("submit", function () { try { localStorage.removeItem(KEY); } catch (e) {} });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
