// Selects of a fixed list (countries) searched by typing, with the admin's own
// select2: its options are in the page, nothing is fetched.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  django.jQuery("select.nr-select2").not("[name*=__prefix__]").select2();
});
