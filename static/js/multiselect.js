// Integrationsnetz – multi-value fields (select multiple) and long actor lists (select
// data-searchable) become a search box with chips (Tom Select, vendored in static/vendor/).
// Without JavaScript the plain select works as before. The words come from data-* attributes
// of <body> (the page's language); the field's hint and error stay tied to the search box.
"use strict";

(() => {
  if (typeof TomSelect === "undefined") {
    return;
  }
  const words = document.body.dataset;
  const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  document.querySelectorAll("select[multiple], select[data-searchable]").forEach((select) => {
    const multiple = select.multiple;
    const control = new TomSelect(select, {
      plugins: multiple ? { remove_button: { title: words.msRemove } } : [],
      maxOptions: null,
      hideSelected: multiple,
      closeAfterSelect: !multiple,
      allowEmptyOption: !multiple,
      placeholder: multiple ? words.msPlaceholder : undefined,
      render: {
        no_results: () => `<div class="no-results">${escape(words.msNoResults)}</div>`,
      },
    });
    // the search box stands for the select now: the hidden select leaves the accessibility tree,
    // and the field's hint and error message describe the search box
    select.setAttribute("aria-hidden", "true");
    const described = select.getAttribute("aria-describedby");
    if (described) {
      control.control_input.setAttribute("aria-describedby", described);
    }
    if (select.classList.contains("is-invalid")) {
      control.control_input.setAttribute("aria-invalid", "true");
    }
    const hint = document.getElementById(`${select.id}-help`);
    if (hint && hint.dataset.enhancedHelp) {
      hint.textContent = hint.dataset.enhancedHelp;
    }
  });
})();
