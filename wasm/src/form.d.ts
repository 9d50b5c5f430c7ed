// `bindForm` (wasm/js/bind-form.js): an existing form checked as the user fills it in.

/** How a control's value is read: the contract's own fields are typed already. */
export type FieldType = "text" | "number" | "boolean" | "list";

/** The JSON Pointers of a request type's fields, e.g. `"/application/scenario"` (derived
 *  from the pack's request type: `FieldPointer<GanziRequest>`; by default every pack's). */
export type FieldPointer<R = Request> = R extends unknown ? PointersOf<R, ""> : never;
type PointersOf<T, P extends string> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[] | string | number | boolean
    ? `${P}/${K}`
    : `${P}/${K}` | PointersOf<NonNullable<T[K]>, `${P}/${K}`>;
}[keyof T & string];

/** Parts of a request: every member optional, at every depth. */
export type PartialRequest<R = Request> = R extends unknown ? DeepPartial<R> : never;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** The options of `bindForm`, for a pack's request type (`BindFormOptions<GanziRequest>`)
 *  or, by default, any pack's. */
export interface BindFormOptions<R = Request> {
  /** Fixed parts of the request, under the form's values, e.g. `{ kind: "share" }`;
   *  `jurisdiction` defaults to the engine's. */
  request?: PartialRequest<R>;
  /** Control name → JSON Pointer, for controls not named by their pointer. */
  fields?: Record<string, FieldPointer<R>>;
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
  /** JSON Pointer → { the site's option code → the contract's value }, e.g.
   *  `{ "/resource/sharing": { "1": "unconditional" } }`; the form still posts its codes. */
  values?: { [P in FieldPointer<R>]?: Record<string, string> };
  /** The request after `values` → the request to check (return it, or change it in place). */
  transform?(request: PartialRequest<R> & Record<string, unknown>): PartialRequest<R> | void;
  /** Flag a control only after the user changed it or tried to submit (as `:user-invalid`);
   *  until then its problems are in `pending` and `missing`. Default `false`. */
  gentle?: boolean;
  /** Write each flagged control's message into an element after it (or the one its
   *  `data-pdp-describe` names), linked by `aria-describedby`. Default `false`. */
  describe?: boolean;
}

/** A field the form still leaves blank, by its label. */
export interface MissingField<R = Request> {
  field: FieldPointer<R>;
  label: { zh: string; en: string };
}

/** One check of the form: `event.detail` of the `pdp-verdict` event, and `check()`'s result. */
export interface FormCheck<R = Request> {
  /** The request the form's values make (after `values` and `transform`): what was checked. */
  request: PartialRequest<R>;
  /** The verdict, or `null` when the request could not be read. */
  verdict: Verdict | null;
  /** Why the request could not be read, or `null`. */
  error: EngineError | null;
  /** JSON Pointer → the problems shown on its controls. */
  invalid: Record<string, Array<Violation | EngineError>>;
  /** Problems whose field has no control that can show them (`""`, `/kind`, hidden inputs). */
  unplaced: Array<Violation | EngineError>;
  /** Gentle mode: JSON Pointer → the problems of controls the user has not changed yet. */
  pending: Record<string, Array<Violation | EngineError>>;
  /** Fields a violation names that the form leaves blank, in the verdict's order. */
  missing: MissingField<R>[];
  /** "还需填写：…" / "Still to fill in: …", or `null` when nothing is missing. */
  summary: { zh: string; en: string } | null;
}

/** The `pdp-verdict` event a bound form dispatches on every check. */
export type VerdictEvent<R = Request> = CustomEvent<FormCheck<R>>;

declare global {
  interface HTMLElementEventMap {
    /** bindForm's check of the form (wasm/js/bind-form.js): `event.detail` is the FormCheck. */
    "pdp-verdict": CustomEvent<FormCheck>;
  }
}

export interface FormBinding<R = Request> {
  readonly form: HTMLFormElement;
  /** Setting another engine (another jurisdiction) checks the form again. */
  engine: Engine;
  /** Setting it rewrites the controls' messages. */
  lang: "zh" | "en";
  /** The last check, or `null`. */
  readonly last: FormCheck<R> | null;
  /** Reads and checks the form now, updates the controls, dispatches `pdp-verdict`. */
  check(): FormCheck<R>;
  /** The form's values as a request. */
  readRequest(): PartialRequest<R>;
  /** The enabled controls that carry this JSON Pointer. */
  controls(pointer: FieldPointer<R>): Element[];
  /** Removes the listeners and every message the binding set. */
  unbind(): void;
}
