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
