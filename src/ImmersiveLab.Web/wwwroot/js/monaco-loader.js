// Loads Monaco once per page, on first use (pages without a SQL cell never download it). Monaco's files come from
// the BlazorMonaco package's static assets (monaco-editor 0.34.1), served by the app itself: nothing from a CDN.
const VS = new URL("_content/BlazorMonaco/lib/monaco-editor/min/vs", document.baseURI).href;

let loading = null;

export function loadMonaco() {
  if (window.monaco?.editor) return Promise.resolve(window.monaco);
  loading ??= new Promise((resolve, reject) => {
    const fail = (error) => {
      loading = null; // a later editor may try again (e.g. after a network blip)
      reject(error instanceof Error ? error : new Error(`The SQL editor could not be loaded (${error}).`));
    };
    const start = () => {
      try {
        window.require.config({ paths: { vs: VS } });
        window.require(["vs/editor/editor.main"], () => resolve(window.monaco), fail);
      } catch (e) {
        fail(e);
      }
    };
    if (typeof window.require?.config === "function") {
      start();
      return;
    }
    const script = document.createElement("script");
    script.src = `${VS}/loader.js`;
    script.onload = start;
    script.onerror = () => {
      script.remove();
      fail("loader.js did not load");
    };
    document.head.appendChild(script);
  });
  return loading;
}
