// Perimeter form: shows the fields of the chosen kind of perimeter, and suggests official
// territories as the user types (WAI-ARIA combobox: arrows, Enter, Escape).
(function () {
  "use strict";
  function togglePerimeter(form) {
    var checked = form.querySelector('input[name="perimeter_kind"]:checked');
    form.querySelectorAll("[data-perimeter]").forEach(function (block) {
      block.hidden = checked ? block.dataset.perimeter !== checked.value : false;
    });
  }
  function setupCombobox(input) {
    var list = document.getElementById("territory-suggestions");
    var hidden = input.form.querySelector('input[name="territory_code"]');
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(status);
    var items = [], active = -1, timer = null, seq = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    function close() {
      list.classList.add("d-none");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(i) {
      var t = items[i];
      input.value = t.nom + " (" + t.type + " " + t.code + ")";
      hidden.value = t.type + ":" + t.code;
      status.textContent = t.nom + " choisi.";
      close();
    }
    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      if (options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      }
    }
    function render() {
      list.innerHTML = "";
      items.forEach(function (t, i) {
        var li = document.createElement("li");
        li.id = "territoire-option-" + i;
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var pop = t.population != null ? " · " + t.population.toLocaleString("fr-FR") + " hab." : "";
        li.textContent = t.nom + " — " + t.type + " " + t.code + pop;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      var open = items.length > 0;
      list.classList.toggle("d-none", !open);
      input.setAttribute("aria-expanded", open ? "true" : "false");
      status.textContent = items.length ? items.length + " suggestions. Flèches pour parcourir, Entrée pour choisir." : "Aucun territoire trouvé.";
    }
    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { items = []; close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch("/api/v1/territoires?limite=12&q=" + encodeURIComponent(q))
          .then(function (r) { return r.json(); })
          .then(function (data) { if (mine === seq) { items = data; active = -1; render(); } });
      }, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (list.classList.contains("d-none")) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  function init() {
    document.querySelectorAll("input[data-territory-autocomplete]").forEach(function (input) {
      var form = input.form;
      form.querySelectorAll('input[name="perimeter_kind"]').forEach(function (r) {
        r.addEventListener("change", function () { togglePerimeter(form); });
      });
      togglePerimeter(form);
      setupCombobox(input);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
