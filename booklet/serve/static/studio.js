// booklet studio: live preview, field checks as a field is left, region filter, batch progress.
// Plain JavaScript, no build step. Every request carries the page's anti-forgery token.
"use strict";

(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;

  function post(url, body, signal) {
    return fetch(url, {method: "POST", body: body, signal: signal, credentials: "same-origin",
                       headers: {"X-CSRF-Token": token, "Accept": "application/json"}});
  }

  function json(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // Errors show beside the fields the person has already left (or all, when ``touched`` is null).
  function showErrors(form, errors, touched) {
    form.querySelectorAll(".error").forEach(function (node) {
      const name = node.id.replace(/^f-/, "").replace(/-error$/, "");
      const message = (!touched || touched.has(name) || name === "logo") ? (errors[name] || "") : "";
      node.textContent = message;
      node.hidden = !message;
      const input = document.getElementById("f-" + name);
      if (input) {
        if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      }
    });
  }

  function showProblems(problems) {
    const box = document.getElementById("problems");
    if (!box) { return; }
    box.replaceChildren();
    (problems || []).forEach(function (text) {
      const p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
    });
    box.hidden = !(problems && problems.length);
  }

  function handout(form) {
    const text = json("studio-text");
    const region = document.getElementById("f-region");
    const show = document.getElementById("f-show");
    const filter = document.getElementById("region-filter");
    const logo = document.getElementById("f-logo");
    const status = document.getElementById("preview-status");
    const pages = document.getElementById("pages");
    const touched = new Set();
    let sendLogo = false;
    let running = null;
    let timer = null;

    function data() {
      const body = new FormData(form);
      if (!sendLogo) { body.delete("logo"); }
      return body;
    }

    function syncFormats() {
      const chosen = Array.from(form.querySelectorAll('input[name="format"]:checked')).map(function (box) { return box.value; });
      Array.from(show.options).forEach(function (option) {
        option.disabled = chosen.indexOf(option.value) < 0;
      });
      if (show.selectedOptions[0] && show.selectedOptions[0].disabled && chosen.length) { show.value = chosen[0]; }
      form.querySelectorAll("button[data-format]").forEach(function (button) {
        button.hidden = chosen.indexOf(button.dataset.format) < 0;
      });
    }

    function render(answer) {
      if (answer.state === "superseded") { return; }
      showErrors(form, answer.errors || {}, touched);
      showProblems(answer.problems);
      if (answer.state === "ok") {
        const images = answer.pages.map(function (item) {
          const img = document.createElement("img");
          img.src = item.src;
          img.alt = item.alt;
          return img;
        });
        pages.replaceChildren.apply(pages, images);
        pages.dataset.generation = answer.generation;
        status.textContent = text.ready.replace("{count}", answer.pages.length);
      } else if (answer.state === "invalid") {
        const labels = Object.keys(answer.errors || {}).map(function (name) {
          const label = form.querySelector('label[for="f-' + name + '"]');
          return label ? label.firstChild.textContent.trim() : name;
        });
        status.textContent = text.invalid + " " + labels.join(", ");
      } else if (answer.state === "busy") {
        status.textContent = answer.message;
        schedule(2000);
      } else {
        status.textContent = text.failed + " " + answer.message;
      }
    }

    function refresh() {
      if (running) { running.abort(); }
      running = new AbortController();
      const body = data();
      sendLogo = false;
      status.textContent = text.rendering;
      post("/preview", body, running.signal)
        .then(function (response) { return response.json(); })
        .then(render)
        .catch(function (error) { if (error.name !== "AbortError") { status.textContent = text.failed + " " + error; } });
    }

    function schedule(delay) {
      clearTimeout(timer);
      timer = setTimeout(refresh, delay);
    }

    function check() {
      const body = data();
      sendLogo = false;
      post("/check", body).then(function (response) { return response.json(); }).then(function (answer) {
        showErrors(form, answer.errors, touched);
        document.getElementById("logo-state").textContent = answer.logo ? text.logo_set : "";
      });
    }

    filter.addEventListener("input", function () {
      const words = filter.value.trim().toLowerCase();
      let first = null;
      Array.from(region.options).forEach(function (option) {
        const match = option.textContent.toLowerCase().indexOf(words) >= 0;
        option.hidden = !match;
        if (match && first === null) { first = option; }
      });
      if (first && region.selectedOptions[0] && region.selectedOptions[0].hidden) {
        region.value = first.value;
        region.dispatchEvent(new Event("change", {bubbles: true}));
        schedule(400);
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target === logo) { sendLogo = true; check(); }
      if (event.target.name === "format") { syncFormats(); }
      schedule(300);
    });
    form.addEventListener("input", function (event) {
      if (event.target.type !== "file") { schedule(600); }
    });
    form.addEventListener("focusout", function (event) {
      if (event.target.closest("fieldset") && event.target.matches("input:not([type=checkbox]):not([type=file]), textarea")) {
        touched.add(event.target.name);
        check();
      }
    });
    syncFormats();
    refresh();
  }

  // The language list follows the region: only the languages it offers, with their review status.
  function languages() {
    const regions = json("region-data");
    const region = document.getElementById("f-region");
    const lang = document.getElementById("f-lang");
    if (!regions || !region || !lang) { return; }
    region.addEventListener("change", function () {
      const offered = regions[region.value] || [];
      const current = lang.value;
      lang.replaceChildren();
      offered.forEach(function (item) {
        const option = document.createElement("option");
        option.value = item.tag;
        option.textContent = item.name + " · " + item.review;
        option.selected = item.tag === current;
        lang.appendChild(option);
      });
    });
  }

  // Region editor: each channel shows the fields of its kind only.
  function channels() {
    document.querySelectorAll("fieldset.channel").forEach(function (group) {
      const kind = group.querySelector("select.kind");
      if (!kind) { return; }  // items of one kind
      function sync() {
        group.querySelectorAll("[data-kinds]").forEach(function (field) {
          field.hidden = field.dataset.kinds.split(" ").indexOf(kind.value) < 0;
        });
      }
      kind.addEventListener("change", sync);
      sync();
    });
  }

  function batch(box) {
    const bar = document.getElementById("batch-progress");
    const label = document.getElementById("batch-count");
    function poll() {
      fetch("/batch/progress", {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (state) {
          bar.max = Math.max(state.total, 1);
          bar.value = state.done;
          label.textContent = state.text;
          if (state.finished) { window.location.assign("/batch"); } else { setTimeout(poll, 700); }
        });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    languages();
    channels();
    const form = document.getElementById("handout");
    if (form) { handout(form); }
    const running = document.getElementById("batch-running");
    if (running) { batch(running); }
  });
})();
