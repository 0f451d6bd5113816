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
// many rows are ticked, or that all matches of the filters are chosen ("alle Treffer", which the
// server resolves, so the rows' boxes are set aside meanwhile).
(() => {
  document.querySelectorAll("[data-select-all]").forEach((all) => {
    const formId = all.dataset.selectAll;
    const boxes = () => document.querySelectorAll(`input[name="selected"][form="${formId}"]`);
    const count = document.querySelector(`[data-selected-count="${formId}"]`);
    const matching = document.querySelector(`[data-select-matching="${formId}"]`);
    const update = () => {
      const ticked = Array.from(boxes()).filter((box) => box.checked).length;
      const everything = Boolean(matching && matching.checked);
      all.disabled = everything;
      boxes().forEach((box) => { box.disabled = everything; });
      all.checked = everything || (ticked > 0 && ticked === boxes().length);
      all.indeterminate = !everything && ticked > 0 && ticked < boxes().length;
      if (count) {
        count.textContent = everything ? matching.dataset.template
          : count.dataset.template.replace("{n}", ticked);
      }
    };
    if (matching) {
      matching.addEventListener("change", update);
    }
    all.addEventListener("change", () => {
      boxes().forEach((box) => { box.checked = all.checked; });
      update();
    });
    boxes().forEach((box) => box.addEventListener("change", update));
    update();
  });
})();

// Tables on narrow screens. List tables become one card per row below 768 px: each cell gets its
// column head as a label (CSS shows it). Matrices (.heat-map, .coverage-table, .table-matrix) and
// the tables of printable reports keep their grid and, like every table still wider than its
// place, scroll inside their own region:
// focusable (arrow keys scroll it), named, and with a visible hint while they overflow.
const MATRIX = ".heat-map, .coverage-table, .values-table, .table-matrix, .report-table";

function visibleText(element) {
  const copy = element.cloneNode(true);
  copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

function labelCells(table) {
  const heads = [...table.querySelectorAll("thead tr:last-child > th, thead tr:last-child > td")].map(visibleText);
  table.querySelectorAll("tbody > tr").forEach((row) => {
    let column = 0;
    [...row.children].forEach((cell) => {
      if (heads[column] && !cell.hasAttribute("data-label")) cell.dataset.label = heads[column];
      column += cell.colSpan || 1;
    });
  });
  table.classList.add("table-stacked");
}

function tableName(table, wrapper) {
  const caption = table.caption && table.caption.textContent.trim();
  if (caption) return caption;
  let previous = wrapper.previousElementSibling;
  while (previous && !/^H[1-6]$/.test(previous.tagName)) previous = previous.previousElementSibling;
  const section = previous || wrapper.closest("section, article, details")?.querySelector("h2, h3, h4, summary");
  return section ? section.textContent.replace(/\s+/g, " ").trim() : document.title;
}

function scrollRegion(table, hintText) {
  let wrapper = table.parentElement;
  if (!wrapper.classList.contains("table-responsive")) {
    wrapper = document.createElement("div");
    wrapper.className = "table-responsive";
    table.before(wrapper);
    wrapper.append(table);
  }
  const hint = document.createElement("p");
  hint.className = "scroll-hint small";
  hint.id = `scroll-hint-${document.querySelectorAll(".scroll-hint").length + 1}`;
  hint.textContent = hintText;
  hint.hidden = true;
  wrapper.before(hint);
  const name = tableName(table, wrapper);
  const update = () => {
    const overflowing = wrapper.scrollWidth > wrapper.clientWidth + 1;
    hint.hidden = !overflowing;
    if (overflowing) {
      wrapper.tabIndex = 0;
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", name);
      wrapper.setAttribute("aria-describedby", hint.id);
    } else {
      ["tabindex", "role", "aria-label", "aria-describedby"].forEach((a) => wrapper.removeAttribute(a));
    }
  };
  // A table in a tab that is not shown has no width yet: measuring it would only make the
  // browser lay out the page early. The observer measures it once the tab is shown.
  if (!wrapper.closest(".tab-pane:not(.active)")) update();
  new ResizeObserver(update).observe(wrapper);
}

document.querySelectorAll("main table").forEach((table) => {
  if (!table.matches(MATRIX) && table.tHead) labelCells(table);
  scrollRegion(table, document.body.dataset.scrollHint || "");
});
