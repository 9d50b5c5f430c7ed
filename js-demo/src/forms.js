// The five forms, as data, each in its own file under forms/ (modelled on its regulation's
// template, which the file names): sections of fields, each named by the request's JSON Pointer
// (so bindForm reads them by convention and a verdict's `field` finds its control), or by
// a plain name for what a real form asks but the rules do not read (contact, telephone…).
//
// `show` lists the jurisdictions whose rules read the field for the form's kind — a field
// without `show` is on every form; `{ classify: […], reclassify: […] }` for the catalogue
// form. tests/js/demo.test.mjs checks these lists against the policies: every field a
// jurisdiction's policies read for a kind, and every field a vector's verdict names, is a
// visible control here.
//
// A form whose kind is decided step by step names the field that says the step (`step`:
// the operation's `/application/action`, the registration's type), and a field that only
// some steps ask lists them (`steps`): it shows once one of them is chosen. The same tests
// check that a field hidden at a step decides nothing there: no policy reads it for that
// step, or every policy that does needs a field the step hides (`context has termMonths &&
// …`), and leaving out what a form hides changes no vector's verdict.
//
// A field that names a request field and has no `label` reads as its pack labels it
// (pack.json's `label`, from the current jurisdiction's `engine.contract`); a `label` in a form
// is the form's own wording, kept only where it deliberately differs from the pack's (the
// regulation's template words it so). tests/js/demo.test.mjs fails on one that repeats it.
//
// Here is what the page needs before it shows a form: each form's tab, and how to load it.
// The sharing form, on which the page opens, comes with this module; the other four are
// imported when first chosen, or after the first verdict. On a phone over a slow link they
// are bytes the first verdict would wait for (BENCHMARKS.md), and the bundled build keeps
// each a file of its own (js-demo/build.mjs).

import { l } from "./forms/common.js";
import share from "./forms/share.js";

/** The forms in their tabs' order: `load()` gives the form's definition. */
export const FORMS = [
  { id: "share", tab: l("共享申请", "Sharing"), load: async () => share },
  { id: "open", tab: l("开放申请", "Opening"), load: async () => (await import("./forms/open.js")).default },
  { id: "catalog", tab: l("目录编制 / 属性变更", "Catalogue / attributes"), load: async () => (await import("./forms/catalog.js")).default },
  { id: "operate", tab: l("授权运营", "Operation"), load: async () => (await import("./forms/operate.js")).default },
  { id: "register", tab: l("资源登记", "Registration"), load: async () => (await import("./forms/register.js")).default },
];

/** Every form's definition, in the tabs' order. */
export const loadForms = () => Promise.all(FORMS.map((f) => f.load()));

/**
 * Whether a field is on the form for this jurisdiction and kind, and at this step (the value
 * of the form's `step` field, `null` while none is chosen): a field with `steps` shows only
 * at those.
 */
export function isShown(field, jurisdiction, kind, step = null) {
  if (field.steps !== undefined && !field.steps.includes(step)) return false;
  const show = field.show;
  if (show === undefined) return true;
  if (Array.isArray(show)) return show.includes(jurisdiction);
  return (show[kind] ?? []).includes(jurisdiction);
}

/** Every field of a form, with its section. */
export function fieldsOf(form) {
  return form.sections.flatMap((s) => s.fields.map((f) => ({ ...f, section: s.id })));
}

/** A field's option value as its form's control carries it: the site's code, or the contract's value. */
export const codeOf = (field, value) => field.codes?.[value] ?? value;

/** bindForm's `values` for a form written with a site's codes: pointer → { code → contract value }. */
export function siteValues(def) {
  const out = {};
  for (const field of fieldsOf(def)) {
    if (field.codes) out[field.name] = Object.fromEntries(Object.entries(field.codes).map(([value, code]) => [code, value]));
  }
  return out;
}
