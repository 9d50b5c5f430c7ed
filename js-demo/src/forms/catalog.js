// The catalogue entry and attribute-change form (forms.js says how a form is written);
// modelled on 浙江 第十条 and 普陀 第十一条, the attribute-change articles for changes. Loaded
// after the first verdict, or when first chosen.

import { l, date } from "./common.js";

export default {
  id: "catalog",
  kinds: ["classify", "reclassify"],
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
};
