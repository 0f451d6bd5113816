// Integrationsnetz – behaviour shared by all pages (loaded as a file: the CSP forbids inline script).
"use strict";

// Forms with data-confirm ask before they submit (deletions).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Selects with data-autosubmit submit their form on change (filter bars).
document.addEventListener("change", (event) => {
  const element = event.target;
  if (element.matches("[data-autosubmit]") && element.form) {
    element.form.requestSubmit();
  }
});
