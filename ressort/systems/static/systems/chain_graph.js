/* Graph editor of an impact chain: Cytoscape.js draws, the server's JSON API owns the data.
   The chain is laid out by stage (hazards → exposure → sensitivity → impacts, then
   capacities and resources), as computed by ressort.analysis.chain_layout; labels are never
   drawn under 12 px (the zoom stops there: pan to see the rest).
   Keyboard: every action is also a form or a button beside the drawing; with the drawing
   focused, the arrow keys move the selected element (Maj: faster) or, with none selected,
   move the view; + and − zoom, 0 recentres; Suppr removes the selected element. */
(function () {
  "use strict";
  const root = document.getElementById("rs-graph-editor");
  if (!root || typeof cytoscape === "undefined") return;
  const api = root.dataset.api;
  const editable = root.dataset.editable === "1";
  const csrf = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";
  const status = document.getElementById("rs-graph-status");
  const errorBox = document.getElementById("rs-graph-errors");
  const nodeList = document.getElementById("rs-node-list");
  const linkList = document.getElementById("rs-link-list");
  const canvas = document.getElementById("rs-graph");
  const COLORS = {
    alea: "#b3261e", facteur: "#8c4a00", exposition: "#9a6700", sensibilite: "#6a3d9a",
    impact: "#1d2327", capacite_adaptation: "#0b5c57", ressource: "#1f6f2b"
  };
  let chain = null;
  let cy = null;
  let selected = null;
  const MIN_LABEL_PX = 12;
  let fontSize = 14;

  function say(message) { status.textContent = message; }
  function showErrors(errors) {
    errorBox.innerHTML = "";
    if (!errors) { errorBox.hidden = true; return; }
    const list = document.createElement("ul");
    list.className = "mb-0";
    Object.entries(errors).forEach(([field, messages]) => {
      messages.forEach(m => {
        const item = document.createElement("li");
        item.textContent = (field === "__all__" ? "" : field + " : ") + m;
        list.appendChild(item);
      });
    });
    errorBox.appendChild(list);
    errorBox.hidden = false;
    errorBox.focus();
  }
  async function call(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let payload = {};
    try { payload = await response.json(); } catch (e) { payload = {}; }
    if (!response.ok) {
      const errors = payload.errors || { __all__: ["Le serveur a refusé la demande (" + response.status + ")."] };
      showErrors(errors);
      throw new Error("refused");
    }
    showErrors(null);
    return payload;
  }
  const nodeUrl = id => api + "elements/" + id + "/";
  const linkUrl = id => api + "liens/" + id + "/";
  const labelOf = id => (chain.nodes.find(n => n.id === id) || { label: "?" }).label;

  function nodeElement(n) {
    const el = { group: "nodes", data: { id: "n" + n.id, pk: n.id, label: n.label, kind: n.kind } };
    if (n.x !== null && n.y !== null) el.position = { x: n.x, y: n.y };
    return el;
  }
  function linkElement(k) {
    return { group: "edges", data: {
      id: "e" + k.id, pk: k.id, source: "n" + k.source, target: "n" + k.target,
      sign: k.sign, weight: k.weight, label: (k.sign > 0 ? "+" : "−") + k.weight } };
  }

  // Default places, for elements never moved: the chain laid out by stage, by the server.
  function placeDefaults() {
    const positions = chain.layout.positions;
    chain.nodes.forEach(n => {
      if (n.x !== null && n.y !== null) return;
      const p = positions[String(n.id)];
      if (p) { n.x = p[0]; n.y = p[1]; }
    });
  }
  function stageTitles() {
    return chain.layout.columns.map((c, i) => ({
      group: "nodes", data: { id: "stage" + i, label: c.title, stage: 1 },
      position: { x: c.x, y: fontSize }, selectable: false, grabbable: false
    }));
  }
  const neverMoved = () => chain.nodes.every(n => n.x === null || n.y === null);

  function showZoom() {
    canvas.dataset.zoom = cy.zoom().toFixed(3);
    canvas.dataset.labelPx = (cy.zoom() * fontSize).toFixed(1);
  }
  function recentre() {
    cy.fit(cy.elements(), 30);
    if (cy.zoom() < cy.minZoom() + 1e-6) {
      // too big to show whole with readable labels: start at the top left (the hazards)
      const box = cy.elements().boundingBox();
      cy.pan({ x: 20 - box.x1 * cy.zoom(), y: 20 - box.y1 * cy.zoom() });
    }
    showZoom();
  }
  function zoomBy(factor) {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } });
    showZoom();
    say("Zoom : " + Math.round(cy.zoom() * 100) + " %.");
  }

  async function arrange() {
    // contributors store the places (one request, on the server); readers only look
    const fresh = await call(editable ? "POST" : "GET", editable ? api + "ranger/" : api);
    chain.layout = fresh.layout;
    const positions = chain.layout.positions;
    cy.$("node[?stage]").remove();
    cy.add(stageTitles());
    chain.nodes.forEach(n => {
      const p = positions[String(n.id)];
      if (!p) return;
      n.x = p[0]; n.y = p[1];
      cy.$("#n" + n.id).position({ x: p[0], y: p[1] });
    });
    recentre();
    say("Éléments rangés par étape : aléas, exposition, sensibilité, impacts, capacités et ressources.");
  }

  function draw() {
    fontSize = chain.layout.font_size || 14;
    const titled = neverMoved();
    placeDefaults();
    cy = cytoscape({
      container: canvas,
      elements: chain.nodes.map(nodeElement).concat(chain.links.map(linkElement)).concat(titled ? stageTitles() : []),
      layout: { name: "preset", padding: 30 },
      autoungrabify: !editable,
      wheelSensitivity: 0.3,
      minZoom: MIN_LABEL_PX / fontSize,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "text-wrap": "wrap", "text-max-width": (chain.layout.label_width || 150) + "px",
          "font-size": fontSize + "px", "min-zoomed-font-size": 0,
          "text-valign": "bottom", "text-margin-y": "4px", "color": "#1d2327",
          // links pass under the labels, which stay legible (nodes and labels are above edges)
          "text-background-color": "#ffffff", "text-background-opacity": 0.9,
          "text-background-padding": "2px", "text-background-shape": "roundrectangle",
          "width": 26, "height": 26, "border-width": 2, "border-color": "#ffffff",
          "background-color": ele => COLORS[ele.data("kind")] || "#555" } },
        { selector: "node[kind = 'alea'], node[kind = 'facteur']", style: { "shape": "diamond", "width": 32, "height": 32 } },
        { selector: "node[kind = 'capacite_adaptation'], node[kind = 'ressource']", style: { "shape": "round-rectangle" } },
        { selector: "node:selected", style: { "border-color": "#f0b400", "border-width": 5 } },
        { selector: "node[?stage]", style: {
          "background-opacity": 0, "border-width": 0, "width": 1, "height": 1, "text-valign": "center",
          "text-margin-y": 0, "font-weight": "bold", "color": "#495057", "events": "no" } },
        { selector: "edge", style: {
          "curve-style": "bezier", "target-arrow-shape": "triangle", "label": "data(label)",
          "font-size": "12px", "text-background-color": "#ffffff", "text-background-opacity": 1,
          "text-background-padding": "2px",
          "width": ele => 1 + ele.data("weight"),
          "line-color": ele => ele.data("sign") > 0 ? "#b3261e" : "#0b5c57",
          "target-arrow-color": ele => ele.data("sign") > 0 ? "#b3261e" : "#0b5c57",
          "line-style": ele => ele.data("sign") > 0 ? "solid" : "dashed" } }
      ]
    });
    cy.on("tap", "node[pk]", event => select(event.target.data("pk")));
    cy.on("dragfree", "node[pk]", event => savePosition(event.target));
    cy.on("zoom", showZoom);
    recentre();
  }

  async function savePosition(ele) {
    if (!editable) return;
    const p = ele.position();
    const saved = await call("PATCH", nodeUrl(ele.data("pk")), { x: Math.round(p.x), y: Math.round(p.y) });
    const n = chain.nodes.find(x => x.id === saved.id);
    if (n) { n.x = saved.x; n.y = saved.y; }
  }

  function select(pk) {
    selected = pk;
    if (cy) { cy.$(":selected").unselect(); if (pk !== null) cy.$("#n" + pk).select(); }
    nodeList.querySelectorAll("button[data-select]").forEach(b => {
      b.setAttribute("aria-pressed", String(Number(b.dataset.select) === pk));
    });
    const edit = document.getElementById("rs-edit-form");
    if (edit) {
      const n = chain.nodes.find(x => x.id === pk);
      edit.hidden = !n;
      if (n) { edit.elements.label.value = n.label; edit.elements.kind.value = n.kind; }
    }
    if (pk !== null) say("Élément sélectionné : " + labelOf(pk) + ".");
  }

  function refreshLists() {
    nodeList.innerHTML = "";
    chain.nodes.forEach(n => {
      const item = document.createElement("li");
      item.className = "d-flex align-items-center gap-1";
      const pick = document.createElement("button");
      pick.type = "button"; pick.className = "btn btn-link btn-sm p-0 text-start";
      pick.dataset.select = n.id; pick.setAttribute("aria-pressed", String(n.id === selected));
      pick.textContent = n.label + " (" + n.kind_label.toLowerCase() + ")";
      pick.addEventListener("click", () => { select(n.id); canvas.focus(); });
      item.appendChild(pick);
      if (editable) {
        const remove = document.createElement("button");
        remove.type = "button"; remove.className = "btn btn-link btn-sm p-0 text-danger";
        remove.textContent = "retirer";
        remove.setAttribute("aria-label", "Retirer « " + n.label + " »");
        remove.addEventListener("click", () => removeNode(n.id));
        item.appendChild(remove);
      }
      nodeList.appendChild(item);
    });
    linkList.innerHTML = "";
    chain.links.forEach(k => {
      const item = document.createElement("li");
      const text = labelOf(k.source) + (k.sign > 0 ? " renforce " : " affaiblit ") + labelOf(k.target) + " (force " + k.weight + ")";
      item.appendChild(document.createTextNode(text + " "));
      if (editable) {
        const invert = document.createElement("button");
        invert.type = "button"; invert.className = "btn btn-link btn-sm p-0 me-2";
        invert.textContent = "inverser";
        invert.setAttribute("aria-label", "Inverser l'effet du lien " + text);
        invert.addEventListener("click", () => updateLink(k.id, { sign: -k.sign }));
        item.appendChild(invert);
        const weight = document.createElement("select");
        weight.className = "form-select form-select-sm d-inline-block w-auto me-2";
        weight.setAttribute("aria-label", "Force du lien " + text);
        [1, 2, 3].forEach(w => {
          const option = document.createElement("option");
          option.value = w; option.textContent = "force " + w; option.selected = w === k.weight;
          weight.appendChild(option);
        });
        weight.addEventListener("change", () => updateLink(k.id, { weight: Number(weight.value) }));
        item.appendChild(weight);
        const remove = document.createElement("button");
        remove.type = "button"; remove.className = "btn btn-link btn-sm p-0 text-danger";
        remove.textContent = "retirer";
        remove.setAttribute("aria-label", "Retirer le lien " + text);
        remove.addEventListener("click", () => removeLink(k.id));
        item.appendChild(remove);
      }
      linkList.appendChild(item);
    });
    ["rs-link-source", "rs-link-target"].forEach(id => {
      const select = document.getElementById(id);
      if (!select) return;
      const value = select.value;
      select.innerHTML = "";
      const empty = document.createElement("option");
      empty.value = ""; empty.textContent = "— choisir —";
      select.appendChild(empty);
      chain.nodes.forEach(n => {
        const option = document.createElement("option");
        option.value = n.id; option.textContent = n.label;
        select.appendChild(option);
      });
      select.value = value;
    });
    document.getElementById("rs-graph-count").textContent =
      chain.nodes.length + " éléments, " + chain.links.length + " liens";
  }

  async function removeNode(pk) {
    const label = labelOf(pk);
    if (!window.confirm("Retirer « " + label + " » et ses liens ?")) return;
    const result = await call("DELETE", nodeUrl(pk));
    chain.nodes = chain.nodes.filter(n => n.id !== pk);
    chain.links = chain.links.filter(k => !result.deleted_links.includes(k.id));
    cy.$("#n" + pk).remove();
    if (selected === pk) selected = null;
    refreshLists();
    say("« " + label + " » est retiré.");
  }

  async function updateLink(pk, change) {
    try {
      const saved = await call("PATCH", linkUrl(pk), change);
      const k = chain.links.find(x => x.id === pk);
      Object.assign(k, saved);
      const edge = cy.$("#e" + pk);
      edge.data({ sign: saved.sign, weight: saved.weight, label: (saved.sign > 0 ? "+" : "−") + saved.weight });
      refreshLists();
      say("Lien enregistré : " + labelOf(saved.source) + (saved.sign > 0 ? " renforce " : " affaiblit ") + labelOf(saved.target) + ", force " + saved.weight + ".");
    } catch (e) { /* errors shown */ }
  }

  async function removeLink(pk) {
    await call("DELETE", linkUrl(pk));
    chain.links = chain.links.filter(k => k.id !== pk);
    cy.$("#e" + pk).remove();
    refreshLists();
    say("Le lien est retiré.");
  }

  function bindForms() {
    const nodeForm = document.getElementById("rs-node-form");
    if (nodeForm) nodeForm.addEventListener("submit", async event => {
      event.preventDefault();
      const form = new FormData(nodeForm);
      const extent = cy.extent();
      try {
        const created = await call("POST", api + "elements/", {
          label: form.get("label"), kind: form.get("kind"),
          x: Math.round((extent.x1 + extent.x2) / 2), y: Math.round((extent.y1 + extent.y2) / 2)
        });
        chain.nodes.push(created);
        cy.add(nodeElement(created));
        refreshLists();
        select(created.id);
        nodeForm.reset();
        say("« " + created.label + " » est ajouté.");
      } catch (e) { /* errors shown */ }
    });
    const editForm = document.getElementById("rs-edit-form");
    if (editForm) editForm.addEventListener("submit", async event => {
      event.preventDefault();
      if (selected === null) return;
      try {
        const saved = await call("PATCH", nodeUrl(selected), {
          label: editForm.elements.label.value, kind: editForm.elements.kind.value
        });
        const n = chain.nodes.find(x => x.id === saved.id);
        Object.assign(n, saved);
        cy.$("#n" + saved.id).data({ label: saved.label, kind: saved.kind });
        refreshLists();
        say("« " + saved.label + " » est enregistré.");
      } catch (e) { /* errors shown */ }
    });
    const linkForm = document.getElementById("rs-link-form");
    if (linkForm) linkForm.addEventListener("submit", async event => {
      event.preventDefault();
      const form = new FormData(linkForm);
      try {
        const created = await call("POST", api + "liens/", {
          source: form.get("source"), target: form.get("target"),
          sign: form.get("sign"), weight: form.get("weight")
        });
        chain.links.push(created);
        cy.add(linkElement(created));
        refreshLists();
        say("Le lien " + labelOf(created.source) + " → " + labelOf(created.target) + " est ajouté.");
      } catch (e) { /* errors shown */ }
    });
    const tools = { "rs-zoom-in": () => zoomBy(1.25), "rs-zoom-out": () => zoomBy(0.8),
      "rs-zoom-reset": () => { recentre(); say("Vue recentrée."); }, "rs-arrange": () => arrange().catch(() => {}) };
    Object.entries(tools).forEach(([id, action]) => {
      const button = document.getElementById(id);
      if (button) button.addEventListener("click", action);
    });
    canvas.addEventListener("keydown", event => {
      if (event.key === "+" || event.key === "=") { event.preventDefault(); zoomBy(1.25); return; }
      if (event.key === "-") { event.preventDefault(); zoomBy(0.8); return; }
      if (event.key === "0") { event.preventDefault(); recentre(); return; }
      const pans = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      if (selected === null && pans[event.key]) {
        event.preventDefault();
        cy.panBy({ x: pans[event.key][0], y: pans[event.key][1] });
        return;
      }
      if (!editable || selected === null) return;
      const ele = cy.$("#n" + selected);
      const step = event.shiftKey ? 60 : 15;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[event.key]) {
        event.preventDefault();
        const p = ele.position();
        ele.position({ x: p.x + moves[event.key][0], y: p.y + moves[event.key][1] });
        savePosition(ele);
      } else if (event.key === "Delete") {
        event.preventDefault();
        removeNode(selected);
      }
    });
  }

  fetch(api, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(r => r.json())
    .then(data => { chain = data; draw(); refreshLists(); bindForms(); say("Graphe chargé."); root.dataset.ready = "1"; });
})();
