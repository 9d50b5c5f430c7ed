// What the Node and the browser suites both run, with no imports so that the browser page
// can load it as it is: one call of the parity suites, and the catalogue of bad input.

/**
 * Makes one call on an engine of the package `pkg` and returns what came back, in the
 * shape of the native answer. Written without imports so the browser page runs it too.
 */
export function makeCall(pkg, engines, c) {
  let engine = engines.get(c.jurisdiction);
  if (engine === undefined) {
    try {
      engine = { ok: new pkg.Engine(c.jurisdiction) };
    } catch (error) {
      engine = { error };
    }
    engines.set(c.jurisdiction, engine);
  }
  if (c.call === "none") return { suiteError: "not JSON" };
  if (engine.error !== undefined) return { engineError: engine.error };
  try {
    switch (c.call) {
      case "check":
        return { verdict: engine.ok.check(c.arg) };
      case "shareStatus":
        return { status: engine.ok.shareStatus(c.arg) };
      case "runSuite":
        return { results: engine.ok.runSuite(c.arg) };
      default:
        throw new Error(`unknown call ${c.call}`);
    }
  } catch (error) {
    if (c.call === "runSuite" && error?.code !== undefined) return { suiteError: error };
    return { error };
  }
}

/**
 * The answer as the parity suites compare it. A scenario file that cannot be read is
 * compared only as such: serde's message names a line and column of the text, which
 * differs between the file and the text `JSON.stringify` makes of it.
 */
export function comparable(answer) {
  if (answer.suiteError !== undefined) return { suiteError: true };
  return answer;
}

/** A request the README decides: 甘孜, conditional sharing without a scenario. */
export const readmeRequest = {
  jurisdiction: "ganzi", kind: "share", date: "2026-09-28",
  requester: { id: "dept-health", type: "department", name: "州卫生健康委员会" },
  resource: { id: "pop-basic", name: "人口基础信息", sharing: "conditional" },
  application: { purpose: "duty", needBasis: "《社会保险法》", businessGoal: "资格核验",
                 securityMeasures: "专线访问", commitment: true },
};

const withPatch = (patch) => ({ ...readmeRequest, ...patch });

function nested(levels, make) {
  let v = make(undefined);
  for (let i = 0; i < levels; i++) v = make(v);
  return v;
}

/**
 * Bad input across the boundary, each with the error code and field it must give:
 * `run(engine, Engine)` calls the package; every one must throw the plain error object
 * `{ code, field, message: { zh, en } }`, never a trap.
 */
export function boundaryCases() {
  const cyclic = { jurisdiction: "ganzi", kind: "share" };
  cyclic.self = cyclic;
  const cases = [];
  const add = (name, code, field, run) => cases.push({ name, code, field, run });
  const nonObjects = [
    ["undefined", undefined], ["null", null], ["a number", 42], ["a string", "ganzi"], ["a boolean", true],
    ["an empty array", []], ["an array", [1, 2]], ["a function", () => 1], ["a symbol", Symbol("x")],
    ["a BigInt", 10n], ["a cyclic object", cyclic],
  ];
  for (const [what, value] of nonObjects) add(`check(${what})`, "invalid_request", "", (e) => e.check(value));
  add("checkJson(not JSON)", "invalid_request", "", (e) => e.checkJson("{not json"));
  add("checkJson(an object)", "invalid_request", "", (e) => e.checkJson({}));
  const fields = [
    ["an empty object", {}, "/jurisdiction"],
    ["no kind", { jurisdiction: "ganzi" }, "/kind"],
    ["a number for kind", withPatch({ kind: 5 }), "/kind"],
    ["an unknown kind", withPatch({ kind: "lend" }), "/kind"],
    ["a number for a date", withPatch({ date: 20260928 }), "/date"],
    ["text for the requester", withPatch({ requester: "dept-health" }), "/requester"],
    ["text for a list", withPatch({ resource: { flags: "personal_info" } }), "/resource/flags"],
    ["a number in a list", withPatch({ resource: { flags: [1] } }), "/resource/flags/0"],
    ["text for a boolean", withPatch({ application: { commitment: "yes" } }), "/application/commitment"],
    ["a fraction for a count", withPatch({ application: { usageEveryDays: 1.5 } }), "/application/usageEveryDays"],
    ["a level out of range", withPatch({ requester: { securityLevel: 0 } }), "/requester/securityLevel"],
    ["a typo in the catalogue", withPatch({ application: { catalog: { nme: "x" } } }), "/application/catalog/nme"],
    ["an unknown field", withPatch({ colour: "red" }), "/colour"],
    ["an unknown jurisdiction", withPatch({ jurisdiction: "chengdu" }), "/jurisdiction"],
  ];
  for (const [what, request, field] of fields) add(`check(${what})`, "invalid_request", field, (e) => e.check(request));
  add("a text over 4096 characters", "invalid_request", "/requester/name",
    (e) => e.check(withPatch({ requester: { ...readmeRequest.requester, name: "名".repeat(5000) } })));
  add("a 10 MB request", "invalid_request", "",
    (e) => e.check(withPatch({ requester: { ...readmeRequest.requester, name: "x".repeat(10_000_000) } })));
  add("a 100 MB request", "invalid_request", "", (e) => e.check(withPatch({ resource: { name: "x".repeat(100_000_000) } })));
  add("checkJson(100 MB)", "invalid_request", "", (e) => e.checkJson(" ".repeat(100_000_000)));
  add("a list of 20 000 flags", "invalid_request", "",
    (e) => e.check(withPatch({ resource: { flags: Array(20_000).fill("personal_info") } })));
  add("21 nested objects", "invalid_request", "",
    (e) => e.check(withPatch({ application: { catalog: nested(20, (x) => ({ x: x ?? 1 })) } })));
  add("200 000 nested objects", "invalid_request", "", (e) => e.check(nested(200_000, (x) => ({ a: x ?? {} }))));
  add("200 000 nested lists", "invalid_request", "",
    (e) => e.check(withPatch({ resource: { flags: nested(200_000, (x) => [x ?? []]) } })));
  add("checkJson(a million [)", "invalid_request", "", (e) => e.checkJson("[".repeat(1_000_000)));
  add("shareStatus(200 000 nested objects)", "invalid_request", "",
    (e) => e.shareStatus(nested(200_000, (x) => ({ a: x ?? {} }))));
  add("fromSources(200 000 nested objects)", "invalid_request", "",
    (e, Engine) => Engine.fromSources(nested(200_000, (x) => ({ a: x ?? {} }))));
  for (const bad of ["chengdu", 5, undefined, null, {}, "GANZI"]) {
    add(`new Engine(${typeof bad === "string" ? JSON.stringify(bad) : String(bad)})`, "invalid_request", "/jurisdiction",
      (e, Engine) => new Engine(bad));
  }
  add("fromSources(text)", "invalid_request", "", (e, Engine) => Engine.fromSources("policies"));
  add("fromSources without a pack.json", "invalid_request", "/manifest",
    (e, Engine) => Engine.fromSources({ policies: {}, regulation: "{}" }));
  add("fromSources with a list of policies", "invalid_request", "/policies",
    (e, Engine) => Engine.fromSources({ manifest: "{}", policies: ["x"], regulation: "{}" }));
  add("fromSources with a broken pack.json", "invalid_policies", null,
    (e, Engine) => Engine.fromSources({ manifest: "{", policies: {}, regulation: "{}" }));
  add("shareStatus(undefined)", "invalid_request", "", (e) => e.shareStatus(undefined));
  add("shareStatus(a list)", "invalid_request", "", (e) => e.shareStatus([]));
  add("shareStatus without lastUse", "invalid_request", "/lastUse", (e) => e.shareStatus({ today: "2026-01-01" }));
  add("shareStatus with a bad date", "invalid_request", "/lastUse",
    (e) => e.shareStatus({ lastUse: "2026-13-01", today: "2026-01-01" }));
  add("shareStatus with an unknown field", "invalid_request", "/colour",
    (e) => e.shareStatus({ lastUse: "2026-01-01", today: "2026-02-01", colour: 1 }));
  const deadlines = [
    [20260928, 5, "/date"], ["28/09/2026", 5, "/date"], [undefined, 5, "/date"],
    ["2026-09-28", -1, "/workingDays"], ["2026-09-28", 2.5, "/workingDays"], ["2026-09-28", NaN, "/workingDays"],
    ["2026-09-28", 1e9, "/workingDays"], ["2026-09-28", "five", "/workingDays"],
  ];
  for (const [date, n, field] of deadlines) {
    add(`addWorkingDays(${String(date)}, ${String(n)})`, "invalid_request", field, (e) => e.addWorkingDays(date, n));
  }
  return cases;
}

/** Runs the catalogue on `pkg`, describing what each call threw, for Node's assertions. */
export function runBoundaryCases(pkg) {
  const engine = new pkg.Engine("ganzi");
  const out = boundaryCases().map((c) => {
    const started = performance.now();
    const seen = { name: c.name, code: c.code, field: c.field };
    try {
      c.run(engine, pkg.Engine);
      seen.returned = true;
    } catch (e) {
      seen.trap = e instanceof WebAssembly.RuntimeError;
      seen.plain = e !== null && typeof e === "object" && Object.getPrototypeOf(e) === Object.prototype;
      seen.thrown = seen.plain ? e : String(e);
    }
    seen.ms = performance.now() - started;
    return seen;
  });
  // After all of it the engine still decides.
  const after = engine.check(readmeRequest);
  engine.free();
  return { cases: out, after };
}
