// The demo's words in Chinese and English: the page's own, and the values each control offers
// (named as the packs name them unless worded here).
// What the verdicts say (messages, articles, regulation titles) comes from the engine.

import { l } from "./forms/common.js";

export const UI = {
  title: { zh: "公共数据申请 · 浏览器内即时核验", en: "Public data applications, checked in the browser" },
  lede: {
    zh: "按所选地区的现行规定逐项核验：哪一项需要修改、依据哪一条，由谁审核、何时答复。所有核验都在本页完成，不发送任何数据。",
    en: "Checked item by item against the selected region's rules: what to fix and under which article, who reviews and by when. Everything runs in this page; nothing is sent.",
  },
  loading: { zh: "正在加载规则引擎…", en: "Loading the rules engine…" },
  loadFailed: { zh: "规则引擎加载失败：", en: "The rules engine did not load: " },
  formFailed: { zh: "申请表加载失败：", en: "The form did not load: " },
  rulesFailed: { zh: (region) => `${region}的规则加载失败：`, en: (region) => `The rules of ${region} did not load: ` },
  jurisdiction: { zh: "地区", en: "Region" },
  language: { zh: "语言", en: "Language" },
  forms: { zh: "申请表", en: "Forms" },
  inForce: { zh: "施行", en: "in force" },
  expires: { zh: "有效期至", en: "valid until" },
  result: { zh: "核验结果", en: "Check result" },
  toFix: { zh: "需要修改", en: "To fix" },
  route: { zh: "由谁审核、何时答复", en: "Who decides, and by when" },
  schedule: { zh: "审核步骤（依次进行）", en: "Steps, one after another" },
  onRequest: { zh: "经申请", en: "if asked for" },
  reviewer: { zh: "审核", en: "Reviewed by" },
  workingDays: { zh: "期限", en: "Time limit" },
  due: { zh: "答复截止", en: "Answer due" },
  silence: { zh: "逾期未答复的，视为审核通过", en: "No answer in time counts as approval" },
  basis: { zh: "依据", en: "Under" },
  grounds: { zh: "准予或转审的依据", en: "Why it may proceed" },
  obligations: { zh: "申请人须知的义务", en: "Duties that follow" },
  warnings: { zh: "提示", en: "Notes" },
  notGoverned: { zh: "本表不适用于该地区", en: "This form does not apply here" },
  unreadable: { zh: "无法读取申请", en: "The application cannot be read" },
  submit: { zh: "提交申请", en: "Submit" },
  ready: {
    zh: "核验通过，可以提交。（演示页面：申请不会发送到任何地方。）",
    en: "The application passes the checks and can be submitted. (A demo: it is not sent anywhere.)",
  },
  requestJson: { zh: "将提交的申请（JSON）", en: "The request (JSON)" },
  policySet: { zh: "规则集", en: "Rule set" },
  article: { zh: "条文", en: "Article" },
  noText: { zh: "（规则集未收录本条摘要）", en: "(the rule set has no summary of this article)" },
  workingDaysN: { zh: (n) => `${n} 个工作日`, en: (n) => `${n} working day${n === 1 ? "" : "s"}` },
  byDate: { zh: (d) => `${d} 前`, en: (d) => `by ${d}` },
  problemsN: { zh: (n) => `${n} 项需要修改`, en: (n) => `${n} thing${n === 1 ? "" : "s"} to fix` },
  goTo: { zh: "转到此项", en: "Go to the field" },
  optional: { zh: "选填", en: "optional" },
  choose: { zh: "请选择", en: "Choose" },
  yes: { zh: "是", en: "Yes" },
  no: { zh: "否", en: "No" },
  fieldless: { zh: "整份申请", en: "The application as a whole" },
  toPlayground: { zh: "规则试验场（供规则编写者）", en: "Policy playground (for policy authors)" },
};

export const OUTCOMES = {
  granted: { zh: "准予", en: "Granted" },
  review: { zh: "转审核", en: "Goes to review" },
  refused: { zh: "不予通过", en: "Refused" },
  error: { zh: "无法核验", en: "Cannot check" },
};

export const REVIEWERS = {
  // The provider is the body holding the data: it provides it (sharing) or opens it.
  provider: {
    zh: "数据所属单位", en: "The body holding the data",
    share: { zh: "数据提供单位", en: "The providing body" },
    open: { zh: "公共数据开放主体", en: "The opening body" },
  },
  // The registration measures' registry (登记机构), set up or designated by the data authority (第三条).
  authority: { zh: "公共数据主管部门", en: "The public data authority", register: { zh: "登记机构", en: "The registry" } },
  negotiation: { zh: "供需双方协商", en: "Negotiation between user and provider" },
  expert_committee: { zh: "专家委员会，再报本级人民政府", en: "The expert committee, then the government" },
  government: { zh: "本级人民政府", en: "The same-level government" },
};

/** Values the pack names: their words are the contract's (`values[].zh/en` of the field). */
const ofPack = (...values) => values.map((v) => [v]);

/**
 * The values each control offers, in the form's order: `[value, label?, byJurisdiction?]`.
 * Without a label (`null` or none) the option reads as the pack names the value in the
 * current jurisdiction's contract; a label here is the form's own wording (values the packs
 * do not name, such as a bool's 是/否, or a deliberately different one), and
 * `byJurisdiction` words it for one jurisdiction. tests/js/demo.test.mjs fails on a label
 * here that repeats the pack's.
 */
export const VALUES = {
  requesterType: ofPack("department", "public_service_org", "legal_person", "other_org", "citizen", "operator"),
  attribute: [
    ["unconditional", l("无条件共享 / 开放", "Unconditional"), { lishui: l("无条件开放类", "Unconditional") }],
    ["conditional", l("有条件共享 / 开放", "Conditional"), { lishui: l("受限开放类", "Restricted") }],
    ["none", l("不予共享 / 开放", "None (not shared / opened)"), { lishui: l("禁止开放类", "Prohibited") }],
  ],
  sharing: ofPack("unconditional", "conditional", "none"),
  opening: [
    ["unconditional", null, { lishui: l("无条件开放类", "Unconditional") }],
    ["conditional", null, { lishui: l("受限开放类", "Restricted") }],
    ["none", null, { lishui: l("禁止开放类", "Prohibited") }],
  ],
  sharePurpose: [
    ["duty", l("履行法定职责", "Statutory duties")],
    ["public_service", l("提供公共服务", "A public service")],
    ["other", l("其他", "Other")],
  ],
  openPurpose: [
    ["innovation", l("创新发展", "Innovation")],
    ["urban_governance", l("城市治理", "Urban governance")],
    ["social_services", l("社会服务", "Social services")],
    ["research", l("科学研究", "Research")],
    ["commercial", l("商业利用", "Commercial use")],
    ["other", l("其他", "Other")],
  ],
  shareUsageMode: ofPack("api", "batch_compare", "authorized_access", "desensitized_only", "download"),
  openUsageMode: ofPack("api", "model", "blockchain", "download"),
  scenarioType: ofPack(
    "one_network_service", "one_network_governance", "standardized", "key_work", "big_system", "other",
  ),
  level: [1, 2, 3, 4, 5].map((n) => [String(n), l(`${n} 级`, `Level ${n}`)]),
  rating: ofPack("A", "AA", "AAA"),
  materials: ofPack("application_form", "need_list", "security_certificate", "credit_report", "security_commitment"),
  lists: ofPack("dishonest", "serious_illegal", "tax_violation"),
  flags: ofPack(
    "state_secret", "work_secret", "commercial_secret", "personal_privacy", "personal_info", "security_risk",
    "ip_restricted", "law_prohibits",
  ),
  treatments: ofPack("desensitized", "consent", "public_interest"),
  openingGround: ofPack("consent", "infrastructure_load", "unassessed_benefit"),
  changedAttribute: ofPack("sharing", "opening"),
  aggregated: [
    ["true", l("已归集", "Aggregated")],
    ["false", l("尚未归集", "Not aggregated")],
  ],
  operateAction: ofPack("apply_operator", "sign_agreement", "request_data", "release_product", "transfer_to_operator"),
  selection: ofPack("open_tender", "invited_tender", "negotiation", "direct"),
  agreementClauses: ofPack(
    "data_scope", "term", "products", "platform", "asset_ownership", "disclosure", "accounting", "security",
    "evaluation", "liability", "disputes", "change_termination",
  ),
  penalties: ofPack("criminal", "suspension", "license_revoked"),
  registrationType: ofPack("first", "change", "correction", "cancellation", "renewal", "objection"),
  registrationMaterials: ofPack(
    "subject_info", "legal_source", "resource_info", "preservation_info", "products_info", "scenario_info",
    "risk_assessment",
  ),
  cancellationGround: ofPack("lost", "rights_ended", "subject_ended", "law"),
  yesNo: [
    ["true", l("是", "Yes")],
    ["false", l("否", "No")],
  ],
};

/** Short names for the switch; the full name and regulation come from the engine. */
export const JURISDICTION_NAMES = {
  ganzi: l("甘孜", "Garzê"),
  yongzhou: l("永州", "Yongzhou"),
  lishui: l("丽水", "Lishui"),
  suining: l("遂宁", "Suining"),
  putuo: l("普陀", "Putuo"),
};

const DIGITS = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number, or null. */
export function chineseNumber(text) {
  if (text === "十") return 10;
  const m = /^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (m === null || text === "") return null;
  const [, tens, ten, units] = m;
  if (ten === "") return tens !== "" && units === "" ? DIGITS[tens] : null;
  return (tens === "" ? 1 : DIGITS[tens]) * 10 + (units === "" ? 0 : DIGITS[units]);
}

/** `第十一条第（一）项` → "Art. 11(1)" in English; Chinese as written. */
export function articleLabel(article, lang) {
  if (lang !== "en") return article;
  const m = /^第([一二两三四五六七八九十]+)条(?:第[（(]([一二三四五六七八九十]+)[）)]项|第([一二三四五六七八九十]+)款)?$/.exec(article);
  if (m === null) return article;
  const art = chineseNumber(m[1]);
  if (art === null) return article;
  const item = m[2] !== undefined ? chineseNumber(m[2]) : null;
  const para = m[3] !== undefined ? chineseNumber(m[3]) : null;
  if (item !== null) return `Art. ${art}(${item})`;
  if (para !== null) return `Art. ${art} para. ${para}`;
  return `Art. ${art}`;
}

/** The playground page's words (playground.html). */
export const PLAYGROUND = {
  title: { zh: "规则试验场", en: "Policy playground" },
  lede: {
    zh: "在浏览器中修改一个地区的策略，校验、运行其测试场景，并与内置规则比较影响——与 pdp validate / test / diff 同一引擎，全部在本页完成。",
    en: "Edit a region's policies in the browser, load them, run its scenarios and see what the change does against the built-in rules — the engine of pdp validate / test / diff, all in this page.",
  },
  toForms: { zh: "← 申请表", en: "← Application forms" },
  files: { zh: "文件", en: "Files" },
  policyFiles: { zh: "策略", en: "Policies" },
  otherFiles: { zh: "架构、条文与日历", en: "Schema, articles, calendar" },
  modified: { zh: "已修改", en: "modified" },
  editorLabel: { zh: (f) => `编辑 ${f}`, en: (f) => `Editing ${f}` },
  caret: { zh: (l, c) => `第 ${l} 行，第 ${c} 列`, en: (l, c) => `Line ${l}, column ${c}` },
  wrap: { zh: "自动换行", en: "Wrap lines" },
  fileSelect: { zh: "文件", en: "File" },
  load: { zh: "校验并载入", en: "Validate & load" },
  run: { zh: "运行场景", en: "Run scenarios" },
  diff: { zh: "与内置规则比较", en: "Diff against built-in" },
  resetFile: { zh: "恢复本文件", en: "Reset this file" },
  resetAll: { zh: "全部恢复为内置", en: "Reset all to built-in" },
  resetConfirm: {
    zh: (j) => `放弃对${j}规则的全部修改？`,
    en: (j) => `Discard every edit to ${j}'s rules?`,
  },
  saved: { zh: "修改已保存在本浏览器中", en: "Edits are kept in this browser" },
  unchanged: { zh: "与内置规则相同", en: "Same as the built-in rules" },
  editedN: { zh: (n) => `已修改 ${n} 个文件`, en: (n) => `${n} file${n === 1 ? "" : "s"} edited` },
  loadTitle: { zh: "校验", en: "Validation" },
  loading: { zh: "正在校验…", en: "Validating…" },
  loaded: {
    zh: (n, f) => `规则已载入：${f} 个文件，${n} 条策略，均符合架构。`,
    en: (n, f) => `The rules load: ${n} policies in ${f} files, all valid against the schema.`,
  },
  loadFailed: { zh: "规则无法载入", en: "The rules do not load" },
  at: { zh: "位置", en: "At" },
  lineCol: { zh: (l, c) => (c ? `第 ${l} 行第 ${c} 列` : `第 ${l} 行`), en: (l, c) => (c ? `line ${l}, column ${c}` : `line ${l}`) },
  policy: { zh: "策略", en: "Policy" },
  goToLine: { zh: "转到该行", en: "Go to the line" },
  lintTitle: {
    zh: (e, w) => `检查发现 ${e} 个错误、${w} 个警告（与 pdp validate 相同）`,
    en: (e, w) => `The lint finds ${e} error${e === 1 ? "" : "s"} and ${w} warning${w === 1 ? "" : "s"} (as pdp validate does)`,
  },
  lintFailed: { zh: "无法运行检查：", en: "The lint could not run: " },
  severity: { zh: { error: "错误", warning: "警告" }, en: { error: "error", warning: "warning" } },
  help: { zh: "建议", en: "Help" },
  coverageTitle: { zh: "条文覆盖", en: "Article coverage" },
  coverageWaiting: { zh: "规则载入后，这里逐条列出各条文的分类。", en: "Once the rules load, each article's class is listed here." },
  coverageFetching: { zh: "正在读取覆盖矩阵和条文文本…", en: "Reading the coverage matrix and the regulation texts…" },
  coverageFetchFailed: { zh: "无法读取覆盖矩阵：", en: "The coverage matrix could not be read: " },
  coverageFailed: { zh: "无法计算条文覆盖：", en: "The coverage could not be worked out: " },
  coverageOk: {
    zh: "每个条文都已分类，且与策略相符。",
    en: "Every article is classified, and the policies bear each class out.",
  },
  coverageBad: {
    zh: (u, p) => `${u} 个条文未分类，共 ${p} 个问题`,
    en: (u, p) => `${u} article${u === 1 ? "" : "s"} unclassified, ${p} problem${p === 1 ? "" : "s"}`,
  },
  countLabels: {
    articles: { zh: (n) => `共 ${n} 条`, en: (n) => `${n} articles` },
    decides: { zh: (n) => `判定 ${n}`, en: (n) => `${n} decides` },
    informs: { zh: (n) => `告知 ${n}`, en: (n) => `${n} informs` },
    notDecidable: { zh: (n) => `不可判定 ${n}`, en: (n) => `${n} not decidable` },
    unclassified: { zh: (n) => `未分类 ${n}`, en: (n) => `${n} unclassified` },
  },
  classes: {
    decides: { zh: "判定", en: "decides" },
    informs: { zh: "告知", en: "informs" },
    not_decidable: { zh: "不可判定", en: "not decidable" },
    unclassified: { zh: "未分类", en: "unclassified" },
  },
  problems: {
    unclassified: { zh: "未分类", en: "not classified" },
    "no-policy": { zh: "缺少策略", en: "policy missing" },
    "not-classified-cited": { zh: "标为不可判定，却有策略引用", en: "marked not decidable, yet a policy cites it" },
    "not-in-text": { zh: "条文文本中没有此条", en: "not in the regulation's text" },
    "no-matrix": { zh: "coverage.json 未对本办法分类", en: "coverage.json does not classify this regulation" },
  },
  articleByArticle: { zh: (n) => `逐条查看（${n} 条）`, en: (n) => `Article by article (${n})` },
  classColumn: { zh: "分类", en: "Class" },
  detailColumn: { zh: "策略或理由", en: "Policies or reason" },
  scenariosTitle: { zh: "测试场景", en: "Scenarios" },
  running: { zh: "正在运行场景…", en: "Running the scenarios…" },
  totals: {
    zh: (p, f) => `${p} 个通过，${f} 个失败`,
    en: (p, f) => `${p} passed, ${f} failed`,
  },
  allPassed: { zh: "全部通过", en: "All passed" },
  someFailed: { zh: "有场景失败", en: "Some cases fail" },
  passedCases: { zh: (n) => `通过的 ${n} 个场景`, en: (n) => `${n} passing case${n === 1 ? "" : "s"}` },
  why: { zh: "为什么", en: "Why" },
  whyStale: { zh: "规则已修改：重新运行场景后再看原因", en: "The rules changed: run the scenarios again to see why" },
  noPolicyFired: { zh: "没有策略触发：规则集既不允许也不禁止该申请", en: "No policy fired: nothing in the rule set allows or forbids this request" },
  readsNothing: { zh: "不读取申请中的值：对每个申请都成立", en: "reads no request value: it holds for every request" },
  absent: { zh: "（缺失）", en: "(absent)" },
  // A policy's part in a verdict, as `pdp explain` names it.
  roles: {
    violation: { zh: "违反", en: "violation" },
    ground: { zh: "依据", en: "ground" },
    obligation: { zh: "义务", en: "obligation" },
    warning: { zh: "提醒", en: "warning" },
    fired: { zh: "触发", en: "fired" },
  },
  what: { zh: "项目", en: "What" },
  expected: { zh: "期望", en: "Expected" },
  actual: { zh: "实际", en: "Actual" },
  coverage: { zh: "覆盖", en: "Coverage" },
  policiesFired: {
    zh: (f, n) => `${n} 条策略中 ${f} 条被场景触发`,
    en: (f, n) => `${f} of ${n} policies fired by a case`,
  },
  neverFired: { zh: "没有场景触发的策略：", en: "Policies no case fires: " },
  articlesCited: {
    zh: (c, n) => `${n} 个条文中 ${c} 个有场景引用`,
    en: (c, n) => `${c} of ${n} articles cited by a case`,
  },
  uncited: { zh: "没有场景引用的条文：", en: "Articles no case cites: " },
  diffTitle: { zh: "变更影响（与内置规则相比）", en: "Change impact (against the built-in rules)" },
  comparing: { zh: "正在比较…", en: "Comparing…" },
  noChange: { zh: "没有变化：每个请求的结论都相同。", en: "No change: every request gets the same verdict." },
  noVerdictChange: {
    zh: "结论没有变化：上列规则有修改，但没有请求的结论因此改变。",
    en: "No verdict changes: the rules above changed, but no request's verdict did.",
  },
  notExercised: {
    zh: (ids) => `未被检验：${ids}——没有请求在任一方触发这些规则，它们的影响未知；请添加能触发它们的场景。`,
    en: (ids) => `Not exercised: ${ids} — no request fired them on either side, so what they change is unknown; add a scenario that reaches them.`,
  },
  outcomesMoved: { zh: "结论的变化：", en: "Outcomes moved: " },
  regulationEdits: { zh: "regulation.json 的修改", en: "regulation.json edits" },
  noScenarios: {
    zh: "没有场景文件：只判定了生成的请求，可能遗漏场景能发现的变化。",
    en: "No scenario files: only generated requests were decided, which may miss what the scenarios would show.",
  },
  identical: { zh: "没有变化：文件与内置规则完全相同。", en: "No change: the files are the built-in ones." },
  rulesChanged: { zh: "修改的规则", en: "Rules changed" },
  noRuleChanged: { zh: "没有增加、删除或修改规则", en: "No rule added, removed or modified" },
  change: {
    added: { zh: "新增", en: "added" },
    removed: { zh: "删除", en: "removed" },
    modified: { zh: "修改", en: "modified" },
  },
  logicChanged: { zh: "适用范围或条件已改变", en: "its scope or conditions changed" },
  // A dated amendment: the days a changed rule decides (`@validFrom`, `@validUntil`).
  inForce: {
    zh: (from, until) => from && until ? `施行期间：${from} 至 ${until}` : from ? `修订：自 ${from} 起施行` : `施行至 ${until}`,
    en: (from, until) => from && until ? `in force ${from} to ${until}` : from ? `an amendment in force from ${from}` : `in force until ${until}`,
  },
  none: { zh: "（无）", en: "(none)" },
  space: {
    zh: (t, s, g) => `在两套规则下判定了 ${t} 个请求：${s} 个来自场景，${g} 个据此生成。`,
    en: (t, s, g) => `Decided ${t} requests under both: ${s} from the scenarios, ${g} generated around them.`,
  },
  changedN: {
    zh: (c, t) => `其中 ${c} 个请求的结论改变：`,
    en: (c, t) => `${c} of ${t} requests change:`,
  },
  requestsN: { zh: (n) => `${n} 个请求`, en: (n) => `${n} request${n === 1 ? "" : "s"}` },
  andMore: { zh: (n) => `…另有 ${n} 个`, en: (n) => `… and ${n} more` },
  request: { zh: "请求", en: "Request" },
  noRule: { zh: "（条文元数据或日历）", en: "(regulation metadata or calendar)" },
  stale: { zh: "以上结果基于修改前的文本，请重新运行。", en: "These results are from before the last edit: run again." },
  fetchFailed: { zh: "无法读取测试场景：", en: "The scenarios could not be read: " },
};
