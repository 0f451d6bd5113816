// Integrationsnetz – the network picture (entry module). vis-network is loaded before it as a
// classic script from static/vendor; the CSP forbids inline script, so everything starts here.

import {NetworkPicture} from "./picture.js";

function start() {
  if (typeof vis === "undefined") return;
  document.querySelectorAll("[data-network]").forEach((root) => {
    const picture = new NetworkPicture(root);
    root.networkPicture = picture;
    picture.load(root.dataset.url);
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
