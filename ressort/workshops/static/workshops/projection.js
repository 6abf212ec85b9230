// Projection view: refreshes its results as answers are stored (at most every 400 ms).
(function () {
  "use strict";
  var box = document.getElementById("projection");
  if (!box) return;
  var status = document.getElementById("projection-etat");
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + box.dataset.ws;
  var delay = 500, scheduled = false;

  function refresh() {
    scheduled = false;
    fetch(box.dataset.fragment, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) { if (html !== null) box.innerHTML = html; }).catch(function () {});
  }
  function schedule() { if (!scheduled) { scheduled = true; setTimeout(refresh, 400); } }
  function connect() {
    var socket = new WebSocket(url);
    socket.onopen = function () { delay = 500; status.textContent = "Résultats en direct."; schedule(); };
    socket.onmessage = function () { schedule(); };
    socket.onclose = function () {
      status.textContent = "Connexion interrompue : nouvelle tentative…";
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  connect();
})();
