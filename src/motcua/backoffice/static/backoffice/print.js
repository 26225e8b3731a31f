// The hand-over list's "print" button: shown only where scripts run (the page says Ctrl + P).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
