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
  queueMicrotask(() => nameCells(event.detail.formsetName));
});
