// One language switch for a whole change form with translated fields: it shows
// one language's fields at a time, opens on the item's original language (or on
// the first language with an error), and marks the languages whose version is
// missing or outdated. modeltranslation gives each translated input the classes
// "mt mt-field-<field>-<lang>"; the words come from base_site.html.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("#content-main form");
  const inputs = form ? form.querySelectorAll(".mt") : [];
  if (!inputs.length) return;

  const rows = new Map(); // language -> the rows of its fields
  const fields = new Map(); // language -> its inputs
  const labels = document.getElementById("nr-language-switch-labels");
  const text = (selector, fallback) =>
    labels?.content.querySelector(selector)?.textContent.trim() || fallback;

  // The switch says the language: "Title (French)" becomes "Title", the
  // language's words taken off as the label's pattern puts them
  // ("{field} ({language})", newsroom.core.languages.version_name). Without a
  // switch (a translator of one language) the labels keep saying it.
  const labelled = new Map(); // label or column header -> its language
  function unmark() {
    const pattern = text("[data-label=version]", "{field} ({language})");
    for (const [node, lang] of labelled) {
      const name = pattern.replace("{language}", text(`[data-lang="${lang}"]`, lang));
      const [before, after] = name.split("{field}");
      for (const piece of node.childNodes) {
        if (piece.nodeType !== Node.TEXT_NODE) continue;
        let words = piece.textContent;
        if (before && words.trimStart().startsWith(before)) {
          words = words.replace(before, "");
        }
        if (after) words = words.replace(after, "");
        piece.textContent = words;
      }
    }
  }
  function register(input) {
    const cls = [...input.classList].find((c) => c.startsWith("mt-field-"));
    if (!cls) return;
    const lang = cls.split("-").pop();
    // A tabular inline's row holds every language: there the cell, and its
    // column's header, belong to one language.
    const cell = input.closest("td");
    const row = cell || input.closest(".fieldBox, .form-row");
    if (!row) return;
    if (!rows.has(lang)) {
      rows.set(lang, new Set());
      fields.set(lang, []);
    }
    const column = cell && [...cell.classList].find((c) => c.startsWith("field-"));
    const header = column
      ? cell.closest("table")?.querySelector(`thead th.column-${column.slice(6)}`)
      : null;
    if (header) {
      rows.get(lang).add(header);
      labelled.set(header, lang);
    }
    // The template of a new inline row only names its columns.
    if (input.closest(".empty-form")) return;
    rows.get(lang).add(row);
    fields.get(lang).push(input);
    const label = row.querySelector("label");
    if (label) labelled.set(label, lang);
  }
  for (const input of inputs) register(input);
  const languages = [...rows.keys()];
  if (languages.length < 2) return;
  unmark();

  const original = form.querySelector("#id_original_language");
  const switcher = document.createElement("div");
  switcher.className = "nr-language-switch";
  switcher.setAttribute("role", "group");
  switcher.setAttribute("aria-label", text("[data-label=switch]", "Language"));
  const buttons = new Map();
  for (const lang of languages) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.lang = lang;
    button.append(text(`[data-lang="${lang}"]`, lang.toUpperCase()));
    const mark = document.createElement("span");
    mark.className = "nr-language-mark";
    button.append(" ", mark);
    button.addEventListener("click", () => show(lang));
    buttons.set(lang, button);
    switcher.append(button);
  }
  const first = form.querySelector("fieldset, .form-row");
  first.parentNode.insertBefore(switcher, first);

  let shown;
  function show(active) {
    shown = active;
    for (const [lang, set] of rows) {
      for (const row of set) row.hidden = lang !== active;
    }
    for (const [lang, button] of buttons) {
      button.setAttribute("aria-pressed", String(lang === active));
    }
  }

  // Missing or outdated: the version's state where the model has one (as the
  // form's field says, else as stored), else no text in that language while
  // another has some.
  const written = (lang) => fields.get(lang).some((input) => input.value.trim());
  function state(lang) {
    const select = form.querySelector(`#id_version_state_${lang}`);
    if (select) return select.value || "missing";
    const stored = labels?.content.querySelector(`[data-state="${lang}"]`);
    if (stored) return stored.textContent.trim();
    return written(lang) || !languages.some(written) ? "" : "missing";
  }
  function mark() {
    for (const [lang, button] of buttons) {
      const value = state(lang);
      const flagged = value === "missing" || value === "outdated";
      const span = button.querySelector(".nr-language-mark");
      span.textContent = flagged ? text(`[data-label=${value}]`, value) : "";
      button.classList.toggle("nr-language-missing", value === "missing");
      button.classList.toggle("nr-language-outdated", value === "outdated");
    }
  }

  const errors = languages.find((lang) =>
    [...rows.get(lang)].some((row) => row.classList.contains("errors")),
  );
  show(errors || (original && rows.has(original.value) ? original.value : languages[0]));
  mark();
  form.addEventListener("change", mark);
  // A row added to an inline shows the language shown.
  document.addEventListener("formset:added", (event) => {
    for (const input of event.target.querySelectorAll(".mt")) register(input);
    unmark();
    show(shown);
  });
  original?.addEventListener("change", () => {
    if (rows.has(original.value)) show(original.value);
  });
});
