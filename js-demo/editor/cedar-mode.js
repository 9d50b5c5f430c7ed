// Cedar's highlighting for the playground's editor: a small stream tokenizer, as no
// maintained Cedar grammar for CodeMirror is published on npm. It only colours; the
// engine is what reads policies (its errors come back as diagnostics).
// Token names are CodeMirror's highlighting tags: `classHighlighter` (editor.js) turns
// them into `tok-*` classes, which editor.css colours.

import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set(["permit", "forbid", "when", "unless", "has", "like", "in", "is", "if", "then", "else"]);
const VARIABLES = new Set(["principal", "action", "resource", "context"]);
const BOOLEANS = new Set(["true", "false"]);

/** The rest of a string literal from the stream's position; a string may run over lines. */
function stringBody(stream, state) {
  let escaped = false;
  for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
    if (ch === '"' && !escaped) {
      state.inString = false;
      return "string";
    }
    escaped = !escaped && ch === "\\";
  }
  state.inString = true;
  return "string";
}

export const cedarLanguage = StreamLanguage.define({
  name: "cedar",
  // afterDot: the next name is an attribute (`resource.sharing`) or a method (`.contains`).
  startState: () => ({ inString: false, afterDot: false }),
  token(stream, state) {
    if (state.inString) return stringBody(stream, state);
    if (stream.eatSpace()) return null;
    const afterDot = state.afterDot;
    state.afterDot = false;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^@[A-Za-z_]\w*/)) return "meta";
    if (stream.eat('"')) return stringBody(stream, state);
    if (stream.match(/^\d+/)) return "number";
    if (stream.match(/^[A-Za-z_]\w*/)) {
      const word = stream.current();
      if (afterDot) return "propertyName";
      // An entity type or a namespace: `Action::"share"`.
      if (stream.match(/^\s*::/, false)) return "typeName";
      if (KEYWORDS.has(word)) return "keyword";
      if (VARIABLES.has(word)) return "variableName.special";
      if (BOOLEANS.has(word)) return "bool";
      return "variableName";
    }
    if (stream.eat(".")) {
      state.afterDot = true;
      return "punctuation";
    }
    if (stream.match(/^(?:==|!=|<=|>=|&&|\|\||::|[<>!+\-*])/)) return "operator";
    stream.next();
    return "punctuation";
  },
  languageData: {
    commentTokens: { line: "//" },
    closeBrackets: { brackets: ["(", "[", "{", '"'] },
  },
});
