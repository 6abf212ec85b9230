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
