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

// Lists with a bulk edit: the header checkbox ticks every row of the page; the panel says how
// many rows are ticked.
(() => {
  document.querySelectorAll("[data-select-all]").forEach((all) => {
    const formId = all.dataset.selectAll;
    const boxes = () => document.querySelectorAll(`input[name="selected"][form="${formId}"]`);
    const count = document.querySelector(`[data-selected-count="${formId}"]`);
    const update = () => {
      const ticked = Array.from(boxes()).filter((box) => box.checked).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
      if (count) {
        count.textContent = count.dataset.template.replace("{n}", ticked);
      }
    };
    all.addEventListener("change", () => {
      boxes().forEach((box) => { box.checked = all.checked; });
      update();
    });
    boxes().forEach((box) => box.addEventListener("change", update));
    update();
  });
})();
