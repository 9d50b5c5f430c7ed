// bindForm's TypeScript types (wasm/src/form.d.ts), checked by bind-form.test.mjs with tsc.
import { Engine, bindForm } from "../../wasm/pkg-web/pubdata_policy_wasm.js";
import type {
  BindFormOptions, FormBinding, FormCheck, Verdict, EngineError, Violation, FieldPointer, GanziRequest, PartialRequest, VerdictEvent,
} from "../../wasm/pkg-web/pubdata_policy_wasm.js";

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

// The pack's pointers and request keys, checked.
const scenario: FieldPointer<GanziRequest> = "/application/scenario";
const nested: FieldPointer = "/requester/type";
// @ts-expect-error: a misspelt pointer
const misspelt: FieldPointer<GanziRequest> = "/application/scenerio";
// @ts-expect-error: a misspelt pointer in `fields`
bindForm(form, engine, { fields: { scene: "/application/scenerio" } });
// @ts-expect-error: a misspelt request key
bindForm(form, engine, { request: { knd: "share" } });
// @ts-expect-error: not a kind
bindForm(form, engine, { request: { kind: "sahre" } });
// @ts-expect-error: `values` is keyed by pointer
bindForm(form, engine, { values: { "/resource/sharng": { "1": "unconditional" } } });

// A site's own names and codes, typed by the pack's request.
const site: BindFormOptions<GanziRequest> = {
  request: { kind: "share" },
  fields: { applyDept: "/requester/name", shareType: "/resource/sharing", useScene: "/application/scenario" },
  values: { "/resource/sharing": { "1": "unconditional", "2": "conditional" }, "/application/purpose": { "01": "duty" } },
  transform(request) {
    const r: PartialRequest<GanziRequest> = request;
    return r;
  },
  gentle: true,
  describe: true,
};
const siteBound = bindForm(form, engine, site);
const checked: FormCheck = siteBound.check();
const sharing: "unconditional" | "conditional" | "none" | undefined = checked.request.resource?.sharing;
const missingFields: FieldPointer[] = checked.missing.map((m) => m.field);
const summary: string | undefined = checked.summary?.zh;
const pending: Array<Violation | EngineError> | undefined = checked.pending["/application/scenario"];
// @ts-expect-error: a misspelt pointer for controls()
siteBound.controls("/application/scenerio");

// The event is typed on the form.
form.addEventListener("pdp-verdict", (e) => {
  const detail: FormCheck = e.detail;
  const requestType = detail.request.requester?.type;
  // @ts-expect-error: the request's type is the pack's, not a string
  const notAType: number = requestType;
  void notAType;
});
const typedEvent: VerdictEvent<GanziRequest> | null = null;

// @ts-expect-error: not a report mode
bindForm(form, engine, { report: "sometimes" });
// @ts-expect-error: not a field type
bindForm(form, engine, { types: { "/x": "date" } });
// @ts-expect-error: the form comes first
bindForm(engine, form);
// @ts-expect-error: read-only
plain.form = form;

export { outcome, error, unplaced, flagged, controls, request, last, scenario, nested, misspelt, sharing, missingFields, summary, pending, typedEvent };
