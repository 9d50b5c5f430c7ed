// The package's types beside the requests: verdicts, errors, sources, reports
// (shared/CONTRACT.md). The request types of each pack are generated from its pack.json
// into packs.d.ts. `scripts/test-wasm` checks both with `tsc` against every real request
// and every native verdict of the scenario vectors.

/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** What a request to a pack may hold (`engine.contract`; `pdp contract PACK`). */
export interface PackContract {
  kinds: { kind: string; zh: string; en: string }[];
  fields: PackField[];
}

/** One request field of a pack. */
export interface PackField {
  /** Its JSON Pointer, such as `/application/needBasis`. */
  field: string;
  type: "text" | "enum" | "bool" | "long" | "date" | "set" | "record";
  label: Message;
  values?: { value: string; zh: string; en: string }[];
  suggest?: string[];
  min?: number;
  max?: number;
  default?: boolean;
  optional?: boolean;
  entityId?: boolean;
}

/** A text in simplified Chinese and in English. */
export interface Message {
  zh: string;
  en: string;
}

export type Outcome = "granted" | "review" | "refused";
export type Reviewer = "provider" | "authority" | "negotiation" | "expert_committee" | "government";

/** The decision on a request. */
export interface Verdict {
  outcome: Outcome;
  violations: Violation[];
  route?: Route;
  /**
   * When the route is the first of several steps that follow one another: every step
   * in order, the route first; each step's period runs from the due date of the one
   * before it, so no step falls due before the step it follows.
   */
  schedule?: Step[];
  obligations: Obligation[];
  warnings: Warning[];
  grounds: Ground[];
  /** Ids of the Cedar policies that determined the verdict. */
  policies: string[];
  /** The policy set that decided: jurisdiction, library version and content hash. */
  policySet?: PolicySetId;
}

/** A rule the request breaks. */
export interface Violation {
  rule: string;
  regulation: string;
  article: string;
  /** JSON Pointer into the request, `""` for the request as a whole. */
  field: string;
  message: Message;
}

/** Who decides, by when, under which article. */
export interface Route {
  reviewer: Reviewer;
  workingDays?: number;
  due?: IsoDate;
  silenceMeansApproval: boolean;
  regulation: string;
  article: string;
  message?: Message;
}

/** One step of a schedule: who decides, by when, under which article. */
export interface Step {
  /** The policy that sets the step. */
  rule: string;
  reviewer: Reviewer;
  workingDays?: number;
  /** Counted from the due date of the step before (the request date for the first). */
  due?: IsoDate;
  silenceMeansApproval: boolean;
  regulation: string;
  article: string;
  message?: Message;
  /** The step happens only if asked for (a re-review, a dispute); absent when false. */
  onRequest?: boolean;
}

export interface Obligation {
  rule: string;
  regulation: string;
  article: string;
  message: Message;
  workingDays?: number;
  due?: IsoDate;
}

export interface Warning {
  code: string;
  message: Message;
  rule?: string;
  regulation?: string;
  article?: string;
}

export interface Ground {
  rule: string;
  regulation: string;
  article: string;
}

export interface PolicySetId {
  jurisdiction: string;
  version: string;
  hash: string;
}

/** What every method throws for input it cannot read (never a bare string). */
export interface EngineError {
  code: "invalid_request" | "unknown_jurisdiction" | "wrong_jurisdiction" | "invalid_policies" | "io" | "evaluation";
  /** JSON Pointer of the field at fault, or `null`. */
  field: string | null;
  message: Message;
}

/**
 * The argument of `Engine.fromSources` (and what `Engine.builtinSources` returns): a pack's
 * files as fetched — its `pack.json` (`manifest`), `regulation.json` and policies — the
 * packs beneath it (`layers`, lowest first), and the calendar years.
 */
export interface Sources {
  /** `pack.json`: the pack's id, layers, kinds and fields. */
  manifest: string;
  /** `regulation.json`, for a pack with policies. */
  regulation?: string;
  /** File name → text of each `.cedar` file, read in the order of the names. */
  policies?: Record<string, string>;
  /** The packs beneath it, lowest first (`base` at least). */
  layers?: LayerSources[];
  /** File name → text of each calendar year (`calendar/2026.json` …). */
  calendar?: Record<string, string>;
}

/** One pack beneath another: its id and files. */
export interface LayerSources {
  pack: string;
  manifest: string;
  regulation?: string;
  policies?: Record<string, string>;
}

export interface JurisdictionInfo {
  jurisdiction: string;
  name: Message;
  regulations: Regulation[];
  dormancy?: DormancyRule;
}

/** `engine.verify(request, clientVerdict)`: the server's check of a client's verdict. */
export interface Verification {
  /** The client used the same policy set (same hash). */
  samePolicies: boolean;
  /** The client's verdict equals the server's, field for field. */
  sameVerdict: boolean;
  /** What differs, one line each. */
  differences: string[];
  /** The server's own verdict: the one to act on. */
  verdict: Verdict;
}

export interface Regulation {
  /** The pack whose `regulation.json` holds it (a layer's regulations are cited too). */
  pack: string;
  key: string;
  title: string;
  titleEn: string;
  docNumber?: string;
  issued?: IsoDate;
  inForce: IsoDate;
  expires?: IsoDate;
  /** The article that sets the dates in force, cited when a request falls outside them. */
  periodArticle?: string;
  articles: Record<string, Message>;
}

export interface DormancyRule {
  regulation?: string;
  article: string;
  suspendAfterMonths: number;
  terminateAfterDays: number;
}

/** What is known of an existing share. */
export interface ShareUse {
  lastUse: IsoDate;
  today: IsoDate;
  /** The day the suspension notice was sent; taken to be the day of suspension if absent. */
  notice?: IsoDate;
  /** The requester gave reasons and a basis for the low use. */
  reasonGiven?: boolean;
  /** The requester objected to the suspension notice. */
  objected?: boolean;
}

export interface ShareStatus {
  state: "active" | "suspended" | "terminated";
  activeUntil: IsoDate;
  terminatesAfter?: IsoDate;
  regulation: string;
  article: string;
  message: Message;
}

/** The end of a period of working days. */
export interface Deadline {
  due: IsoDate;
  /** `false` when the count ran past the years the calendar data covers (weekends only there). */
  covered: boolean;
}

/** A scenario file of `tests/vectors/` (see the README's vector format). */
export interface Suite {
  description?: string;
  base?: Record<string, unknown>;
  cases: Array<Record<string, unknown>>;
}

/**
 * One way what the engine answered differs from what a case expects: `path` is the part of
 * the case as its JSON spells it (`outcome`, `route.workingDays`, `schedule[1].due`,
 * `obligations[<rule>].due`, `violations`, `error`, or `cites` for a cited article the
 * answer lacks); `expected` and `actual` are JSON values in the scenario format's shape
 * (`5`, `"2026-10-10"`, a list of violations), `null` for none (no route, no error, no
 * verdict). For `cites`, `expected` is the article and `actual` the articles cited.
 */
export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  name: string;
  /** Every difference from the expectation; empty when the case passes. */
  failures: Difference[];
  /**
   * The request a decision case sent: its own, or the suite's base with its patch merged in.
   * A `Request` when the case decided (`verdict` is set); any JSON when the case tests a
   * request the engine cannot read, so it is typed `unknown`.
   */
  request?: unknown;
  verdict?: Verdict;
  status?: ShareStatus;
}

/**
 * What `Engine.sourcesProblem` returns for texts that do not load: the error
 * `Engine.fromSources` throws, with where the engine stopped, as far as it is found.
 */
export interface SourcesProblem extends EngineError {
  /** The file as the sources name it: `ganzi/share.cedar`, `ganzi/regulation.json`, `ganzi/pack.json`, `2026.json`. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in characters. */
  column?: number;
  /** The `@id` of the policy at fault. */
  policy?: string;
}

/** One problem `Engine.lint` finds (`pdp validate --format json`'s `findings`). */
export interface Diagnostic {
  severity: "error" | "warning";
  /** A stable name for the kind of problem: `unknown-annotation`, `unknown-value`, `cedar-schema`, … */
  code: string;
  /** The file as the sources name it: `ganzi/share.cedar`, `ganzi/pack.json`, `ganzi/coverage.json`, `2026.json`. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in characters. */
  column?: number;
  /** How many characters from `column` the problem spans on its line. */
  length?: number;
  /** The `@id` of the policy at fault. */
  policy?: string;
  /** What is wrong. Cedar's own messages are English only: they stand in both. */
  message: Message;
  /** How to put it right, when there is a likely fix. */
  help?: Message;
}

/** An annotation a policy may carry (`Engine.annotations`; `pdp annotations --format json`). */
export interface AnnotationDoc {
  /** Its name, without `@`: `workingDays`. */
  name: string;
  /** What it means, in English. */
  meaning: string;
  /** An example, as written in a policy: `@workingDays("5")`. */
  example: string;
}

/** The options of `Engine.diff`. */
export interface DiffOptions {
  /** How many changed requests each rule lists; 0 lists all. Default 10, as `pdp diff`. */
  limit?: number;
}

/**
 * What `Engine.diff` returns: the report `pdp diff --format json` prints. Sources that do
 * not load are thrown as `fromSources` throws them, the message starting `OLD: ` or `NEW: `.
 */
export interface DiffReport {
  /** Some request's verdict differs. */
  changed: boolean;
  jurisdictions: JurisdictionDiff[];
}

export interface JurisdictionDiff {
  jurisdiction: JurisdictionId;
  /** `pdp diff` only: the jurisdiction has policies on one side alone. */
  onlyIn?: "OLD" | "NEW";
  /** Both sides hold the same texts: nothing was decided. */
  identical: boolean;
  rules: RuleChange[];
  space: { scenarios: number; generated: number; total: number };
  changedRequests: number;
  /** Most changed requests first. */
  groups: ChangeGroup[];
}

export type ChangeKind = "added" | "removed" | "modified";

export interface RuleChange {
  id: string;
  change: ChangeKind;
  file: string;
  annotations: Array<{ key: string; old: string | null; new: string | null }>;
  logicChanged: boolean;
}

/** The requests whose verdict changes under one rule (`"(regulation metadata or calendar)"` when none). */
export interface ChangeGroup {
  rule: string;
  /** Absent for a rule that is itself unchanged. */
  change?: ChangeKind;
  count: number;
  /** The first `limit` of them. */
  requests: ChangedRequest[];
}

export interface ChangedRequest {
  /** `share.json › case name`, or how it was generated from one. */
  label: string;
  /** `what` is `outcome`, `violation`, `route`, `route.due`, `obligation <rule>`, `warning`, … */
  changes: Array<{ what: string; old: string; new: string }>;
  request: Request;
}

/** The second argument of `Engine.coverage`: a pack's `coverage.json` and its regulation texts. */
export interface CoverageFiles {
  /** The text of `coverage.json`. */
  matrix: string;
  /** File name → text of each regulation text `coverage.json` names (`ganzi-2025-public-data-management.txt`). */
  texts?: Record<string, string>;
}

/**
 * What `Engine.coverage` returns: one jurisdiction of `pdp coverage --format json`, every
 * article of the regulation texts with its class, checked against the policies.
 */
export interface Coverage {
  jurisdiction: string;
  regulations: RegulationCoverage[];
  /** What `pdp validate` reports: unclassified articles, classes no policy bears out, citations the text lacks. */
  problems: CoverageProblem[];
}

export interface RegulationCoverage {
  /** The regulation's key in `regulation.json`. */
  key: string;
  title: string;
  /** The text file the articles were read from. */
  text: string;
  counts: CoverageCounts;
  /** In the text's order. */
  articles: ArticleCoverage[];
}

export interface CoverageCounts {
  articles: number;
  decides: number;
  informs: number;
  notDecidable: number;
  unclassified: number;
}

export type ArticleClass = "decides" | "informs" | "not_decidable" | "unclassified";

export interface ArticleCoverage {
  /** `第十条` */
  article: string;
  class: ArticleClass;
  /** Why it is not decidable (`not_decidable` only). */
  reason?: string;
  /** The ids of the policies that cite the article (or one of its items). */
  policies: string[];
}

export interface CoverageProblem {
  code: "unclassified" | "no-policy" | "not-classified-cited" | "not-in-text" | "no-matrix";
  /** The regulation's key. */
  regulation: string;
  /** The article concerned (empty for `no-matrix`). */
  article: string;
  /** The policy concerned, for a citation. */
  policy?: string;
  /** What is wrong, in English. */
  message: string;
}

/** Why a request gets its verdict: `Engine.explain`, as `pdp explain --format json` says it. */
export interface Explanation {
  verdict: Verdict;
  /** The policies behind the verdict: violations, grounds, obligations, warnings, then those that fired without a part in it. */
  because: ExplanationReason[];
}

export interface ExplanationReason {
  /** The policy's `@id`. */
  rule: string;
  role: "violation" | "ground" | "obligation" | "warning" | "fired";
  /** The policy's file as the sources name it (`ganzi/share.cedar`). */
  file?: string;
  /** The 1-based line where the policy starts. */
  line?: number;
  /** The title of the regulation it rests on. */
  regulation: string;
  /** The article it cites, `""` when none. */
  article: string;
  articleSummary?: Message;
  /** The request values its scope and conditions read. */
  read: ReadValue[];
}

export interface ReadValue {
  /** The request field, a JSON Pointer. */
  field: string;
  /** The field's label from the pack, when it has one. */
  label?: Message;
  /** The Cedar attribute the policy reads it as. */
  attribute: string;
  /** The value as the engine sees it (defaults filled in); `null` when absent. */
  value: unknown;
}
