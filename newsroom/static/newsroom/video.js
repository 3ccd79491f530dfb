/* Click to load: a video's player (an iframe from YouTube's no-cookie domain,
 * Vimeo or UN Web TV) is only created when the visitor presses its play button,
 * so that no request reaches the video's host before then. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-embed-src]");
    if (!button) {
      return;
    }
    const player = button.closest("[data-video-player]");
    const frame = document.createElement("iframe");
    const source = new URL(button.dataset.embedSrc);
    source.searchParams.set("autoplay", "1");
    frame.src = source.toString();
    frame.title = button.dataset.title || button.textContent;
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.width = "640";
    frame.height = "360";
    player.replaceChildren(frame);
    frame.focus();
  });
})();
