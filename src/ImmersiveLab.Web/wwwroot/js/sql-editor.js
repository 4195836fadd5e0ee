// The SQL cell editor: one Monaco editor per cell, owned by its Blazor component (SqlCellEditor) through the handle
// that create() returns. Everything here is per editor (no global ids to look up), so a cell disposed while its
// editor is still being created, or a call arriving after disposal, is harmless. See docs/decisions/ADR-004.
import { loadMonaco } from "./monaco-loader.js";
import { DraftStore } from "./sql-editor-drafts.js";
import { attach as attachAssist } from "./sql-assist.js";

const MIN_LINES = 2;
const MAX_LINES = 30;
const NOTIFY_DELAY_MS = 700;

/**
 * Creates the editor inside `host` (the component's element) and returns its handle, or null when the element has
 * left the page in the meantime (the component was disposed: nothing to create).
 * options: { value, readOnly, large, ariaLabel, draftKey }
 * dotnet: the component's DotNetObjectReference (OnKey(name, text), OnTextChanged(text)).
 * assist: the circuit's SQL assist bridge (completion, hover, signature help; see sql-assist.js), or null for none.
 */
export async function create(host, options, dotnet, assist) {
  const monaco = await loadMonaco();
  if (!host || !host.isConnected) return null;
  return new SqlEditorHandle(monaco, host, options, dotnet, assist ?? null);
}

class SqlEditorHandle {
  #monaco;
  #host;
  #dotnet;
  #editor;
  #drafts;
  #decorations = [];
  #timer = 0;
  #pending = null; // text typed but not yet reported to .NET
  #large = false;
  #disposed = false;
  #detachAssist;

  constructor(monaco, host, options, dotnet, assist) {
    this.#monaco = monaco;
    this.#host = host;
    this.#dotnet = dotnet;
    this.#drafts = new DraftStore(options.draftKey);
    const large = !!options.large;
    // A draft the server never received (the connection was lost, the app restarted) wins over the server's text.
    const draft = options.readOnly ? null : this.#drafts.unsaved(options.value ?? "");
    this.#editor = monaco.editor.create(host.querySelector(".il-monaco") ?? host, {
      value: draft ?? options.value ?? "",
      language: "sql",
      readOnly: !!options.readOnly,
      automaticLayout: true,
      scrollBeyondLastLine: false,
      minimap: { enabled: false },
      glyphMargin: true,
      fontSize: large ? 24 : 14,
      lineHeight: lineHeight(large),
      lineNumbersMinChars: 3,
      renderLineHighlight: "none",
      fixedOverflowWidgets: true,
      ariaLabel: options.ariaLabel ?? "SQL",
      scrollbar: { alwaysConsumeMouseWheel: false },
    });
    this.#large = large;
    this.#detachAssist = attachAssist(monaco, this.#editor.getModel(), assist);
    this.#bindKeys();
    this.#editor.onDidChangeModelContent(() => this.#changed());
    this.#fitHeight();
    if (draft !== null) this.#changed();
    host.setAttribute("data-keys-ready", "true");
  }

  #bindKeys() {
    const { KeyMod, KeyCode } = this.#monaco;
    // Actions, not commands: addCommand is global to the page (the last editor's handler would win); an action's
    // keybinding belongs to its editor.
    const action = (id, label, keys, context) => this.#editor.addAction({
      id: `imlab.${id}`,
      label,
      keybindings: keys,
      keybindingContext: context,
      run: () => this.#key(id),
    });
    action("run", "Run cell", [KeyMod.CtrlCmd | KeyCode.Enter]);
    action("run-next", "Run cell and go to the next", [KeyMod.Shift | KeyCode.Enter]);
    // Only when no widget of the editor's own wants Esc (suggestions, find, parameter hints).
    action("cancel", "Cancel the running cell", [KeyCode.Escape],
      "!suggestWidgetVisible && !findWidgetVisible && !renameInputVisible && !parameterHintsVisible");
  }

  #key(name) {
    this.#flush();
    this.#call("OnKey", name, this.#editor.getValue());
  }

  #changed() {
    this.clearError();
    this.#pending = this.#editor.getValue();
    this.#drafts.keep(this.#pending);
    this.#fitHeight();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#flush(), NOTIFY_DELAY_MS);
  }

  /** Reports typed text to .NET now (before a run, or when the learner stops typing). */
  #flush() {
    clearTimeout(this.#timer);
    if (this.#pending === null) return;
    const text = this.#pending;
    this.#pending = null;
    this.#call("OnTextChanged", text);
  }

  #call(method, ...args) {
    if (this.#disposed) return;
    // The component may be gone (navigation) or the circuit lost: nothing to report to, the draft keeps the text.
    this.#dotnet.invokeMethodAsync(method, ...args).catch(() => { });
  }

  #fitHeight() {
    const lines = Math.min(MAX_LINES, Math.max(MIN_LINES, this.#editor.getModel()?.getLineCount() ?? 1));
    const height = `${lines * lineHeight(this.#large) + 12}px`;
    if (this.#host.style.height !== height) this.#host.style.height = height;
  }

  getValue() {
    return this.#disposed ? null : this.#editor.getValue();
  }

  setValue(text) {
    if (this.#disposed) return;
    this.#editor.setValue(text ?? "");
  }

  focus() {
    if (!this.#disposed) this.#editor.focus();
  }

  /** The server has saved `text`: its draft is no longer needed. */
  saved(text) {
    this.#drafts.saved(text);
  }

  setLarge(large) {
    if (this.#disposed) return;
    this.#large = !!large;
    this.#editor.updateOptions({ fontSize: large ? 24 : 14, lineHeight: lineHeight(large) });
    this.#fitHeight();
  }

  /** Marks an error at a line (1-based) and a range of columns, with the message on hover; scrolls it into view. */
  showError(line, startColumn, endColumn, message) {
    if (this.#disposed) return;
    const { Range } = this.#monaco;
    const hover = [{ value: escapeMarkdown(message ?? "") }];
    this.#decorations = this.#editor.deltaDecorations(this.#decorations, [
      {
        range: new Range(line, 1, line, 1),
        options: { isWholeLine: true, className: "il-sql-error-line", glyphMarginClassName: "il-sql-error-glyph", glyphMarginHoverMessage: hover },
      },
      {
        range: new Range(line, startColumn, line, endColumn),
        options: { inlineClassName: "il-sql-error-mark", hoverMessage: hover },
      },
    ]);
    this.#editor.revealLineInCenterIfOutsideViewport(line);
  }

  clearError() {
    if (this.#disposed || this.#decorations.length === 0) return;
    this.#decorations = this.#editor.deltaDecorations(this.#decorations, []);
  }

  /** Disposes the editor (idempotent). Returns text typed but not yet reported, so the component can still save it. */
  dispose() {
    if (this.#disposed) return null;
    const unreported = this.#pending;
    clearTimeout(this.#timer);
    this.#disposed = true;
    this.#host.removeAttribute("data-keys-ready");
    this.#detachAssist();
    const model = this.#editor.getModel();
    this.#editor.dispose();
    if (model && !model.isDisposed()) model.dispose();
    return unreported;
  }
}

function lineHeight(large) {
  return large ? 32 : 19;
}

function escapeMarkdown(text) {
  return text.replace(/[\\`*_{}\[\]()#+\-.!<>|]/g, "\\$&");
}
