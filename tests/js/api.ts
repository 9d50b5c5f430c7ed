// Real calls of the package as a front-end developer writes them, checked by `tsc`:
// what the types allow and what they refuse (`@ts-expect-error` fails if nothing is wrong).

import init, {
  Engine,
  type AnnotationDoc,
  type ArticleCoverage,
  type Coverage,
  type CoverageFiles,
  type Deadline,
  type DiffReport,
  type EngineError,
  type Explanation,
  type Sources,
  type SourcesProblem,
  type JurisdictionInfo,
  type Request,
  type Route,
  type ShareStatus,
  type Suite,
  type Verdict,
  type Violation,
} from "../../wasm/pkg-web/pubdata_policy_wasm.js";

export async function decide(): Promise<string[]> {
  await init();
  const engine = new Engine("ganzi");
  const request: Request = {
    jurisdiction: "ganzi",
    kind: "share",
    date: "2026-09-28",
    requester: { type: "department", name: "州卫生健康委员会", securityLevel: 3, materials: ["need_list"] },
    resource: { name: "人口基础信息", sharing: "conditional", flags: ["personal_info"] },
    application: { purpose: "duty", commitment: true, usageMode: "api" },
  };
  const lines: string[] = [];
  try {
    const verdict: Verdict = engine.check(request);
    const first: Violation | undefined = verdict.violations[0];
    const route: Route | undefined = verdict.route;
    if (first) lines.push(`${first.field}: ${first.message.zh} (${first.regulation}${first.article})`);
    if (route?.due) lines.push(`${route.reviewer} by ${route.due}`);
    lines.push(verdict.outcome, ...verdict.policies, verdict.policySet?.hash ?? "");
  } catch (e) {
    const error = e as EngineError;
    lines.push(`${error.code} at ${error.field ?? "(request)"}: ${error.message.en}`);
  }
  const again: Verdict = engine.checkJson(JSON.stringify(request));
  const deadline: Deadline = engine.addWorkingDays("2026-09-28", 5);
  const info: JurisdictionInfo = engine.regulation;
  const status: ShareStatus = engine.shareStatus({ lastUse: "2026-01-05", today: "2026-08-01" });
  const other = Engine.fromSources({ manifest: "{}", policies: { "a.cedar": "" }, regulation: "{}" });
  lines.push(again.outcome, deadline.due, info.name.zh, status.state, other.jurisdiction, ...Engine.jurisdictions);
  lines.push(...engine.policyIds, engine.jurisdiction);
  engine.free();
  return lines;
}

export function author(suite: Suite): string[] {
  const builtin: Sources = Engine.builtinSources("ganzi");
  const edited: Sources = { ...builtin, policies: { ...builtin.policies, "ganzi/share.cedar": "" } };
  const lines: string[] = [];
  const problem: SourcesProblem | null = Engine.sourcesProblem(edited);
  if (problem) lines.push(`${problem.file ?? ""}:${problem.line ?? 0}:${problem.column ?? 0} ${problem.policy ?? ""} ${problem.message.en}`);
  else Engine.fromSources(edited).free();
  const annotations: AnnotationDoc[] = Engine.annotations;
  lines.push(...annotations.map((a) => `@${a.name}: ${a.example}`));
  const report: DiffReport = Engine.diff(builtin, edited, { "share.json": suite }, { limit: 3 });
  for (const d of report.jurisdictions) {
    lines.push(`${d.jurisdiction}: ${d.changedRequests} of ${d.space.total}`, ...d.rules.map((r) => `${r.change} ${r.id}`));
    for (const g of d.groups) {
      lines.push(`${g.rule} ${g.change ?? ""} ${g.count}`);
      for (const r of g.requests) lines.push(r.label, r.request.kind, ...r.changes.map((c) => `${c.what}: ${c.old} → ${c.new}`));
    }
  }
  lines.push(String(Engine.diff(builtin, builtin).changed));
  return lines;
}

export function articles(files: CoverageFiles): string[] {
  const edited: Sources = Engine.builtinSources("ganzi");
  const coverage: Coverage = Engine.coverage(edited, files);
  const lines: string[] = [];
  for (const r of coverage.regulations) {
    lines.push(`${r.key} ${r.title} (${r.text}): ${r.counts.articles} = ${r.counts.decides} + ${r.counts.informs} + ${r.counts.notDecidable} + ${r.counts.unclassified}`);
    const missing: ArticleCoverage[] = r.articles.filter((a) => a.class === "decides" && a.policies.length === 0);
    lines.push(...missing.map((a) => a.article), ...r.articles.map((a) => a.reason ?? a.policies.join(", ")));
  }
  lines.push(...coverage.problems.map((p) => `${p.code} ${p.regulation} ${p.article} ${p.policy ?? ""}: ${p.message}`));
  return lines;
}

export function refused(engine: Engine): void {
  // @ts-expect-error: a jurisdiction the library does not know
  new Engine("chengdu");
  // @ts-expect-error: a field the contract does not have
  const typo: Request = { jurisdiction: "ganzi", kind: "share", colour: "red" };
  // @ts-expect-error: a kind the contract does not have
  engine.check({ jurisdiction: "ganzi", kind: "lend" });
  // @ts-expect-error: a level is 1 to 5
  engine.check({ jurisdiction: "ganzi", kind: "share", requester: { securityLevel: 6 } });
  // @ts-expect-error: an outcome the contract does not have
  const outcome: Verdict["outcome"] = "maybe";
  // @ts-expect-error: the verdict's fields are read-only facts, not optional ones
  const missing: Verdict = { outcome: "granted" };
  // @ts-expect-error: an option Engine.diff does not have
  Engine.diff(Engine.builtinSources("ganzi"), Engine.builtinSources("ganzi"), {}, { limt: 3 });
  // @ts-expect-error: a jurisdiction without built-in sources
  Engine.builtinSources("chengdu");
  // @ts-expect-error: the coverage files hold coverage.json's text, not a parsed object
  Engine.coverage(Engine.builtinSources("ganzi"), { matrix: { regulations: {} } });
  // @ts-expect-error: a class coverage.json does not have
  const klass: ArticleCoverage["class"] = "partly";
  void [typo, outcome, missing, klass];
}

export function why(request: Request, lang: "zh" | "en"): string[] {
  const engine = Engine.fromSources(Engine.builtinSources("ganzi"));
  const e: Explanation = engine.explain(request);
  const lines: string[] = [e.verdict.outcome];
  for (const r of e.because) {
    lines.push(`${r.role} ${r.rule} ${r.file ?? ""}:${r.line ?? ""} 《${r.regulation}》${r.article} ${r.articleSummary?.[lang] ?? ""}`);
    lines.push(...r.read.map((v) => `${v.label?.[lang] ?? v.field} ${v.attribute} ${JSON.stringify(v.value)}`));
  }
  // @ts-expect-error: a role is one of five words
  const role: "granted" = e.because[0]?.role ?? "granted";
  lines.push(role);
  return lines;
}
