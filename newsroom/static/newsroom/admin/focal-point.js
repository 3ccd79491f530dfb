/* Focal point picker for the photo admin (see newsroom/admin_photos.py).
   A click on the image, or the arrow keys on it, sets the form's hidden focal_x and
   focal_y fields (fractions of width and height). A newly chosen file is shown at
   once, so the point can be set before the first save. No dependencies. */
"use strict";
(function () {
  const STEP = 0.02;

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function init(picker) {
    const form = picker.closest("form");
    const inputX = form.querySelector('input[name="focal_x"]');
    const inputY = form.querySelector('input[name="focal_y"]');
    const fileInput =
      picker.parentElement.querySelector('input[type="file"]') ||
      form.querySelector('input[type="file"]');
    const frame = picker.querySelector(".focal-point-frame");
    const image = frame.querySelector("img");
    const marker = frame.querySelector(".focal-point-marker");
    const output = picker.querySelector("output");
    if (!inputX || !inputY) {
      return;
    }

    function show() {
      const x = parseFloat(inputX.value);
      const y = parseFloat(inputY.value);
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
      output.textContent = Math.round(x * 100) + " % × " + Math.round(y * 100) + " %";
    }

    function set(x, y) {
      inputX.value = clamp(x).toFixed(4);
      inputY.value = clamp(y).toFixed(4);
      show();
    }

    frame.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });

    frame.addEventListener("keydown", function (event) {
      const moves = {
        ArrowLeft: [-STEP, 0],
        ArrowRight: [STEP, 0],
        ArrowUp: [0, -STEP],
        ArrowDown: [0, STEP],
      };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        set(parseFloat(inputX.value) + move[0], parseFloat(inputY.value) + move[1]);
      }
    });

    if (fileInput) {
      fileInput.addEventListener("change", function () {
        const file = fileInput.files && fileInput.files[0];
        if (!file) {
          return;
        }
        if (image.dataset.objectUrl) {
          URL.revokeObjectURL(image.dataset.objectUrl);
        }
        image.dataset.objectUrl = URL.createObjectURL(file);
        image.src = image.dataset.objectUrl;
        picker.hidden = false;
        set(0.5, 0.5);
      });
    }
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(init);
  });
})();
