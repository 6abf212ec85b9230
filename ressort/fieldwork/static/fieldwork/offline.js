// Field capture without a network (issue 22). A form marked data-offline-form="<endpoint>"
// is kept on the phone (IndexedDB) the moment « Enregistrer » is pressed, with an id made
// here (a UUID), then posted to the endpoint (ressort/fieldwork/views/offline.py); without a
// network it stays « en attente d'envoi » and leaves when the network returns. The id makes a
// second post harmless: the server answers with what it already stored. A refusal comes back
// in French and the entry stays here, to be corrected. Photos are resized here (1600 px) and
// their GPS position, read before resizing (exif-gps.js), fills the place.
(function () {
  "use strict";
  var DB = "ressort-terrain", STORE = "envois", MAX_SIDE = 1600, NBSP = "\u00a0";
  var KIND_NAMES = { observation: "observation", temoignage: "témoignage", vulnerabilite: "vulnérabilité" };
  var box = null; // the outbox section of the page
  var sending = false;

  // ---- IndexedDB -------------------------------------------------------------------------
  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: "client_id" }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), result;
        var store = t.objectStore(STORE);
        var req = work(store);
        if (req) req.onsuccess = function () { result = req.result; };
        t.oncomplete = function () { db.close(); resolve(result); };
        t.onerror = function () { db.close(); reject(t.error); };
        t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }
  function put(entry) { return tx("readwrite", function (s) { return s.put(entry); }); }
  function remove(id) { return tx("readwrite", function (s) { return s.delete(id); }); }
  function all() { return tx("readonly", function (s) { return s.getAll(); }).then(function (r) { return r || []; }); }
  function get(id) { return tx("readonly", function (s) { return s.get(id); }); }

  // ---- helpers ---------------------------------------------------------------------------
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function q(text) { return "«" + NBSP + text + NBSP + "»"; }
  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function say(text) {
    var live = document.querySelector("[data-outbox-status]");
    if (live) live.textContent = text;
  }
  function when(iso) {
    var d = new Date(iso);
    var day = d.getDate() === 1 ? "1er" : String(d.getDate());
    var month = d.toLocaleDateString("fr-FR", { month: "long" });
    return day + " " + month + " à " + d.getHours() + NBSP + "h" + NBSP + String(d.getMinutes()).padStart(2, "0");
  }

  // ---- photos ----------------------------------------------------------------------------
  function resize(file) {
    if (!file || !file.size || !window.createImageBitmap) return Promise.resolve(file || null);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; }); // the server says in French what it cannot read
  }
  function placeFromPhoto(input) {
    var form = input.form, file = input.files && input.files[0];
    if (!file || !window.RessortExifGps) return;
    var lat = form.querySelector("[name=latitude]"), lon = form.querySelector("[name=longitude]");
    if (!lat || !lon || lat.value || lon.value) return; // what the user typed wins
    file.arrayBuffer().then(function (buffer) {
      var pos = window.RessortExifGps.read(buffer);
      var note = form.querySelector("[data-photo-place]");
      if (!pos) {
        if (note) note.textContent = "La photo ne porte pas de position GPS" + NBSP + ": placez le lieu sur la carte.";
        return;
      }
      lat.value = pos.lat.toFixed(6);
      lon.value = pos.lon.toFixed(6);
      lat.dispatchEvent(new Event("change"));
      lon.dispatchEvent(new Event("change"));
      if (note) note.textContent = "Lieu repris de la position GPS de la photo" + NBSP + ": corrigez-le sur la carte ou dans les champs s'il n'est pas juste.";
    });
  }

  // ---- the form --------------------------------------------------------------------------
  function entryFromForm(form) {
    var data = new FormData(form), fields = [], photo = null;
    data.forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "client_id") return;
      if (typeof value === "string") fields.push([name, value]);
      else if (name === "photo" && value.size) photo = value;
    });
    var title = (data.get("title") || "").toString().trim();
    if (!title && data.get("spoken_on")) title = "Témoignage du " + data.get("spoken_on");
    var earlier = form.dataset.clientId && !photo
      ? get(form.dataset.clientId).then(function (e) { return e ? e.photo : null; })
      : resize(photo);
    return earlier.then(function (blob) {
      return {
        client_id: form.dataset.clientId || uuid(),
        kind: form.dataset.offlineKind,
        endpoint: form.dataset.offlineForm,
        page: form.dataset.offlinePage || location.pathname,
        title: title || KIND_NAMES[form.dataset.offlineKind] || "entrée",
        owner: owner(),
        created: new Date().toISOString(),
        fields: fields,
        photo: blob,
        state: "attente",
        message: "",
      };
    });
  }

  function showErrors(form, entry) {
    var alert = form.querySelector("[data-offline-errors]");
    if (!alert) return;
    alert.hidden = false;
    alert.textContent = entry.message;
    alert.focus();
  }

  function fill(form, entry) {
    form.dataset.clientId = entry.client_id;
    var names = {};
    entry.fields.forEach(function (pair) { (names[pair[0]] = names[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "file") return;
      var values = names[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) !== -1;
      else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else el.value = values.length ? values[0] : "";
    });
    showErrors(form, entry);
    render();
  }

  function onSubmit(event) {
    var form = event.target;
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    entryFromForm(form).then(function (entry) {
      return put(entry).then(function () { return send(entry, true); }).then(function (outcome) {
        if (outcome.state === "envoye") {
          window.location.assign(outcome.url);
          return;
        }
        if (outcome.state === "refuse") {
          form.dataset.clientId = entry.client_id;
          showErrors(form, outcome.entry);
        } else {
          form.reset();
          delete form.dataset.clientId;
          var alert = form.querySelector("[data-offline-errors]");
          if (alert) alert.hidden = true;
          say("Pas de réseau" + NBSP + ": « " + entry.title + " » est gardée sur ce téléphone, en attente d'envoi. Elle partira au retour du réseau.");
        }
        return render();
      });
    }).catch(function () {
      say("L'entrée n'a pas pu être gardée sur ce téléphone (stockage plein ou navigation privée)" + NBSP + ": ne fermez pas la page.");
    }).then(function () { if (button) button.disabled = false; });
  }

  // ---- sending ---------------------------------------------------------------------------
  function send(entry, direct) {
    if (!navigator.onLine) return Promise.resolve({ state: "attente" }); // no need to try
    var body = new FormData();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.append("client_id", entry.client_id);
    body.append("owner", entry.owner || "");
    if (entry.photo) body.append("photo", entry.photo, "photo.jpg");
    return fetch(entry.endpoint, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Ressort-Envoi": direct ? "direct" : "file" },
    }).then(function (r) {
      var json = (r.headers.get("Content-Type") || "").indexOf("json") !== -1;
      if (r.ok && json) {
        return r.json().then(function (data) {
          return remove(entry.client_id).then(function () { return { state: "envoye", url: data.url }; });
        });
      }
      if (r.status === 400 && json) {
        return r.json().then(function (data) { return refuse(entry, data.message); });
      }
      if (r.redirected || r.status === 401) {
        entry.message = "Votre session a expiré" + NBSP + ": reconnectez-vous, l'entrée attend sur ce téléphone.";
        return put(entry).then(function () { return { state: "attente" }; });
      }
      if (r.status === 403) {
        return refuse(entry, "Refusée" + NBSP + ": votre rôle dans cette démarche ne permet pas d'ajouter cela (ou votre session a changé). L'entrée reste sur ce téléphone" + NBSP + "; demandez le droit de contribuer à la personne qui pilote la démarche.");
      }
      if (r.status === 404) {
        return refuse(entry, "Refusée" + NBSP + ": cette démarche n'existe pas ou vous n'en êtes plus membre. L'entrée reste sur ce téléphone.");
      }
      return { state: "attente" }; // the server is unwell: try again later
    }, function () { return { state: "attente" }; });
  }
  function refuse(entry, message) {
    entry.state = "refuse";
    entry.message = message;
    return put(entry).then(function () { return { state: "refuse", entry: entry }; });
  }

  function owner() { return box ? box.dataset.outboxOwner || "" : ""; }

  function mine(entries) {
    // This démarche's entries noted by the signed-in person (another person's, on a shared
    // phone, wait for them), except the one being corrected in this page's form.
    var base = box ? box.dataset.outboxBase : "", me = owner(), editing = {};
    document.querySelectorAll("form[data-offline-form]").forEach(function (f) {
      if (f.dataset.clientId) editing[f.dataset.clientId] = true;
    });
    return entries.filter(function (e) {
      return e.endpoint.indexOf(base) === 0 && !editing[e.client_id] && (!e.owner || e.owner === me);
    });
  }

  function sendAll() {
    if (sending || !box || !navigator.onLine) return Promise.resolve();
    sending = true;
    return all().then(function (entries) {
      var waiting = mine(entries).filter(function (e) { return e.state === "attente"; });
      var sent = 0;
      return waiting.reduce(function (chain, entry) {
        return chain.then(function () {
          return send(entry).then(function (o) { if (o.state === "envoye") sent += 1; });
        });
      }, Promise.resolve()).then(function () {
        if (sent) say(sent === 1 ? "Une entrée en attente a été envoyée." : sent + " entrées en attente ont été envoyées.");
      });
    }).catch(function () {}).then(function () { sending = false; return render(); });
  }

  // ---- the outbox list -------------------------------------------------------------------
  function render() {
    if (!box) return Promise.resolve();
    return all().then(function (entries) {
      entries = mine(entries).sort(function (a, b) { return a.created < b.created ? -1 : 1; });
      var list = box.querySelector("[data-outbox-list]");
      list.textContent = "";
      entries.forEach(function (e) {
        var li = document.createElement("li");
        li.className = "list-group-item";
        li.dataset.outboxEntry = e.client_id;
        var title = document.createElement("strong");
        title.textContent = q(e.title);
        li.appendChild(title);
        li.appendChild(document.createTextNode(" — " + (KIND_NAMES[e.kind] || "") + " notée le " + when(e.created) + " — "));
        var state = document.createElement("span");
        state.className = e.state === "refuse" ? "text-danger fw-semibold" : "fw-semibold";
        state.dataset.state = e.state;
        state.textContent = e.state === "refuse" ? "refusée" : "en attente d'envoi";
        li.appendChild(state);
        if (e.message) {
          var p = document.createElement("p");
          p.className = "mb-1 small";
          p.textContent = e.message;
          li.appendChild(p);
        }
        if (e.state === "refuse") {
          var fix = document.createElement("a");
          fix.className = "btn btn-sm btn-outline-primary me-2";
          fix.href = e.page + "?corriger=" + encodeURIComponent(e.client_id);
          fix.textContent = "Corriger " + q(e.title);
          li.appendChild(fix);
        }
        var drop = document.createElement("button");
        drop.type = "button";
        drop.className = "btn btn-sm btn-outline-danger";
        drop.textContent = "Abandonner " + q(e.title);
        drop.addEventListener("click", function () {
          if (window.confirm("Abandonner définitivement " + q(e.title) + NBSP + "? Elle n'a pas été envoyée.")) {
            remove(e.client_id).then(render);
          }
        });
        li.appendChild(drop);
        list.appendChild(li);
      });
      box.hidden = entries.length === 0;
      var count = box.querySelector("[data-outbox-count]");
      if (count) count.textContent = String(entries.length);
      box.dataset.outboxSize = String(entries.length);
    });
  }

  // ---- start -----------------------------------------------------------------------------
  function keepForOffline(worker) {
    var urls = [location.href.split("#")[0]];
    document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=manifest][href]").forEach(function (n) {
      urls.push(n.src || n.href);
    });
    (box.dataset.outboxPages || "").split(" ").forEach(function (u) { if (u) urls.push(new URL(u, location.href).href); });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "garde") document.documentElement.dataset.offlineReady = "1";
    });
    worker.postMessage({ type: "garder", urls: urls, page: urls[0] });
  }

  function init() {
    box = document.querySelector("[data-offline-outbox]");
    if (!box || !window.indexedDB) return;
    if ("serviceWorker" in navigator && box.dataset.serviceWorker) {
      navigator.serviceWorker.register(box.dataset.serviceWorker, { scope: box.dataset.scope })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (reg) { if (reg.active) keepForOffline(reg.active); })
        .catch(function () {});
    }
    document.querySelectorAll("form[data-offline-form]").forEach(function (form) {
      form.addEventListener("submit", onSubmit);
      var photo = form.querySelector("input[type=file][name=photo]");
      if (photo) photo.addEventListener("change", function () { placeFromPhoto(photo); });
      var fixing = new URLSearchParams(location.search).get("corriger");
      if (fixing) get(fixing).then(function (entry) {
        if (entry && (!entry.owner || entry.owner === owner())) fill(form, entry);
      });
    });
    var now = box.querySelector("[data-outbox-send]");
    if (now) now.addEventListener("click", function () {
      if (!navigator.onLine) { say("Toujours pas de réseau" + NBSP + ": les entrées restent en attente."); return; }
      sendAll();
    });
    window.addEventListener("online", sendAll);
    setInterval(sendAll, 30000);
    render().then(sendAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
