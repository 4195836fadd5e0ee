// The SQL editor's completion, hover and signature help (issue 15). Monaco's providers are global per language, so
// they are registered once per page and find the cell's bridge (the circuit's SqlAssistJsBridge, through a
// DotNetObjectReference) by the editor's model. The answers come from the learner's own catalog on the server; a
// failed or late call answers with nothing, never an error. A learner can turn the help off (kept in this browser).
const STORAGE_KEY = "imlab:assist";

const bridges = new Map(); // model URI -> DotNetObjectReference of the circuit's bridge
let registeredWith = null;
let memoryChoice = null; // the learner's choice when the browser blocks storage

/** Whether the learner wants suggestions (on unless they turned them off in this browser). */
export function isEnabled() {
  if (memoryChoice !== null) return memoryChoice;
  try {
    return localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true; // storage blocked: the default
  }
}

export function setEnabled(on) {
  try {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    memoryChoice = !!on; // storage blocked: the choice lasts for this page only
  }
  return isEnabled();
}

/**
 * Gives the editor's model its bridge (null: the server has the help turned off) and returns what undoes it, for the
 * editor's disposal.
 */
export function attach(monaco, model, bridge) {
  if (!bridge || !model) return () => { };
  register(monaco);
  const key = model.uri.toString();
  bridges.set(key, bridge);
  return () => {
    if (bridges.get(key) === bridge) bridges.delete(key);
  };
}

function register(monaco) {
  if (registeredWith === monaco) return;
  registeredWith = monaco;
  const { languages } = monaco;
  languages.registerCompletionItemProvider("sql", {
    triggerCharacters: [".", ":", "<"],
    provideCompletionItems: (model, position, _context, token) => complete(monaco, model, position, token),
  });
  languages.registerHoverProvider("sql", {
    provideHover: (model, position, token) => hover(monaco, model, position, token),
  });
  languages.registerSignatureHelpProvider("sql", {
    signatureHelpTriggerCharacters: ["(", ","],
    signatureHelpRetriggerCharacters: [")"],
    provideSignatureHelp: (model, position, token) => signatureHelp(model, position, token),
  });
}

/** Calls the bridge for the model's text at the position; null when there is no bridge, the help is off or it failed. */
async function ask(method, model, position, token) {
  const bridge = bridges.get(model.uri.toString());
  if (!bridge || !isEnabled()) return null;
  try {
    const answer = await bridge.invokeMethodAsync(method, model.getValue(), model.getOffsetAt(position));
    return token?.isCancellationRequested ? null : answer;
  } catch {
    return null; // the circuit is gone or reconnecting: no help this time
  }
}

async function complete(monaco, model, position, token) {
  const list = await ask("Complete", model, position, token);
  if (!list || !list.items?.length) return { suggestions: [], incomplete: !!list?.isIncomplete };
  const { CompletionItemKind, CompletionItemInsertTextRule } = monaco.languages;
  const { Range } = monaco;
  const start = model.getPositionAt(list.replaceStart);
  const end = model.getPositionAt(Math.max(list.replaceEnd, model.getOffsetAt(position)));
  // Monaco wants one line that holds the cursor: typing inserts before it, accepting replaces the whole word.
  const insert = new Range(start.lineNumber, start.column, position.lineNumber, position.column);
  const range = start.lineNumber === end.lineNumber && start.lineNumber === position.lineNumber
    ? { insert, replace: new Range(start.lineNumber, start.column, end.lineNumber, end.column) }
    : new Range(position.lineNumber, position.column, position.lineNumber, position.column);
  const suggestions = list.items.map((item) => ({
    label: item.label,
    kind: CompletionItemKind[KINDS[item.kind] ?? "Text"],
    insertText: item.insertText,
    insertTextRules: item.insertAsSnippet ? CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    detail: item.detail ?? undefined,
    documentation: item.documentation ? markdown(item.documentation) : undefined,
    sortText: item.sortText,
    filterText: item.filterText ?? undefined,
    range,
    command: item.triggersSignatureHelp
      ? { id: "editor.action.triggerParameterHints", title: "" }
      : item.triggersSuggest
        ? { id: "editor.action.triggerSuggest", title: "" }
        : undefined,
  }));
  return { suggestions, incomplete: !!list.isIncomplete };
}

async function hover(monaco, model, position, token) {
  const info = await ask("Hover", model, position, token);
  if (!info?.markdown) return null;
  const start = model.getPositionAt(info.start);
  const end = model.getPositionAt(info.end);
  return {
    range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
    contents: [markdown(info.markdown)],
  };
}

async function signatureHelp(model, position, token) {
  const help = await ask("SignatureHelp", model, position, token);
  if (!help?.signatures?.length) return null;
  return {
    value: {
      signatures: help.signatures.map((s) => ({
        label: s.label,
        documentation: s.documentation ? markdown(s.documentation) : undefined,
        parameters: s.parameters.map((p) => ({ label: [p.start, p.end] })),
      })),
      activeSignature: help.activeSignature,
      activeParameter: help.activeParameter,
    },
    dispose() { },
  };
}

/** The server links to lab steps by path ("/labs/vectors/5"); Monaco reads a link as a URI, so it gets the page's origin. */
function markdown(value) {
  return { value: value.replace(/\]\(\//g, `](${location.origin}/`) };
}

// The server's kinds (CompletionItemKind in ImmersiveLab.SqlAssist) as Monaco's icons.
const KINDS = {
  Keyword: "Keyword",
  Schema: "Module",
  Table: "Struct",
  View: "Interface",
  Column: "Field",
  Function: "Function",
  Aggregate: "Method",
  Type: "TypeParameter",
  Setting: "Property",
  Value: "Value",
  Operator: "Operator",
  IndexMethod: "Enum",
  OperatorClass: "EnumMember",
  IndexOption: "Constant",
  Index: "Reference",
  Alias: "Variable",
};
