// Presenter mode: PageDown / PageUp (what presentation clickers send) and Alt+Arrow keys move between slides.
// Not while typing in a SQL editor, where those keys belong to the editor.
document.addEventListener("keydown", (e) => {
  if (!document.querySelector("[data-presenter=true]")) return;
  if (e.target instanceof Element && e.target.closest(".monaco-editor, input, textarea")) return;
  const next = e.key === "PageDown" || (e.altKey && e.key === "ArrowRight");
  const prev = e.key === "PageUp" || (e.altKey && e.key === "ArrowLeft");
  if (!next && !prev) return;
  const button = document.querySelector(next ? "[data-testid=presenter-next]" : "[data-testid=presenter-prev]");
  if (button) { e.preventDefault(); button.click(); }
});
