// Printable reports: the "Drucken" button (loaded as a file: the CSP forbids inline script).
"use strict";
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
