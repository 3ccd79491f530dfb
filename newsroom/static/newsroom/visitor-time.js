// An event's start on the visitor's own clock, beside the event's, when the
// visitor's time zone is not the event's.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const span of document.querySelectorAll(".visitor-time")) {
    if (!zone || zone === span.dataset.zone) continue;
    const format = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: zone,
    });
    const time = span.querySelector("time");
    time.dateTime = span.dataset.start;
    time.textContent = `${format.format(new Date(span.dataset.start))} (${zone})`;
    span.hidden = false;
  }
});
