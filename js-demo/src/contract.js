// What a pack says of each request field (`engine.contract`, the packs' merged vocabulary),
// read once per engine: the forms page and the playground name fields and values by it.

const read = new WeakMap();

/** JSON Pointer → { label: { zh, en }, values: value → { zh, en } } of an engine's contract. */
export function contractFields(engine) {
  if (!engine) return new Map();
  if (!read.has(engine)) {
    read.set(engine, new Map((engine.contract?.fields ?? []).map((f) => [f.field, {
      label: f.label,
      values: new Map((f.values ?? []).map((v) => [v.value, { zh: v.zh, en: v.en }])),
    }])));
  }
  return read.get(engine);
}
