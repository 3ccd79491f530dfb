// The admin's language menu applies the language as soon as it is chosen.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".nr-admin-language");
  if (!form) return;
  form.querySelector("button").hidden = true;
  form.querySelector("select").addEventListener("change", () => form.requestSubmit());
});
