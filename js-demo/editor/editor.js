// The playground's editor: CodeMirror 6 with Cedar and JSON highlighting, the engine's
// diagnostics at their lines, and completion of annotations and request attributes.
// build.mjs bundles this folder with esbuild into dist/editor.js (the page loads nothing
// from elsewhere).
//
// The editor lives in a shadow root of its host element. CodeMirror's own styles are made
// at run time (style-mod): in a document, style-mod writes them into a <style> element,
// which the page's Content-Security-Policy (`style-src 'self'`, no 'unsafe-inline', and a
// static page cannot carry a nonce) blocks; in a shadow root it adopts a constructed
// stylesheet (`adoptedStyleSheets`), which style-src does not govern. The page's own look
// of the editor (colours, fonts) is a static file, editor.css, linked inside the root.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import {
  drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

import { cedarLanguage } from "./cedar-mode.js";
import { policyCompletions } from "./completion.js";

/**
 * A diagnostic of the file shown — `{ severity: "error" | "warning", line, column?, length?,
 * message, code? }`, line and column 1-based — as CodeMirror's lint wants it: from the
 * column (or the line's first character) over `length` characters, or to the line's end.
 */
function toDiagnostic(doc, d) {
  const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
  const start = line.from + Math.min(Math.max((d.column ?? 1) - 1, 0), line.length);
  const indent = /^\s*/.exec(line.text)[0].length;
  const from = d.column === undefined ? line.from + Math.min(indent, line.length) : start;
  // The span the finding names (`length` characters), else the rest of the line.
  const to = d.column !== undefined && d.length !== undefined ? Math.min(from + d.length, line.to) : line.to;
  return {
    from, to: Math.max(from, to), severity: d.severity === "warning" ? "warning" : "error",
    message: d.message, source: d.code,
  };
}

/**
 * Builds the editor in `host`. `onChange(text)` after each edit, `onCaret({ line, column })`
 * when the caret moves, `onSubmit()` on Ctrl/Cmd+Enter. Returns the editor's calls, also
 * left on `host.editor` for scripts and tests.
 */
export function createEditor(host, { stylesheet = "editor.css", onChange, onCaret, onSubmit }) {
  const root = host.attachShadow({ mode: "open" });
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = stylesheet;
  const parent = document.createElement("div");
  parent.className = "frame";
  root.append(link, parent);

  const vocabulary = { annotations: [], fields: [] };
  const wrapping = new Compartment();
  const labelled = new Compartment();
  let wrap = false;
  let label = "";
  // File key → { state, scroll } of a file shown before: it keeps its undo history, caret
  // and scroll position.
  const states = new Map();
  let shown = null; // the key of the file shown

  const caret = (state) => {
    const head = state.selection.main.head;
    const line = state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1 };
  };

  const base = [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
    indentOnInput(), bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(), search(),
    syntaxHighlighting(classHighlighter), lintGutter(),
    EditorState.tabSize.of(2),
    keymap.of([
      { key: "Mod-Enter", run: () => { onSubmit?.(); return true; } },
      ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab,
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange?.(update.state.doc.toString());
      if (update.docChanged || update.selectionSet) onCaret?.(caret(update.state));
    }),
  ];

  const view = new EditorView({ parent, root });
  // The text may be any language's: no spell checking, no capitals, no autocorrection.
  const contentAttributes = () => EditorView.contentAttributes.of({
    id: "editor", "aria-label": label, spellcheck: "false", autocapitalize: "off", autocorrect: "off",
  });

  function stateFor(key, text, kind) {
    const cached = states.get(key);
    if (cached && cached.state.doc.toString() === text) return cached;
    const language = kind === "json"
      ? json()
      : [cedarLanguage, autocompletion({ override: [policyCompletions(() => vocabulary)], icons: false })];
    const state = EditorState.create({
      doc: text,
      extensions: [base, language, wrapping.of(wrap ? EditorView.lineWrapping : []), labelled.of(contentAttributes())],
    });
    return { state, scroll: null };
  }

  const api = {
    /**
     * Shows a file: `kind` "cedar" or "json". A file shown before keeps its caret and undo
     * history, unless its text was changed from outside (a reset). Returns whether it
     * was already shown.
     */
    show(key, text, kind, fileLabel) {
      label = fileLabel;
      const same = key === shown && view.state.doc.toString() === text;
      let scroll = null;
      if (!same) {
        if (shown !== null) states.set(shown, { state: view.state, scroll: view.scrollSnapshot() });
        const next = stateFor(key, text, kind);
        view.setState(next.state);
        scroll = next.scroll;
        shown = key;
      }
      // Wrapping and the label may have changed while the state was put away. A snapshot
      // scrolls the editor only, not the page (a scrollIntoView would scroll both).
      const effects = [wrapping.reconfigure(wrap ? EditorView.lineWrapping : []), labelled.reconfigure(contentAttributes())];
      view.dispatch({ effects: scroll ? [...effects, scroll] : effects });
      if (!same && !scroll) view.scrollDOM.scrollTop = 0;
      return same;
    },
    /** Forgets a file's undo history (after its text was reset); without a key, every file's. */
    forget(key) {
      if (key === undefined) states.clear();
      else states.delete(key);
    },
    text: () => view.state.doc.toString(),
    caret: () => caret(view.state),
    focus: () => view.focus(),
    /** Selects line `line` (from `column`, 1-based, when given) and scrolls it into view. */
    goTo(line, column) {
      const doc = view.state.doc;
      const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const from = column ? Math.min(at.from + column - 1, at.to) : at.from;
      // The line selected, the caret (the head) at the column: the caret shows where the error is.
      view.dispatch({ selection: EditorSelection.range(at.to, from), effects: EditorView.scrollIntoView(from, { y: "center" }) });
      view.focus();
    },
    /** The diagnostics of the file shown (see `toDiagnostic`); an empty list clears them. */
    setDiagnostics(list) {
      view.dispatch(setDiagnostics(view.state, list.map((d) => toDiagnostic(view.state.doc, d))));
    },
    /** What completion offers: `{ annotations: [{ name, meaning, example }], fields: [{ path, label, type, values }] }`. */
    setVocabulary({ annotations, fields }) {
      vocabulary.annotations = annotations ?? vocabulary.annotations;
      vocabulary.fields = fields ?? vocabulary.fields;
    },
    setWrapping(on) {
      wrap = Boolean(on);
      view.dispatch({ effects: wrapping.reconfigure(wrap ? EditorView.lineWrapping : []) });
    },
    get wrapping() {
      return wrap;
    },
  };
  host.editor = api;
  return api;
}
