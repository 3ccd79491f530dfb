// An event's time zone follows its country, when the country has one zone only,
// until the editor chooses a zone themselves.
"use strict";
window.addEventListener("load", () => {
  const $ = django.jQuery;
  const zone = $("#id_time_zone");
  const zones = JSON.parse(zone.attr("data-country-zones") || "{}");
  let chosen = false;
  zone.on("select2:select", () => {
    chosen = true;
  });
  $("#id_country").on("change", function () {
    const follows = zones[this.value];
    if (!chosen && follows) zone.val(follows).trigger("change");
  });
});
