// A clearance step that asks first (withdraw): a static script, as the
// Content-Security-Policy forbids inline handlers.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
