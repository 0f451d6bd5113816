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

// The error summary of a form that came back with errors gets the focus, so that screen readers
// read it first; its links put the focus into the field (the search box of an enhanced select).
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-error-field]");
    const field = link ? document.getElementById(link.dataset.errorField) : null;
    if (!field) {
      return;
    }
    event.preventDefault();
    const target = document.getElementById(`${field.id}-ts-control`) || field;
    const label = document.querySelector(`label[for="${field.id}"], label[for="${target.id}"]`);
    (label || target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
})();
