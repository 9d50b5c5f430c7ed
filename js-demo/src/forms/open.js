// The opening form (forms.js says how a form is written); modelled on 丽水 annex 1
// (公共数据开放申请表). Loaded after the first verdict, or when first chosen.

import { l, date } from "./common.js";

const OPENERS = ["ganzi", "yongzhou", "lishui"];

export default {
  id: "open",
  kinds: ["open"],
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
};
