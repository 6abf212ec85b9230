// Small behaviours declared in the HTML (no inline script: the Content-Security-Policy
// allows only our own files). `data-rs-print` prints the page; a form with
// `data-rs-confirm="Question ?"` asks before submitting.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-rs-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-rs-confirm]");
  if (form && !window.confirm(form.dataset.rsConfirm)) {
    event.preventDefault();
  }
});

// A wide table scrolls inside its own region on a phone, never the whole page: a table not
// already in a `.table-responsive` region is put in one, named after its caption. The region
// is reachable by keyboard only while it scrolls (RGAA 7.3 / axe scrollable-region-focusable).
function regionOf(table) {
  let region = table.closest(".table-responsive");
  if (!region) {
    region = document.createElement("div");
    region.className = "table-responsive";
    region.setAttribute("role", "region");
    const caption = table.caption ? table.caption.textContent.trim() : "";
    region.setAttribute("aria-label", caption || "Tableau");
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  }
  return region;
}
function fitTables(root) {
  for (const table of root.querySelectorAll("table")) {
    const region = regionOf(table);
    if (region.scrollWidth > region.clientWidth) {
      region.tabIndex = 0;
    } else if (!region.hasAttribute("data-rs-focusable")) {
      region.removeAttribute("tabindex");
    }
  }
}
document.addEventListener("DOMContentLoaded", () => fitTables(document));
document.addEventListener("htmx:afterSwap", (event) => fitTables(event.target));
window.addEventListener("resize", () => fitTables(document));

// On the sign-in page (after signing out, or a session that ended), the démarche pages that
// this phone kept for field work offline are forgotten, with their service workers, so that
// the next person using the phone cannot read them. Entries not yet sent stay in the outbox.
if (document.querySelector("[data-rs-forget-offline]") && "caches" in window) {
  caches.keys().then((names) =>
    Promise.all(names.filter((n) => n.startsWith("ressort-terrain-")).map((n) => caches.delete(n))),
  );
  if (navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => r.unregister()));
  }
}

// The démarche menu. On a phone it is a compact list of phases: each phase's name is a
// button that unfolds its pages, and the phase of the current page starts unfolded. At every
// size it is searchable: a word typed in the field keeps the pages whose name, or whose
// phase's name, holds it (accents and case ignored), hides the phases left empty and says how
// many pages remain; Entrée opens the first page found, Flèche bas goes to it, Échap clears
// the search. Without JavaScript the field stays hidden and the menu is a plain list.
const PHONE_MENU = window.matchMedia("(max-width: 991.98px)");
function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
function setUpMenu(menu) {
  const box = menu.querySelector("[data-rs-menu-search]");
  const field = box && box.querySelector("input");
  const status = box && box.querySelector("[role=status]");
  if (!field || !status) return;
  const help = status.textContent;
  const phases = [...menu.querySelectorAll("[data-rs-phase]")];
  box.hidden = false;

  function fold(phase, open) {
    const button = phase.querySelector(".rs-menu-fold");
    phase.dataset.rsOpen = open ? "1" : "";
    if (button) button.setAttribute("aria-expanded", String(open));
    phase.querySelector("ul").hidden = Boolean(button) && !open && !field.value.trim();
  }
  function layout() {
    for (const phase of phases) {
      const heading = phase.querySelector(".rs-menu-heading");
      const list = phase.querySelector("ul");
      let button = heading.querySelector(".rs-menu-fold");
      if (PHONE_MENU.matches && !button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "rs-menu-fold";
        button.setAttribute("aria-controls", list.id);
        button.textContent = heading.textContent;
        heading.textContent = "";
        heading.appendChild(button);
        button.addEventListener("click", () => fold(phase, !phase.dataset.rsOpen));
        fold(phase, Boolean(list.querySelector("[aria-current=page]")));
      } else if (!PHONE_MENU.matches && button) {
        heading.textContent = button.textContent;
        list.hidden = false;
      }
    }
  }
  function filter() {
    const words = folded(field.value).split(/\s+/).filter(Boolean);
    let count = 0;
    for (const phase of phases) {
      const phaseName = folded(phase.dataset.rsPhase);
      let shown = 0;
      for (const item of phase.querySelectorAll("li")) {
        const name = phaseName + " " + folded(item.textContent);
        item.hidden = !words.every((word) => name.includes(word));
        if (!item.hidden) shown += 1;
      }
      phase.hidden = shown === 0;
      count += shown;
      fold(phase, Boolean(phase.dataset.rsOpen));
    }
    if (!words.length) {
      status.textContent = help;
    } else if (count === 0) {
      status.textContent = "Aucune page ne correspond.";
    } else {
      status.textContent = count === 1 ? "1 page trouvée." : `${count} pages trouvées.`;
    }
  }
  const found = () =>
    phases
      .filter((phase) => !phase.hidden && !phase.querySelector("ul").hidden)
      .flatMap((phase) => [...phase.querySelectorAll("li:not([hidden]) a")]);
  field.addEventListener("input", filter);
  field.addEventListener("keydown", (event) => {
    const first = found()[0];
    if (event.key === "Enter" && field.value.trim() && first) {
      event.preventDefault();
      first.click();
    } else if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    } else if (event.key === "Escape" && field.value) {
      event.preventDefault();
      field.value = "";
      filter();
    }
  });
  layout();
  PHONE_MENU.addEventListener("change", layout);
}
document.addEventListener("DOMContentLoaded", () => {
  for (const menu of document.querySelectorAll("[data-rs-menu]")) setUpMenu(menu);
});
