// The registration form (forms.js says how a form is written); modelled on 登记管理暂行办法
// 第七条, 第九条, 第十二条, 第十五条. Loaded after the first verdict, or when first chosen.

import { l, date } from "./common.js";

export default {
  id: "register",
  kinds: ["register"],
  step: "/application/registrationType",
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
};
