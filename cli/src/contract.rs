//! The request contract as data, derived from the `Request` type itself so that it
//! follows every field the core adds: a request with every field present, the JSON
//! Pointers it has, and how the Cedar attributes the policies read map back to them.

use std::collections::BTreeSet;

use serde_json::Value;

/// A request with every optional field given, every list holding one item and every
/// boolean `true`, as JSON (traced by the core, whose comparisons fill requests from it).
pub fn populated() -> Result<Value, String> {
    pubdata_policy::impact::populated_request().map_err(|e| e.to_string())
}

/// Every JSON Pointer to a field of the contract (objects' keys, at any depth).
pub fn pointers(populated: &Value) -> BTreeSet<String> {
    fn walk(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
        if let Value::Object(map) = value {
            for (key, v) in map {
                let here = format!("{prefix}/{}", key.replace('~', "~0").replace('/', "~1"));
                walk(&here, v, out);
                out.insert(here);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk("", populated, &mut out);
    out
}

/// The request field a Cedar attribute path comes from, following the engine's
/// translation (README, "How it decides"): principal = requester, resource = resource,
/// context = application plus the request `date`; `principal.idValid` and `idProblem` are derived from
/// `idNumber` and `context.<date>Months` / `<date>Days` from that date field.
pub fn field_of(cedar_path: &str, fields: &BTreeSet<String>) -> Option<String> {
    let (var, rest) = cedar_path.split_once('.')?;
    let rest = rest.replace('.', "/");
    let direct = match var {
        "principal" if rest == "idValid" || rest == "idProblem" => return Some("/requester/idNumber".into()),
        "principal" => format!("/requester/{rest}"),
        "resource" => format!("/resource/{rest}"),
        "context" if rest == "date" => return Some("/date".into()),
        "context" => format!("/application/{rest}"),
        _ => return None,
    };
    if fields.contains(&direct) {
        return Some(direct);
    }
    ["Months", "Days"]
        .iter()
        .find_map(|suffix| direct.strip_suffix(suffix).filter(|f| fields.contains(*f)).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointers_reach_every_level_of_the_request() {
        let value = populated().unwrap();
        let fields = pointers(&value);
        for f in
            ["/kind", "/date", "/requester/type", "/requester/idNumber", "/resource/flags", "/application/scenario"]
        {
            assert!(fields.contains(f), "{f} missing from {fields:?}");
        }
        assert!(fields.contains("/application/catalog/gradingLevel"));
        assert!(!fields.contains("/application/scenarios"));
    }

    #[test]
    fn cedar_attributes_map_back_to_request_fields() {
        let fields = pointers(&populated().unwrap());
        let f = |p: &str| field_of(p, &fields);
        assert_eq!(f("principal.type").as_deref(), Some("/requester/type"));
        assert_eq!(f("principal.idValid").as_deref(), Some("/requester/idNumber"));
        assert_eq!(f("context.date").as_deref(), Some("/date"));
        assert_eq!(f("context.agreementStartMonths").as_deref(), Some("/application/agreementStart"));
        assert_eq!(f("context.usageEveryDays").as_deref(), Some("/application/usageEveryDays"));
        assert_eq!(f("context.catalog.name").as_deref(), Some("/application/catalog/name"));
        assert_eq!(f("context.nothing"), None);
    }
}
