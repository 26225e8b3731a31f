// The counter's pages work without this file. It shows the print button of the receipt (a
// page without scripts prints with the browser's own command).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
