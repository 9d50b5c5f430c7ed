// The contract's types (shared/CONTRACT.md), written once after the Rust types of
// `pubdata-policy`; `scripts/test-wasm` checks them with `tsc` against every real request
// and every native verdict of the scenario vectors, so a field added in Rust and missing
// here fails the build.

export type JurisdictionId = "ganzi" | "yongzhou" | "lishui" | "suining" | "putuo";
export type Kind = "classify" | "reclassify" | "share" | "open" | "operate";
export type RequesterType =
  | "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
export type Attribute = "unconditional" | "conditional" | "none";
export type Rating = "A" | "AA" | "AAA";
export type Material =
  | "application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment";
export type Penalty = "criminal" | "suspension" | "license_revoked";
export type ListEntry = "dishonest" | "tax_violation" | "serious_illegal";
export type Flag =
  | "state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info"
  | "security_risk" | "ip_restricted" | "law_prohibits";
export type Treatment = "desensitized" | "consent" | "public_interest";
export type UsageMode =
  | "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
export type ScenarioType =
  | "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
export type OpeningGround = "consent" | "infrastructure_load" | "unassessed_benefit";
export type OperateAction = "apply_operator" | "request_data" | "release_product" | "transfer_to_operator";
/** A level from 1 to 5 (等保 level, or the security level of a use). */
export type Level = 1 | 2 | 3 | 4 | 5;
/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** A request to decide. Unknown fields are rejected. */
export interface Request {
  jurisdiction: JurisdictionId;
  kind: Kind;
  /** The day the request is submitted; omitted means today (China time). */
  date?: IsoDate;
  requester?: Requester;
  resource?: Resource;
  application?: Application;
}

export interface Requester {
  id?: string;
  type?: RequesterType;
  name?: string;
  /** Citizen ID (GB 11643) for a citizen, unified social credit code (GB 32100) otherwise. */
  idNumber?: string;
  rating?: Rating;
  securityLevel?: Level;
  dishonest?: boolean;
  materials?: Material[];
  penalties?: Penalty[];
  lists?: ListEntry[];
  principalCriminal?: boolean;
}

export interface Resource {
  id?: string;
  name?: string;
  provider?: string;
  sharing?: Attribute;
  opening?: Attribute;
  /** `true` unless given. */
  inCatalog?: boolean;
  flags?: Flag[];
  treatments?: Treatment[];
}

export interface Catalog {
  name?: string;
  openingSubject?: string;
  format?: string;
  dataType?: string;
  updateFrequency?: string;
  source?: string;
  gradingLevel?: string;
  coverage?: string;
  managingBody?: string;
  description?: string;
}

export interface Application {
  purpose?: string;
  scenario?: string;
  scenarioType?: ScenarioType;
  needBasis?: string;
  businessGoal?: string;
  securityMeasures?: string;
  commitment?: boolean;
  usageMode?: UsageMode;
  usageEveryDays?: number;
  thirdPartyTransfer?: boolean;
  crossLevel?: boolean;
  crossRegion?: boolean;
  needType?: string;
  dataContent?: string;
  securityLevel?: Level;
  fusion?: boolean;
  fusionPlan?: string;
  lowFrequencyReason?: string;
  keyWorkEvaluated?: boolean;
  /** A re-review (复核) of a need already reviewed. */
  reReview?: boolean;
  reason?: string;
  conditions?: string;
  legalBasis?: string;
  openingGround?: OpeningGround;
  catalog?: Catalog;
  aggregated?: boolean;
  notAggregatedBasis?: string;
  attribute?: "sharing" | "opening";
  from?: Attribute;
  to?: Attribute;
  authorityApproval?: string;
  filed?: boolean;
  securityNeed?: boolean;
  authorityProposal?: boolean;
  ownData?: boolean;
  subjectAuthorized?: boolean;
  action?: OperateAction;
  productApproved?: boolean;
  withinScope?: boolean;
  agreementStart?: IsoDate;
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

/** The argument of `Engine.fromSources`: the texts of a `policies/` folder. */
export interface Sources {
  /** `schema.cedarschema` */
  schema: string;
  /** File name → text of each `.cedar` file, read in the order of the names. */
  policies: Record<string, string>;
  /** `regulation.json` */
  regulation: string;
  /** File name → text of each calendar year (`calendar/2026.json` …). */
  calendar?: Record<string, string>;
}

export interface JurisdictionInfo {
  jurisdiction: string;
  name: Message;
  /** The `.cedar` files the policies must include, each with a policy. */
  policyFiles?: string[];
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
  key: string;
  title: string;
  titleEn: string;
  docNumber?: string;
  issued?: IsoDate;
  inForce: IsoDate;
  expires?: IsoDate;
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

export interface CaseResult {
  name: string;
  /** One line per difference from the expectation; empty when the case passes. */
  failures: string[];
  verdict?: Verdict;
  status?: ShareStatus;
}

/**
 * What `Engine.sourcesProblem` returns for texts that do not load: the error
 * `Engine.fromSources` throws, with where the engine stopped, as far as it is found.
 */
export interface SourcesProblem extends EngineError {
  /** The file as the sources name it: `ganzi/share.cedar`, `regulation.json`, `schema.cedarschema`, `2026.json`. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in characters. */
  column?: number;
  /** The `@id` of the policy at fault. */
  policy?: string;
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
