// bindForm's TypeScript types (wasm/src/form.d.ts), checked by bind-form.test.mjs with tsc.
import { Engine, bindForm } from "../../wasm/pkg-web/pubdata_policy_wasm.js";
import type { BindFormOptions, FormBinding, FormCheck, Verdict, EngineError, Violation } from "../../wasm/pkg-web/pubdata_policy_wasm.js";

declare const form: HTMLFormElement;
const engine = new Engine("ganzi");

const plain: FormBinding = bindForm(form, engine);
const options: BindFormOptions = {
  request: { kind: "share" },
  fields: { data_name: "/resource/name" },
  types: { "/x-extra": "number" },
  lang: "en",
  report: "change",
  message: (problems: Array<Violation | EngineError>, lang: "zh" | "en") => problems.map((p) => p.message[lang]).join(" "),
};
const bound = bindForm(form, engine, options);

const result: FormCheck = bound.check();
const verdict: Verdict | null = result.verdict;
const outcome: "granted" | "review" | "refused" | undefined = verdict?.outcome;
const error: EngineError | null = result.error;
const unplaced: Array<Violation | EngineError> = result.unplaced;
const flagged: Array<Violation | EngineError> | undefined = result.invalid["/application/scenario"];
bound.lang = "zh";
bound.engine = new Engine("putuo");
const controls: Element[] = bound.controls("/application/scenario");
const request: Record<string, unknown> = bound.readRequest();
const last: FormCheck | null = plain.last;
plain.unbind();

// @ts-expect-error: not a report mode
bindForm(form, engine, { report: "sometimes" });
// @ts-expect-error: not a field type
bindForm(form, engine, { types: { "/x": "date" } });
// @ts-expect-error: the form comes first
bindForm(engine, form);
// @ts-expect-error: read-only
plain.form = form;

export { outcome, error, unplaced, flagged, controls, request, last };
