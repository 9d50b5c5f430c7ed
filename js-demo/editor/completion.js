// What the editor completes in a policy file: the annotations a policy may carry (after
// `@`), the request's attributes (after `principal.`, `resource.`, `context.`) and an enum
// attribute's values (after `resource.sharing == "`). The lists come from the page, which
// has them from the engine (`Engine.annotations`, `engine.contract`): nothing is listed here.

import { snippetCompletion } from "@codemirror/autocomplete";

/** Whether `pos` is inside a `//` comment or a string on its line (a rough reading of Cedar). */
function inCommentOrString(line, column) {
  let quoted = false;
  for (let i = 0; i < column; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === "\\") i += 1;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === "/" && line[i + 1] === "/") return true;
  }
  return quoted;
}

/**
 * `{ annotations: [{ name, meaning, example }], fields: [{ path, label, type, values }] }`
 * → a completion source; `vocabulary` is read on each completion, so the page may change it.
 */
export function policyCompletions(vocabulary) {
  return (context) => {
    const { annotations = [], fields = [] } = vocabulary();
    const line = context.state.doc.lineAt(context.pos);
    const column = context.pos - line.from;

    // An enum attribute's value, inside the string it is compared with.
    const value = context.matchBefore(/\b(?:principal|resource|context)(?:\.\w+)+\s*(?:==|!=)\s*"\w*/);
    if (value) {
      const path = /^[\w.]+/.exec(value.text)[0];
      const field = fields.find((f) => f.path === path);
      if (!field?.values?.length) return null;
      const from = value.from + value.text.lastIndexOf('"') + 1;
      return { from, options: field.values.map((v) => ({ label: v.value, detail: v.label, type: "enum" })), validFor: /^\w*$/ };
    }

    if (inCommentOrString(line.text, column)) return null;

    const annotation = context.matchBefore(/@\w*/);
    if (annotation) {
      // `@obligation` takes no value (its example has none); the others get `("")`.
      const options = annotations.map((a) => {
        const option = { label: `@${a.name}`, detail: a.example, info: a.meaning, type: "keyword" };
        return a.example.includes("(") ? snippetCompletion(`@${a.name}("\${}")`, option) : option;
      });
      return { from: annotation.from, options, validFor: /^@\w*$/ };
    }

    const attribute = context.matchBefore(/\b(?:principal|resource|context)(?:\.\w+)*\.\w*/);
    if (attribute) {
      const dot = attribute.text.lastIndexOf(".");
      const parent = attribute.text.slice(0, dot);
      const options = fields.filter((f) => f.path.slice(0, f.path.lastIndexOf(".")) === parent).map((f) => ({
        label: f.path.slice(dot + 1), detail: f.label, type: "property",
        info: f.values?.length ? f.values.map((v) => v.value).join(" | ") : f.type,
      }));
      return options.length ? { from: attribute.from + dot + 1, options, validFor: /^\w*$/ } : null;
    }
    return null;
  };
}
