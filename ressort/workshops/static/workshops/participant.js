// Participant page: answers over a websocket, acknowledged once stored; plain forms otherwise.
(function () {
  "use strict";
  var board = document.getElementById("tableau");
  if (!board) return;
  var live = document.getElementById("annonces");
  var status = document.getElementById("connexion");
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + board.dataset.ws;
  var socket = null, delay = 500, pending = {}, timer = null;

  function say(text) { live.textContent = ""; setTimeout(function () { live.textContent = text; }, 30); }
  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  function isOpen() { return socket && socket.readyState === 1; }

  function refresh() {
    return fetch(board.dataset.fragment, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) return;
      return r.text().then(function (html) {
        var focused = document.activeElement && document.activeElement.id;
        board.innerHTML = html;
        if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
      });
    }).catch(function () {});
  }

  function send(message) {
    pending[message.msg] = message;
    if (isOpen()) socket.send(JSON.stringify(message));
  }

  function fieldsOf(form, only) {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      if (only && name !== only && name !== "c-" + only.slice(2)) return;
      out.push([name, String(value)]);
    });
    return out;
  }

  function connect() {
    socket = new WebSocket(url);
    socket.onopen = function () {
      delay = 500;
      status.textContent = "";
      Object.keys(pending).forEach(function (k) { socket.send(JSON.stringify(pending[k])); });
      refresh();
    };
    socket.onmessage = function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "ack") {
        var sent = pending[data.msg];
        delete pending[data.msg];
        say(data.text || "Réponse enregistrée.");
        if (sent && sent.reload) refresh();
      } else if (data.type === "error") {
        delete pending[data.msg];
        say(data.text);
      } else if (data.type === "refresh") {
        refresh().then(function () { if (data.text) say(data.text); });
      }
    };
    socket.onclose = function () {
      status.textContent = "Connexion interrompue : nouvelle tentative… Vos réponses envoyées sont enregistrées.";
      clearTimeout(timer);
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }

  board.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("answer-form") || !isOpen()) return; // plain POST fallback
    event.preventDefault();
    send({ type: "answer", msg: uid(), activity: Number(form.dataset.activity),
           fields: fieldsOf(form), reload: true });
    say("Envoi…");
  });
  board.addEventListener("change", function (event) {
    var input = event.target, form = input.form;
    if (!form || !form.dataset.autosend || input.type !== "radio" || !isOpen()) return;
    send({ type: "answer", msg: uid(), activity: Number(form.dataset.activity),
           fields: fieldsOf(form, input.name), reload: false });
  });
  if ("WebSocket" in window) connect();
})();
