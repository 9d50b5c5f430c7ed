// The authorised-operation form (forms.js says how a form is written); modelled on 授权运营
// 实施规范 第十一条 to 第十四条, 第二十一条, and 遂宁's measures. Loaded after the first verdict,
// or when first chosen.

import { l, date } from "./common.js";

// The operation's steps (`/application/action`) that choose the operator under the plan.
const CHOOSING = ["apply_operator", "sign_agreement"];

export default {
  id: "operate",
  kinds: ["operate"],
  step: "/application/action",
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
};
