//! The request of the contract (`shared/CONTRACT.md`): what a form or a service sends.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::{json_reader, limits, strict_date};

/// A request to decide, exactly as the JSON contract names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    pub jurisdiction: Jurisdiction,
    pub kind: Kind,
    /// The day the request is submitted; deadlines count from it. Omitted means today (China time).
    #[serde(default, deserialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub requester: Requester,
    #[serde(default)]
    pub resource: Resource,
    #[serde(default)]
    pub application: Application,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

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
string_enum!(RequesterType {
    Department = "department",
    PublicServiceOrg = "public_service_org",
    Citizen = "citizen",
    LegalPerson = "legal_person",
    OtherOrg = "other_org",
    Operator = "operator",
});
string_enum!(Rating { A = "A", AA = "AA", AAA = "AAA" });
string_enum!(Material {
    ApplicationForm = "application_form",
    NeedList = "need_list",
    SecurityCertificate = "security_certificate",
    CreditReport = "credit_report",
    SecurityCommitment = "security_commitment",
});
string_enum!(Penalty { Criminal = "criminal", Suspension = "suspension", LicenseRevoked = "license_revoked" });
string_enum!(ListEntry { Dishonest = "dishonest", TaxViolation = "tax_violation", SeriousIllegal = "serious_illegal" });
string_enum!(
    /// A sharing or an opening attribute.
    Attribute { Unconditional = "unconditional", Conditional = "conditional", None = "none" }
);
string_enum!(Flag {
    StateSecret = "state_secret",
    WorkSecret = "work_secret",
    CommercialSecret = "commercial_secret",
    PersonalPrivacy = "personal_privacy",
    PersonalInfo = "personal_info",
    SecurityRisk = "security_risk",
    IpRestricted = "ip_restricted",
    LawProhibits = "law_prohibits",
});
string_enum!(Treatment { Desensitized = "desensitized", Consent = "consent", PublicInterest = "public_interest" });
string_enum!(UsageMode {
    Api = "api",
    Download = "download",
    BatchCompare = "batch_compare",
    AuthorizedAccess = "authorized_access",
    DesensitizedOnly = "desensitized_only",
    Model = "model",
    Blockchain = "blockchain",
});
string_enum!(ScenarioType {
    OneNetworkService = "one_network_service",
    OneNetworkGovernance = "one_network_governance",
    Standardized = "standardized",
    KeyWork = "key_work",
    BigSystem = "big_system",
    Other = "other",
});
string_enum!(OpeningGround { Consent = "consent", InfrastructureLoad = "infrastructure_load", UnassessedBenefit = "unassessed_benefit" });
string_enum!(AttributeName { Sharing = "sharing", Opening = "opening" });
string_enum!(OperateAction {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub requester_type: Option<RequesterType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Citizen ID (GB 11643) for a citizen, unified social credit code (GB 32100) otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<Level>,
    #[serde(default)]
    pub dishonest: bool,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub penalties: Vec<Penalty>,
    #[serde(default)]
    pub lists: Vec<ListEntry>,
    #[serde(default)]
    pub principal_criminal: bool,
}

/// The data asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharing: Option<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Attribute>,
    #[serde(default = "yes")]
    pub in_catalog: bool,
    #[serde(default)]
    pub flags: Vec<Flag>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_frequency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grading_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managing_body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What is asked, with the fields of every kind (each kind reads its own).
/// Booleans default to `false` (nothing declared); `aggregated` and `withinScope`
/// stay absent when not declared, since their absence is not a "no".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Application {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_type: Option<ScenarioType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_measures: Option<String>,
    #[serde(default)]
    pub commitment: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_mode: Option<UsageMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_every_days: Option<u32>,
    #[serde(default)]
    pub third_party_transfer: bool,
    #[serde(default)]
    pub cross_level: bool,
    #[serde(default)]
    pub cross_region: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<Level>,
    /// The application asks for cross-department data fusion (跨部门数据融合); optional, `false` unless given.
    #[serde(default)]
    pub fusion: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fusion_plan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_frequency_reason: Option<String>,
    #[serde(default)]
    pub key_work_evaluated: bool,
    // classify
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_ground: Option<OpeningGround>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Catalog>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregated: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_aggregated_basis: Option<String>,
    // reclassify
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<AttributeName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_approval: Option<String>,
    #[serde(default)]
    pub filed: bool,
    #[serde(default)]
    pub security_need: bool,
    #[serde(default)]
    pub authority_proposal: bool,
    // open
    #[serde(default)]
    pub own_data: bool,
    #[serde(default)]
    pub subject_authorized: bool,
    /// The applicant asks for a re-review (复核) of a need already reviewed; optional,
    /// `false` unless given.
    #[serde(default)]
    pub re_review: bool,
    // operate
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<OperateAction>,
    #[serde(default)]
    pub product_approved: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_scope: Option<bool>,
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
