// Generated from policies/*/pack.json by the engine (pubdata_policy::builtin_typescript;
// UPDATE_GENERATED=1 cargo test -p pubdata-policy --test generated rewrites it). Do not edit.

/** A request to the `ganzi` pack (generated from its pack.json files). */
export interface GanziRequest {
  jurisdiction: "ganzi";
  /** classify 目录分类; reclassify 变更共享或开放属性; share 共享申请; open 开放申请; operate 授权运营; register 公共数据资源登记 */
  kind: "classify" | "reclassify" | "share" | "open" | "operate" | "register";
  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */
  date?: string;
  requester?: {
    /** 申请方标识 · Requester id (`/requester/id`) */
    id?: string;
    /** 单位类型 · Requester type (`/requester/type`) */
    type?: "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
    /** 申请方名称 · Requester name (`/requester/name`) */
    name?: string;
    /** 证件号码（公民身份号码或统一社会信用代码） · ID number (citizen ID or unified social credit code) (`/requester/idNumber`) */
    idNumber?: string;
    /** 用户等级 · User rating (`/requester/rating`) */
    rating?: "A" | "AA" | "AAA";
    /** 安全保护等级 · Security protection level (`/requester/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 列入失信名单 · On a dishonesty list (`/requester/dishonest`) */
    dishonest?: boolean;
    /** 提交的材料 · Materials submitted (`/requester/materials`) */
    materials?: Array<"application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment">;
    /** 受过的处罚 · Penalties received (`/requester/penalties`) */
    penalties?: Array<"criminal" | "suspension" | "license_revoked">;
    /** 列入的名单 · Lists the requester is on (`/requester/lists`) */
    lists?: Array<"dishonest" | "tax_violation" | "serious_illegal">;
    /** 主要负责人受过刑事处罚 · Principal officer has a criminal record (`/requester/principalCriminal`) */
    principalCriminal?: boolean;
    /** 符合国家数据安全保护要求 · Meets the national data security requirements (`/requester/securityCompliant`) */
    securityCompliant?: boolean;
    /** 具备数据加工、运营所需的管理和技术服务能力 · Has the management and technical capacity to process and operate the data (`/requester/capable`) */
    capable?: boolean;
  };
  resource?: {
    /** 数据资源标识 · Resource id (`/resource/id`) */
    id?: string;
    /** 数据资源名称 · Resource name (`/resource/name`) */
    name?: string;
    /** 数据提供单位 · Providing body (`/resource/provider`) */
    provider?: string;
    /** 共享属性 · Sharing attribute (`/resource/sharing`) */
    sharing?: "unconditional" | "conditional" | "none";
    /** 开放属性 · Opening attribute (`/resource/opening`) */
    opening?: "unconditional" | "conditional" | "none";
    /** 已列入目录 · In the catalogue (`/resource/inCatalog`) */
    inCatalog?: boolean;
    /** 数据涉及 · The data involves (`/resource/flags`) */
    flags?: Array<"state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info" | "security_risk" | "ip_restricted" | "law_prohibits">;
    /** 已作的处理 · Treatments applied (`/resource/treatments`) */
    treatments?: Array<"desensitized" | "consent" | "public_interest">;
    /** 经政务数据共享从其他地区或部门获得 · Obtained from another region or department by government data sharing (`/resource/obtainedBySharing`) */
    obtainedBySharing?: boolean;
    /** 共享数据提供单位同意用于授权运营 · The providing unit consents to its operation (`/resource/providerConsent`) */
    providerConsent?: boolean;
  };
  application?: {
    /** 用途 · Purpose (`/application/purpose`) */
    purpose?: string;
    /** 应用场景 · Use scenario (`/application/scenario`) */
    scenario?: string;
    /** 场景类型 · Scenario type (`/application/scenarioType`) */
    scenarioType?: "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
    /** 需求依据 · Basis of the need (`/application/needBasis`) */
    needBasis?: string;
    /** 业务目标 · Business goal (`/application/businessGoal`) */
    businessGoal?: string;
    /** 安全保障措施 · Security measures (`/application/securityMeasures`) */
    securityMeasures?: string;
    /** 已作出承诺 · Commitment given (`/application/commitment`) */
    commitment?: boolean;
    /** 使用方式 · Mode of use (`/application/usageMode`) */
    usageMode?: "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
    /** 使用频率（每多少天一次） · Used once every N days (`/application/usageEveryDays`) */
    usageEveryDays?: number;
    /** 提供给第三方 · Passed to a third party (`/application/thirdPartyTransfer`) */
    thirdPartyTransfer?: boolean;
    /** 跨层级 · Across levels of government (`/application/crossLevel`) */
    crossLevel?: boolean;
    /** 跨区域 · Across regions (`/application/crossRegion`) */
    crossRegion?: boolean;
    /** 需求类型 · Type of need (`/application/needType`) */
    needType?: string;
    /** 数据内容 · Data content (`/application/dataContent`) */
    dataContent?: string;
    /** 使用的安全等级 · Security level of the use (`/application/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 跨部门数据融合 · Cross-department data fusion (`/application/fusion`) */
    fusion?: boolean;
    /** 融合方案 · Fusion plan (`/application/fusionPlan`) */
    fusionPlan?: string;
    /** 低频使用理由 · Reason for low-frequency use (`/application/lowFrequencyReason`) */
    lowFrequencyReason?: string;
    /** 重点工作已评估 · Key work evaluated (`/application/keyWorkEvaluated`) */
    keyWorkEvaluated?: boolean;
    /** 理由 · Reason (`/application/reason`) */
    reason?: string;
    /** 共享或开放条件 · Conditions (`/application/conditions`) */
    conditions?: string;
    /** 法律依据 · Legal basis (`/application/legalBasis`) */
    legalBasis?: string;
    /** 开放依据 · Ground for opening (`/application/openingGround`) */
    openingGround?: "consent" | "infrastructure_load" | "unassessed_benefit";
    /** 目录要素 · Catalogue elements (`/application/catalog`) */
    catalog?: {
      /** 目录名称 · Catalogue: name (`/application/catalog/name`) */
      name?: string;
      /** 目录开放主体 · Catalogue: opening body (`/application/catalog/openingSubject`) */
      openingSubject?: string;
      /** 目录格式 · Catalogue: format (`/application/catalog/format`) */
      format?: string;
      /** 目录数据类型 · Catalogue: data type (`/application/catalog/dataType`) */
      dataType?: string;
      /** 目录更新频率 · Catalogue: update frequency (`/application/catalog/updateFrequency`) */
      updateFrequency?: string;
      /** 目录来源 · Catalogue: source (`/application/catalog/source`) */
      source?: string;
      /** 目录分级 · Catalogue: grading level (`/application/catalog/gradingLevel`) */
      gradingLevel?: string;
      /** 目录覆盖范围 · Catalogue: coverage (`/application/catalog/coverage`) */
      coverage?: string;
      /** 目录管理单位 · Catalogue: managing body (`/application/catalog/managingBody`) */
      managingBody?: string;
      /** 目录描述 · Catalogue: description (`/application/catalog/description`) */
      description?: string;
    };
    /** 已归集 · Aggregated (`/application/aggregated`) */
    aggregated?: boolean;
    /** 不予归集的依据 · Basis for not aggregating (`/application/notAggregatedBasis`) */
    notAggregatedBasis?: string;
    /** 变更的属性 · Attribute changed (`/application/attribute`) */
    attribute?: "sharing" | "opening";
    /** 原属性 · From (`/application/from`) */
    from?: "unconditional" | "conditional" | "none";
    /** 新属性 · To (`/application/to`) */
    to?: "unconditional" | "conditional" | "none";
    /** 主管部门审核意见 · Authority's approval (`/application/authorityApproval`) */
    authorityApproval?: string;
    /** 已备案 · Filed (`/application/filed`) */
    filed?: boolean;
    /** 出于安全需要 · For a security need (`/application/securityNeed`) */
    securityNeed?: boolean;
    /** 主管部门提出 · Proposed by the authority (`/application/authorityProposal`) */
    authorityProposal?: boolean;
    /** 本人或本单位数据 · The requester's own data (`/application/ownData`) */
    ownData?: boolean;
    /** 已获数据主体授权 · Authorised by the data subject (`/application/subjectAuthorized`) */
    subjectAuthorized?: boolean;
    /** 申请复核 · Asks for a re-review (`/application/reReview`) */
    reReview?: boolean;
    /** 运营事项 · Operation step (`/application/action`) */
    action?: "apply_operator" | "sign_agreement" | "request_data" | "release_product" | "transfer_to_operator";
    /** 产品已审核 · Product approved (`/application/productApproved`) */
    productApproved?: boolean;
    /** 在授权范围内 · Within the authorised scope (`/application/withinScope`) */
    withinScope?: boolean;
    /** 协议起始日 · Agreement start (`/application/agreementStart`) */
    agreementStart?: string;
    /** 实施方案已按“三重一大”决策机制审议通过 · Implementation plan approved by the collective-decision procedure (`/application/planApproved`) */
    planApproved?: boolean;
    /** 实施方案有较大变更 · The plan changed substantially (`/application/planMajorChange`) */
    planMajorChange?: boolean;
    /** 变更后的实施方案已重新审议同意 · The changed plan was approved again (`/application/planReapproved`) */
    planReapproved?: boolean;
    /** 运营机构选择方式 · How the operator was chosen (`/application/selection`) */
    selection?: "open_tender" | "invited_tender" | "negotiation" | "direct";
    /** 授权运营期限（月） · Operating term (months) (`/application/termMonths`) */
    termMonths?: number;
    /** 运营期限超过5年的理由 · Why the term exceeds 5 years (`/application/termExceptionReason`) */
    termExceptionReason?: string;
    /** 授权运营协议包含的内容 · What the operation agreement holds (`/application/agreementClauses`) */
    agreementClauses?: Array<"data_scope" | "term" | "products" | "platform" | "asset_ownership" | "disclosure" | "accounting" | "security" | "evaluation" | "liability" | "disputes" | "change_termination">;
    /** 参与授权范围内已交付产品和服务的再开发 · Takes part in re-developing products already delivered under the authorisation (`/application/redevelopsDelivered`) */
    redevelopsDelivered?: boolean;
    /** 含未依法公开的原始公共数据 · Holds raw public data not lawfully published (`/application/rawUnpublished`) */
    rawUnpublished?: boolean;
    /** 登记类型 · Type of registration (`/application/registrationType`) */
    registrationType?: "first" | "change" | "correction" | "cancellation" | "renewal" | "objection";
    /** 已经业务审核 · Passed the internal business review (`/application/businessReviewed`) */
    businessReviewed?: boolean;
    /** 已对数据资源存证 · The data resource is preserved as evidence (存证) (`/application/preserved`) */
    preserved?: boolean;
    /** 登记申请材料 · Registration materials (`/application/registrationMaterials`) */
    registrationMaterials?: Array<"subject_info" | "legal_source" | "resource_info" | "preservation_info" | "products_info" | "scenario_info" | "risk_assessment">;
    /** 提供数据资源或交付产品和服务的日期 · Date the data was provided or the product delivered (`/application/delivered`) */
    delivered?: string;
    /** 登记主体书面同意更正 · The registrant consents in writing (`/application/subjectConsent`) */
    subjectConsent?: boolean;
    /** 证据材料 · Evidence (`/application/evidence`) */
    evidence?: string;
    /** 注销事由 · Ground for cancellation (`/application/cancellationGround`) */
    cancellationGround?: "lost" | "rights_ended" | "subject_ended" | "law";
    /** 登记结果有效期届满日 · Last day the registration is valid (`/application/expires`) */
    expires?: string;
  };
}

/** A request to the `lishui` pack (generated from its pack.json files). */
export interface LishuiRequest {
  jurisdiction: "lishui";
  /** classify 目录分类; reclassify 变更共享或开放属性; share 共享申请; open 开放申请; operate 授权运营; register 公共数据资源登记 */
  kind: "classify" | "reclassify" | "share" | "open" | "operate" | "register";
  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */
  date?: string;
  requester?: {
    /** 申请方标识 · Requester id (`/requester/id`) */
    id?: string;
    /** 单位类型 · Requester type (`/requester/type`) */
    type?: "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
    /** 申请方名称 · Requester name (`/requester/name`) */
    name?: string;
    /** 证件号码（公民身份号码或统一社会信用代码） · ID number (citizen ID or unified social credit code) (`/requester/idNumber`) */
    idNumber?: string;
    /** 用户等级 · User rating (`/requester/rating`) */
    rating?: "A" | "AA" | "AAA";
    /** 安全保护等级 · Security protection level (`/requester/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 列入失信名单 · On a dishonesty list (`/requester/dishonest`) */
    dishonest?: boolean;
    /** 提交的材料 · Materials submitted (`/requester/materials`) */
    materials?: Array<"application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment">;
    /** 受过的处罚 · Penalties received (`/requester/penalties`) */
    penalties?: Array<"criminal" | "suspension" | "license_revoked">;
    /** 列入的名单 · Lists the requester is on (`/requester/lists`) */
    lists?: Array<"dishonest" | "tax_violation" | "serious_illegal">;
    /** 主要负责人受过刑事处罚 · Principal officer has a criminal record (`/requester/principalCriminal`) */
    principalCriminal?: boolean;
    /** 符合国家数据安全保护要求 · Meets the national data security requirements (`/requester/securityCompliant`) */
    securityCompliant?: boolean;
    /** 具备数据加工、运营所需的管理和技术服务能力 · Has the management and technical capacity to process and operate the data (`/requester/capable`) */
    capable?: boolean;
  };
  resource?: {
    /** 数据资源标识 · Resource id (`/resource/id`) */
    id?: string;
    /** 数据资源名称 · Resource name (`/resource/name`) */
    name?: string;
    /** 数据提供单位 · Providing body (`/resource/provider`) */
    provider?: string;
    /** 共享属性 · Sharing attribute (`/resource/sharing`) */
    sharing?: "unconditional" | "conditional" | "none";
    /** 开放属性 · Opening attribute (`/resource/opening`) */
    opening?: "unconditional" | "conditional" | "none";
    /** 已列入目录 · In the catalogue (`/resource/inCatalog`) */
    inCatalog?: boolean;
    /** 数据涉及 · The data involves (`/resource/flags`) */
    flags?: Array<"state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info" | "security_risk" | "ip_restricted" | "law_prohibits">;
    /** 已作的处理 · Treatments applied (`/resource/treatments`) */
    treatments?: Array<"desensitized" | "consent" | "public_interest">;
    /** 经政务数据共享从其他地区或部门获得 · Obtained from another region or department by government data sharing (`/resource/obtainedBySharing`) */
    obtainedBySharing?: boolean;
    /** 共享数据提供单位同意用于授权运营 · The providing unit consents to its operation (`/resource/providerConsent`) */
    providerConsent?: boolean;
  };
  application?: {
    /** 用途 · Purpose (`/application/purpose`) */
    purpose?: string;
    /** 应用场景 · Use scenario (`/application/scenario`) */
    scenario?: string;
    /** 场景类型 · Scenario type (`/application/scenarioType`) */
    scenarioType?: "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
    /** 需求依据 · Basis of the need (`/application/needBasis`) */
    needBasis?: string;
    /** 业务目标 · Business goal (`/application/businessGoal`) */
    businessGoal?: string;
    /** 安全保障措施 · Security measures (`/application/securityMeasures`) */
    securityMeasures?: string;
    /** 已作出承诺 · Commitment given (`/application/commitment`) */
    commitment?: boolean;
    /** 使用方式 · Mode of use (`/application/usageMode`) */
    usageMode?: "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
    /** 使用频率（每多少天一次） · Used once every N days (`/application/usageEveryDays`) */
    usageEveryDays?: number;
    /** 提供给第三方 · Passed to a third party (`/application/thirdPartyTransfer`) */
    thirdPartyTransfer?: boolean;
    /** 跨层级 · Across levels of government (`/application/crossLevel`) */
    crossLevel?: boolean;
    /** 跨区域 · Across regions (`/application/crossRegion`) */
    crossRegion?: boolean;
    /** 需求类型 · Type of need (`/application/needType`) */
    needType?: string;
    /** 数据内容 · Data content (`/application/dataContent`) */
    dataContent?: string;
    /** 使用的安全等级 · Security level of the use (`/application/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 跨部门数据融合 · Cross-department data fusion (`/application/fusion`) */
    fusion?: boolean;
    /** 融合方案 · Fusion plan (`/application/fusionPlan`) */
    fusionPlan?: string;
    /** 低频使用理由 · Reason for low-frequency use (`/application/lowFrequencyReason`) */
    lowFrequencyReason?: string;
    /** 重点工作已评估 · Key work evaluated (`/application/keyWorkEvaluated`) */
    keyWorkEvaluated?: boolean;
    /** 理由 · Reason (`/application/reason`) */
    reason?: string;
    /** 共享或开放条件 · Conditions (`/application/conditions`) */
    conditions?: string;
    /** 法律依据 · Legal basis (`/application/legalBasis`) */
    legalBasis?: string;
    /** 开放依据 · Ground for opening (`/application/openingGround`) */
    openingGround?: "consent" | "infrastructure_load" | "unassessed_benefit";
    /** 目录要素 · Catalogue elements (`/application/catalog`) */
    catalog?: {
      /** 目录名称 · Catalogue: name (`/application/catalog/name`) */
      name?: string;
      /** 目录开放主体 · Catalogue: opening body (`/application/catalog/openingSubject`) */
      openingSubject?: string;
      /** 目录格式 · Catalogue: format (`/application/catalog/format`) */
      format?: string;
      /** 目录数据类型 · Catalogue: data type (`/application/catalog/dataType`) */
      dataType?: string;
      /** 目录更新频率 · Catalogue: update frequency (`/application/catalog/updateFrequency`) */
      updateFrequency?: string;
      /** 目录来源 · Catalogue: source (`/application/catalog/source`) */
      source?: string;
      /** 目录分级 · Catalogue: grading level (`/application/catalog/gradingLevel`) */
      gradingLevel?: string;
      /** 目录覆盖范围 · Catalogue: coverage (`/application/catalog/coverage`) */
      coverage?: string;
      /** 目录管理单位 · Catalogue: managing body (`/application/catalog/managingBody`) */
      managingBody?: string;
      /** 目录描述 · Catalogue: description (`/application/catalog/description`) */
      description?: string;
    };
    /** 已归集 · Aggregated (`/application/aggregated`) */
    aggregated?: boolean;
    /** 不予归集的依据 · Basis for not aggregating (`/application/notAggregatedBasis`) */
    notAggregatedBasis?: string;
    /** 变更的属性 · Attribute changed (`/application/attribute`) */
    attribute?: "sharing" | "opening";
    /** 原属性 · From (`/application/from`) */
    from?: "unconditional" | "conditional" | "none";
    /** 新属性 · To (`/application/to`) */
    to?: "unconditional" | "conditional" | "none";
    /** 主管部门审核意见 · Authority's approval (`/application/authorityApproval`) */
    authorityApproval?: string;
    /** 已备案 · Filed (`/application/filed`) */
    filed?: boolean;
    /** 出于安全需要 · For a security need (`/application/securityNeed`) */
    securityNeed?: boolean;
    /** 主管部门提出 · Proposed by the authority (`/application/authorityProposal`) */
    authorityProposal?: boolean;
    /** 本人或本单位数据 · The requester's own data (`/application/ownData`) */
    ownData?: boolean;
    /** 已获数据主体授权 · Authorised by the data subject (`/application/subjectAuthorized`) */
    subjectAuthorized?: boolean;
    /** 申请复核 · Asks for a re-review (`/application/reReview`) */
    reReview?: boolean;
    /** 运营事项 · Operation step (`/application/action`) */
    action?: "apply_operator" | "sign_agreement" | "request_data" | "release_product" | "transfer_to_operator";
    /** 产品已审核 · Product approved (`/application/productApproved`) */
    productApproved?: boolean;
    /** 在授权范围内 · Within the authorised scope (`/application/withinScope`) */
    withinScope?: boolean;
    /** 协议起始日 · Agreement start (`/application/agreementStart`) */
    agreementStart?: string;
    /** 实施方案已按“三重一大”决策机制审议通过 · Implementation plan approved by the collective-decision procedure (`/application/planApproved`) */
    planApproved?: boolean;
    /** 实施方案有较大变更 · The plan changed substantially (`/application/planMajorChange`) */
    planMajorChange?: boolean;
    /** 变更后的实施方案已重新审议同意 · The changed plan was approved again (`/application/planReapproved`) */
    planReapproved?: boolean;
    /** 运营机构选择方式 · How the operator was chosen (`/application/selection`) */
    selection?: "open_tender" | "invited_tender" | "negotiation" | "direct";
    /** 授权运营期限（月） · Operating term (months) (`/application/termMonths`) */
    termMonths?: number;
    /** 运营期限超过5年的理由 · Why the term exceeds 5 years (`/application/termExceptionReason`) */
    termExceptionReason?: string;
    /** 授权运营协议包含的内容 · What the operation agreement holds (`/application/agreementClauses`) */
    agreementClauses?: Array<"data_scope" | "term" | "products" | "platform" | "asset_ownership" | "disclosure" | "accounting" | "security" | "evaluation" | "liability" | "disputes" | "change_termination">;
    /** 参与授权范围内已交付产品和服务的再开发 · Takes part in re-developing products already delivered under the authorisation (`/application/redevelopsDelivered`) */
    redevelopsDelivered?: boolean;
    /** 含未依法公开的原始公共数据 · Holds raw public data not lawfully published (`/application/rawUnpublished`) */
    rawUnpublished?: boolean;
    /** 登记类型 · Type of registration (`/application/registrationType`) */
    registrationType?: "first" | "change" | "correction" | "cancellation" | "renewal" | "objection";
    /** 已经业务审核 · Passed the internal business review (`/application/businessReviewed`) */
    businessReviewed?: boolean;
    /** 已对数据资源存证 · The data resource is preserved as evidence (存证) (`/application/preserved`) */
    preserved?: boolean;
    /** 登记申请材料 · Registration materials (`/application/registrationMaterials`) */
    registrationMaterials?: Array<"subject_info" | "legal_source" | "resource_info" | "preservation_info" | "products_info" | "scenario_info" | "risk_assessment">;
    /** 提供数据资源或交付产品和服务的日期 · Date the data was provided or the product delivered (`/application/delivered`) */
    delivered?: string;
    /** 登记主体书面同意更正 · The registrant consents in writing (`/application/subjectConsent`) */
    subjectConsent?: boolean;
    /** 证据材料 · Evidence (`/application/evidence`) */
    evidence?: string;
    /** 注销事由 · Ground for cancellation (`/application/cancellationGround`) */
    cancellationGround?: "lost" | "rights_ended" | "subject_ended" | "law";
    /** 登记结果有效期届满日 · Last day the registration is valid (`/application/expires`) */
    expires?: string;
  };
}

/** A request to the `putuo` pack (generated from its pack.json files). */
export interface PutuoRequest {
  jurisdiction: "putuo";
  /** classify 目录分类; reclassify 变更共享或开放属性; share 共享申请; open 开放申请; operate 授权运营; register 公共数据资源登记 */
  kind: "classify" | "reclassify" | "share" | "open" | "operate" | "register";
  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */
  date?: string;
  requester?: {
    /** 申请方标识 · Requester id (`/requester/id`) */
    id?: string;
    /** 单位类型 · Requester type (`/requester/type`) */
    type?: "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
    /** 申请方名称 · Requester name (`/requester/name`) */
    name?: string;
    /** 证件号码（公民身份号码或统一社会信用代码） · ID number (citizen ID or unified social credit code) (`/requester/idNumber`) */
    idNumber?: string;
    /** 用户等级 · User rating (`/requester/rating`) */
    rating?: "A" | "AA" | "AAA";
    /** 安全保护等级 · Security protection level (`/requester/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 列入失信名单 · On a dishonesty list (`/requester/dishonest`) */
    dishonest?: boolean;
    /** 提交的材料 · Materials submitted (`/requester/materials`) */
    materials?: Array<"application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment">;
    /** 受过的处罚 · Penalties received (`/requester/penalties`) */
    penalties?: Array<"criminal" | "suspension" | "license_revoked">;
    /** 列入的名单 · Lists the requester is on (`/requester/lists`) */
    lists?: Array<"dishonest" | "tax_violation" | "serious_illegal">;
    /** 主要负责人受过刑事处罚 · Principal officer has a criminal record (`/requester/principalCriminal`) */
    principalCriminal?: boolean;
    /** 符合国家数据安全保护要求 · Meets the national data security requirements (`/requester/securityCompliant`) */
    securityCompliant?: boolean;
    /** 具备数据加工、运营所需的管理和技术服务能力 · Has the management and technical capacity to process and operate the data (`/requester/capable`) */
    capable?: boolean;
  };
  resource?: {
    /** 数据资源标识 · Resource id (`/resource/id`) */
    id?: string;
    /** 数据资源名称 · Resource name (`/resource/name`) */
    name?: string;
    /** 数据提供单位 · Providing body (`/resource/provider`) */
    provider?: string;
    /** 共享属性 · Sharing attribute (`/resource/sharing`) */
    sharing?: "unconditional" | "conditional" | "none";
    /** 开放属性 · Opening attribute (`/resource/opening`) */
    opening?: "unconditional" | "conditional" | "none";
    /** 已列入目录 · In the catalogue (`/resource/inCatalog`) */
    inCatalog?: boolean;
    /** 数据涉及 · The data involves (`/resource/flags`) */
    flags?: Array<"state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info" | "security_risk" | "ip_restricted" | "law_prohibits">;
    /** 已作的处理 · Treatments applied (`/resource/treatments`) */
    treatments?: Array<"desensitized" | "consent" | "public_interest">;
    /** 经政务数据共享从其他地区或部门获得 · Obtained from another region or department by government data sharing (`/resource/obtainedBySharing`) */
    obtainedBySharing?: boolean;
    /** 共享数据提供单位同意用于授权运营 · The providing unit consents to its operation (`/resource/providerConsent`) */
    providerConsent?: boolean;
  };
  application?: {
    /** 用途 · Purpose (`/application/purpose`) */
    purpose?: string;
    /** 应用场景 · Use scenario (`/application/scenario`) */
    scenario?: string;
    /** 场景类型 · Scenario type (`/application/scenarioType`) */
    scenarioType?: "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
    /** 需求依据 · Basis of the need (`/application/needBasis`) */
    needBasis?: string;
    /** 业务目标 · Business goal (`/application/businessGoal`) */
    businessGoal?: string;
    /** 安全保障措施 · Security measures (`/application/securityMeasures`) */
    securityMeasures?: string;
    /** 已作出承诺 · Commitment given (`/application/commitment`) */
    commitment?: boolean;
    /** 使用方式 · Mode of use (`/application/usageMode`) */
    usageMode?: "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
    /** 使用频率（每多少天一次） · Used once every N days (`/application/usageEveryDays`) */
    usageEveryDays?: number;
    /** 提供给第三方 · Passed to a third party (`/application/thirdPartyTransfer`) */
    thirdPartyTransfer?: boolean;
    /** 跨层级 · Across levels of government (`/application/crossLevel`) */
    crossLevel?: boolean;
    /** 跨区域 · Across regions (`/application/crossRegion`) */
    crossRegion?: boolean;
    /** 需求类型 · Type of need (`/application/needType`) */
    needType?: string;
    /** 数据内容 · Data content (`/application/dataContent`) */
    dataContent?: string;
    /** 使用的安全等级 · Security level of the use (`/application/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 跨部门数据融合 · Cross-department data fusion (`/application/fusion`) */
    fusion?: boolean;
    /** 融合方案 · Fusion plan (`/application/fusionPlan`) */
    fusionPlan?: string;
    /** 低频使用理由 · Reason for low-frequency use (`/application/lowFrequencyReason`) */
    lowFrequencyReason?: string;
    /** 重点工作已评估 · Key work evaluated (`/application/keyWorkEvaluated`) */
    keyWorkEvaluated?: boolean;
    /** 理由 · Reason (`/application/reason`) */
    reason?: string;
    /** 共享或开放条件 · Conditions (`/application/conditions`) */
    conditions?: string;
    /** 法律依据 · Legal basis (`/application/legalBasis`) */
    legalBasis?: string;
    /** 开放依据 · Ground for opening (`/application/openingGround`) */
    openingGround?: "consent" | "infrastructure_load" | "unassessed_benefit";
    /** 目录要素 · Catalogue elements (`/application/catalog`) */
    catalog?: {
      /** 目录名称 · Catalogue: name (`/application/catalog/name`) */
      name?: string;
      /** 目录开放主体 · Catalogue: opening body (`/application/catalog/openingSubject`) */
      openingSubject?: string;
      /** 目录格式 · Catalogue: format (`/application/catalog/format`) */
      format?: string;
      /** 目录数据类型 · Catalogue: data type (`/application/catalog/dataType`) */
      dataType?: string;
      /** 目录更新频率 · Catalogue: update frequency (`/application/catalog/updateFrequency`) */
      updateFrequency?: string;
      /** 目录来源 · Catalogue: source (`/application/catalog/source`) */
      source?: string;
      /** 目录分级 · Catalogue: grading level (`/application/catalog/gradingLevel`) */
      gradingLevel?: string;
      /** 目录覆盖范围 · Catalogue: coverage (`/application/catalog/coverage`) */
      coverage?: string;
      /** 目录管理单位 · Catalogue: managing body (`/application/catalog/managingBody`) */
      managingBody?: string;
      /** 目录描述 · Catalogue: description (`/application/catalog/description`) */
      description?: string;
    };
    /** 已归集 · Aggregated (`/application/aggregated`) */
    aggregated?: boolean;
    /** 不予归集的依据 · Basis for not aggregating (`/application/notAggregatedBasis`) */
    notAggregatedBasis?: string;
    /** 变更的属性 · Attribute changed (`/application/attribute`) */
    attribute?: "sharing" | "opening";
    /** 原属性 · From (`/application/from`) */
    from?: "unconditional" | "conditional" | "none";
    /** 新属性 · To (`/application/to`) */
    to?: "unconditional" | "conditional" | "none";
    /** 主管部门审核意见 · Authority's approval (`/application/authorityApproval`) */
    authorityApproval?: string;
    /** 已备案 · Filed (`/application/filed`) */
    filed?: boolean;
    /** 出于安全需要 · For a security need (`/application/securityNeed`) */
    securityNeed?: boolean;
    /** 主管部门提出 · Proposed by the authority (`/application/authorityProposal`) */
    authorityProposal?: boolean;
    /** 本人或本单位数据 · The requester's own data (`/application/ownData`) */
    ownData?: boolean;
    /** 已获数据主体授权 · Authorised by the data subject (`/application/subjectAuthorized`) */
    subjectAuthorized?: boolean;
    /** 申请复核 · Asks for a re-review (`/application/reReview`) */
    reReview?: boolean;
    /** 运营事项 · Operation step (`/application/action`) */
    action?: "apply_operator" | "sign_agreement" | "request_data" | "release_product" | "transfer_to_operator";
    /** 产品已审核 · Product approved (`/application/productApproved`) */
    productApproved?: boolean;
    /** 在授权范围内 · Within the authorised scope (`/application/withinScope`) */
    withinScope?: boolean;
    /** 协议起始日 · Agreement start (`/application/agreementStart`) */
    agreementStart?: string;
    /** 实施方案已按“三重一大”决策机制审议通过 · Implementation plan approved by the collective-decision procedure (`/application/planApproved`) */
    planApproved?: boolean;
    /** 实施方案有较大变更 · The plan changed substantially (`/application/planMajorChange`) */
    planMajorChange?: boolean;
    /** 变更后的实施方案已重新审议同意 · The changed plan was approved again (`/application/planReapproved`) */
    planReapproved?: boolean;
    /** 运营机构选择方式 · How the operator was chosen (`/application/selection`) */
    selection?: "open_tender" | "invited_tender" | "negotiation" | "direct";
    /** 授权运营期限（月） · Operating term (months) (`/application/termMonths`) */
    termMonths?: number;
    /** 运营期限超过5年的理由 · Why the term exceeds 5 years (`/application/termExceptionReason`) */
    termExceptionReason?: string;
    /** 授权运营协议包含的内容 · What the operation agreement holds (`/application/agreementClauses`) */
    agreementClauses?: Array<"data_scope" | "term" | "products" | "platform" | "asset_ownership" | "disclosure" | "accounting" | "security" | "evaluation" | "liability" | "disputes" | "change_termination">;
    /** 参与授权范围内已交付产品和服务的再开发 · Takes part in re-developing products already delivered under the authorisation (`/application/redevelopsDelivered`) */
    redevelopsDelivered?: boolean;
    /** 含未依法公开的原始公共数据 · Holds raw public data not lawfully published (`/application/rawUnpublished`) */
    rawUnpublished?: boolean;
    /** 登记类型 · Type of registration (`/application/registrationType`) */
    registrationType?: "first" | "change" | "correction" | "cancellation" | "renewal" | "objection";
    /** 已经业务审核 · Passed the internal business review (`/application/businessReviewed`) */
    businessReviewed?: boolean;
    /** 已对数据资源存证 · The data resource is preserved as evidence (存证) (`/application/preserved`) */
    preserved?: boolean;
    /** 登记申请材料 · Registration materials (`/application/registrationMaterials`) */
    registrationMaterials?: Array<"subject_info" | "legal_source" | "resource_info" | "preservation_info" | "products_info" | "scenario_info" | "risk_assessment">;
    /** 提供数据资源或交付产品和服务的日期 · Date the data was provided or the product delivered (`/application/delivered`) */
    delivered?: string;
    /** 登记主体书面同意更正 · The registrant consents in writing (`/application/subjectConsent`) */
    subjectConsent?: boolean;
    /** 证据材料 · Evidence (`/application/evidence`) */
    evidence?: string;
    /** 注销事由 · Ground for cancellation (`/application/cancellationGround`) */
    cancellationGround?: "lost" | "rights_ended" | "subject_ended" | "law";
    /** 登记结果有效期届满日 · Last day the registration is valid (`/application/expires`) */
    expires?: string;
  };
}

/** A request to the `suining` pack (generated from its pack.json files). */
export interface SuiningRequest {
  jurisdiction: "suining";
  /** classify 目录分类; reclassify 变更共享或开放属性; share 共享申请; open 开放申请; operate 授权运营; register 公共数据资源登记 */
  kind: "classify" | "reclassify" | "share" | "open" | "operate" | "register";
  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */
  date?: string;
  requester?: {
    /** 申请方标识 · Requester id (`/requester/id`) */
    id?: string;
    /** 单位类型 · Requester type (`/requester/type`) */
    type?: "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
    /** 申请方名称 · Requester name (`/requester/name`) */
    name?: string;
    /** 证件号码（公民身份号码或统一社会信用代码） · ID number (citizen ID or unified social credit code) (`/requester/idNumber`) */
    idNumber?: string;
    /** 用户等级 · User rating (`/requester/rating`) */
    rating?: "A" | "AA" | "AAA";
    /** 安全保护等级 · Security protection level (`/requester/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 列入失信名单 · On a dishonesty list (`/requester/dishonest`) */
    dishonest?: boolean;
    /** 提交的材料 · Materials submitted (`/requester/materials`) */
    materials?: Array<"application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment">;
    /** 受过的处罚 · Penalties received (`/requester/penalties`) */
    penalties?: Array<"criminal" | "suspension" | "license_revoked">;
    /** 列入的名单 · Lists the requester is on (`/requester/lists`) */
    lists?: Array<"dishonest" | "tax_violation" | "serious_illegal">;
    /** 主要负责人受过刑事处罚 · Principal officer has a criminal record (`/requester/principalCriminal`) */
    principalCriminal?: boolean;
    /** 符合国家数据安全保护要求 · Meets the national data security requirements (`/requester/securityCompliant`) */
    securityCompliant?: boolean;
    /** 具备数据加工、运营所需的管理和技术服务能力 · Has the management and technical capacity to process and operate the data (`/requester/capable`) */
    capable?: boolean;
  };
  resource?: {
    /** 数据资源标识 · Resource id (`/resource/id`) */
    id?: string;
    /** 数据资源名称 · Resource name (`/resource/name`) */
    name?: string;
    /** 数据提供单位 · Providing body (`/resource/provider`) */
    provider?: string;
    /** 共享属性 · Sharing attribute (`/resource/sharing`) */
    sharing?: "unconditional" | "conditional" | "none";
    /** 开放属性 · Opening attribute (`/resource/opening`) */
    opening?: "unconditional" | "conditional" | "none";
    /** 已列入目录 · In the catalogue (`/resource/inCatalog`) */
    inCatalog?: boolean;
    /** 数据涉及 · The data involves (`/resource/flags`) */
    flags?: Array<"state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info" | "security_risk" | "ip_restricted" | "law_prohibits">;
    /** 已作的处理 · Treatments applied (`/resource/treatments`) */
    treatments?: Array<"desensitized" | "consent" | "public_interest">;
    /** 经政务数据共享从其他地区或部门获得 · Obtained from another region or department by government data sharing (`/resource/obtainedBySharing`) */
    obtainedBySharing?: boolean;
    /** 共享数据提供单位同意用于授权运营 · The providing unit consents to its operation (`/resource/providerConsent`) */
    providerConsent?: boolean;
  };
  application?: {
    /** 用途 · Purpose (`/application/purpose`) */
    purpose?: string;
    /** 应用场景 · Use scenario (`/application/scenario`) */
    scenario?: string;
    /** 场景类型 · Scenario type (`/application/scenarioType`) */
    scenarioType?: "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
    /** 需求依据 · Basis of the need (`/application/needBasis`) */
    needBasis?: string;
    /** 业务目标 · Business goal (`/application/businessGoal`) */
    businessGoal?: string;
    /** 安全保障措施 · Security measures (`/application/securityMeasures`) */
    securityMeasures?: string;
    /** 已作出承诺 · Commitment given (`/application/commitment`) */
    commitment?: boolean;
    /** 使用方式 · Mode of use (`/application/usageMode`) */
    usageMode?: "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
    /** 使用频率（每多少天一次） · Used once every N days (`/application/usageEveryDays`) */
    usageEveryDays?: number;
    /** 提供给第三方 · Passed to a third party (`/application/thirdPartyTransfer`) */
    thirdPartyTransfer?: boolean;
    /** 跨层级 · Across levels of government (`/application/crossLevel`) */
    crossLevel?: boolean;
    /** 跨区域 · Across regions (`/application/crossRegion`) */
    crossRegion?: boolean;
    /** 需求类型 · Type of need (`/application/needType`) */
    needType?: string;
    /** 数据内容 · Data content (`/application/dataContent`) */
    dataContent?: string;
    /** 使用的安全等级 · Security level of the use (`/application/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 跨部门数据融合 · Cross-department data fusion (`/application/fusion`) */
    fusion?: boolean;
    /** 融合方案 · Fusion plan (`/application/fusionPlan`) */
    fusionPlan?: string;
    /** 低频使用理由 · Reason for low-frequency use (`/application/lowFrequencyReason`) */
    lowFrequencyReason?: string;
    /** 重点工作已评估 · Key work evaluated (`/application/keyWorkEvaluated`) */
    keyWorkEvaluated?: boolean;
    /** 理由 · Reason (`/application/reason`) */
    reason?: string;
    /** 共享或开放条件 · Conditions (`/application/conditions`) */
    conditions?: string;
    /** 法律依据 · Legal basis (`/application/legalBasis`) */
    legalBasis?: string;
    /** 开放依据 · Ground for opening (`/application/openingGround`) */
    openingGround?: "consent" | "infrastructure_load" | "unassessed_benefit";
    /** 目录要素 · Catalogue elements (`/application/catalog`) */
    catalog?: {
      /** 目录名称 · Catalogue: name (`/application/catalog/name`) */
      name?: string;
      /** 目录开放主体 · Catalogue: opening body (`/application/catalog/openingSubject`) */
      openingSubject?: string;
      /** 目录格式 · Catalogue: format (`/application/catalog/format`) */
      format?: string;
      /** 目录数据类型 · Catalogue: data type (`/application/catalog/dataType`) */
      dataType?: string;
      /** 目录更新频率 · Catalogue: update frequency (`/application/catalog/updateFrequency`) */
      updateFrequency?: string;
      /** 目录来源 · Catalogue: source (`/application/catalog/source`) */
      source?: string;
      /** 目录分级 · Catalogue: grading level (`/application/catalog/gradingLevel`) */
      gradingLevel?: string;
      /** 目录覆盖范围 · Catalogue: coverage (`/application/catalog/coverage`) */
      coverage?: string;
      /** 目录管理单位 · Catalogue: managing body (`/application/catalog/managingBody`) */
      managingBody?: string;
      /** 目录描述 · Catalogue: description (`/application/catalog/description`) */
      description?: string;
    };
    /** 已归集 · Aggregated (`/application/aggregated`) */
    aggregated?: boolean;
    /** 不予归集的依据 · Basis for not aggregating (`/application/notAggregatedBasis`) */
    notAggregatedBasis?: string;
    /** 变更的属性 · Attribute changed (`/application/attribute`) */
    attribute?: "sharing" | "opening";
    /** 原属性 · From (`/application/from`) */
    from?: "unconditional" | "conditional" | "none";
    /** 新属性 · To (`/application/to`) */
    to?: "unconditional" | "conditional" | "none";
    /** 主管部门审核意见 · Authority's approval (`/application/authorityApproval`) */
    authorityApproval?: string;
    /** 已备案 · Filed (`/application/filed`) */
    filed?: boolean;
    /** 出于安全需要 · For a security need (`/application/securityNeed`) */
    securityNeed?: boolean;
    /** 主管部门提出 · Proposed by the authority (`/application/authorityProposal`) */
    authorityProposal?: boolean;
    /** 本人或本单位数据 · The requester's own data (`/application/ownData`) */
    ownData?: boolean;
    /** 已获数据主体授权 · Authorised by the data subject (`/application/subjectAuthorized`) */
    subjectAuthorized?: boolean;
    /** 申请复核 · Asks for a re-review (`/application/reReview`) */
    reReview?: boolean;
    /** 运营事项 · Operation step (`/application/action`) */
    action?: "apply_operator" | "sign_agreement" | "request_data" | "release_product" | "transfer_to_operator";
    /** 产品已审核 · Product approved (`/application/productApproved`) */
    productApproved?: boolean;
    /** 在授权范围内 · Within the authorised scope (`/application/withinScope`) */
    withinScope?: boolean;
    /** 协议起始日 · Agreement start (`/application/agreementStart`) */
    agreementStart?: string;
    /** 实施方案已按“三重一大”决策机制审议通过 · Implementation plan approved by the collective-decision procedure (`/application/planApproved`) */
    planApproved?: boolean;
    /** 实施方案有较大变更 · The plan changed substantially (`/application/planMajorChange`) */
    planMajorChange?: boolean;
    /** 变更后的实施方案已重新审议同意 · The changed plan was approved again (`/application/planReapproved`) */
    planReapproved?: boolean;
    /** 运营机构选择方式 · How the operator was chosen (`/application/selection`) */
    selection?: "open_tender" | "invited_tender" | "negotiation" | "direct";
    /** 授权运营期限（月） · Operating term (months) (`/application/termMonths`) */
    termMonths?: number;
    /** 运营期限超过5年的理由 · Why the term exceeds 5 years (`/application/termExceptionReason`) */
    termExceptionReason?: string;
    /** 授权运营协议包含的内容 · What the operation agreement holds (`/application/agreementClauses`) */
    agreementClauses?: Array<"data_scope" | "term" | "products" | "platform" | "asset_ownership" | "disclosure" | "accounting" | "security" | "evaluation" | "liability" | "disputes" | "change_termination">;
    /** 参与授权范围内已交付产品和服务的再开发 · Takes part in re-developing products already delivered under the authorisation (`/application/redevelopsDelivered`) */
    redevelopsDelivered?: boolean;
    /** 含未依法公开的原始公共数据 · Holds raw public data not lawfully published (`/application/rawUnpublished`) */
    rawUnpublished?: boolean;
    /** 登记类型 · Type of registration (`/application/registrationType`) */
    registrationType?: "first" | "change" | "correction" | "cancellation" | "renewal" | "objection";
    /** 已经业务审核 · Passed the internal business review (`/application/businessReviewed`) */
    businessReviewed?: boolean;
    /** 已对数据资源存证 · The data resource is preserved as evidence (存证) (`/application/preserved`) */
    preserved?: boolean;
    /** 登记申请材料 · Registration materials (`/application/registrationMaterials`) */
    registrationMaterials?: Array<"subject_info" | "legal_source" | "resource_info" | "preservation_info" | "products_info" | "scenario_info" | "risk_assessment">;
    /** 提供数据资源或交付产品和服务的日期 · Date the data was provided or the product delivered (`/application/delivered`) */
    delivered?: string;
    /** 登记主体书面同意更正 · The registrant consents in writing (`/application/subjectConsent`) */
    subjectConsent?: boolean;
    /** 证据材料 · Evidence (`/application/evidence`) */
    evidence?: string;
    /** 注销事由 · Ground for cancellation (`/application/cancellationGround`) */
    cancellationGround?: "lost" | "rights_ended" | "subject_ended" | "law";
    /** 登记结果有效期届满日 · Last day the registration is valid (`/application/expires`) */
    expires?: string;
  };
}

/** A request to the `yongzhou` pack (generated from its pack.json files). */
export interface YongzhouRequest {
  jurisdiction: "yongzhou";
  /** classify 目录分类; reclassify 变更共享或开放属性; share 共享申请; open 开放申请; operate 授权运营; register 公共数据资源登记 */
  kind: "classify" | "reclassify" | "share" | "open" | "operate" | "register";
  /** The day the request is submitted, `YYYY-MM-DD`; omitted means today (China time). */
  date?: string;
  requester?: {
    /** 申请方标识 · Requester id (`/requester/id`) */
    id?: string;
    /** 单位类型 · Requester type (`/requester/type`) */
    type?: "department" | "public_service_org" | "citizen" | "legal_person" | "other_org" | "operator";
    /** 申请方名称 · Requester name (`/requester/name`) */
    name?: string;
    /** 证件号码（公民身份号码或统一社会信用代码） · ID number (citizen ID or unified social credit code) (`/requester/idNumber`) */
    idNumber?: string;
    /** 用户等级 · User rating (`/requester/rating`) */
    rating?: "A" | "AA" | "AAA";
    /** 安全保护等级 · Security protection level (`/requester/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 列入失信名单 · On a dishonesty list (`/requester/dishonest`) */
    dishonest?: boolean;
    /** 提交的材料 · Materials submitted (`/requester/materials`) */
    materials?: Array<"application_form" | "need_list" | "security_certificate" | "credit_report" | "security_commitment">;
    /** 受过的处罚 · Penalties received (`/requester/penalties`) */
    penalties?: Array<"criminal" | "suspension" | "license_revoked">;
    /** 列入的名单 · Lists the requester is on (`/requester/lists`) */
    lists?: Array<"dishonest" | "tax_violation" | "serious_illegal">;
    /** 主要负责人受过刑事处罚 · Principal officer has a criminal record (`/requester/principalCriminal`) */
    principalCriminal?: boolean;
    /** 符合国家数据安全保护要求 · Meets the national data security requirements (`/requester/securityCompliant`) */
    securityCompliant?: boolean;
    /** 具备数据加工、运营所需的管理和技术服务能力 · Has the management and technical capacity to process and operate the data (`/requester/capable`) */
    capable?: boolean;
  };
  resource?: {
    /** 数据资源标识 · Resource id (`/resource/id`) */
    id?: string;
    /** 数据资源名称 · Resource name (`/resource/name`) */
    name?: string;
    /** 数据提供单位 · Providing body (`/resource/provider`) */
    provider?: string;
    /** 共享属性 · Sharing attribute (`/resource/sharing`) */
    sharing?: "unconditional" | "conditional" | "none";
    /** 开放属性 · Opening attribute (`/resource/opening`) */
    opening?: "unconditional" | "conditional" | "none";
    /** 已列入目录 · In the catalogue (`/resource/inCatalog`) */
    inCatalog?: boolean;
    /** 数据涉及 · The data involves (`/resource/flags`) */
    flags?: Array<"state_secret" | "work_secret" | "commercial_secret" | "personal_privacy" | "personal_info" | "security_risk" | "ip_restricted" | "law_prohibits">;
    /** 已作的处理 · Treatments applied (`/resource/treatments`) */
    treatments?: Array<"desensitized" | "consent" | "public_interest">;
    /** 经政务数据共享从其他地区或部门获得 · Obtained from another region or department by government data sharing (`/resource/obtainedBySharing`) */
    obtainedBySharing?: boolean;
    /** 共享数据提供单位同意用于授权运营 · The providing unit consents to its operation (`/resource/providerConsent`) */
    providerConsent?: boolean;
  };
  application?: {
    /** 用途 · Purpose (`/application/purpose`) */
    purpose?: string;
    /** 应用场景 · Use scenario (`/application/scenario`) */
    scenario?: string;
    /** 场景类型 · Scenario type (`/application/scenarioType`) */
    scenarioType?: "one_network_service" | "one_network_governance" | "standardized" | "key_work" | "big_system" | "other";
    /** 需求依据 · Basis of the need (`/application/needBasis`) */
    needBasis?: string;
    /** 业务目标 · Business goal (`/application/businessGoal`) */
    businessGoal?: string;
    /** 安全保障措施 · Security measures (`/application/securityMeasures`) */
    securityMeasures?: string;
    /** 已作出承诺 · Commitment given (`/application/commitment`) */
    commitment?: boolean;
    /** 使用方式 · Mode of use (`/application/usageMode`) */
    usageMode?: "api" | "download" | "batch_compare" | "authorized_access" | "desensitized_only" | "model" | "blockchain";
    /** 使用频率（每多少天一次） · Used once every N days (`/application/usageEveryDays`) */
    usageEveryDays?: number;
    /** 提供给第三方 · Passed to a third party (`/application/thirdPartyTransfer`) */
    thirdPartyTransfer?: boolean;
    /** 跨层级 · Across levels of government (`/application/crossLevel`) */
    crossLevel?: boolean;
    /** 跨区域 · Across regions (`/application/crossRegion`) */
    crossRegion?: boolean;
    /** 需求类型 · Type of need (`/application/needType`) */
    needType?: string;
    /** 数据内容 · Data content (`/application/dataContent`) */
    dataContent?: string;
    /** 使用的安全等级 · Security level of the use (`/application/securityLevel`) */
    securityLevel?: 1 | 2 | 3 | 4 | 5;
    /** 跨部门数据融合 · Cross-department data fusion (`/application/fusion`) */
    fusion?: boolean;
    /** 融合方案 · Fusion plan (`/application/fusionPlan`) */
    fusionPlan?: string;
    /** 低频使用理由 · Reason for low-frequency use (`/application/lowFrequencyReason`) */
    lowFrequencyReason?: string;
    /** 重点工作已评估 · Key work evaluated (`/application/keyWorkEvaluated`) */
    keyWorkEvaluated?: boolean;
    /** 理由 · Reason (`/application/reason`) */
    reason?: string;
    /** 共享或开放条件 · Conditions (`/application/conditions`) */
    conditions?: string;
    /** 法律依据 · Legal basis (`/application/legalBasis`) */
    legalBasis?: string;
    /** 开放依据 · Ground for opening (`/application/openingGround`) */
    openingGround?: "consent" | "infrastructure_load" | "unassessed_benefit";
    /** 目录要素 · Catalogue elements (`/application/catalog`) */
    catalog?: {
      /** 目录名称 · Catalogue: name (`/application/catalog/name`) */
      name?: string;
      /** 目录开放主体 · Catalogue: opening body (`/application/catalog/openingSubject`) */
      openingSubject?: string;
      /** 目录格式 · Catalogue: format (`/application/catalog/format`) */
      format?: string;
      /** 目录数据类型 · Catalogue: data type (`/application/catalog/dataType`) */
      dataType?: string;
      /** 目录更新频率 · Catalogue: update frequency (`/application/catalog/updateFrequency`) */
      updateFrequency?: string;
      /** 目录来源 · Catalogue: source (`/application/catalog/source`) */
      source?: string;
      /** 目录分级 · Catalogue: grading level (`/application/catalog/gradingLevel`) */
      gradingLevel?: string;
      /** 目录覆盖范围 · Catalogue: coverage (`/application/catalog/coverage`) */
      coverage?: string;
      /** 目录管理单位 · Catalogue: managing body (`/application/catalog/managingBody`) */
      managingBody?: string;
      /** 目录描述 · Catalogue: description (`/application/catalog/description`) */
      description?: string;
    };
    /** 已归集 · Aggregated (`/application/aggregated`) */
    aggregated?: boolean;
    /** 不予归集的依据 · Basis for not aggregating (`/application/notAggregatedBasis`) */
    notAggregatedBasis?: string;
    /** 变更的属性 · Attribute changed (`/application/attribute`) */
    attribute?: "sharing" | "opening";
    /** 原属性 · From (`/application/from`) */
    from?: "unconditional" | "conditional" | "none";
    /** 新属性 · To (`/application/to`) */
    to?: "unconditional" | "conditional" | "none";
    /** 主管部门审核意见 · Authority's approval (`/application/authorityApproval`) */
    authorityApproval?: string;
    /** 已备案 · Filed (`/application/filed`) */
    filed?: boolean;
    /** 出于安全需要 · For a security need (`/application/securityNeed`) */
    securityNeed?: boolean;
    /** 主管部门提出 · Proposed by the authority (`/application/authorityProposal`) */
    authorityProposal?: boolean;
    /** 本人或本单位数据 · The requester's own data (`/application/ownData`) */
    ownData?: boolean;
    /** 已获数据主体授权 · Authorised by the data subject (`/application/subjectAuthorized`) */
    subjectAuthorized?: boolean;
    /** 申请复核 · Asks for a re-review (`/application/reReview`) */
    reReview?: boolean;
    /** 运营事项 · Operation step (`/application/action`) */
    action?: "apply_operator" | "sign_agreement" | "request_data" | "release_product" | "transfer_to_operator";
    /** 产品已审核 · Product approved (`/application/productApproved`) */
    productApproved?: boolean;
    /** 在授权范围内 · Within the authorised scope (`/application/withinScope`) */
    withinScope?: boolean;
    /** 协议起始日 · Agreement start (`/application/agreementStart`) */
    agreementStart?: string;
    /** 实施方案已按“三重一大”决策机制审议通过 · Implementation plan approved by the collective-decision procedure (`/application/planApproved`) */
    planApproved?: boolean;
    /** 实施方案有较大变更 · The plan changed substantially (`/application/planMajorChange`) */
    planMajorChange?: boolean;
    /** 变更后的实施方案已重新审议同意 · The changed plan was approved again (`/application/planReapproved`) */
    planReapproved?: boolean;
    /** 运营机构选择方式 · How the operator was chosen (`/application/selection`) */
    selection?: "open_tender" | "invited_tender" | "negotiation" | "direct";
    /** 授权运营期限（月） · Operating term (months) (`/application/termMonths`) */
    termMonths?: number;
    /** 运营期限超过5年的理由 · Why the term exceeds 5 years (`/application/termExceptionReason`) */
    termExceptionReason?: string;
    /** 授权运营协议包含的内容 · What the operation agreement holds (`/application/agreementClauses`) */
    agreementClauses?: Array<"data_scope" | "term" | "products" | "platform" | "asset_ownership" | "disclosure" | "accounting" | "security" | "evaluation" | "liability" | "disputes" | "change_termination">;
    /** 参与授权范围内已交付产品和服务的再开发 · Takes part in re-developing products already delivered under the authorisation (`/application/redevelopsDelivered`) */
    redevelopsDelivered?: boolean;
    /** 含未依法公开的原始公共数据 · Holds raw public data not lawfully published (`/application/rawUnpublished`) */
    rawUnpublished?: boolean;
    /** 登记类型 · Type of registration (`/application/registrationType`) */
    registrationType?: "first" | "change" | "correction" | "cancellation" | "renewal" | "objection";
    /** 已经业务审核 · Passed the internal business review (`/application/businessReviewed`) */
    businessReviewed?: boolean;
    /** 已对数据资源存证 · The data resource is preserved as evidence (存证) (`/application/preserved`) */
    preserved?: boolean;
    /** 登记申请材料 · Registration materials (`/application/registrationMaterials`) */
    registrationMaterials?: Array<"subject_info" | "legal_source" | "resource_info" | "preservation_info" | "products_info" | "scenario_info" | "risk_assessment">;
    /** 提供数据资源或交付产品和服务的日期 · Date the data was provided or the product delivered (`/application/delivered`) */
    delivered?: string;
    /** 登记主体书面同意更正 · The registrant consents in writing (`/application/subjectConsent`) */
    subjectConsent?: boolean;
    /** 证据材料 · Evidence (`/application/evidence`) */
    evidence?: string;
    /** 注销事由 · Ground for cancellation (`/application/cancellationGround`) */
    cancellationGround?: "lost" | "rights_ended" | "subject_ended" | "law";
    /** 登记结果有效期届满日 · Last day the registration is valid (`/application/expires`) */
    expires?: string;
  };
}

/** The id of a built-in pack: a request's `jurisdiction`. */
export type JurisdictionId = "ganzi" | "lishui" | "putuo" | "suining" | "yongzhou";
/** A request to a built-in pack. Unknown fields are rejected. */
export type Request = GanziRequest | LishuiRequest | PutuoRequest | SuiningRequest | YongzhouRequest;
/** What a request asks for. */
export type Kind = Request["kind"];
