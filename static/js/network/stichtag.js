// The network page's Stichtag field: another day loads the page for that day, keeping what the
// picture shows (filters, focus, view), which lives in the address.

import {addressForDay} from "./filters.js";

const form = document.querySelector('[data-net="stichtag"]');
if (form) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const {pathname, search} = window.location;
    window.location.assign(addressForDay(pathname, search, form.elements.date.value));
  });
}
