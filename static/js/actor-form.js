// Integrationsnetz – the actor form. An actor of the type Migrantenorganisation is migrant-led by
// definition: choosing that type ticks "migrantisch geführt" and locks the box; choosing another
// type gives back what the user had set. The server enforces the same without JavaScript.
"use strict";

(() => {
  const type = document.querySelector("select[data-implies-migrant-led]");
  const flag = type && type.form ? type.form.querySelector("input[type=checkbox][name=migrant_led]") : null;
  if (!flag) {
    return;
  }
  const implying = new Set(type.dataset.impliesMigrantLed.split(" ").filter(Boolean));
  let ownChoice = flag.checked;
  const update = () => {
    const implied = implying.has(type.value);
    if (implied && !flag.disabled) {
      ownChoice = flag.checked;
    }
    flag.checked = implied || ownChoice;
    flag.disabled = implied;
  };
  type.addEventListener("change", update);
  update();
})();
