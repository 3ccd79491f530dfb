// The admin's language menu applies the language as soon as it is chosen.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".nr-admin-language");
  if (!form) return;
  form.querySelector("button").hidden = true;
  form.querySelector("select").addEventListener("change", () => form.requestSubmit());
});

// A row added to a table of forms (a tabular inline) names its controls by
// their column and its own number, "Phone number 3", from the pattern each
// keeps (NamedCellsFormSetMixin); a removed row renumbers the rows after it,
// once the admin has renumbered their fields.
function nameCells(prefix) {
  for (const control of document.querySelectorAll(`[data-cell-name][id^="id_${prefix}-"]`)) {
    const row = control.id.slice(prefix.length + 4).match(/^\d+/);
    if (row) {
      control.setAttribute(
        "aria-label",
        control.dataset.cellName.replace("__prefix__", Number(row[0]) + 1)
      );
    }
  }
}
document.addEventListener("formset:added", (event) => nameCells(event.detail.formsetName));
document.addEventListener("formset:removed", (event) => {
  queueMicrotask(() => {
    nameCells(event.detail.formsetName);
    nameChoiceBoxes(document);
  });
});

// The autocomplete and searchable selects (select2) stand in for a select with
// a box of their own, named by its choice alone (with the "×" that clears it),
// and search fields that nothing names: they take the select's name, its label
// or its cell's name in a table of forms, the box followed by its choices.
function hiddenText(box, kind, text) {
  const span =
    box.parentElement.querySelector(`:scope > .nr-choice-${kind}`) ||
    box.insertAdjacentElement("beforebegin", document.createElement("span"));
  span.className = `nr-choice-${kind}`;
  span.hidden = true;
  span.textContent = text;
  return span;
}
function nameChoiceBox(select) {
  const box = select.nextElementSibling?.querySelector(".select2-selection");
  const label = select.labels[0];
  const name = label?.textContent.trim() || select.getAttribute("aria-label");
  if (!box || !name) return;
  const named = label || hiddenText(box, "name", name);
  named.id ||= `${select.id}-name`;
  const choices = [...box.querySelectorAll(".select2-selection__rendered[title], .select2-selection__choice[title]")];
  const chosen = hiddenText(box, "chosen", choices.map((choice) => choice.title).join(", "));
  chosen.id = `${select.id}-chosen`;
  box.setAttribute("aria-labelledby", `${named.id} ${chosen.id}`);
  // What select2 draws inside the box, a read-only text box or a list, says
  // nothing its name does not: plain text.
  for (const part of box.querySelectorAll(".select2-selection__rendered")) {
    part.setAttribute("role", "none");
    part.removeAttribute("aria-readonly");
  }
  // The search fields, of a multiple select's box and of the open list.
  const fields = [
    ...box.querySelectorAll(".select2-search__field"),
    ...document.querySelectorAll(".select2-container--open .select2-search__field"),
  ];
  for (const field of fields) field.setAttribute("aria-label", name.replace(/\s*:$/, ""));
}
function nameChoiceBoxes(root) {
  root.querySelectorAll("select.select2-hidden-accessible").forEach(nameChoiceBox);
}
// jQuery's ready handlers run in their order, after the admin's, which draw
// the boxes (this script is deferred: the form's scripts came before it).
window.django?.jQuery(($) => {
  nameChoiceBoxes(document);
  // select2 draws the choices and a multiple select's search field anew at
  // each choice, and an open list in the page's last element.
  $(document).on("select2:open change", "select.select2-hidden-accessible", (event) =>
    nameChoiceBox(event.target),
  );
});
document.addEventListener("formset:added", (event) => {
  queueMicrotask(() => nameChoiceBoxes(event.target));
});
