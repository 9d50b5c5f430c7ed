// The sharing form (forms.js says how a form is written); modelled on 甘孜 第十八条 and 普陀
// 第十七条、第十八条. It is in the page's first script: the page opens on it.

import { l, date } from "./common.js";

const SHARERS = ["ganzi", "yongzhou", "putuo"];

export default {
  id: "share",
  kinds: ["share"],
  // Written as a site's own form would be: its own control names (`site`) and option codes
  // (`codes`: the contract's value → the site's code), mapped back for the engine by
  // bindForm's `fields`/`values`; checked gently (a control is flagged once changed, or on
  // a submit attempt), with bindForm's own inline messages (`describe`, and its
  // aria-invalid). tests/js/demo.test.mjs fills it through these names and codes.
  bind: { gentle: true, describe: true, aria: true },
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
};
