//! A solver's counterexample — a Cedar request and its entities — read back into the
//! request JSON the engine takes: the inverse of the core's `cedar_input` (each attribute
//! of the principal, the resource and the context is the field of the same name; a text
//! entity id is the entity's id; `context.date` is the request's date). Derived values
//! are left out: the engine computes them again from their fields.

use cedar_policy::{EntityUid, EvalResult};
use pubdata_policy::{FieldType, Vocabulary, SECTIONS};
use serde_json::{Map, Value};

/// The request of `jurisdiction` and `kind` the counterexample stands for.
pub fn request(
    jurisdiction: &str,
    kind: &str,
    vocabulary: &Vocabulary,
    env: &cedar_policy_symcc::Env,
) -> Result<Value, String> {
    let mut out = Map::new();
    out.insert("jurisdiction".into(), jurisdiction.into());
    out.insert("kind".into(), kind.into());
    let context = env.request.context().ok_or("the counterexample has no context")?;
    let date = context.get("date").ok_or("the counterexample has no context.date")?;
    out.insert("date".into(), date_of(&date).ok_or_else(|| format!("context.date is {date}, not a day"))?.into());
    let entity = |uid: Option<&EntityUid>, what: &str| -> Result<(EntityUid, Vec<(String, EvalResult)>), String> {
        let uid = uid.ok_or_else(|| format!("the counterexample has no {what}"))?.clone();
        let attrs = match env.entities.get(&uid) {
            Some(e) => e.attrs().filter_map(|(k, v)| Some((k.to_owned(), v.ok()?))).collect(),
            None => Vec::new(),
        };
        Ok((uid, attrs))
    };
    let principal = entity(env.request.principal(), "principal")?;
    let resource = entity(env.request.resource(), "resource")?;
    for (i, section) in SECTIONS.iter().enumerate() {
        let fields = vocabulary.section(i);
        let mut object = Map::new();
        let (uid, attrs): (Option<&EntityUid>, Vec<(String, EvalResult)>) = match section.cedar {
            "principal" => (Some(&principal.0), principal.1.clone()),
            "resource" => (Some(&resource.0), resource.1.clone()),
            _ => (None, fields.iter().filter_map(|f| Some((f.name.clone(), context.get(&f.name)?))).collect()),
        };
        for field in fields {
            if field.spec.entity_id {
                let id = uid.map(|u| u.id().unescaped().to_owned()).unwrap_or_default();
                if !pubdata_policy::text::is_blank(&id) {
                    object.insert(field.name.clone(), id.into());
                }
                continue;
            }
            let Some((_, value)) = attrs.iter().find(|(k, _)| *k == field.name) else { continue };
            if let Some(v) = json_of(field, value) {
                object.insert(field.name.clone(), v);
            }
        }
        if !object.is_empty() {
            out.insert(section.key.into(), Value::Object(object));
        }
    }
    Ok(Value::Object(out))
}

/// A field's JSON value from its Cedar value; `None` for one the field cannot hold.
fn json_of(field: &pubdata_policy::Field, value: &EvalResult) -> Option<Value> {
    match (field.spec.field_type, value) {
        (FieldType::Text | FieldType::Enum, EvalResult::String(s)) => Some(s.clone().into()),
        (FieldType::Bool, EvalResult::Bool(b)) => Some((*b).into()),
        (FieldType::Long, EvalResult::Long(n)) => Some((*n).into()),
        (FieldType::Date, v) => date_of(v).map(Value::from),
        (FieldType::Set, EvalResult::Set(items)) => {
            let mut texts: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    EvalResult::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            texts.sort();
            Some(texts.into())
        }
        (FieldType::Record, EvalResult::Record(record)) => {
            let mut object = Map::new();
            for child in &field.children {
                if let Some(v) = record.get(&child.name).and_then(|v| json_of(child, v)) {
                    object.insert(child.name.clone(), v);
                }
            }
            Some(Value::Object(object))
        }
        _ => None,
    }
}

/// The day of a `datetime` value. Cedar writes one as `datetime("YYYY-MM-DD…")`, or, for a
/// value it did not parse from text (as a solver's), as the epoch offset by a duration:
/// `…datetime("1970-01-01")…offset(duration("<N>ms"))`. The request space keeps every
/// date at midnight, so the day is exact.
fn date_of(value: &EvalResult) -> Option<String> {
    let EvalResult::ExtensionValue(text) = value else { return None };
    let quoted = |after: &str| -> Option<&str> {
        let start = text.find(after)? + after.len();
        let rest = text.get(start..)?;
        rest.get(..rest.find('"')?)
    };
    let day = quoted("datetime(\"")?;
    let base = pubdata_policy::strict_date::parse(day.get(..10)?).ok()?;
    let millis: i64 = match quoted("duration(\"") {
        Some(d) => d.strip_suffix("ms")?.parse().ok()?,
        None => 0,
    };
    let date = base.checked_add_signed(chrono::TimeDelta::try_milliseconds(millis)?)?;
    pubdata_policy::strict_date::parse(&date.to_string()).ok().map(|d| d.to_string())
}
