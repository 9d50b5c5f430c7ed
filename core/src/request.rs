//! The request of the contract (`shared/CONTRACT.md`): what a form or a service sends.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::{json_reader, limits, strict_date};

/// A request to decide, exactly as the JSON contract names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    /// Whose regulations decide the request.
    pub jurisdiction: Jurisdiction,
    /// What is asked: classify, reclassify, share, open or operate.
    pub kind: Kind,
    /// The day the request is submitted; deadlines count from it. Omitted means today (China time).
    #[serde(default, deserialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who asks.
    #[serde(default)]
    pub requester: Requester,
    /// The data asked about.
    #[serde(default)]
    pub resource: Resource,
    /// What is asked, with the kind's own fields.
    #[serde(default)]
    pub application: Application,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[doc = concat!("`", $text, "`")] #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as the contract spells it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// The five jurisdictions whose regulations the library encodes.
    Jurisdiction { Ganzi = "ganzi", Yongzhou = "yongzhou", Lishui = "lishui", Suining = "suining", Putuo = "putuo" }
);

impl std::str::FromStr for Jurisdiction {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Jurisdiction::ALL.iter().copied().find(|j| j.as_str() == s).ok_or_else(|| Error::InvalidRequest {
            field: "/jurisdiction".into(),
            message: format!(
                "unknown jurisdiction `{s}`, expected one of {}",
                Jurisdiction::ALL.iter().map(|j| format!("`{j}`")).collect::<Vec<_>>().join(", ")
            ),
        })
    }
}

string_enum!(
    /// What the request asks for.
    Kind { Classify = "classify", Reclassify = "reclassify", Share = "share", Open = "open", Operate = "operate" }
);
string_enum!(
    /// Who the requester is (`requester.type`).
    RequesterType {
    Department = "department",
    PublicServiceOrg = "public_service_org",
    Citizen = "citizen",
    LegalPerson = "legal_person",
    OtherOrg = "other_org",
    Operator = "operator",
});
string_enum!(
    /// A requester's open-data rating (丽水 第十条).
    Rating { A = "A", AA = "AA", AAA = "AAA" });
string_enum!(
    /// A material the requester submitted (`requester.materials`).
    Material {
    ApplicationForm = "application_form",
    NeedList = "need_list",
    SecurityCertificate = "security_certificate",
    CreditReport = "credit_report",
    SecurityCommitment = "security_commitment",
});
string_enum!(
    /// A penalty the operator received (`requester.penalties`).
    Penalty { Criminal = "criminal", Suspension = "suspension", LicenseRevoked = "license_revoked" });
string_enum!(
    /// A list the operator is on (`requester.lists`).
    ListEntry { Dishonest = "dishonest", TaxViolation = "tax_violation", SeriousIllegal = "serious_illegal" });
string_enum!(
    /// A sharing or an opening attribute.
    Attribute { Unconditional = "unconditional", Conditional = "conditional", None = "none" }
);
string_enum!(
    /// A sensitivity flag of a data resource (`resource.flags`).
    Flag {
    StateSecret = "state_secret",
    WorkSecret = "work_secret",
    CommercialSecret = "commercial_secret",
    PersonalPrivacy = "personal_privacy",
    PersonalInfo = "personal_info",
    SecurityRisk = "security_risk",
    IpRestricted = "ip_restricted",
    LawProhibits = "law_prohibits",
});
string_enum!(
    /// What was done to the data or who agreed (`resource.treatments`).
    Treatment { Desensitized = "desensitized", Consent = "consent", PublicInterest = "public_interest" });
string_enum!(
    /// How the data is used or delivered (`application.usageMode`).
    UsageMode {
    Api = "api",
    Download = "download",
    BatchCompare = "batch_compare",
    AuthorizedAccess = "authorized_access",
    DesensitizedOnly = "desensitized_only",
    Model = "model",
    Blockchain = "blockchain",
});
string_enum!(
    /// The kind of scenario of a 普陀 share (`application.scenarioType`).
    ScenarioType {
    OneNetworkService = "one_network_service",
    OneNetworkGovernance = "one_network_governance",
    Standardized = "standardized",
    KeyWork = "key_work",
    BigSystem = "big_system",
    Other = "other",
});
string_enum!(
    /// The ground for conditional opening (`application.openingGround`).
    OpeningGround { Consent = "consent", InfrastructureLoad = "infrastructure_load", UnassessedBenefit = "unassessed_benefit" });
string_enum!(
    /// Which attribute a reclassification changes (`application.attribute`).
    AttributeName { Sharing = "sharing", Opening = "opening" });
string_enum!(
    /// What an operator asks to do (`application.action`).
    OperateAction {
    ApplyOperator = "apply_operator",
    RequestData = "request_data",
    ReleaseProduct = "release_product",
    TransferToOperator = "transfer_to_operator",
});

/// A 1–5 level (等保 level of a system, or the security level of a use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Level(u8);

impl Level {
    /// The level as a number from 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Level {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        match u8::try_from(n) {
            Ok(v @ 1..=5) => Ok(Level(v)),
            _ => Err(format!("level `{n}` is out of range, expected a whole number from 1 to 5")),
        }
    }
}

impl From<Level> for i64 {
    fn from(l: Level) -> i64 {
        i64::from(l.0)
    }
}

/// Who asks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requester {
    /// The requester's own identifier (an ID the caller assigns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What kind of body or person asks (`type`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub requester_type: Option<RequesterType>,
    /// The requester's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Citizen ID (GB 11643) for a citizen, unified social credit code (GB 32100) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// The open-data rating (丽水: `A`, `AA`, `AAA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// The 等保 level of the requester's system, 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<Level>,
    /// On a dishonesty list (失信被执行人、经营异常、严重违法).
    #[serde(default)]
    pub dishonest: bool,
    /// The materials submitted with an opening application.
    #[serde(default)]
    pub materials: Vec<Material>,
    /// Penalties an operator received.
    #[serde(default)]
    pub penalties: Vec<Penalty>,
    /// Lists an operator is on.
    #[serde(default)]
    pub lists: Vec<ListEntry>,
    /// The operator's responsible person was criminally punished.
    #[serde(default)]
    pub principal_criminal: bool,
}

/// The data asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    /// The resource's identifier in the catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The data's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The unit that provides the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The sharing attribute (共享属性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharing: Option<Attribute>,
    /// The opening attribute (开放属性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Attribute>,
    /// Whether the data is in the catalogue; `true` unless given.
    #[serde(default = "yes")]
    pub in_catalog: bool,
    /// Sensitivity flags: secrets, privacy, risks, prohibitions.
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// What was done to the data or who agreed: desensitised, consent, public interest.
    #[serde(default)]
    pub treatments: Vec<Treatment>,
}

impl Default for Resource {
    fn default() -> Self {
        Resource {
            id: None,
            name: None,
            provider: None,
            sharing: None,
            opening: None,
            in_catalog: true,
            flags: Vec::new(),
            treatments: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

/// Catalogue elements of a classification (浙江 art. 10, 普陀 art. 11).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    /// The data's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The body that opens the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_subject: Option<String>,
    /// The data format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The type of data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    /// How often the data is updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_frequency: Option<String>,
    /// Where the data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The classification and grading attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grading_level: Option<String>,
    /// What the data covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<String>,
    /// The body that manages the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managing_body: Option<String>,
    /// A description of the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What is asked, with the fields of every kind (each kind reads its own).
/// Booleans default to `false` (nothing declared); `aggregated` and `withinScope`
/// stay absent when not declared, since their absence is not a "no".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Application {
    /// What the data is for: the requester's duty, a public service, innovation and so on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The use scenario (应用场景).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The kind of scenario (普陀 第十九条).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_type: Option<ScenarioType>,
    /// The basis of the need (需求依据).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_basis: Option<String>,
    /// The business goal (业务目标).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_goal: Option<String>,
    /// The security measures (安全保障措施).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_measures: Option<String>,
    /// The requester commits that the application is true, safe and compliant.
    #[serde(default)]
    pub commitment: bool,
    /// How the data will be used or delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_mode: Option<UsageMode>,
    /// How often the data will be used, in days between uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_every_days: Option<u32>,
    /// The data would be passed on to a third party.
    #[serde(default)]
    pub third_party_transfer: bool,
    /// The data is held at another level of government.
    #[serde(default)]
    pub cross_level: bool,
    /// The data is held in another region.
    #[serde(default)]
    pub cross_region: bool,
    /// The type of need (需求类型).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_type: Option<String>,
    /// Which data items are needed (数据内容).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_content: Option<String>,
    /// The security level of the data's use, 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<Level>,
    /// The application asks for cross-department data fusion (跨部门数据融合); optional, `false` unless given.
    #[serde(default)]
    pub fusion: bool,
    /// The fusion-governance plan of a cross-department fusion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fusion_plan: Option<String>,
    /// Why the data is used less often than every 3 months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_frequency_reason: Option<String>,
    /// The big data centre evaluated a key-work scenario.
    #[serde(default)]
    pub key_work_evaluated: bool,
    // classify
    /// The reason for a classification or a change of attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The sharing conditions of conditionally shared data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    /// The law, regulation or provision the classification rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The ground for conditional opening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_ground: Option<OpeningGround>,
    /// The catalogue elements of the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Catalog>,
    /// Whether the data is aggregated (归集); absent when not declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregated: Option<bool>,
    /// The legal basis for not aggregating the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_aggregated_basis: Option<String>,
    // reclassify
    /// Which attribute a reclassification changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<AttributeName>,
    /// The attribute's value before the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Attribute>,
    /// The attribute's value after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Attribute>,
    /// The reference of the data authority's approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_approval: Option<String>,
    /// The change was filed (备案) with the authority.
    #[serde(default)]
    pub filed: bool,
    /// The change is made for security-management needs.
    #[serde(default)]
    pub security_need: bool,
    /// The authority proposed the change and the data's subject disagrees.
    #[serde(default)]
    pub authority_proposal: bool,
    // open
    /// The requester asks for its own data.
    #[serde(default)]
    pub own_data: bool,
    /// The data's subject (person or enterprise) authorised the use.
    #[serde(default)]
    pub subject_authorized: bool,
    /// The applicant asks for a re-review (复核) of a need already reviewed; optional,
    /// `false` unless given.
    #[serde(default)]
    pub re_review: bool,
    // operate
    /// What an operator asks to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OperateAction>,
    /// The data product was approved before release.
    #[serde(default)]
    pub product_approved: bool,
    /// The use stays within the authorised scope; absent when not declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_scope: Option<bool>,
    /// The day the operation agreement started.
    #[serde(default, deserialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub agreement_start: Option<NaiveDate>,
}

/// A date exactly as `YYYY-MM-DD`, that exists, in the range the engine accepts.
fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let text = String::deserialize(d)?;
    strict_date::parse(&text).map(Some).map_err(serde::de::Error::custom)
}

impl Request {
    /// Reads a request from JSON text. An unreadable request is an [`Error::InvalidRequest`]
    /// that names the field (a JSON Pointer), the value and what was expected.
    pub fn from_json(text: &str) -> Result<Request, Error> {
        limits::check_text(text)?;
        let value = json_reader::parse(text).map_err(|e| Error::invalid(e.pointer, e.message))?;
        Request::from_value(value)
    }

    /// Reads a request from an already parsed JSON value (the WebAssembly binding's path).
    pub fn from_value(value: serde_json::Value) -> Result<Request, Error> {
        limits::check_value(&value)?;
        if !value.is_object() {
            return Err(Error::invalid("", "the request must be a JSON object"));
        }
        let long = limits::has_long_string(&value);
        let request: Request = serde_path_to_error::deserialize(value).map_err(Error::from_path_error)?;
        if long {
            // Names the first such field in the request's own order.
            limits::check_strings(&request)?;
        }
        Ok(request)
    }
}
