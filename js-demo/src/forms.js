// The five forms, as data: sections of fields, each named by the request's JSON Pointer
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
// Modelled on the regulations' templates: 丽水 annex 1 (公共数据开放申请表) for opening;
// 甘孜 第十八条 and 普陀 第十七条、第十八条 for sharing; 浙江 第十条 and 普陀 第十一条 for
// catalogue entries, the attribute-change articles for changes; 授权运营实施规范 第十一条 to
// 第十四条, 第二十一条 (and 遂宁's measures) for operation; 登记管理暂行办法 第七条, 第九条,
// 第十二条, 第十五条 for registration.
//
// A field that names a request field and has no `label` reads as its pack labels it
// (pack.json's `label`, from the current jurisdiction's `engine.contract`); a `label` here is
// the form's own wording, kept only where it deliberately differs from the pack's (the
// regulation's template words it so). tests/js/demo.test.mjs fails on one that repeats it.

const l = (zh, en) => ({ zh, en });

const SHARERS = ["ganzi", "yongzhou", "putuo"];
const OPENERS = ["ganzi", "yongzhou", "lishui"];

const date = { name: "/date", label: l("申请日期", "Date of application"), control: "date", today: true };

// The operation's steps (`/application/action`) that choose the operator under the plan.
const CHOOSING = ["apply_operator", "sign_agreement"];

export const FORMS = [
  {
    id: "share",
    kinds: ["share"],
    // Written as a site's own form would be: its own control names (`site`) and option codes
    // (`codes`: the contract's value → the site's code), mapped back for the engine by
    // bindForm's `fields`/`values`; checked gently (a control is flagged once changed, or on
    // a submit attempt), with bindForm's own inline messages (`describe`, and its
    // aria-invalid). tests/js/demo.test.mjs fills it through these names and codes.
    bind: { gentle: true, describe: true, aria: true },
    tab: l("共享申请", "Sharing"),
    title: l("公共数据共享申请", "Application to share public data"),
    intro: l(
      "政务部门和公共服务组织因履行职责需要，申请使用其他单位的公共数据。",
      "A government department or public service organisation asks for another body's public data for its duties.",
    ),
    sections: [
      {
        id: "applicant",
        legend: l("申请单位", "Applicant"),
        fields: [
          { name: "/requester/name", site: "applyDept", label: l("申请单位名称", "Applying body"), control: "text", autocomplete: "organization" },
          {
            name: "/requester/type", site: "deptType", label: l("单位类型", "Type of applicant"), control: "select", values: "requesterType",
            only: ["department", "public_service_org", "legal_person", "other_org", "citizen"],
            codes: { department: "1", public_service_org: "2", legal_person: "3", other_org: "4", citizen: "5" },
          },
          {
            name: "/requester/idNumber", label: l("统一社会信用代码", "Unified social credit code"), control: "text",
            hint: l("18 位，填写后即校验", "18 characters, checked as you type"), optional: true, pattern: "[0-9A-Za-z]{18}", maxlength: 18,
          },
          date,
        ],
      },
      {
        id: "data",
        legend: l("申请的数据", "Data requested"),
        fields: [
          { name: "/resource/name", label: l("数据资源名称", "Data resource"), control: "text" },
          { name: "/resource/provider", control: "text", optional: true },
          { name: "/resource/inCatalog", label: l("已列入公共数据目录", "In the public data catalogue"), control: "radio", values: "yesNo", value: "true" },
          {
            name: "/resource/sharing", site: "shareType", label: l("共享属性（以目录为准）", "Sharing attribute (as catalogued)"), control: "select", values: "sharing",
            codes: { unconditional: "1", conditional: "2", none: "3" },
          },
          {
            name: "/resource/flags", label: l("数据涉密情况", "Secrecy"), control: "checks", values: "flags", only: ["state_secret"],
            show: ["putuo"],
          },
        ],
      },
      {
        id: "need",
        legend: l("共享需求", "The need"),
        fields: [
          {
            name: "/application/purpose", site: "usePurpose", label: l("申请用途", "Purpose"), control: "select", values: "sharePurpose",
            codes: { duty: "01", public_service: "02", other: "99" },
          },
          { name: "/application/needType", control: "text", show: ["putuo"] },
          { name: "/application/scenarioType", label: l("应用场景类型", "Kind of scenario"), control: "select", values: "scenarioType", show: ["putuo"], optional: true },
          {
            name: "/application/keyWorkEvaluated", label: l("重点工作场景已经评估", "The key-work scenario has been evaluated"),
            control: "checkbox", show: ["putuo"],
          },
          {
            name: "/application/scenario", site: "useScene", control: "textarea", show: ["ganzi", "putuo"],
            hint: l("数据用于什么业务、在什么范围内使用", "What the data is used for, and within what scope"),
          },
          { name: "/application/needBasis", control: "textarea", show: ["ganzi", "putuo"], hint: l("法律、法规、规章或职责文件", "A law, regulation, rule or mandate") },
          { name: "/application/businessGoal", control: "text", show: ["ganzi", "putuo"] },
          { name: "/application/dataContent", label: l("数据资源内容（数据项）", "Data content (items)"), control: "textarea", show: ["putuo"] },
          { name: "/application/usageMode", label: l("数据使用方式", "Mode of use"), control: "select", values: "shareUsageMode", show: ["putuo"] },
          {
            name: "/application/usageEveryDays", label: l("使用频率：每多少天至少使用一次", "Used at least once every … days"), control: "number",
            min: 1, max: 3650, show: ["putuo"],
          },
          {
            name: "/application/lowFrequencyReason", label: l("低于每 3 个月一次的依据和理由", "Why less often than every 3 months"),
            control: "textarea", show: ["putuo"], optional: true,
          },
          { name: "/application/securityLevel", label: l("数据使用安全等级", "Security level of the use"), control: "select", values: "level", show: ["putuo"] },
          { name: "/application/securityMeasures", control: "textarea", show: ["ganzi", "putuo"] },
          { name: "/application/aggregated", label: l("数据归集情况", "Is the data aggregated?"), control: "select", values: "aggregated", show: ["putuo"], optional: true },
          { name: "/application/fusion", label: l("需要跨部门数据融合", "Needs cross-department data fusion"), control: "checkbox", show: ["putuo"] },
          { name: "/application/fusionPlan", label: l("数据融合方案", "Fusion plan"), control: "textarea", show: ["putuo"], optional: true },
          { name: "/application/crossLevel", label: l("跨层级获取数据", "Data from another level of government"), control: "checkbox", show: ["ganzi", "putuo"] },
          { name: "/application/crossRegion", label: l("跨区域获取数据", "Data from another region"), control: "checkbox", show: ["ganzi"] },
        ],
      },
      {
        id: "commitments",
        legend: l("使用承诺", "Commitments"),
        fields: [
          {
            name: "/application/thirdPartyTransfer", label: l("是否向第三方提供所获数据", "Will the data be given to a third party?"),
            control: "radio", values: "yesNo", value: "false", show: SHARERS,
          },
          {
            name: "/application/withinScope", label: l("仅在申请的用途和范围内使用", "Used only for the stated purpose and scope"),
            control: "radio", values: "yesNo", show: ["yongzhou", "putuo"], optional: true,
          },
          {
            name: "/application/commitment", site: "promise",
            label: l("本单位承诺：需求真实、使用目标合理、使用过程安全合规", "We commit that the need is true, the goal reasonable, and the use secure and lawful"),
            control: "checkbox", show: ["ganzi", "putuo"],
          },
        ],
      },
    ],
  },
  {
    id: "open",
    kinds: ["open"],
    tab: l("开放申请", "Opening"),
    title: l("公共数据开放申请表", "Public data opening application form"),
    intro: l(
      "公民、法人和其他组织申请获取开放的公共数据。栏目依《丽水市公共数据开放工作细则》附件 1。",
      "Citizens, companies and organisations ask for opened public data. The fields follow annex 1 of the Lishui working rules.",
    ),
    sections: [
      {
        id: "applicant",
        legend: l("业务申请信息", "Applicant"),
        fields: [
          { name: "/requester/name", label: l("公共数据利用主体", "Data user (applicant)"), control: "text", autocomplete: "organization" },
          { name: "/requester/type", label: l("主体类型", "Type of applicant"), control: "select", values: "requesterType", only: ["legal_person", "other_org", "citizen"] },
          { name: "contact", label: l("联系人（法人填写）", "Contact person (organisations)"), control: "text", autocomplete: "name", optional: true },
          {
            name: "/requester/idNumber", label: l("身份证号（个人填写）或统一社会信用代码", "Citizen ID (individuals) or credit code"),
            control: "text", optional: true, pattern: "[0-9A-Za-z]{18}", maxlength: 18,
          },
          { name: "phone", label: l("联系电话", "Telephone"), control: "tel", autocomplete: "tel", required: true },
          { name: "address", label: l("联系地址", "Address"), control: "text", autocomplete: "street-address", optional: true },
          date,
        ],
      },
      {
        id: "service",
        legend: l("应用服务", "The application"),
        fields: [
          { name: "serviceName", label: l("应用服务名称", "Name of the application or service"), control: "text" },
          { name: "/application/purpose", label: l("所属领域", "Field"), control: "select", values: "openPurpose" },
          { name: "/resource/provider", label: l("公共数据开放主体", "Opening body"), control: "text", hint: l("并填写《公共数据开放需求清单》", "List the data in the need list as well"), optional: true },
          { name: "/resource/name", label: l("数据名称（见需求清单）", "Data requested (as in the need list)"), control: "text" },
          { name: "/resource/inCatalog", label: l("已列入开放目录", "In the opening catalogue"), control: "radio", values: "yesNo", value: "true" },
          { name: "/resource/opening", label: l("开放属性（以目录为准）", "Opening attribute (as catalogued)"), control: "select", values: "opening" },
          { name: "/resource/flags", control: "checks", values: "flags", show: OPENERS, optional: true },
          { name: "/resource/treatments", label: l("数据处理情况", "How the data is treated"), control: "checks", values: "treatments", show: ["yongzhou", "lishui"], optional: true },
          {
            name: "/application/scenario", control: "textarea",
            hint: l("数据的使用方式、范围、应用场景，多个场景应分别描述", "How and where the data is used; describe each scenario separately"),
          },
          { name: "/application/usageMode", label: l("获取方式", "Mode of access"), control: "select", values: "openUsageMode", show: ["lishui"] },
          {
            name: "serviceContent", label: l("服务内容与标准", "Service content and standards"), control: "textarea", optional: true,
            hint: l("服务范围、应用系统用户数、并发、时效的响应等", "Scope, users of the system, concurrency, response times"),
          },
          {
            name: "expectedEffect", label: l("预期成效", "Expected effect"), control: "textarea", optional: true,
            hint: l("数据开放应用上线后的社会效益、经济效益等", "The social and economic benefit once the application runs"),
          },
          { name: "/application/ownData", label: l("申请的是本人或本单位的数据", "It is my or our own data"), control: "checkbox", show: ["lishui"] },
          { name: "/application/subjectAuthorized", label: l("已取得数据所涉主体的授权", "Those the data concerns have authorised us"), control: "checkbox", show: ["lishui"] },
          { name: "/application/reReview", label: l("对需求审核结果申请复核", "A re-review of an earlier decision"), control: "checkbox", show: ["lishui"] },
          {
            name: "/application/thirdPartyTransfer", label: l("是否向未经授权的第三方提供所获数据", "Will the data be given to an unauthorised third party?"),
            control: "radio", values: "yesNo", value: "false", show: ["lishui"],
          },
        ],
      },
      {
        id: "qualification",
        legend: l("资质与使用系统", "Qualification and system"),
        fields: [
          { name: "systemName", label: l("系统（APP）名称", "System (app) name"), control: "text", optional: true },
          { name: "systemRoom", label: l("系统机房地址", "Server room address"), control: "text", optional: true },
          { name: "/requester/securityLevel", label: l("等保级别", "Security protection (MLPS) level"), control: "select", values: "level", show: ["lishui"] },
          { name: "filingNumber", label: l("等保备案编号", "MLPS filing number"), control: "text", show: ["lishui"], optional: true },
          { name: "/requester/rating", label: l("数据开放利用方等级", "Data-user rating"), control: "select", values: "rating", show: ["lishui"] },
          { name: "/requester/materials", label: l("提供证明材料", "Materials provided"), control: "checks", values: "materials", show: ["lishui"] },
          { name: "/requester/lists", label: l("信用情况：被列入", "Credit: listed as"), control: "checks", values: "lists", show: ["lishui"], optional: true },
          {
            name: "/requester/dishonest", label: l("企业经营异常或存在其他严重失信情形", "Listed for abnormal operation, or otherwise seriously dishonest"),
            control: "checkbox", show: ["lishui"],
          },
        ],
      },
    ],
  },
  {
    id: "catalog",
    kinds: ["classify", "reclassify"],
    tab: l("目录编制 / 属性变更", "Catalogue / attributes"),
    title: l("公共数据目录编制与属性变更", "Catalogue entry or change of attribute"),
    intro: l(
      "数据所属单位编制目录、确定共享和开放属性，或申请变更属性。",
      "The body holding the data catalogues it and sets its sharing and opening attributes, or asks to change one.",
    ),
    sections: [
      {
        id: "what",
        legend: l("事项", "Request"),
        fields: [
          { name: "/kind", label: l("申请事项", "What is asked"), control: "radio", values: [["classify", l("目录编制", "Catalogue entry")], ["reclassify", l("属性变更", "Change of attribute")]], value: "classify" },
          { name: "/requester/name", label: l("编目单位", "Cataloguing body"), control: "text", autocomplete: "organization" },
          { name: "/requester/idNumber", label: l("统一社会信用代码", "Unified social credit code"), control: "text", optional: true, pattern: "[0-9A-Za-z]{18}", maxlength: 18 },
          date,
          { name: "/resource/name", label: l("数据资源名称", "Data resource"), control: "text" },
        ],
      },
      {
        id: "entry",
        legend: l("目录要素", "Catalogue entry"),
        fields: [
          { name: "/application/catalog/name", label: l("数据名称", "Data name"), control: "text", show: { classify: ["lishui"] } },
          { name: "/application/catalog/openingSubject", label: l("数据开放主体", "Opening body"), control: "text", show: { classify: ["lishui"] } },
          { name: "/application/catalog/format", label: l("数据格式", "Format"), control: "text", show: { classify: ["lishui"] }, hint: l("如 CSV、JSON、接口", "e.g. CSV, JSON, API") },
          { name: "/application/catalog/dataType", label: l("数据类型", "Data type"), control: "text", show: { classify: ["lishui"] } },
          { name: "/application/catalog/source", label: l("数据来源", "Source"), control: "text", show: { classify: ["putuo"] } },
          { name: "/application/catalog/updateFrequency", label: l("更新频率", "Update frequency"), control: "text", show: { classify: ["lishui", "putuo"] } },
          { name: "/application/catalog/gradingLevel", label: l("分类分级属性", "Classification and grading"), control: "text", show: { classify: ["putuo"] } },
          { name: "/application/catalog/coverage", label: l("覆盖范围", "Coverage"), control: "text", show: { classify: ["putuo"] } },
          { name: "/application/catalog/managingBody", label: l("业务管理机构", "Managing body"), control: "text", show: { classify: ["putuo"] } },
          { name: "/application/catalog/description", label: l("数据资源描述", "Description"), control: "textarea", show: { classify: ["putuo"] } },
        ],
      },
      {
        id: "attributes",
        legend: l("共享与开放属性", "Sharing and opening"),
        fields: [
          { name: "/resource/sharing", control: "select", values: "sharing", show: { classify: ["ganzi", "yongzhou", "putuo"] } },
          { name: "/resource/opening", control: "select", values: "opening", show: { classify: ["ganzi", "yongzhou", "lishui", "putuo"] } },
          { name: "/application/attribute", label: l("变更的属性", "Attribute to change"), control: "radio", values: "changedAttribute", show: { reclassify: ["ganzi", "yongzhou", "lishui", "putuo"] } },
          { name: "/application/from", label: l("变更前", "From"), control: "select", values: "attribute", show: { reclassify: ["ganzi", "yongzhou", "lishui", "putuo"] } },
          { name: "/application/to", label: l("变更后", "To"), control: "select", values: "attribute", show: { reclassify: ["ganzi", "yongzhou", "lishui", "putuo"] } },
          {
            name: "/resource/flags", control: "checks", values: "flags", optional: true,
            show: { classify: ["ganzi", "yongzhou", "lishui", "putuo"], reclassify: ["ganzi", "yongzhou", "lishui"] },
          },
          {
            name: "/resource/treatments", label: l("数据处理情况", "How the data is treated"), control: "checks", values: "treatments", optional: true,
            show: { classify: ["ganzi", "yongzhou", "lishui"], reclassify: ["ganzi", "yongzhou", "lishui"] },
          },
          { name: "/application/aggregated", label: l("数据归集情况", "Is the data aggregated?"), control: "select", values: "aggregated", show: { classify: ["ganzi", "putuo"] }, optional: true },
        ],
      },
      {
        id: "reasons",
        legend: l("理由与依据", "Reasons and basis"),
        fields: [
          { name: "/application/reason", control: "textarea", show: { classify: ["ganzi", "yongzhou"], reclassify: ["yongzhou"] }, optional: true },
          { name: "/application/conditions", label: l("共享条件", "Sharing conditions"), control: "textarea", show: { classify: ["ganzi", "yongzhou"], reclassify: ["yongzhou"] }, optional: true },
          {
            name: "/application/legalBasis", label: l("法律、法规、规章或有关规定", "Law, regulation, rule or provision"), control: "textarea",
            show: { classify: ["ganzi", "yongzhou", "putuo"], reclassify: ["yongzhou", "putuo"] }, optional: true,
          },
          {
            name: "/application/notAggregatedBasis", label: l("不予归集的法律、法规依据", "Legal basis for not aggregating"), control: "textarea",
            show: { classify: ["ganzi", "putuo"] }, optional: true,
          },
          {
            name: "/application/openingGround", label: l("列为受限开放类的理由", "Ground for restricted opening"), control: "select", values: "openingGround",
            show: { classify: ["lishui"], reclassify: ["lishui"] }, optional: true,
          },
          {
            name: "/application/authorityApproval", label: l("主管部门审核意见（文号）", "The authority's approval (reference)"), control: "text",
            show: { reclassify: ["ganzi", "yongzhou"] }, optional: true,
          },
          { name: "/application/securityNeed", label: l("因安全管理需要", "Needed for security management"), control: "checkbox", show: { reclassify: ["lishui"] } },
          { name: "/application/filed", label: l("已向公共数据主管部门备案", "Filed with the data authority"), control: "checkbox", show: { reclassify: ["lishui"] } },
          {
            name: "/application/authorityProposal", label: l("主管部门提出的修改建议，本单位不同意", "The authority proposed it and we disagree"),
            control: "checkbox", show: { reclassify: ["lishui"] },
          },
        ],
      },
    ],
  },
  {
    id: "operate",
    kinds: ["operate"],
    step: "/application/action",
    tab: l("授权运营", "Operation"),
    title: l("公共数据资源授权运营", "Authorised operation of public data"),
    intro: l(
      "实施机构选择运营机构、签订授权运营协议，运营机构申请使用数据、发布数据产品，或数据持有单位向运营机构提供数据。先选择运营事项，表中列出该事项要填写的栏目。栏目依《公共数据资源授权运营实施规范（试行）》，遂宁另依其公共数据运营管理办法。",
      "An implementing body chooses the operator or signs the operation agreement; an operator asks for data or releases a product; a body holding data gives it to the operator. Choose the step first: the form lists what that step asks. The fields follow the national implementation norms, and in Suining the city's measures too.",
    ),
    sections: [
      {
        id: "step",
        legend: l("运营事项与申请单位", "The step and the applicant"),
        fields: [
          { name: "/application/action", control: "radio", values: "operateAction" },
          { name: "/requester/name", label: l("申请单位名称", "Applying body"), control: "text", autocomplete: "organization" },
          { name: "/requester/type", label: l("单位类型", "Type of applicant"), control: "select", values: "requesterType" },
          {
            name: "/requester/idNumber", label: l("统一社会信用代码", "Unified social credit code"), control: "text",
            optional: true, pattern: "[0-9A-Za-z]{18}", maxlength: 18,
          },
          date,
        ],
      },
      {
        id: "plan",
        legend: l("实施方案", "Implementation plan"),
        fields: [
          { name: "/application/planApproved", control: "checkbox", steps: CHOOSING },
          { name: "/application/planMajorChange", control: "checkbox", steps: CHOOSING },
          { name: "/application/planReapproved", control: "checkbox", steps: CHOOSING },
        ],
      },
      {
        id: "operator",
        legend: l("运营机构", "The operator"),
        fields: [
          { name: "/application/selection", control: "select", values: "selection", steps: CHOOSING },
          {
            name: "/requester/securityCompliant", control: "checkbox", steps: CHOOSING,
          },
          {
            name: "/requester/capable", control: "checkbox", steps: CHOOSING,
          },
          { name: "/requester/lists", control: "checks", values: "lists", optional: true },
          { name: "/requester/dishonest", control: "checkbox" },
          { name: "/requester/penalties", label: l("因违法经营受过的处罚", "Penalties for illegal operation"), control: "checks", values: "penalties", optional: true },
          { name: "/requester/principalCriminal", control: "checkbox", show: ["suining"] },
        ],
      },
      {
        id: "agreement",
        legend: l("授权运营协议", "The operation agreement"),
        fields: [
          {
            name: "/application/termMonths", control: "number", min: 1, max: 1200,
            steps: ["sign_agreement"], hint: l("原则上最长不超过 5 年（60 个月）", "At most 5 years (60 months) in principle"),
          },
          {
            name: "/application/termExceptionReason", control: "textarea",
            steps: ["sign_agreement"], optional: true,
          },
          { name: "/application/agreementClauses", control: "checks", values: "agreementClauses", steps: ["sign_agreement"] },
          {
            name: "/application/agreementStart", label: l("授权运营协议起始日", "Agreement start"), control: "date", optional: true,
            show: ["suining"], steps: ["apply_operator", "request_data", "release_product"],
            hint: l("协议有效期 2 年，期满前 3 个月重新申请运营资格", "Valid for 2 years; reapply 3 months before it expires"),
          },
        ],
      },
      {
        id: "data",
        legend: l("运营的数据", "The data operated"),
        fields: [
          { name: "/resource/name", label: l("数据资源名称", "Data resource"), control: "text" },
          { name: "/resource/inCatalog", label: l("已列入公共数据目录", "In the public data catalogue"), control: "radio", values: "yesNo", value: "true", show: ["suining"], steps: ["request_data"] },
          { name: "/resource/opening", label: l("开放属性（以目录为准）", "Opening attribute (as catalogued)"), control: "select", values: "opening", show: ["suining"], steps: ["request_data"] },
          {
            name: "/resource/flags", control: "checks", values: "flags", optional: true,
            only: ["state_secret", "security_risk", "law_prohibits", "commercial_secret", "personal_privacy", "personal_info"],
          },
          { name: "/resource/treatments", control: "checks", values: "treatments", only: ["desensitized", "consent"], optional: true },
          { name: "/application/subjectAuthorized", control: "checkbox" },
          { name: "/resource/obtainedBySharing", control: "checkbox" },
          { name: "/resource/providerConsent", control: "checkbox" },
          {
            name: "/application/withinScope", control: "radio", values: "yesNo",
            steps: ["request_data", "release_product"],
          },
        ],
      },
      {
        id: "product",
        legend: l("数据产品和服务", "Products and services"),
        fields: [
          { name: "/application/rawUnpublished", control: "checkbox", steps: ["release_product"] },
          {
            name: "/application/redevelopsDelivered", control: "checkbox", steps: ["request_data", "release_product"],
          },
        ],
      },
      {
        id: "approval",
        legend: l("审批", "Approval"),
        fields: [
          {
            name: "/application/productApproved", label: l("已经市级大数据主管部门审批", "Approved by the city data authority"), control: "checkbox",
            show: ["suining"], steps: ["release_product", "transfer_to_operator"],
            hint: l("发布的数据产品，或向运营单位提供的数据", "The product released, or the data given to the operator"),
          },
          {
            name: "/application/authorityApproval", label: l("主管部门审核意见（文号）", "The authority's approval (reference)"), control: "text",
            show: ["suining"], steps: ["transfer_to_operator"], optional: true,
          },
        ],
      },
    ],
  },
  {
    id: "register",
    kinds: ["register"],
    step: "/application/registrationType",
    tab: l("资源登记", "Registration"),
    title: l("公共数据资源登记申请", "Application to register public data resources"),
    intro: l(
      "直接持有或管理公共数据资源的单位、经授权的运营机构登记公共数据资源和产品、服务；利害关系人可以申请更正，或在公示期内提出异议。先选择登记类型，表中列出该类型要填写的栏目。栏目依《公共数据资源登记管理暂行办法》。",
      "Bodies that hold or manage public data, and authorised operators, register the data and their products and services; an interested party may ask for a correction, or object during publicity. Choose the type first: the form lists what it asks. The fields follow the interim registration measures.",
    ),
    sections: [
      {
        id: "type",
        legend: l("登记事项", "What is registered"),
        fields: [
          { name: "/application/registrationType", control: "radio", values: "registrationType" },
          {
            name: "/requester/name", label: l("登记主体（或异议人）名称", "Registrant (or objector)"), control: "text", autocomplete: "organization",
            hint: l("异议应实名提出", "An objection is made under a real name"),
          },
          { name: "/requester/type", label: l("单位类型", "Type of applicant"), control: "select", values: "requesterType" },
          {
            name: "/requester/idNumber", label: l("统一社会信用代码或身份证号", "Credit code or citizen ID"), control: "text",
            optional: true, pattern: "[0-9A-Za-z]{18}", maxlength: 18,
          },
          date,
          { name: "/resource/name", label: l("公共数据资源或产品和服务名称", "Data resource, product or service"), control: "text" },
        ],
      },
      {
        id: "review",
        legend: l("业务审核与存证", "Review and preservation"),
        fields: [
          { name: "/application/businessReviewed", control: "checkbox", steps: ["first", "change", "cancellation", "renewal"] },
          { name: "/application/preserved", control: "checkbox", steps: ["first", "change"] },
          {
            name: "/application/delivered", control: "date",
            steps: ["first"], hint: l("首次登记应在其后 20 个工作日内提交", "A first registration is due within 20 working days of it"),
          },
        ],
      },
      {
        id: "materials",
        legend: l("申请材料", "Materials"),
        fields: [
          { name: "/application/registrationMaterials", control: "checks", values: "registrationMaterials", steps: ["first"] },
        ],
      },
      {
        id: "grounds",
        legend: l("更正、注销、续展与异议", "Correction, cancellation, renewal, objection"),
        fields: [
          {
            name: "/application/expires", control: "date",
            steps: ["change", "correction", "renewal"], hint: l("期满前 60 日内可以续展", "It may be renewed within the 60 days before"),
          },
          { name: "/application/subjectConsent", control: "checkbox", steps: ["correction"] },
          { name: "/application/evidence", control: "textarea", steps: ["correction", "objection"] },
          { name: "/application/cancellationGround", control: "select", values: "cancellationGround", steps: ["cancellation"] },
        ],
      },
    ],
  },
];

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
