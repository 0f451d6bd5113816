// Integrationsnetz – import upload with a progress bar (XMLHttpRequest upload progress).
// Without JavaScript the form posts normally; with it, the server answers JSON
// ({"redirect": url} or {"errors": [...]}) and this script follows or shows the messages.
"use strict";

(function () {
  const form = document.querySelector("form[data-import-upload]");
  if (!form) {
    return;
  }
  const errors = document.getElementById("import-errors");
  const progressBox = form.querySelector("[data-import-progress]");
  const progress = progressBox.querySelector("progress");
  const progressLabel = progressBox.querySelector("[data-import-progress-label]");
  const button = form.querySelector("button[type=submit]");

  function showErrors(messages) {
    errors.replaceChildren();
    if (!messages.length) {
      return;
    }
    const box = document.createElement("div");
    box.className = "alert alert-danger";
    for (const message of messages) {
      const line = document.createElement("div");
      line.textContent = message;  // plain text, never HTML
      box.appendChild(line);
    }
    errors.appendChild(box);
  }

  function setProgress(percent, label) {
    progress.value = percent;
    progress.textContent = percent + " %";
    if (label) {
      progressLabel.textContent = label;
    }
  }

  form.addEventListener("submit", (event) => {
    const input = form.querySelector("input[type=file]");
    const file = input.files && input.files[0];
    if (!file || !window.FormData) {
      return;  // the server explains what is missing
    }
    event.preventDefault();
    if (file.size > Number(form.dataset.maxBytes)) {
      showErrors([form.dataset.tooLarge]);
      return;
    }
    showErrors([]);
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (progressEvent) => {
      if (progressEvent.lengthComputable) {
        setProgress(Math.round((progressEvent.loaded / progressEvent.total) * 100));
      }
    });
    request.upload.addEventListener("load", () => setProgress(100, form.dataset.checking));
    request.addEventListener("load", () => {
      let answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        // not JSON: an error page of the server or a proxy, handled by status below
      }
      if (answer && answer.redirect) {
        window.location.assign(answer.redirect);
        return;
      }
      progressBox.classList.add("d-none");
      button.disabled = false;
      if (request.status === 413) {
        showErrors([form.dataset.tooLarge]);
      } else {
        showErrors(answer && answer.errors ? answer.errors : [form.dataset.failed]);
      }
    });
    request.addEventListener("error", () => {
      progressBox.classList.add("d-none");
      button.disabled = false;
      showErrors([form.dataset.failed]);
    });
    progressBox.classList.remove("d-none");
    button.disabled = true;
    setProgress(0);
    request.send(new FormData(form));
  });
}());
