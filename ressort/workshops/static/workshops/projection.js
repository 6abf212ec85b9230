// Projector mode: results refreshed live (at most every 400 ms) unless frozen; full screen
// (Fullscreen API; ?plein-ecran=1 asks for it at once, or at the first key or click when
// the browser wants a gesture first); keyboard shortcuts for the facilitator.
(function () {
  "use strict";
  var box = document.getElementById("projection");
  if (!box) return;
  var body = document.body;
  var status = document.getElementById("projection-etat");
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + box.dataset.ws;
  var delay = 500, scheduled = false, frozen = false, pending = false;

  function say(text) { if (status) status.textContent = text; }
  function refresh() {
    scheduled = false;
    if (frozen) { pending = true; return; }
    fetch(box.dataset.fragment, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) { if (html !== null) box.innerHTML = html; }).catch(function () {});
  }
  function schedule() { if (!scheduled) { scheduled = true; setTimeout(refresh, 400); } }
  function connect() {
    var socket = new WebSocket(url);
    socket.onopen = function () { delay = 500; say("Résultats en direct."); schedule(); };
    socket.onmessage = function () { schedule(); };
    socket.onclose = function () {
      say("Connexion interrompue : nouvelle tentative…");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  connect();

  // -- the facilitator's controls ------------------------------------------------------
  var prompt = document.getElementById("rs-fs-prompt");
  function pressed(action, on) {
    document.querySelectorAll('[data-action="' + action + '"]').forEach(function (b) {
      if (b.hasAttribute("aria-pressed")) b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function fullScreen() {
    if (prompt) prompt.hidden = true;
    if (document.fullscreenElement) { document.exitFullscreen(); return; }
    var go = document.documentElement.requestFullscreen;
    if (go) document.documentElement.requestFullscreen().catch(function () {
      if (prompt) prompt.hidden = false;
    });
  }
  var actions = {
    "plein-ecran": fullScreen,
    resultats: function () {
      var hidden = body.classList.toggle("rs-results-hidden");
      pressed("resultats", !hidden);
      say(hidden ? "Résultats masqués." : "Résultats affichés.");
    },
    figer: function () {
      frozen = !frozen;
      body.classList.toggle("rs-frozen", frozen);
      pressed("figer", frozen);
      say(frozen ? "Écran figé : les nouvelles réponses n'apparaissent plus." : "Résultats en direct.");
      if (!frozen && pending) { pending = false; schedule(); }
    },
    theme: function () {
      var dark = body.dataset.theme !== "sombre";
      body.dataset.theme = dark ? "sombre" : "clair";
      try { localStorage.setItem("rs-projection-theme", body.dataset.theme); } catch (e) { /* private mode */ }
    },
    suivante: function () {
      var next = document.getElementById("rs-suivante");
      if (!next) { say("C'est la dernière activité."); return; }
      if (next.tagName === "FORM") next.requestSubmit(); else next.click();
    }
  };
  try {
    var saved = localStorage.getItem("rs-projection-theme");
    if (saved && !/theme=/.test(location.search)) body.dataset.theme = saved;
  } catch (e) { /* private mode */ }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action]) actions[button.dataset.action]();
  });
  var keys = { f: "plein-ecran", r: "resultats", g: "figer", t: "theme", n: "suivante", arrowright: "suivante" };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    var action = keys[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });
  document.addEventListener("fullscreenchange", function () {
    body.classList.toggle("rs-fullscreen", !!document.fullscreenElement);
  });
  if (body.dataset.pleinEcran === "1") {
    // Browsers grant full screen only after a gesture: try now, else ask for a key or click.
    var go = document.documentElement.requestFullscreen;
    if (go) {
      document.documentElement.requestFullscreen().catch(function () { if (prompt) prompt.hidden = false; });
    }
  }
})();
