// Puts the remembered theme on the page before it paints (no flash of the default theme).
try {
  document.documentElement.dataset.theme =
    localStorage.getItem("warmbox.playground.theme") || "dracula";
} catch (_) {}
