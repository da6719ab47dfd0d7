/* Light or dark on request. Without a choice the system setting decides (CSS light-dark()); a choice is kept
   in localStorage and pinned on <html data-scheme>. Loaded in <head> without defer, so no page ever shows
   in the wrong scheme first; the toggle button stays hidden when this script does not run. */
(() => {
  const KEY = "plein-scheme";
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  try {
    const pinned = localStorage.getItem(KEY);
    if (pinned === "light" || pinned === "dark") root.dataset.scheme = pinned;
  } catch { /* storage blocked: follow the system */ }
  const isDark = () => (root.dataset.scheme || (system.matches ? "dark" : "light")) === "dark";

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".scheme-toggle");
    if (!button) return;
    const show = () => button.setAttribute("aria-pressed", String(isDark()));
    button.addEventListener("click", () => {
      root.dataset.scheme = isDark() ? "light" : "dark";
      try { localStorage.setItem(KEY, root.dataset.scheme); } catch { /* this page only */ }
      show();
    });
    system.addEventListener("change", show);
    show();
    button.hidden = false;
  });
})();
