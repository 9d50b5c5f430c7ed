// `bindForm` (wasm/js/bind-form.js): an existing form checked as the user fills it in.

/** How a control's value is read: the contract's own fields are typed already. */
export type FieldType = "text" | "number" | "boolean" | "list";

export interface BindFormOptions {
  /** Fixed parts of the request, under the form's values, e.g. `{ kind: "share" }`;
   *  `jurisdiction` defaults to the engine's. */
  request?: Record<string, unknown>;
  /** Control name → JSON Pointer, for controls not named by their pointer. */
  fields?: Record<string, string>;
  /** JSON Pointer → type, for fields the contract does not type (or `data-pdp-type`). */
  types?: Record<string, FieldType>;
  /** The language of the messages; default from `<html lang>` (`en…` → English). */
  lang?: "zh" | "en";
  /** When the browser's bubble shows: on a blocked submit (default), also when a flagged
   *  control changes, or never. */
  report?: "submit" | "change" | "never";
  /** `false` leaves `aria-invalid` to the page; by default the binding sets it on the
   *  controls it flags (never over one the page set). */
  aria?: boolean;
  /** The text of a control's validation message, from the problems pointing at it. */
  message?: (problems: Array<Violation | EngineError>, lang: "zh" | "en") => string;
}

/** One check of the form: `event.detail` of the `pdp-verdict` event, and `check()`'s result. */
export interface FormCheck {
  /** The request the form's values make. */
  request: Record<string, unknown>;
  /** The verdict, or `null` when the request could not be read. */
  verdict: Verdict | null;
  /** Why the request could not be read, or `null`. */
  error: EngineError | null;
  /** JSON Pointer → the problems shown on its controls. */
  invalid: Record<string, Array<Violation | EngineError>>;
  /** Problems whose field has no control that can show them (`""`, `/kind`, hidden inputs). */
  unplaced: Array<Violation | EngineError>;
}

export interface FormBinding {
  readonly form: HTMLFormElement;
  /** Setting another engine (another jurisdiction) checks the form again. */
  engine: Engine;
  /** Setting it rewrites the controls' messages. */
  lang: "zh" | "en";
  /** The last check, or `null`. */
  readonly last: FormCheck | null;
  /** Reads and checks the form now, updates the controls, dispatches `pdp-verdict`. */
  check(): FormCheck;
  /** The form's values as a request. */
  readRequest(): Record<string, unknown>;
  /** The enabled controls that carry this JSON Pointer. */
  controls(pointer: string): Element[];
  /** Removes the listeners and every message the binding set. */
  unbind(): void;
}
