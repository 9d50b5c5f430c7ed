// What a pack says of each request field (`engine.contract`, the packs' merged vocabulary)
// and of its regulations (`engine.regulation`), each read once per engine: both getters make
// a new object at each read. The forms page and the playground name fields and values by
// the contract; the forms page cites articles by the regulations.

/** `make(engine)`, made once per engine. */
function perEngine(make) {
  const made = new WeakMap();
  return (engine) => {
    if (!made.has(engine)) made.set(engine, make(engine));
    return made.get(engine);
  };
}

const readFields = perEngine((engine) => new Map((engine.contract?.fields ?? []).map((f) => [f.field, {
  label: f.label,
  values: new Map((f.values ?? []).map((v) => [v.value, { zh: v.zh, en: v.en }])),
}])));

/** JSON Pointer → { label: { zh, en }, values: value → { zh, en } } of an engine's contract. */
export function contractFields(engine) {
  return engine ? readFields(engine) : new Map();
}

/** An engine's regulation metadata (`engine.regulation`): titles, dates, articles' texts. */
export const regulationOf = perEngine((engine) => engine.regulation);

// The Cedar variable each part of a request becomes, as the core's vocabulary maps them
// (SECTIONS in core/src/vocabulary.rs): `/resource/sharing` is `resource.sharing` in a policy.
const CEDAR_VARIABLES = { requester: "principal", resource: "resource", application: "context" };

/**
 * The request's attributes as a policy names them — `{ path: "resource.sharing", label,
 * type, values: [{ value, label }] }` with labels in `lang` — for the editor's completion.
 * An entity's id (`/requester/id`) is no attribute.
 */
export function cedarFields(engine, lang) {
  return (engine.contract?.fields ?? []).filter((f) => !f.entityId).flatMap((f) => {
    const [section, ...keys] = f.field.split("/").slice(1);
    const variable = CEDAR_VARIABLES[section];
    if (!variable || keys.length === 0) return [];
    return [{
      path: [variable, ...keys].join("."), label: f.label?.[lang] ?? "", type: f.type,
      values: (f.values ?? []).map((v) => ({ value: v.value, label: v[lang] ?? "" })),
    }];
  });
}
