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
    // The first of the month as the page's language writes it ("1er" in
    // French), as the server writes the event's own dates.
    const when = format
      .formatToParts(new Date(span.dataset.start))
      .map(({ type, value }) =>
        type === "day" && value === "1" ? span.dataset.firstDay : value,
      )
      .join("");
    // The zone by its name in the page's language ("Eastern Time", "heure de
    // l’Est nord-américain"), its IANA name where the browser has none.
    const named = new Intl.DateTimeFormat(document.documentElement.lang, {
      timeZone: zone,
      timeZoneName: "longGeneric",
    })
      .formatToParts(new Date(span.dataset.start))
      .find(({ type }) => type === "timeZoneName");
    time.textContent = `${when} (${named ? named.value : zone})`;
    span.hidden = false;
  }
});
