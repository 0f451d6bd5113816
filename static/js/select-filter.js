// Integrationsnetz – a search box above long actor lists (selects marked data-searchable).
// Typing hides the options that do not match; selected options always stay visible.
// Without JavaScript the plain select works as before.
"use strict";

(() => {
  const normalize = (text) => text.toLocaleLowerCase("de").normalize("NFD").replace(/[\u0300-\u036f]/g, "");

  document.querySelectorAll("select[data-searchable]").forEach((select) => {
    const input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 select-filter";
    input.id = `${select.id}-filter`;
    input.autocomplete = "off";
    const label = document.querySelector(`label[for="${select.id}"]`);
    const name = label ? label.textContent.trim() : "";
    input.placeholder = document.documentElement.lang === "en" ? "Filter list …" : "Liste filtern …";
    input.setAttribute("aria-label", `${input.placeholder} ${name}`.trim());
    input.setAttribute("aria-controls", select.id);
    select.before(input);

    const options = Array.from(select.options).map((option) => [option, normalize(option.text)]);
    input.addEventListener("input", () => {
      const query = normalize(input.value.trim());
      options.forEach(([option, text]) => {
        option.hidden = Boolean(query) && option.value !== "" && !option.selected && !text.includes(query);
      });
    });
    // Enter in the search box must not submit the whole form.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.focus();
      }
    });
  });
})();
